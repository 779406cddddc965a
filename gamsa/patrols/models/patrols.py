"""Patrol rounds, their findings (적출사항), local guardians (내 지역 지킴이) and the photos of all of them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class RoundKind(models.TextChoices):
    PLANNED = "planned", "기획순찰"
    ROUTINE = "routine", "상시순찰"
    NIGHT_JOINT = "night_joint", "야간 합동순찰"
    NEIGHBOURHOOD = "neighbourhood", "동네한바퀴"
    DONG_POLICE = "dong_police", "동장·지구대장 합동순찰"


JOINT_KINDS = (RoundKind.NIGHT_JOINT, RoundKind.NEIGHBOURHOOD, RoundKind.DONG_POLICE)


class PatrolRound(models.Model):
    """One patrol round (회차). Participants: office staff (users) plus counts and names of residents and police."""

    number = models.CharField("회차 번호", max_length=20, unique=True)  # "2026-000012" per year
    kind = models.CharField("순찰 유형", max_length=20, choices=RoundKind.choices)
    theme = models.CharField("주제", max_length=200, blank=True, help_text="기획순찰은 주제를 적습니다.")
    date = models.DateField("순찰일")
    start_time = models.TimeField("시작", null=True, blank=True)
    end_time = models.TimeField("종료", null=True, blank=True)
    area = models.ForeignKey(
        "core.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="지역(동)",
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="patrol_rounds", verbose_name="참여 직원"
    )
    residents = models.PositiveIntegerField("참여 주민 수", default=0)
    police = models.PositiveIntegerField("참여 경찰 수", default=0)
    participants_note = models.CharField("참여자(기관·단체)", max_length=300, blank=True)
    route = models.JSONField("경로", default=list, blank=True, help_text="[[위도, 경도], …]")
    note = models.TextField("비고", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "순찰"
        verbose_name_plural = "순찰"
        ordering = ["-date", "-number"]
        indexes = [models.Index(fields=["kind", "date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%Y. %-m. %-d.}"

    @property
    def case_number(self) -> str:
        return self.number


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
        PatrolRound,
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


class DuplicateCandidate(models.Model):
    """A possible duplicate (same item within 250 m and 30 days) shown to a person, who links or dismisses it.

    `subject_*` is the newer record, `other_*` the earlier one; exactly one of each pair is set.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Decision(models.TextChoices):
        PENDING = "pending", "검토 대기"
        LINKED = "linked", "중복으로 연결"
        DISMISSED = "dismissed", "별건"

    subject_finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    subject_complaint = models.ForeignKey(
        "patrols.FieldComplaint", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    other_finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    other_complaint = models.ForeignKey(
        "patrols.FieldComplaint", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    distance_m = models.PositiveIntegerField("거리(m)")
    days_apart = models.PositiveIntegerField("간격(일)")
    decision = models.CharField("판단", max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "중복 후보"
        verbose_name_plural = "중복 후보"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["decision", "created_at"])]


class DuplicateScanPending(models.Model):
    """A field complaint whose near-duplicate scan is still owed. Written in the same transaction as the complaint
    (an import's new rows, an Open311 or staff entry) and deleted in the same transaction as the candidates the scan
    makes, so a scan killed half-way leaves exactly the rows it did not finish, and the next scan (the next import,
    a re-run of the same file, or `gamsa fieldcomplaints scan`) does them (docs/adr/0013).

    No database foreign key (db_constraint=False): PostgreSQL would check 66,228 keys at a year's import commit for
    a row that only ever points at a complaint written in the same transaction; a row whose complaint is gone is
    dropped by the scan."""

    complaint = models.OneToOneField(
        "patrols.FieldComplaint",
        on_delete=models.CASCADE,
        primary_key=True,
        db_constraint=False,
        related_name="+",
    )

    class Meta:
        verbose_name = "중복 검사 대기"
        verbose_name_plural = "중복 검사 대기"


class Guardian(models.Model):
    """내 지역 지킴이: a volunteer account (core role VOLUNTEER) with its 동 and term."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guardian")
    dong = models.ForeignKey(
        "core.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="활동 동",
    )
    appointed_on = models.DateField("위촉일")
    ended_on = models.DateField("해촉일", null=True, blank=True)
    note = models.CharField("비고", max_length=300, blank=True)

    class Meta:
        verbose_name = "내 지역 지킴이"
        verbose_name_plural = "내 지역 지킴이"
        ordering = ["-appointed_on"]

    def __str__(self) -> str:
        return str(self.user)


class GuardianTraining(models.Model):
    """A training session for guardians and who attended."""

    title = models.CharField("교육명", max_length=200)
    held_on = models.DateField("교육일")
    hours = models.DecimalField("시간", max_digits=4, decimal_places=1, default=1)
    place = models.CharField("장소", max_length=200, blank=True)
    attendees = models.ManyToManyField(Guardian, blank=True, related_name="trainings", verbose_name="참석자")
    note = models.TextField("내용", blank=True)

    class Meta:
        verbose_name = "지킴이 교육"
        verbose_name_plural = "지킴이 교육"
        ordering = ["-held_on"]
