"""Findings (지적사항), dispositions (처분요구), follow-up (집행전말) and 재심의 (공공감사법 제23조, 제25조)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from gamsa.audits.models.plans import Engagement


class DispositionKind(models.TextChoices):
    RESTITUTION = "restitution", "변상명령"
    DISCIPLINE = "discipline", "징계·문책"
    CORRECTION = "correction", "시정"
    CAUTION = "caution", "주의"
    WARNING = "warning", "경고·훈계"
    IMPROVEMENT = "improvement", "개선"
    RECOMMENDATION = "recommendation", "권고"
    NOTICE = "notice", "통보"
    REFERRAL = "referral", "고발"


# 자체감사기준 제28조②: the calendar's deadline rule of each kind (kinds without one have no reply clock).
DEADLINE_KIND = {
    DispositionKind.RESTITUTION: "disposition_restitution",
    DispositionKind.DISCIPLINE: "disposition_discipline",
    DispositionKind.CORRECTION: "disposition_correction",
    DispositionKind.IMPROVEMENT: "disposition_improvement",
    DispositionKind.RECOMMENDATION: "disposition_improvement",
    DispositionKind.NOTICE: "disposition_improvement",
}


class Finding(models.Model):
    """지적사항: condition, criteria, cause, effect; the unit and person responsible; disclosure."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.PROTECT, related_name="findings")
    seq = models.PositiveSmallIntegerField("순번")
    title = models.CharField("제목", max_length=200)
    condition = models.TextField("현황 (위법·부당 사항)")
    criteria = models.TextField("관계 법령·기준", blank=True)
    cause = models.TextField("원인", blank=True)
    effect = models.TextField("영향", blank=True)
    unit = models.ForeignKey(
        "core.OrgUnit", on_delete=models.PROTECT, related_name="audit_findings", verbose_name="책임 부서"
    )
    responsible_person = models.CharField(
        "관련자", max_length=100, blank=True, help_text="개인정보: 공개 화면과 카드뉴스에서는 가려집니다"
    )
    rebuttal = models.TextField("변명·반론", blank=True, help_text="자체감사기준 제26조①")
    is_public = models.BooleanField("공개", default=True)
    nondisclosure_reason = models.CharField(
        "비공개 사유", max_length=200, blank=True, help_text="정보공개법 제9조① 각 호"
    )
    is_key = models.BooleanField("주요 지적사례 (카드뉴스)", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "지적사항"
        verbose_name_plural = "지적사항"
        ordering = ["engagement", "seq"]
        constraints = [models.UniqueConstraint(fields=["engagement", "seq"], name="finding_seq_unique")]

    def __str__(self) -> str:
        return self.title

    @property
    def log_label(self) -> str:
        return f"{self.engagement.case_number}-{self.seq} {self.title}"


class DispositionStatus(models.TextChoices):
    DRAFT = "draft", "통보 전"
    OPEN = "open", "이행 중"
    REPORTED = "reported", "이행결과 제출"
    RETURNED = "returned", "보완 요구"
    DONE = "done", "이행 완료"
    CANCELLED = "cancelled", "취소 (재심의)"


OPEN_DISPOSITION_STATUSES = (DispositionStatus.OPEN, DispositionStatus.RETURNED)


class Disposition(models.Model):
    """처분요구: its own kind, target unit, amounts and legal reply clock (자체감사기준 제28조②)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="dispositions")
    kind = models.CharField("처분 종류", max_length=20, choices=DispositionKind.choices)
    target_unit = models.ForeignKey(
        "core.OrgUnit",
        on_delete=models.PROTECT,
        related_name="audit_dispositions",
        verbose_name="처분 대상 부서",
    )
    demand = models.TextField("요구 내용")
    amount_recover = models.BigIntegerField("회수·추징·환급·변상액(원)", default=0)
    amount_reduce = models.BigIntegerField("감액(원)", default=0)
    amount_recovered = models.BigIntegerField("회수 완료액(원)", default=0)
    status = models.CharField(
        "이행 상태", max_length=20, choices=DispositionStatus.choices, default=DispositionStatus.DRAFT
    )
    notified_at = models.DateTimeField("통보일시", null=True, blank=True)
    due_at = models.DateTimeField("이행 기한", null=True, blank=True)
    deadline_kind = models.CharField("기한 규칙", max_length=50, blank=True)
    reminder_count = models.PositiveSmallIntegerField("독촉 횟수", default=0)
    last_reminded_at = models.DateTimeField("최근 독촉", null=True, blank=True)
    completed_at = models.DateTimeField("이행 완료일시", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "처분요구"
        verbose_name_plural = "처분요구"
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["target_unit", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.finding.title}"

    @property
    def log_label(self) -> str:
        return f"{self.get_kind_display()} · {self.finding.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_DISPOSITION_STATUSES


class Verdict(models.TextChoices):
    PENDING = "", "검토 전"
    ACCEPTED = "accepted", "확인 (이행 완료)"
    PLAN_ACCEPTED = "plan_accepted", "집행계획 확인 (계속 관리)"
    RETURNED = "returned", "보완 요구"


class FollowUpReport(models.Model):
    """이행결과 통보 by the audited unit (법 제23조③), reviewed by the team (자체감사기준 제31조)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    disposition = models.ForeignKey(Disposition, on_delete=models.CASCADE, related_name="reports")
    text = models.TextField("이행 내용")
    is_plan = models.BooleanField("집행계획 (2개월 초과 사항)", default=False)
    recovered_amount = models.BigIntegerField("이번 회수액(원)", default=0)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    verdict = models.CharField("검토 결과", max_length=20, choices=Verdict.choices, blank=True, default="")
    verdict_note = models.TextField("검토 의견", blank=True)
    verdict_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verdict_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "이행결과"
        verbose_name_plural = "이행결과"
        ordering = ["submitted_at"]

    @property
    def log_label(self) -> str:
        return f"이행결과 · {self.disposition.finding.title}"


class ReexaminationOutcome(models.TextChoices):
    PENDING = "", "심의 중"
    DISMISSED = "dismissed", "각하"
    REJECTED = "rejected", "기각"
    CANCELLED = "cancelled", "취소"
    CHANGED = "changed", "변경"


class Reexamination(models.Model):
    """재심의 (법 제25조): filed within 1 month of the notice, decided within 2 months of filing."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    disposition = models.ForeignKey(Disposition, on_delete=models.PROTECT, related_name="reexaminations")
    filed_at = models.DateTimeField("청구일시")
    filing_due_at = models.DateTimeField("청구 기한")
    grounds = models.TextField("청구 이유")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision_due_at = models.DateTimeField("결정 기한")
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField("결정", max_length=20, choices=ReexaminationOutcome.choices, blank=True)
    decision_note = models.TextField("결정 이유", blank=True)
    decided_at = models.DateTimeField("결정일시", null=True, blank=True)

    class Meta:
        verbose_name = "재심의"
        verbose_name_plural = "재심의"
        ordering = ["filed_at"]

    @property
    def log_label(self) -> str:
        return f"재심의 · {self.disposition.finding.title}"

    @property
    def filed_late(self) -> bool:
        return self.filed_at > self.filing_due_at
