from django.urls import path

from techbridge.dataio import views

urlpatterns = [
    path("export/<str:kind>/", views.export_list, name="export-list"),
    path("import/", views.import_start, name="import-start"),
    path("import/<int:pk>/", views.import_run, name="import-run"),
    path("import/<int:pk>/commit/", views.import_commit, name="import-commit"),
]
