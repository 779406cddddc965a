"""Reference data an administrator edits: courses, risk areas and questions, corruption-prone areas, award criteria,
the letter template and retention (new versions), the programme's budget by year. Anonymous answers and
recipients are not shown here."""

from django.contrib import admin

from gamsa.integrity.models import (
    AwardCriterion,
    Course,
    LetterPolicy,
    LetterTemplate,
    PledgeText,
    ProgrammeYear,
    Question,
    Questionnaire,
    RiskArea,
    VulnerableArea,
)


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "stages", "active", "sort_order")


@admin.register(RiskArea, VulnerableArea)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("name", "sort_order", "active")


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ("year", "title", "status", "opens_on", "closes_on")
    readonly_fields = ("status",)
    inlines = [QuestionInline]


@admin.register(AwardCriterion)
class AwardCriterionAdmin(admin.ModelAdmin):
    list_display = ("kind", "effective_from", "name", "max_points", "sort_order")
    list_filter = ("kind", "effective_from")


@admin.register(LetterPolicy, ProgrammeYear)
class SimpleAdmin(admin.ModelAdmin):
    pass


@admin.register(LetterTemplate, PledgeText)
class VersionedAdmin(admin.ModelAdmin):
    """New versions are made on the programme's own pages; here they are read only."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
