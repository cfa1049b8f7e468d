from django.contrib import admin

from techbridge.marketplace.models import Profile, ProfileEvent


class ProfileEventInline(admin.TabularInline):
    model = ProfileEvent
    extra = 0
    readonly_fields = ("actor", "action", "from_status", "to_status", "comment", "created_at")


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("reference", "title", "kind", "status", "language", "organisation", "published_at")
    list_filter = ("kind", "status", "language", "is_demo")
    search_fields = ("reference", "title", "summary")
    autocomplete_fields = ("organisation", "technology_keywords", "market_keywords", "target_countries")
    inlines = [ProfileEventInline]
