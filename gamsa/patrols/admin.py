"""Administrator screens for the patrol team's reference data (editable data: names, deadlines, departments)."""

from django.contrib import admin

from gamsa.patrols.models import FieldCategory, FieldItem, FindingCategory, UnitAlias


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
        "default_unit",
        "active",
        "provisional",
    )
    list_filter = ("category", "deadline_basis", "active", "provisional", "open311")
    search_fields = ("name", "code", "keywords")
    raw_id_fields = ("default_unit", "alias_of")


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
