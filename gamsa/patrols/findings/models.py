"""Findings (적출사항) found on patrol or reported by a guardian, their categories and photos."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class FindingCategory(models.Model):
    """적출 분야 (도로, 공원, 교통, 가로정비, 청소, …): data, with a default responsible department."""

    name = models.CharField("분야", max_length=60, unique=True)
    default_unit = models.ForeignKey(
        "core.OrgUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="기본 처리부서",
    )
    due_days = models.PositiveIntegerField("기본 조치기한(근무일)", default=7)
    sort_order = models.PositiveIntegerField("순서", default=0)
    active = models.BooleanField("사용", default=True)

    class Meta:
        verbose_name = "적출 분야"
        verbose_name_plural = "적출 분야"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class FindingStatus(models.TextChoices):
    REPORTED = "reported", "접수"  # a guardian's report waiting for the patrol team
    ROUTED = "routed", "부서 통보"
    ANSWERED = "answered", "부서 조치 완료"
    RETURNED = "returned", "보완 요구"
    CLOSED = "closed", "확인 종결"
    DISMISSED = "dismissed", "반려"
    DUPLICATE = "duplicate", "중복"


OPEN_FINDING_STATUSES = (
    FindingStatus.REPORTED,
    FindingStatus.ROUTED,
    FindingStatus.ANSWERED,
    FindingStatus.RETURNED,
)


class Finding(models.Model):
    """적출사항: a problem found on patrol or reported by a guardian, routed to the responsible department."""

    class Source(models.TextChoices):
        PATROL = "patrol", "순찰"
        GUARDIAN = "guardian", "내 지역 지킴이"
        OPEN311 = "open311", "Open311"

    case_number = models.CharField("적출 번호", max_length=20, unique=True)
    source = models.CharField("경로", max_length=20, choices=Source.choices, default=Source.PATROL)
    round = models.ForeignKey(
        "patrols.PatrolRound",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name="순찰",
    )
    category = models.ForeignKey(
        FindingCategory, on_delete=models.PROTECT, related_name="findings", verbose_name="분야"
    )
    item = models.ForeignKey(
        "patrols.FieldItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name="현장민원 항목",
    )
    title = models.CharField("제목", max_length=300)
    description = models.TextField("내용", blank=True)
    address = models.CharField("장소", max_length=300, blank=True)
    latitude = models.DecimalField("위도", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("경도", max_digits=9, decimal_places=6, null=True, blank=True)
    unit = models.ForeignKey(
        "core.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name="처리부서",
    )
    requested_action = models.TextField("요청 조치", blank=True)
    due_date = models.DateField("조치기한", null=True, blank=True)
    status = models.CharField(
        "상태", max_length=20, choices=FindingStatus.choices, default=FindingStatus.REPORTED
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="적출자",
    )
    reported_at = models.DateTimeField("적출일시")
    routed_at = models.DateTimeField("통보일시", null=True, blank=True)
    answer = models.TextField("부서 조치 내용", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField("조치일시", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField("종결일시", null=True, blank=True)
    closing_note = models.TextField("확인 의견", blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name="중복 원건",
    )
    open311_token = models.CharField(max_length=40, blank=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "적출사항"
        verbose_name_plural = "적출사항"
        ordering = ["-reported_at"]
        indexes = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["category", "reported_at"]),
            models.Index(fields=["reported_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.case_number} {self.title}"

    @property
    def log_label(self) -> str:
        return f"적출 {self.case_number}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_FINDING_STATUSES


class Photo(models.Model):
    """A checked, metadata-stripped image (core Attachment) of a finding or a field complaint, before or after."""

    class Stage(models.TextChoices):
        BEFORE = "before", "조치 전"
        AFTER = "after", "조치 후"
        CHECK = "check", "현장점검"

    attachment = models.OneToOneField(
        "core.Attachment", on_delete=models.CASCADE, related_name="patrol_photo"
    )
    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, null=True, blank=True, related_name="photos"
    )
    complaint = models.ForeignKey(
        "patrols.FieldComplaint", on_delete=models.CASCADE, null=True, blank=True, related_name="photos"
    )
    stage = models.CharField("구분", max_length=10, choices=Stage.choices, default=Stage.BEFORE)

    class Meta:
        verbose_name = "사진"
        verbose_name_plural = "사진"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(finding__isnull=False) | models.Q(complaint__isnull=False),
                name="photo_has_subject",
            )
        ]
