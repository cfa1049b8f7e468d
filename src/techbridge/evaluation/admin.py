from django.contrib import admin

from techbridge.evaluation.models import Dataset, Framework, IndexRun


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ("name", "is_preset", "illustrative", "updated_at")
    search_fields = ("name",)


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    list_display = ("name", "framework", "year", "source", "illustrative", "created_at")
    list_filter = ("source", "illustrative")


@admin.register(IndexRun)
class IndexRunAdmin(admin.ModelAdmin):
    list_display = ("pk", "framework", "dataset", "state", "mc_runs", "published", "created_at")
    list_filter = ("state", "published")
    raw_id_fields = ("job",)
