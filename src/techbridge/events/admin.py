from django.contrib import admin

from techbridge.events.models import Event, Meeting, MeetingRequest, Registration


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "start_date", "venue", "schedule_status")
    search_fields = ("title", "venue")


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "event", "checked_in_at", "no_show")
    list_filter = ("event",)
    raw_id_fields = ("organisation", "user", "profiles")


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = ("requester", "recipient", "status", "event")
    list_filter = ("status", "event")
    raw_id_fields = ("requester", "recipient")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("request", "slot", "table", "status", "outcome", "handed_over")
    list_filter = ("status", "outcome", "handed_over", "event")
    raw_id_fields = ("request",)
