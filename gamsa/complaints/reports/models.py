"""공익신고 (공익신고자 보호법): the reporter's identity is sealed (법 제12조).

The identity is sealed in the vault shared with 청렴톡 (gamsa.hotline.vault, ADR 0023): encrypted under its own key
that only custodians hold; a designated officer reads it on a custodian's recorded, time-boxed approval, and every
opening is in the access log. Everything else (the report, its clock and its notices) refers to the reporter by a pseudonym.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class PublicInterestReport(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", "접수"
        INVESTIGATING = "investigating", "조사 중"
        REFERRED = "referred", "조사기관 이첩"
        DONE = "done", "처리 완료"
        REPORTED = "reported", "권익위 결과 통보 완료"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case_number = models.CharField("신고번호", max_length=20, unique=True)
    pseudonym = models.CharField("신고자 가명", max_length=30)
    subject = models.CharField("신고 대상 분야", max_length=100)
    summary = models.TextField("신고 내용")
    received_at = models.DateTimeField("접수일시")
    due_at = models.DateTimeField("처리기한(60일)")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    finished_at = models.DateTimeField("처리 완료일", null=True, blank=True)
    acrc_report_due_at = models.DateTimeField("권익위 통보기한(10일)", null=True, blank=True)
    acrc_reported_at = models.DateTimeField("권익위 통보일", null=True, blank=True)
    result = models.TextField("처리 결과", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "공익신고"
        verbose_name_plural = "공익신고"
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return self.case_number

    @property
    def log_label(self) -> str:
        return self.case_number


class DesignatedOfficer(models.Model):
    """Officers allowed to open sealed identities (신고 처리 담당자로 지정된 사람)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    designated_on = models.DateField()
    designated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "공익신고 지정 담당자"
        verbose_name_plural = "공익신고 지정 담당자"


class ReportNotice(models.Model):
    report = models.ForeignKey(PublicInterestReport, on_delete=models.CASCADE, related_name="notices")
    text = models.TextField()
    sent_at = models.DateTimeField()
