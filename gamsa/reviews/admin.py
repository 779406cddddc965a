"""Administrator screen for the review answer periods (editable data with an effective date)."""

from django.contrib import admin

from gamsa.reviews.models import AnswerPeriod


@admin.register(AnswerPeriod)
class AnswerPeriodAdmin(admin.ModelAdmin):
    """Versions are added, never changed or deleted (a filed request keeps the period in force on its day)."""

    list_display = ("review_kind", "effective_from", "working_days", "source", "created_by", "created_at")
    list_filter = ("review_kind",)
    fields = ("review_kind", "effective_from", "working_days", "source")

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        from gamsa.reviews.services.requests import add_answer_period

        saved = add_answer_period(
            request.user,
            review_kind=obj.review_kind,
            working_days=obj.working_days,
            effective_from=obj.effective_from,
            source=obj.source,
        )
        obj.pk = saved.pk
