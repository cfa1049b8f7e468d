from django.urls import path

from techbridge.evaluation import views, views_runs

urlpatterns = [
    path("evaluation/", views.index, name="evaluation-index"),
    path("evaluation/frameworks/new/", views.framework_new, name="evaluation-framework-new"),
    path("evaluation/frameworks/upload/", views.framework_upload, name="evaluation-framework-upload"),
    path("evaluation/frameworks/preset/", views.preset_load, name="evaluation-preset"),
    path("evaluation/frameworks/<int:pk>/", views.framework_detail, name="evaluation-framework"),
    path("evaluation/frameworks/<int:pk>/nodes/", views.framework_node, name="evaluation-framework-node"),
    path(
        "evaluation/frameworks/<int:pk>/method/", views.framework_method, name="evaluation-framework-method"
    ),
    path(
        "evaluation/frameworks/<int:pk>/download/",
        views.framework_download,
        name="evaluation-framework-download",
    ),
    path("evaluation/frameworks/<int:pk>/data/", views.data_upload, name="evaluation-data-upload"),
    path(
        "evaluation/frameworks/<int:pk>/platform-data/", views.platform_data, name="evaluation-platform-data"
    ),
    path("evaluation/frameworks/<int:pk>/runs/", views_runs.run_create, name="evaluation-run-create"),
    path("evaluation/datasets/<int:pk>/", views.dataset_detail, name="evaluation-dataset"),
    path("evaluation/runs/<int:pk>/", views_runs.run_detail, name="evaluation-run"),
    path("evaluation/runs/<int:pk>/progress/", views_runs.run_progress, name="evaluation-run-progress"),
    path("evaluation/runs/<int:pk>/units/<path:unit>/", views_runs.unit_detail, name="evaluation-unit"),
    path("evaluation/runs/<int:pk>/export.xlsx", views_runs.run_export, name="evaluation-run-export"),
    path("evaluation/runs/<int:pk>/report.pdf", views_runs.run_report, name="evaluation-run-report"),
    path("evaluation/runs/<int:pk>/publish/", views_runs.run_publish, name="evaluation-run-publish"),
]
