from django.contrib import admin

from techbridge.cases.models import Agreement, AuditEntry, Case, EvaluatorTie, FollowUp


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("pk", "title", "stage", "broker", "next_action_due")
    list_filter = ("stage", "origin")
    search_fields = ("title",)


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "signed_on", "value", "currency")
    list_filter = ("kind", "status")


@admin.register(EvaluatorTie)
class EvaluatorTieAdmin(admin.ModelAdmin):
    list_display = ("evaluator", "organisation", "note")


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ("agreement", "on", "products_launched", "revenue", "jobs")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "by", "model", "object_id", "action")
    list_filter = ("model", "action")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
