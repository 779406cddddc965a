from django.contrib import admin

from gamsa.humanrights.models import ChecklistItem, ChecklistVersion, ConsentNotice


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0


@admin.register(ChecklistVersion)
class ChecklistVersionAdmin(admin.ModelAdmin):
    """The impact-assessment checklist is data: an administrator adds a new version with its effective date; a
    draft is assessed against the version in force on the day it was received."""

    list_display = ("version", "title", "effective_from", "note")
    inlines = [ChecklistItemInline]


@admin.register(ConsentNotice)
class ConsentNoticeAdmin(admin.ModelAdmin):
    """The consent notice for education participant lists (items, purpose, retention, the right to refuse)."""

    list_display = ("version", "items", "retention_years", "effective_from")
