"""The administrator edits categories, questionnaires and retention rules, and designates members. No keys,
no reports, no identities are registered here."""

from django.contrib import admin

from gamsa.hotline.models import Category, Member, Question, RetentionRule


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ("code", "label", "help_text", "required", "multiline", "max_length", "sort_order", "active")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "sort_order", "active")
    inlines = [QuestionInline]


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    list_display = ("category", "status", "keep_years", "effective_from")


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ("user", "is_intake", "is_handler", "is_custodian", "designated_at")
    fields = ("user", "is_intake", "is_handler", "is_custodian")
    autocomplete_fields = ()

    def save_model(self, request, obj, form, change):
        from gamsa.core.services import record_event

        if not change:
            obj.designated_by = request.user
        super().save_model(request, obj, form, change)
        record_event(
            request.user,
            "hotline.member_saved",
            obj,
            intake=obj.is_intake,
            handler=obj.is_handler,
            custodian=obj.is_custodian,
        )
