"""Administrator screens for the patrol team's reference data (editable data: names, deadlines, departments)."""

from django.contrib import admin

from gamsa.core.services import record_event
from gamsa.patrols.models import EvaluationRule, FieldCategory, FieldItem, FindingCategory, UnitAlias


@admin.register(FieldCategory)
class FieldCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "sort_order", "active")
    list_editable = ("sort_order", "active")


@admin.register(FieldItem)
class FieldItemAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "category",
        "code",
        "deadline_hours",
        "deadline_basis",
        "duplicate_window",
        "default_unit",
        "active",
        "provisional",
    )
    list_filter = ("category", "deadline_basis", "duplicate_never", "active", "provisional", "open311")
    search_fields = ("name", "code", "keywords")
    raw_id_fields = ("default_unit", "alias_of")
    fieldsets = (
        (None, {"fields": ("category", "name", "code", "description", "keywords", "sort_order")}),
        ("처리기한", {"fields": ("deadline_hours", "deadline_basis", "basis_note", "default_unit")}),
        (
            "중복 후보 기준 (판단에 따른 기본값: 구 실정에 맞게 수정)",
            {
                "description": "같은 항목의 두 신고가 이 거리와 기간 안이면 중복 후보로 보여 줍니다. 불법주정차·소음처럼 "
                "신고마다 새 사건인 항목은 '중복으로 보지 않음'을 고릅니다. 바꾼 기준은 이후 검사부터 적용됩니다.",
                "fields": ("duplicate_never", "duplicate_radius_m", "duplicate_days"),
            },
        ),
        ("상태", {"fields": ("active", "open311", "provisional", "alias_of")}),
    )

    @admin.display(description="중복 후보 기준")
    def duplicate_window(self, item):
        return item.duplicate_window_label

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        window = {"duplicate_never", "duplicate_radius_m", "duplicate_days"}
        if change and window & set(form.changed_data):
            record_event(
                request.user,
                "fielditem.duplicate_window",
                obj,
                never=obj.duplicate_never,
                radius_m=obj.duplicate_radius_m,
                days=obj.duplicate_days,
            )


@admin.register(FindingCategory)
class FindingCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "default_unit", "due_days", "sort_order", "active")
    list_editable = ("due_days", "sort_order", "active")
    raw_id_fields = ("default_unit",)


@admin.register(UnitAlias)
class UnitAliasAdmin(admin.ModelAdmin):
    list_display = ("name", "unit", "first_seen_at")
    list_filter = (("unit", admin.EmptyFieldListFilter),)
    search_fields = ("name",)
    raw_id_fields = ("unit",)


@admin.register(EvaluationRule)
class EvaluationRuleAdmin(admin.ModelAdmin):
    """Versions are added, never changed or deleted (a past year's evaluation keeps its rule)."""

    list_display = ("effective_from", "min_count", "note", "created_by", "created_at")
    fields = ("effective_from", "min_count", "note")

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        from gamsa.patrols.fieldcomplaints.services import add_evaluation_rule

        saved = add_evaluation_rule(
            request.user, min_count=obj.min_count, effective_from=obj.effective_from, note=obj.note
        )
        obj.pk = saved.pk
