from django.contrib import admin

from techbridge.planning.models import (
    CalendarEvent,
    Goal,
    Milestone,
    Participation,
    Plan,
    Programme,
    Site,
    Study,
    StudyCriterion,
    Target,
)


class CriterionInline(admin.TabularInline):
    model = StudyCriterion
    extra = 0


@admin.register(Study)
class StudyAdmin(admin.ModelAdmin):
    list_display = ["title", "level", "weights_source", "result_at", "is_demo"]
    inlines = [CriterionInline]
    exclude = ["result", "portfolio"]


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "study", "country", "cost"]
    list_filter = ["study", "country"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["person"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "start", "end"]
    list_filter = ["kind", "status"]
    inlines = [ParticipationInline, MilestoneInline]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "parent"]
    inlines = [TargetInline]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "start", "end", "is_demo"]


@admin.register(CalendarEvent)
class CalendarEventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "country", "start", "end"]
    list_filter = ["kind", "country"]
