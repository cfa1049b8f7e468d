from django.contrib import admin

from techbridge.dataio.models import ExternalRecord, ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = [
        "started_at",
        "user",
        "kind",
        "file_name",
        "dry_run",
        "committed",
        "rows",
        "created",
        "updated",
        "error_count",
    ]
    list_filter = ["kind", "dry_run", "committed"]
    readonly_fields = [f.name for f in ImportRun._meta.fields]


@admin.register(ExternalRecord)
class ExternalRecordAdmin(admin.ModelAdmin):
    list_display = ["source", "external_id", "profile", "updated_at"]
    list_filter = ["source"]
