from django.contrib import admin

from techbridge.docking.models import Interest


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ("profile", "organisation", "status", "created_at", "decided_at")
    list_filter = ("status",)
    autocomplete_fields = ("profile", "organisation")
