from django.urls import path

from techbridge.events import views, views_organiser

urlpatterns = [
    path("events/", views.event_list, name="event-list"),
    path("events/new/", views_organiser.event_create, name="event-create"),
    path("events/<int:pk>/", views.event_detail, name="event-detail"),
    path("events/<int:pk>/edit/", views_organiser.event_edit, name="event-edit"),
    path("events/<int:pk>/participants/", views.catalogue, name="event-catalogue"),
    path("events/<int:pk>/suggestions/", views.suggestions, name="event-suggestions"),
    path("events/<int:pk>/requests/", views.request_create, name="event-request-create"),
    path("events/requests/<int:pk>/decide/", views.request_decide, name="event-request-decide"),
    path("events/<int:pk>/agenda/<int:reg>/", views.agenda, name="event-agenda"),
    path("events/<int:pk>/agenda/<int:reg>/agenda.ics", views.agenda_ics, name="event-agenda-ics"),
    path("events/<int:pk>/agenda/<int:reg>/agenda.pdf", views.agenda_pdf, name="event-agenda-pdf"),
    path("events/meetings/<int:pk>/outcome/", views.outcome_record, name="event-outcome"),
    path("events/<int:pk>/schedule/", views_organiser.schedule_page, name="event-schedule"),
    path("events/<int:pk>/schedule/run/", views_organiser.schedule_run, name="event-schedule-run"),
    path("events/meetings/<int:pk>/action/", views_organiser.meeting_action, name="event-meeting-action"),
    path(
        "events/<int:pk>/registrations/new/",
        views_organiser.register_participant,
        name="event-register-participant",
    ),
    path("events/registrations/<int:pk>/checkin/", views_organiser.checkin, name="event-checkin"),
    path("events/<int:pk>/plan/", views_organiser.table_plan, name="event-plan"),
    path("events/<int:pk>/handovers/", views_organiser.handovers, name="event-handovers"),
    path("events/<int:pk>/stats/", views_organiser.stats, name="event-stats"),
]
