"""Property registration (재산등록, 공직자윤리법): who must register (the roster), their filings and the review of each.

The asset data itself stays in the national 공직윤리시스템 (PETI). Here: the roster with its trigger dates, the filing
clocks, the review record (orders and requests with the filer's answer clocks, the amounts the review is about,
the committee's measures) and documents as core attachments. No 주민등록번호 anywhere.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from gamsa.core.models import Grade


class Field(models.TextChoices):
    """특정분야 of 공직자윤리법 시행령 제3조⑥ whose 5–7급 staff register (the units are decided by the 등록기관, ⑧)."""

    AUDIT = "audit", "감사 (영 제3조⑥제10호)"
    ACCOUNTING = "accounting", "회계 (영 제3조⑥제10호의2)"
    PERMITS = "permits", "건축·토목·환경·식품위생 인허가·단속 (영 제3조⑥제11호)"
    REAL_ESTATE = "real_estate", "부동산유관부서 (영 제3조⑥제11호의2)"
    TAX = "tax", "조세 부과·징수·조사·심사 (영 제3조⑥제12호)"


# Grades that register in a designated unit: 5급 이하 7급 이상; 부동산유관부서 5급 이하 (no 7급 floor).
FIELD_GRADES = {field: (Grade.G5, Grade.G6, Grade.G7) for field in Field.values}
FIELD_GRADES[Field.REAL_ESTATE] = (Grade.G5, Grade.G6, Grade.G7, Grade.G8, Grade.G9)


class DesignatedUnit(models.Model):
    """A unit the 등록기관 designated for a 특정분야, from a date (versioned data the ethics officer keeps)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey("core.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="부서")
    field = models.CharField("분야", max_length=20, choices=Field.choices)
    effective_from = models.DateField("지정일")
    effective_to = models.DateField("지정 해제일", null=True, blank=True)
    basis = models.CharField("근거 (지정 문서)", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "재산등록 특정분야 부서"
        verbose_name_plural = "재산등록 특정분야 부서"
        ordering = ["unit__path", "-effective_from"]
        indexes = [models.Index(fields=["unit", "effective_from"], name="eth_designated_unit")]

    def __str__(self) -> str:
        return f"{self.unit} ({self.get_field_display()})"

    def in_force(self, day) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day < self.effective_to)


class Basis(models.TextChoices):
    GRADE4 = "grade4", "4급 이상 (법 제3조①3)"
    AUDIT = "audit", "감사 부서 5~7급"
    ACCOUNTING = "accounting", "회계 부서 5~7급"
    PERMITS = "permits", "인허가·단속 부서 5~7급"
    REAL_ESTATE = "real_estate", "부동산유관부서 5급 이하"
    TAX = "tax", "조세 부서 5~7급"
    OTHER = "other", "기타 (정무직 등)"


class DeclarantStatus(models.TextChoices):
    ACTIVE = "active", "등록의무자"
    DEFERRED = "deferred", "변동신고 유예 (파견·휴직 등)"
    RETIRED = "retired", "퇴직"
    RELEASED = "released", "등록의무 면제 (전보 등)"


class Trigger(models.TextChoices):
    APPOINTED = "appointed", "신규 임용"
    TRANSFERRED = "transferred", "전보"
    PROMOTED = "promoted", "승진"
    RETURNED = "returned", "복귀 (파견·휴직 종료)"


class Declarant(models.Model):
    """One person on the roster (등록의무자) with the day and reason they became one, and when they left."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField("성명", max_length=50)
    employee_number = models.CharField("공무원번호", max_length=20, blank=True)
    unit = models.ForeignKey("core.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="소속")
    grade = models.CharField("직급", max_length=5, choices=Grade.choices)
    position = models.CharField("직위", max_length=50, blank=True)
    basis = models.CharField("등록의무 근거", max_length=20, choices=Basis.choices)
    is_public = models.BooleanField("공개대상자 (법 제10조)", default=False)
    status = models.CharField(
        "상태", max_length=20, choices=DeclarantStatus.choices, default=DeclarantStatus.ACTIVE
    )
    became_on = models.DateField("등록의무자가 된 날")
    trigger = models.CharField("사유", max_length=20, choices=Trigger.choices)
    left_on = models.DateField("퇴직·면제일", null=True, blank=True)
    deferral_reason = models.CharField("유예 사유", max_length=60, blank=True)
    deferred_from = models.DateField("유예 시작일", null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "등록의무자"
        verbose_name_plural = "등록의무자"
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["status", "unit"], name="eth_declarant_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status__in=["active", "deferred"]),
                name="eth_declarant_once",
            )
        ]

    def __str__(self) -> str:
        return self.log_label

    @property
    def log_label(self) -> str:
        return f"등록의무자 {str(self.public_id)[:8]}"

    @property
    def reviewed_by_seoul(self) -> bool:
        """법 제9조②5·6: 시·군·구 4급 staff are reviewed by the 서울특별시 committee, 5급 이하 by the district's."""
        return self.grade == Grade.G4


class ProposalKind(models.TextChoices):
    ADD = "add", "등록의무자 추가"
    REMOVE = "remove", "등록의무 종료"


class ProposalStatus(models.TextChoices):
    PENDING = "pending", "확인 전"
    CONFIRMED = "confirmed", "확인"
    DISMISSED = "dismissed", "해당 없음"


class RosterProposal(models.Model):
    """A change the organisation data suggests (a new 4급, someone in or out of a designated unit, a retirement);
    the ethics officer confirms it with the real trigger date, or dismisses it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField("구분", max_length=10, choices=ProposalKind.choices)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    declarant = models.ForeignKey(
        Declarant, on_delete=models.CASCADE, null=True, blank=True, related_name="proposals"
    )
    unit = models.ForeignKey("core.OrgUnit", on_delete=models.PROTECT, related_name="+", null=True)
    grade = models.CharField("직급", max_length=5, choices=Grade.choices, blank=True)
    basis = models.CharField("근거", max_length=20, choices=Basis.choices, blank=True)
    reason = models.CharField("제안 사유", max_length=200)
    proposed_on = models.DateField("제안일")
    status = models.CharField(
        "처리", max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "등록의무자 변경 제안"
        verbose_name_plural = "등록의무자 변경 제안"
        ordering = ["-proposed_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"], condition=models.Q(status="pending"), name="eth_proposal_once"
            )
        ]

    @property
    def log_label(self) -> str:
        return f"등록의무자 변경 제안 {str(self.public_id)[:8]}"


class FilingKind(models.TextChoices):
    INITIAL = "initial", "신규 등록 (법 제5조①)"
    REGULAR = "regular", "정기 변동신고 (법 제6조①)"
    RETIREMENT = "retirement", "퇴직 변동신고 (법 제6조②)"
    DEFERRAL_END = "deferral_end", "유예 종료 변동신고 (법 제6조의3)"


# The calendar kind (core DeadlineRule) of each filing; received_at is the trigger day.
FILING_RULES = {
    FilingKind.INITIAL: "property_registration_initial",
    FilingKind.REGULAR: "property_registration_regular",
    FilingKind.RETIREMENT: "property_registration_retirement",
    FilingKind.DEFERRAL_END: "property_registration_deferral_end",
}
EXTENSION_MAX_DAYS = 30  # 법 제7조, 영 제7조①
EXTENSION_MAX_DAYS_PUBLIC = 20  # 재산공개자


class Filing(models.Model):
    """One filing a declarant owes: its trigger, its due day (core calendar), an extension, and when it came in."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    declarant = models.ForeignKey(Declarant, on_delete=models.CASCADE, related_name="filings")
    kind = models.CharField("구분", max_length=20, choices=FilingKind.choices)
    year = models.PositiveSmallIntegerField("연도")
    trigger_on = models.DateField("기산일")
    due_on = models.DateField("신고 기한")
    extension_days = models.PositiveSmallIntegerField("연장 일수", default=0)
    extended_due_on = models.DateField("연장된 기한", null=True, blank=True)
    extension_reason = models.CharField("연장 사유", max_length=200, blank=True)
    filed_on = models.DateField("신고일", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "재산등록·변동신고"
        verbose_name_plural = "재산등록·변동신고"
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["filed_on", "due_on"], name="eth_filing_open")]
        constraints = [
            models.UniqueConstraint(fields=["declarant", "kind", "trigger_on"], name="eth_filing_once")
        ]

    @property
    def effective_due_on(self):
        return self.extended_due_on or self.due_on

    @property
    def log_label(self) -> str:
        return f"{self.get_kind_display()} {self.year}"
