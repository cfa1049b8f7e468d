from django.urls import path

from techbridge.planning import views, views_exchange

urlpatterns = [
    path("planning/", views.planning_home, name="planning-home"),
    path("planning/studies/<int:pk>/", views.study_detail, name="planning-study"),
    path("planning/studies/<int:pk>/sites/", views.study_sites, name="planning-sites"),
    path(
        "planning/studies/<int:pk>/sites/<int:site_pk>/delete/",
        views.site_delete,
        name="planning-site-delete",
    ),
    path("planning/studies/<int:pk>/weights/", views.study_weights, name="planning-weights"),
    path("planning/studies/<int:pk>/run/", views.study_run, name="planning-run"),
    path("planning/studies/<int:pk>/portfolio/", views.study_portfolio, name="planning-portfolio"),
    path("planning/studies/<int:pk>/export.<str:fmt>", views.study_export, name="planning-study-export"),
    path("planning/plans/", views_exchange.plan_list, name="planning-plans"),
    path("planning/plans/<int:pk>/", views_exchange.plan_detail, name="planning-plan"),
    path("planning/plans/<int:pk>/export.<str:fmt>", views_exchange.plan_export, name="planning-plan-export"),
    path("planning/targets/<int:pk>/reading/", views_exchange.target_reading, name="planning-target-reading"),
    path("programmes/", views_exchange.programme_list, name="programme-list"),
    path("programmes/new/", views_exchange.programme_edit, name="programme-create"),
    path("programmes/<int:pk>/", views_exchange.programme_detail, name="planning-programme"),
    path("programmes/<int:pk>/edit/", views_exchange.programme_edit, name="programme-edit"),
    path("programmes/milestones/<int:pk>/done/", views_exchange.milestone_done, name="milestone-done"),
    path("calendar/", views_exchange.calendar, name="planning-calendar"),
    path("calendar.ics", views_exchange.calendar_ics, name="planning-calendar-ics"),
]
