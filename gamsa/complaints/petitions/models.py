"""청원 (청원법 2020 전부개정): intake, 공개청원, 90-day processing, review board, objections."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Petition(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", "접수"
        DISCLOSURE_REVIEW = "disclosure_review", "공개 여부 결정 중"
        PUBLIC_COMMENT = "public_comment", "국민 의견 수렴 중"
        UNDER_REVIEW = "under_review", "심사 중"
        DECIDED = "decided", "처리 완료"
        NOT_PROCESSED = "not_processed", "처리하지 않음(법 제6조)"
        CLOSED_REPEAT = "closed_repeat", "반복청원 종결"
        WITHDRAWN = "withdrawn", "취하"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case_number = models.CharField("청원번호", max_length=20, unique=True)
    petitioner = models.ForeignKey(
        "complaints.Complainant", on_delete=models.PROTECT, related_name="petitions"
    )
    title = models.CharField("제목", max_length=200)
    body = models.TextField("청원 내용")
    is_public_request = models.BooleanField("공개청원 요청", default=False)
    disclosure_decided_at = models.DateTimeField("공개 여부 결정일", null=True, blank=True)
    disclosed = models.BooleanField("공개 결정", null=True)
    comment_until = models.DateTimeField("의견 수렴 종료", null=True, blank=True)
    received_at = models.DateTimeField("접수일시")
    due_at = models.DateTimeField("처리기한")
    extended = models.BooleanField("연장", default=False)
    extension_reason = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    result = models.TextField("처리 결과", blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    repeat_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "청원"
        verbose_name_plural = "청원"
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return self.case_number

    @property
    def log_label(self) -> str:
        return self.case_number


class PetitionObjection(models.Model):
    """이의신청: filed within 30 days of the result notice, decided within 15 days."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="objections")
    filed_at = models.DateTimeField()
    reason = models.TextField()
    due_at = models.DateTimeField()
    decision = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)


class BoardMember(models.Model):
    """청원심의회 member (5–7 members, outside members at least half)."""

    name = models.CharField("성명", max_length=60)
    affiliation = models.CharField("소속·직위", max_length=100)
    is_outside = models.BooleanField("외부위원", default=False)
    is_chair = models.BooleanField("위원장", default=False)
    term_start = models.DateField()
    term_end = models.DateField()

    class Meta:
        verbose_name = "청원심의회 위원"
        verbose_name_plural = "청원심의회 위원"


class BoardMeeting(models.Model):
    held_on = models.DateField("개최일")
    petitions = models.ManyToManyField(Petition, related_name="meetings", blank=True)
    attendees = models.ManyToManyField(BoardMember, related_name="+", blank=True)
    minutes = models.TextField("회의 결과", blank=True)

    class Meta:
        verbose_name = "청원심의회 회의"
        verbose_name_plural = "청원심의회 회의"
