"""고지거부 (disclosure refusal, 공직자윤리법 제12조④, 시행령 제27조·제27조의2): a declarant's lineal relative who is
not a dependant may refuse to disclose their assets with the committee's permission, re-examined every three years.

The relative is named for the committee (personal data: every opening is logged); their independence is recorded as
the criteria of 영 제27조의2② (age, own household, occupation, regular income, assets), not as documents' contents.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gamsa.ethics.registration.models import Declarant


class RefusalKind(models.TextChoices):
    NEW = "new", "신규 허가 신청"
    REEXAMINATION = "reexamination", "재심사 신청 (영 제27조⑤)"


class RefusalTrigger(models.TextChoices):
    """영 제27조① items: the event the 1-month application period runs from."""

    INITIAL = "initial", "신규 등록 (제1호)"
    REGULAR = "regular", "정기 변동신고 (제2호)"
    RETIREMENT = "retirement", "퇴직 (제2호의2)"
    DEFERRAL = "deferral", "유예사유 소멸 (제3호)"
    PUBLIC = "public", "공개대상자가 된 날 (제5호)"
    TRANSFER = "transfer", "전보 등 (제6호)"


class Relation(models.TextChoices):
    FATHER = "father", "부"
    MOTHER = "mother", "모"
    GRANDPARENT = "grandparent", "조부모"
    SON = "son", "아들"
    DAUGHTER = "daughter", "딸 (미혼)"
    GRANDCHILD = "grandchild", "손자녀"


ASCENDANTS = (Relation.FATHER, Relation.MOTHER, Relation.GRANDPARENT)


class RefusalStatus(models.TextChoices):
    RECEIVED = "received", "접수"
    REFERRED = "referred", "위원회 상정"
    GRANTED = "granted", "허가"
    DENIED = "denied", "불허가"


DECISION_EXTENSION_DAYS = 10  # 영 제27조②: 10일의 범위에서 연장
REEXAMINATION_EVERY_YEARS = 3  # 영 제27조⑤
REEXAMINATION_DECIDED_BY = (11, 30)  # 영 제27조⑥: 그 해 11월 30일까지


class DisclosureRefusal(models.Model):
    """One application (new or re-examination). A granted new application is a permission: it stays in force, and
    falls due for re-examination in the 3rd, 6th, … year from its grant, until a re-examination refuses it."""

    case_number = models.CharField("신청번호", max_length=20, unique=True)
    year = models.PositiveSmallIntegerField("연도", editable=False)
    declarant = models.ForeignKey(Declarant, on_delete=models.PROTECT, related_name="refusals")
    kind = models.CharField("구분", max_length=20, choices=RefusalKind.choices, default=RefusalKind.NEW)
    renews = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reexaminations"
    )
    relation = models.CharField("관계", max_length=20, choices=Relation.choices)
    relative_name = models.CharField("고지거부자 성명", max_length=50)
    relative_birth_year = models.PositiveSmallIntegerField("출생연도", null=True, blank=True)
    separate_household = models.BooleanField("주민등록 별도 세대", default=False)
    occupation = models.CharField("직업", max_length=60, blank=True)
    annual_income = models.PositiveBigIntegerField("연간 정기 소득 (원)", null=True, blank=True)
    assets = models.PositiveBigIntegerField("보유 재산 (원)", null=True, blank=True)
    reason = models.TextField("신청 사유", blank=True)
    trigger = models.CharField("신청 사유 발생", max_length=20, choices=RefusalTrigger.choices)
    trigger_on = models.DateField("사유 발생일")
    applied_on = models.DateField("신청일")
    application_due_on = models.DateField("신청 기한")
    decision_due_on = models.DateField("결정 기한")
    decision_extended = models.BooleanField("결정 기간 연장", default=False)
    status = models.CharField(
        "상태", max_length=10, choices=RefusalStatus.choices, default=RefusalStatus.RECEIVED
    )
    decided_on = models.DateField("결정일", null=True, blank=True)
    decision_note = models.TextField("결정 사유", blank=True)
    # For a granted new application (the permission): the anchor of the 3-year cycle and its next re-examination.
    granted_on = models.DateField("허가일", null=True, blank=True)
    next_reexamination_on = models.DateField("다음 재심사 (정기신고기간 개시일)", null=True, blank=True)
    ended_on = models.DateField("허가 종료일", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "고지거부 신청"
        verbose_name_plural = "고지거부 신청"
        ordering = ["-applied_on", "-id"]
        indexes = [
            models.Index(fields=["status", "decision_due_on"], name="eth_refusal_open"),
            models.Index(fields=["next_reexamination_on"], name="eth_refusal_reexam"),
        ]

    def __str__(self) -> str:
        return self.case_number

    @property
    def log_label(self) -> str:
        return self.case_number

    @property
    def is_permission(self) -> bool:
        return self.kind == RefusalKind.NEW and self.status == RefusalStatus.GRANTED and self.ended_on is None

    @property
    def is_open(self) -> bool:
        return self.status in (RefusalStatus.RECEIVED, RefusalStatus.REFERRED)
