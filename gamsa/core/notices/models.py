"""Notices sent to people: the templates (editable data), the citizen's chosen channel with consent, staff
preferences, and one row per notice sent (what, to whom — masked for display —, its status and tries)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    RECEIPT = "receipt", "접수 통지"
    TRANSFER = "transfer", "이송 통지"
    EXTENSION = "extension", "처리기간 연장 통지"
    SUPPLEMENT = "supplement", "보완 요청"
    PROGRESS = "progress", "중간 통지"
    ANSWER = "answer", "처리결과 통지"
    FINDING_ROUTED = "finding_routed", "적출사항 부서 통보"
    OVERDUE = "overdue", "처리기한 지남 알림"


CITIZEN_KINDS = (Kind.RECEIPT, Kind.TRANSFER, Kind.EXTENSION, Kind.SUPPLEMENT, Kind.PROGRESS, Kind.ANSWER)
STAFF_KINDS = (Kind.FINDING_ROUTED, Kind.OVERDUE)


class Channel(models.TextChoices):
    SMS = "sms", "문자"
    KAKAO = "kakao", "카카오 알림톡"
    EMAIL = "email", "전자우편"
    NONE = "none", "받지 않음"


class NoticeTemplate(models.Model):
    """The wording of one kind of notice from a day on. `#{항목}` marks a value filled from the case (the same
    marks 카카오 알림톡 templates use); the newest version in effect on a day is the one sent."""

    kind = models.CharField("통지 종류", max_length=30, choices=Kind.choices)
    effective_from = models.DateField("적용일")
    subject = models.CharField("제목", max_length=120)
    body = models.TextField("내용")
    kakao_template_id = models.CharField(
        "알림톡 템플릿 코드",
        max_length=60,
        blank=True,
        help_text="카카오에 승인받은 알림톡 템플릿의 코드. 비어 있으면 알림톡 대신 문자로 보냅니다.",
    )
    note = models.CharField("변경 사유", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "통지문 서식"
        verbose_name_plural = "통지문 서식"
        ordering = ["kind", "-effective_from", "-id"]
        indexes = [models.Index(fields=["kind", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.effective_from})"


class CitizenChoice(models.Model):
    """How a complainant wants to be told about one case, with the consent to use the contact for it
    (개인정보 보호법 제15조). Keyed to the case by its public identifier, like the event log."""

    target_type = models.CharField(max_length=60)
    target_id = models.CharField(max_length=60)
    channel = models.CharField("통지 수단", max_length=10, choices=Channel.choices)
    consent = models.BooleanField("개인정보 수집·이용 동의", default=False)
    consent_version = models.CharField(max_length=20, blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    how = models.CharField("확인 방법", max_length=100, blank=True)

    class Meta:
        verbose_name = "민원인 통지 수단"
        verbose_name_plural = "민원인 통지 수단"
        constraints = [
            models.UniqueConstraint(fields=["target_type", "target_id"], name="citizen_choice_unique")
        ]

    @property
    def log_label(self) -> str:
        return self.target_id


class StaffNoticePreference(models.Model):
    """How a staff member wants work notices (findings routed to them, overdue reminders)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preference"
    )
    channel = models.CharField("받는 방법", max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "직원 알림 설정"
        verbose_name_plural = "직원 알림 설정"

    @property
    def log_label(self) -> str:
        return str(self.user.public_id)[:8]


class Status(models.TextChoices):
    QUEUED = "queued", "발송 대기"
    SENDING = "sending", "발송 중"
    SENT = "sent", "발송 완료"
    FAILED = "failed", "발송 실패"


class Delivery(models.Model):
    """One notice to one person through one channel. The full address is kept to send (and re-send) it; every
    screen shows `recipient_masked`, and no log line carries either, nor the text."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField("통지 종류", max_length=30, choices=Kind.choices)
    channel = models.CharField("수단", max_length=10, choices=Channel.choices)
    target_type = models.CharField(max_length=60)
    target_id = models.CharField(max_length=60)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recipient = models.CharField(max_length=254, editable=False)
    recipient_masked = models.CharField("받는 곳", max_length=254)
    subject = models.CharField("제목", max_length=120)
    body = models.TextField("내용")
    kakao_template_id = models.CharField(max_length=60, blank=True)
    variables = models.JSONField(default=dict, blank=True)
    template = models.ForeignKey(NoticeTemplate, on_delete=models.SET_NULL, null=True, related_name="+")
    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField("시도 횟수", default=0)
    next_attempt_at = models.DateTimeField("다음 시도", null=True, blank=True)
    last_error = models.CharField("마지막 오류", max_length=60, blank=True)
    provider_message_id = models.CharField("발송 번호", max_length=120, blank=True)
    sent_as = models.CharField("보낸 형식", max_length=10, blank=True)
    # Once per case, person and day for reminders ("overdue:<type>:<id>:<user>:<date>"); empty otherwise.
    dedupe_key = models.CharField(max_length=160, blank=True, editable=False)
    created_at = models.DateTimeField("요청", auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField("발송", null=True, blank=True)
    failed_at = models.DateTimeField("실패 확정", null=True, blank=True)

    class Meta:
        verbose_name = "통지 발송"
        verbose_name_plural = "통지 발송"
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["target_type", "target_id", "created_at"]),
            models.Index(fields=["status", "next_attempt_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key"], condition=~models.Q(dedupe_key=""), name="delivery_dedupe_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.get_channel_display()}"

    @property
    def log_label(self) -> str:
        return f"{self.target_id} {self.kind}"
