"""인권영향평가 of draft ordinances (자치법규 제·개정안 사전 인권영향평가).

The drafting department sends its draft; the 조사팀 assesses it against the checklist in force (data, versioned),
within the period of the calendar's `hr_impact_assessment` kind (default 10 working days), and recommends either
원안 동의 or 개정 권고 with the text of the recommended change; after a 개정 권고 the department answers
(수용 / 일부 수용 / 불수용 with its reasons) from its own desk.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

DEADLINE_KIND = "hr_impact_assessment"


class ChecklistVersion(models.Model):
    version = models.PositiveSmallIntegerField("판", unique=True)
    title = models.CharField("명칭", max_length=150)
    effective_from = models.DateField("적용 시작일")
    note = models.CharField("비고", max_length=300, blank=True)

    class Meta:
        verbose_name = "인권영향평가 체크리스트"
        verbose_name_plural = "인권영향평가 체크리스트"
        ordering = ["-effective_from", "-version"]

    def __str__(self) -> str:
        return f"{self.title} (제{self.version}판)"


class ChecklistItem(models.Model):
    checklist = models.ForeignKey(ChecklistVersion, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField("순서")
    area = models.CharField("영역", max_length=60)
    question = models.CharField("점검 사항", max_length=300)

    class Meta:
        verbose_name = "체크리스트 항목"
        verbose_name_plural = "체크리스트 항목"
        ordering = ["checklist", "order"]
        constraints = [models.UniqueConstraint(fields=["checklist", "order"], name="hr_checklist_order")]

    def __str__(self) -> str:
        return f"{self.order}. {self.question}"


class DraftKind(models.TextChoices):
    ENACT = "enact", "제정"
    AMEND = "amend", "일부개정"
    REWRITE = "rewrite", "전부개정"


class LegislationType(models.TextChoices):
    ORDINANCE = "ordinance", "조례"
    RULE = "rule", "규칙"


class Status(models.TextChoices):
    RECEIVED = "received", "평가 중"
    AGREED = "agreed", "원안 동의"
    RECOMMENDED = "recommended", "개정 권고 (부서 회신 대기)"
    ANSWERED = "answered", "개정 권고 (부서 회신 완료)"


class Recommendation(models.TextChoices):
    AGREE = "agree", "원안 동의"
    REVISE = "revise", "개정 권고"


class Response(models.TextChoices):
    ACCEPTED = "accepted", "수용"
    PARTLY = "partly", "일부 수용"
    DECLINED = "declined", "불수용"


class Draft(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case_number = models.CharField("평가번호", max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(editable=False)
    title = models.CharField("자치법규명", max_length=200)
    legislation_type = models.CharField(
        "종류", max_length=10, choices=LegislationType.choices, default=LegislationType.ORDINANCE
    )
    kind = models.CharField("제·개정 구분", max_length=10, choices=DraftKind.choices)
    department = models.ForeignKey(
        "core.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="소관 부서"
    )
    summary = models.TextField("제·개정 이유와 주요 내용")
    received_at = models.DateTimeField("접수 일시")
    due_at = models.DateTimeField("평가 기한")
    deadline_basis = models.CharField("기한 근거", max_length=200, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField("상태", max_length=12, choices=Status.choices, default=Status.RECEIVED)
    checklist = models.ForeignKey(
        ChecklistVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="적용 체크리스트",
    )  # fmt: skip
    recommendation = models.CharField("평가 의견", max_length=10, choices=Recommendation.choices, blank=True)
    recommendation_text = models.TextField("권고 내용", blank=True)
    assessed_on = models.DateField("평가일", null=True, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    response = models.CharField("부서 회신", max_length=10, choices=Response.choices, blank=True)
    response_text = models.TextField("회신 내용", blank=True)
    responded_on = models.DateField("회신일", null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "인권영향평가"
        verbose_name_plural = "인권영향평가"
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["status", "due_at"], name="hr_draft_status_due"),
            models.Index(fields=["department", "status"], name="hr_draft_department"),
            models.Index(fields=["assessed_on"], name="hr_draft_assessed"),
        ]

    def __str__(self) -> str:
        return self.case_number

    @property
    def log_label(self) -> str:
        return self.case_number


class AnswerResult(models.TextChoices):
    FITS = "fits", "적합"
    CONCERN = "concern", "개선 필요"
    NOT_APPLICABLE = "na", "해당 없음"


class Answer(models.Model):
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="+")
    result = models.CharField("결과", max_length=10, choices=AnswerResult.choices)
    note = models.CharField("의견", max_length=300, blank=True)

    class Meta:
        verbose_name = "체크리스트 점검 결과"
        verbose_name_plural = "체크리스트 점검 결과"
        ordering = ["draft", "item__order"]
        constraints = [models.UniqueConstraint(fields=["draft", "item"], name="hr_answer_once")]
