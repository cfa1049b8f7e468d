from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from techbridge.accounts.models import ApiToken, User


@admin.register(User)
class TechBridgeUserAdmin(UserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "role", "organisation", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    fieldsets = (*UserAdmin.fieldsets, ("TechBridge", {"fields": ("role", "organisation", "language")}))
    autocomplete_fields = ("organisation",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "prefix", "created_at", "last_used_at")
    readonly_fields = ("digest", "prefix", "created_at", "last_used_at")
