from django.contrib import admin

from techbridge.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("kind", "state", "progress", "created_by", "created_at", "attempts", "worker")
    list_filter = ("state", "kind")
    search_fields = ("kind", "message", "error", "created_by__username")
    readonly_fields = [f.name for f in Job._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False  # jobs are submitted by the platform's services, never typed in
