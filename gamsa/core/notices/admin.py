from django.contrib import admin

from gamsa.core.notices.models import Delivery, NoticeTemplate


@admin.register(NoticeTemplate)
class NoticeTemplateAdmin(admin.ModelAdmin):
    list_display = ("kind", "effective_from", "subject", "kakao_template_id")
    list_filter = ("kind",)

    def has_change_permission(self, request, obj=None):
        return False  # a change is a new version (the 통지문 서식 screen), so sent notices keep their wording


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "kind",
        "channel",
        "target_id",
        "recipient_masked",
        "status",
        "attempts",
        "last_error",
    )
    list_filter = ("status", "kind", "channel")
    fields = list_display + ("provider_message_id", "sent_at", "failed_at", "next_attempt_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
