from django.urls import path

from techbridge.cases import views, views_analytics, views_work

urlpatterns = [
    path("cases/", views.case_board, name="case-board"),
    path("cases/new/", views.case_new, name="case-new"),
    path("cases/from-interest/<int:interest_id>/", views.case_from_interest, name="case-from-interest"),
    path("cases/from-meeting/<int:meeting_id>/", views.case_from_meeting, name="case-from-meeting"),
    path("cases/funnel/", views_analytics.funnel, name="case-funnel"),
    path("cases/funnel.xlsx", views_analytics.funnel_export, name="case-funnel-export"),
    path("cases/audit/", views_analytics.audit_log, name="case-audit"),
    path("cases/audit.<str:fmt>", views_analytics.audit_export, name="case-audit-export"),
    path("cases/match/<str:reference>/", views_analytics.match_open, name="match-open"),
    path("cases/<int:pk>/", views.case_detail, name="case-detail"),
    path("cases/<int:pk>/move/", views.case_move, name="case-move"),
    path("cases/<int:pk>/update/", views.case_update, name="case-update"),
    path("cases/<int:pk>/parties/", views.party_add, name="case-party-add"),
    path("cases/<int:pk>/decide/", views.case_decide, name="case-decide"),
    path("cases/<int:pk>/evaluators/", views_work.evaluator_assign, name="case-evaluator-assign"),
    path("cases/<int:pk>/assessment/", views_work.assessment_submit, name="case-assessment-submit"),
    path("cases/<int:pk>/documents/", views_work.document_upload, name="case-document-upload"),
    path("cases/<int:pk>/documents/<int:doc_id>/", views_work.document_download, name="case-document"),
    path("cases/<int:pk>/agreements/", views_work.agreement_create, name="case-agreement-create"),
    path(
        "cases/<int:pk>/agreements/<int:agreement_id>/follow-ups/",
        views_work.follow_up_create,
        name="case-follow-up-create",
    ),
]
