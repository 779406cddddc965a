"""The event log (every service write) and the personal-data access log (every read of personal data)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Event(models.Model):
    at = models.DateTimeField("일시", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField("행위자", max_length=100, blank=True)
    verb = models.CharField("행위", max_length=80, db_index=True)
    target_type = models.CharField("대상 종류", max_length=80, blank=True)
    target_id = models.CharField("대상 식별자", max_length=64, blank=True)
    target_label = models.CharField("대상", max_length=200, blank=True)
    details = models.JSONField("내용", default=dict, blank=True)

    class Meta:
        verbose_name = "처리 기록"
        verbose_name_plural = "처리 기록"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"]), models.Index(fields=["actor", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.verb} {self.target_label}"


class AccessLog(models.Model):
    """Who displayed or exported which person's data, when and from where. Kept at least two years."""

    class Action(models.TextChoices):
        VIEW = "view", "열람"
        EXPORT = "export", "내보내기"
        DOWNLOAD = "download", "내려받기"
        PRINT = "print", "출력"
        API = "api", "API 조회"

    at = models.DateTimeField("일시", auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    user_label = models.CharField("열람자", max_length=100)
    action = models.CharField("행위", max_length=20, choices=Action.choices, default=Action.VIEW)
    target_type = models.CharField("대상 종류", max_length=80)
    target_id = models.CharField("대상 식별자", max_length=64)
    target_label = models.CharField("대상", max_length=200, blank=True)
    fields = models.JSONField("열람 항목", default=list)
    record_count = models.PositiveIntegerField("건수", default=1)
    path = models.CharField("화면·경로", max_length=300, blank=True)
    ip_address = models.GenericIPAddressField("접속지", null=True, blank=True)
    reason = models.CharField("사유", max_length=200, blank=True)

    class Meta:
        verbose_name = "개인정보 접근기록"
        verbose_name_plural = "개인정보 접근기록"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"]), models.Index(fields=["user", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_label} {self.get_action_display()} {self.target_label}"
