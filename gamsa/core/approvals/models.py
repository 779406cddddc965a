"""Approval lines (결재선), their steps, the delegation rules (위임전결규정), ranks, absences and document numbers.

Rules, ranks, absences and the number format are editable data with effective dates (ADR 0021); the defaults are
seeded by `seeds.py` and must be checked against the district's 사무전결처리 규칙.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Rank(models.TextChoices):
    """The ranks that sign, lowest first. `RANK_ORDER` compares them."""

    STAFF = "staff", "담당"
    TEAM_LEAD = "team_lead", "팀장"
    DEPT_HEAD = "dept_head", "과장"
    BUREAU_HEAD = "bureau_head", "국장"
    DEPUTY = "deputy", "부구청장"
    MAYOR = "mayor", "구청장"


RANK_ORDER = {rank: i for i, rank in enumerate(Rank.values)}
SIGNING_RANKS = [r for r in Rank if r != Rank.STAFF]


class Position(models.Model):
    """A person's rank for signing (직위), on the unit where they sign. Without a row, the rank is derived from
    the person's roles and title (`lines.rank_of`)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="positions")
    unit = models.ForeignKey("core.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="부서")
    rank = models.CharField("결재 직급", max_length=20, choices=Rank.choices)
    title = models.CharField("직위", max_length=50, help_text="결재란에 찍히는 직위 (예: 도로관리팀장)")
    active = models.BooleanField("사용", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "결재 직위"
        verbose_name_plural = "결재 직위"
        ordering = ["unit__path", "-rank", "title"]
        indexes = [models.Index(fields=["rank", "active"]), models.Index(fields=["user", "active"])]

    def __str__(self) -> str:
        return f"{self.title} {self.user}"


class DelegationRule(models.Model):
    """One row of the 위임전결규정: document kind × condition (amount range, grade) → the lowest rank that may sign.

    Rows are grouped into versions by `effective_from`: on a day D the rules of a kind are the rows with the latest
    effective date on or before D. A new version is a new set of rows with a later date; old ones stay for history.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField("문서 종류", max_length=40, db_index=True)
    amount_min = models.BigIntegerField("금액 이상(원)", null=True, blank=True)
    amount_max = models.BigIntegerField("금액 미만(원)", null=True, blank=True)
    grade = models.CharField("등급·구분", max_length=40, blank=True, help_text="비우면 모든 등급")
    signer_rank = models.CharField("전결권자", max_length=20, choices=Rank.choices)
    effective_from = models.DateField("시행일")
    note = models.CharField("근거·비고", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "위임전결규정"
        verbose_name_plural = "위임전결규정"
        ordering = ["kind", "-effective_from", "grade", "amount_min"]
        indexes = [models.Index(fields=["kind", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.get_signer_rank_display()} ({self.effective_from})"


class Absence(models.Model):
    """A signer away (휴가·출장): the acting person (직무대리자) signs their steps with 대결 meanwhile."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="absences", verbose_name="부재자"
    )
    starts_on = models.DateField("시작일")
    ends_on = models.DateField("종료일")
    acting = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="acting_for",
        verbose_name="직무대리자",
    )
    reason = models.CharField("사유", max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "부재·직무대리"
        verbose_name_plural = "부재·직무대리"
        ordering = ["-starts_on", "-id"]
        indexes = [
            models.Index(fields=["user", "starts_on", "ends_on"]),
            models.Index(fields=["acting", "ends_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.starts_on}~{self.ends_on} → {self.acting}"


class NumberFormat(models.Model):
    """The 생산등록번호 format, by effective date. `{unit}` 처리과명, `{year}` 연도, `{seq}` 연도별 일련번호."""

    pattern = models.CharField("형식", max_length=60, default="{unit}-{seq}")
    effective_from = models.DateField("시행일")
    note = models.CharField("비고", max_length=200, blank=True)

    class Meta:
        verbose_name = "문서번호 형식"
        verbose_name_plural = "문서번호 형식"
        ordering = ["-effective_from", "-id"]

    def __str__(self) -> str:
        return f"{self.pattern} ({self.effective_from})"


class DocumentCounter(models.Model):
    """The last 생산등록번호 of a unit (처리과) in a year; locked while incremented, inside the signing transaction,
    so a number is never lost (a rolled-back signature rolls its number back too)."""

    unit = models.ForeignKey("core.OrgUnit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "문서번호 카운터"
        verbose_name_plural = "문서번호 카운터"
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="document_counter_unique")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.last}"


class ApprovalStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "결재 중"
    ON_HOLD = "on_hold", "보류"
    RETURNED = "returned", "반려"
    WITHDRAWN = "withdrawn", "회수"
    APPROVED = "approved", "결재 완료"
    CANCELLED = "cancelled", "기안 취소"


OPEN_APPROVAL_STATUSES = (ApprovalStatus.IN_PROGRESS, ApprovalStatus.ON_HOLD)
DRAFTER_STATUSES = (ApprovalStatus.RETURNED, ApprovalStatus.WITHDRAWN)


class Approval(models.Model):
    """One document on its way through a line. The document itself belongs to its app (`document`); the draft's
    content that becomes the document at 성립 is kept in `payload` (e.g. a grievance answer's text)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField("문서 종류", max_length=40, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    document = GenericForeignKey("content_type", "object_id")
    title = models.CharField("제목", max_length=200)
    body = models.TextField("내용", blank=True)
    amount = models.BigIntegerField("금액(원)", null=True, blank=True)
    grade = models.CharField("등급·구분", max_length=40, blank=True)
    payload = models.JSONField("기안 내용", default=dict, blank=True)
    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="drafted_approvals",
        verbose_name="기안자",
    )
    unit = models.ForeignKey(
        "core.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="처리과"
    )
    status = models.CharField("상태", max_length=20, choices=ApprovalStatus.choices, db_index=True)
    round = models.PositiveSmallIntegerField("상신 차수", default=1)
    signer_rank = models.CharField("전결권자", max_length=20, choices=Rank.choices)
    rule = models.ForeignKey(
        DelegationRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField("상신일시")
    approved_at = models.DateTimeField("결재일시", null=True, blank=True)
    number = models.CharField("문서번호", max_length=80, blank=True, db_index=True)
    number_seq = models.PositiveIntegerField(null=True, blank=True)
    note = models.TextField("반려·보류 사유", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "결재 문서"
        verbose_name_plural = "결재 문서"
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "kind"]),
            models.Index(fields=["drafter", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def log_label(self) -> str:
        return f"{self.number or '결재'} {self.title}"[:200]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_APPROVAL_STATUSES


class StepRole(models.TextChoices):
    DRAFT = "draft", "기안"
    REVIEW = "review", "검토"
    COOPERATE = "cooperate", "협조"
    SIGN = "sign", "결재"


class StepState(models.TextChoices):
    WAITING = "waiting", "대기"
    CURRENT = "current", "처리할 차례"
    DONE = "done", "처리함"
    RETURNED = "returned", "반려함"
    CLOSED = "closed", "종료(회수·반려)"


class StepAction(models.TextChoices):
    DRAFTED = "drafted", "기안"
    REVIEWED = "reviewed", "검토"
    AGREED = "agreed", "동의"
    AGREED_WITH_OPINION = "agreed_with_opinion", "의견 있음(동의)"
    DISAGREED = "disagreed", "부동의"
    SIGNED = "signed", "결재"
    RETURNED = "returned", "반려"


class Step(models.Model):
    """One box of the line in one round. The person who acted may be the assignee's acting person (대결)."""

    approval = models.ForeignKey(Approval, on_delete=models.CASCADE, related_name="steps")
    round = models.PositiveSmallIntegerField(default=1)
    order = models.PositiveSmallIntegerField()
    role = models.CharField("구분", max_length=20, choices=StepRole.choices)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="approval_steps",
        verbose_name="결재자",
    )
    rank = models.CharField("직급", max_length=20, choices=Rank.choices)
    title = models.CharField("직위", max_length=50)
    unit = models.ForeignKey("core.OrgUnit", on_delete=models.PROTECT, related_name="+")
    state = models.CharField("상태", max_length=20, choices=StepState.choices, default=StepState.WAITING)
    action = models.CharField("처리", max_length=30, choices=StepAction.choices, blank=True)
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acted_at = models.DateTimeField("처리일시", null=True, blank=True)
    delegated = models.BooleanField("전결", default=False)
    proxy = models.BooleanField("대결", default=False)
    opinion = models.TextField("의견", blank=True)
    post_review_needed = models.BooleanField("후결 필요", default=False)
    post_reviewed_at = models.DateTimeField("후결일시", null=True, blank=True)

    class Meta:
        verbose_name = "결재 단계"
        verbose_name_plural = "결재 단계"
        ordering = ["approval", "round", "order"]
        constraints = [
            models.UniqueConstraint(fields=["approval", "round", "order"], name="approval_step_unique")
        ]
        indexes = [
            models.Index(fields=["assignee", "state"]),
            models.Index(fields=["assignee", "post_review_needed", "post_reviewed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.title} {self.assignee}"
