from django.contrib import admin

from gamsa.audits.models import (
    AuditPlan,
    CitizenAssignment,
    CitizenAuditor,
    Disposition,
    Engagement,
    Finding,
    FollowUpReport,
    Reexamination,
)


@admin.register(AuditPlan)
class AuditPlanAdmin(admin.ModelAdmin):
    list_display = ("year", "title", "adopted_on")


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin):
    list_display = ("case_number", "title", "type", "theme", "status", "start_date", "end_date")
    list_filter = ("type", "status")
    search_fields = ("case_number", "title")


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ("engagement", "seq", "title", "unit", "is_public")
    search_fields = ("title",)


@admin.register(Disposition)
class DispositionAdmin(admin.ModelAdmin):
    list_display = ("finding", "kind", "target_unit", "status", "due_at", "amount_recover")
    list_filter = ("kind", "status")


admin.site.register(FollowUpReport)
admin.site.register(Reexamination)
admin.site.register(CitizenAuditor)
admin.site.register(CitizenAssignment)
