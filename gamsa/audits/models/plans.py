"""The yearly audit plan (연간 자체감사계획) and its engagements (공공감사법 제19조, 시행령 제10조–제12조)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

# 시행령 제12조①: the plan's main points are notified at least 7 days before the audit starts.
NOTICE_DAYS = 7


class EngagementType(models.TextChoices):
    COMPREHENSIVE = "comprehensive", "종합감사"
    SPECIAL = "special", "특정감사"
    FINANCIAL = "financial", "재무감사"
    PERFORMANCE = "performance", "성과감사"
    DISCIPLINE = "discipline", "복무감사"


class DisciplineTheme(models.TextChoices):
    """Themes of 공직기강 특별점검 (discipline inspections are 복무감사 engagements with a theme)."""

    NONE = "", "해당 없음"
    HOLIDAY = "holiday", "명절 대비"
    YEAR_END = "year_end", "연말연시 대비"
    SUMMER = "summer", "하계휴가철"
    ELECTION = "election", "선거 전후"
    OTHER = "other", "기타"


class EngagementStatus(models.TextChoices):
    PLANNED = "planned", "계획"
    NOTIFIED = "notified", "통보"
    FIELDWORK = "fieldwork", "실시"
    RESULTING = "resulting", "결과처리"
    PUBLISHED = "published", "공개"
    CLOSED = "closed", "종료"


class AuditPlan(models.Model):
    """연간 자체감사계획 (January). The items the law requires (시행령 제11조①) are the plan's engagements."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    year = models.PositiveSmallIntegerField("연도", unique=True)
    title = models.CharField("계획명", max_length=200)
    policy = models.TextField("추진 방향·고려사항", blank=True, help_text="자체감사기준 제11조①의 고려사항")
    adopted_on = models.DateField("수립일", null=True, blank=True)
    reported_to_bai_on = models.DateField("감사원 송부일", null=True, blank=True, help_text="시행령 제18조①")
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "연간 감사계획"
        verbose_name_plural = "연간 감사계획"
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title

    @property
    def log_label(self) -> str:
        return f"{self.year}년 {self.title}"


class Engagement(models.Model):
    """One audit: a plan item (감사사항, 목적, 종류, 대상, 범위, 기간·인원) that runs through the workflow."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case_number = models.CharField("감사번호", max_length=20, unique=True)
    plan = models.ForeignKey(
        AuditPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="engagements"
    )
    out_of_plan_reason = models.CharField(
        "계획 외 감사 사유",
        max_length=200,
        blank=True,
        help_text="시행령 제11조②: 계획에 없는 감사의 별도 계획",
    )
    title = models.CharField("감사사항", max_length=200)
    purpose = models.TextField("목적·필요성")
    type = models.CharField("감사 종류", max_length=20, choices=EngagementType.choices)
    theme = models.CharField(
        "특별점검 주제", max_length=20, choices=DisciplineTheme.choices, blank=True, default=""
    )
    targets = models.ManyToManyField(
        "core.OrgUnit", related_name="audit_engagements", verbose_name="감사 대상"
    )
    scope = models.TextField("감사 범위")
    start_date = models.DateField("감사 시작일")
    end_date = models.DateField("감사 종료일")
    headcount = models.PositiveSmallIntegerField("감사 인원", default=1)
    status = models.CharField(
        "진행 상태", max_length=20, choices=EngagementStatus.choices, default=EngagementStatus.PLANNED
    )
    notified_on = models.DateField("사전 통보일", null=True, blank=True)
    notice_exception = models.CharField(
        "사전 통보 예외 사유", max_length=200, blank=True, help_text="시행령 제12조① 단서 (긴급·효과 저해)"
    )
    fieldwork_ended_on = models.DateField("실지감사 종료일", null=True, blank=True)
    result_due_at = models.DateTimeField("결과 통보 기한", null=True, blank=True)
    result_notified_at = models.DateTimeField("결과 통보일시", null=True, blank=True)
    published_on = models.DateField("공개일", null=True, blank=True)
    public_summary = models.TextField("공개용 요약", blank=True)
    closed_on = models.DateField("종료일", null=True, blank=True)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "감사"
        verbose_name_plural = "감사"
        ordering = ["-start_date", "case_number"]
        indexes = [models.Index(fields=["status", "start_date"]), models.Index(fields=["type", "start_date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def log_label(self) -> str:
        return self.title

    @property
    def is_discipline_inspection(self) -> bool:
        return self.type == EngagementType.DISCIPLINE and bool(self.theme)


class MemberKind(models.TextChoices):
    OFFICE = "office", "감사담당관 직원"
    OTHER_SERIES = "other_series", "타 직렬 직원"
    CITIZEN = "citizen", "구민감사관"
    EXPERT = "expert", "외부 전문가 (법 제27조)"


class EngagementMember(models.Model):
    """감사단 편성 (자체감사기준 제13조)."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="audit_duties")
    kind = models.CharField("구분", max_length=20, choices=MemberKind.choices)
    is_lead = models.BooleanField("감사단장", default=False)
    duty = models.CharField("사무분장", max_length=200, blank=True)

    class Meta:
        verbose_name = "감사단원"
        verbose_name_plural = "감사단원"
        constraints = [models.UniqueConstraint(fields=["engagement", "user"], name="audit_member_unique")]


class ChecklistResult(models.TextChoices):
    OPEN = "", "미점검"
    OK = "ok", "적정"
    ISSUE = "issue", "지적"
    NA = "na", "해당 없음"


class ChecklistItem(models.Model):
    """One point to check in an engagement (copied from earlier engagements as a starting point)."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="checklist")
    order = models.PositiveSmallIntegerField("순서", default=0)
    area = models.CharField("분야", max_length=100, blank=True)
    text = models.CharField("점검 항목", max_length=300)
    result = models.CharField("결과", max_length=10, choices=ChecklistResult.choices, blank=True, default="")
    note = models.CharField("비고", max_length=300, blank=True)

    class Meta:
        verbose_name = "점검 항목"
        verbose_name_plural = "점검 항목"
        ordering = ["order", "pk"]
