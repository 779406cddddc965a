"""Integrity events (청렴콘서트, 골든벨, 퀴즈, 청렴클러스터 워크숍, 결의대회) with participants, and the December
awards (청렴 우수부서, 청렴 우수공무원, 청백공무원): criteria as versioned data and the scoring sheet."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class EventKind(models.TextChoices):
    CONCERT = "concert", "청렴콘서트"
    GOLDEN_BELL = "golden_bell", "청렴골든벨"
    QUIZ = "quiz", "청렴공감퀴즈"
    CLUSTER = "cluster", "청렴클러스터 워크숍"
    RESOLUTION = "resolution", "청렴리더 결의대회"
    OTHER = "other", "기타 청렴 행사"


class IntegrityEvent(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField("행사 구분", max_length=20, choices=EventKind.choices)
    title = models.CharField("행사명", max_length=200)
    held_on = models.DateField("행사일")
    place = models.CharField("장소", max_length=100, blank=True)
    description = models.TextField("내용", blank=True)
    other_count = models.PositiveIntegerField(
        "명단 없이 센 참여자 수",
        default=0,
        help_text="명단을 받지 않은 구민·학생 등 (명단의 사람은 따로 셉니다).",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "integrity"
        verbose_name = "청렴 행사"
        verbose_name_plural = "청렴 행사"
        ordering = ["-held_on"]
        indexes = [models.Index(fields=["kind", "held_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def log_label(self) -> str:
        return f"청렴 행사 {self.title}"[:200]


class ParticipantKind(models.TextChoices):
    STAFF = "staff", "직원"
    RESIDENT = "resident", "구민"
    STUDENT = "student", "학생"
    PARTNER = "partner", "유관기관·단체"


class Participant(models.Model):
    event = models.ForeignKey(IntegrityEvent, on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField(
        "구분", max_length=20, choices=ParticipantKind.choices, default=ParticipantKind.STAFF
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField("성명", max_length=50)
    affiliation = models.CharField("소속", max_length=100, blank=True)
    score = models.PositiveIntegerField("점수", null=True, blank=True)
    prize = models.CharField("수상", max_length=60, blank=True)

    class Meta:
        app_label = "integrity"
        verbose_name = "행사 참여자"
        verbose_name_plural = "행사 참여자"
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"], condition=models.Q(user__isnull=False), name="participant_once"
            )
        ]


class AwardKind(models.TextChoices):
    DEPARTMENT = "department", "청렴 우수부서"
    OFFICIAL = "official", "청렴 우수공무원"
    CHEONGBAEK = "cheongbaek", "청백공무원"


class AwardCriterion(models.Model):
    """One line of the scoring sheet. The set in force on a date is the set with the latest `effective_from` on or
    before it for the award kind: a new year's criteria are a new set, the old rounds keep theirs."""

    kind = models.CharField("포상 구분", max_length=20, choices=AwardKind.choices)
    effective_from = models.DateField("시행일")
    name = models.CharField("평가 항목", max_length=100)
    description = models.CharField("평가 기준", max_length=300, blank=True)
    max_points = models.DecimalField("배점", max_digits=5, decimal_places=1)
    sort_order = models.PositiveIntegerField("순서", default=0)

    class Meta:
        app_label = "integrity"
        verbose_name = "포상 평가 기준"
        verbose_name_plural = "포상 평가 기준"
        ordering = ["kind", "-effective_from", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "effective_from", "name"], name="award_criterion_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.name} ({self.max_points}점)"


class AwardRound(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    year = models.PositiveSmallIntegerField("연도")
    kind = models.CharField("포상 구분", max_length=20, choices=AwardKind.choices)
    judged_on = models.DateField("심사일")
    winners = models.PositiveSmallIntegerField("선정 인원(부서) 수", default=3)
    decided_at = models.DateTimeField("선정 확정", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        app_label = "integrity"
        verbose_name = "청렴 포상 심사"
        verbose_name_plural = "청렴 포상 심사"
        ordering = ["-year", "kind"]
        constraints = [models.UniqueConstraint(fields=["year", "kind"], name="award_round_once")]

    def __str__(self) -> str:
        return f"{self.year}년 {self.get_kind_display()}"

    @property
    def log_label(self) -> str:
        return str(self)


class Nominee(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    round = models.ForeignKey(AwardRound, on_delete=models.CASCADE, related_name="nominees")
    unit = models.ForeignKey(
        "core.OrgUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField("추천 사유", blank=True)
    total = models.DecimalField("총점", max_digits=6, decimal_places=1, default=0)
    rank = models.PositiveSmallIntegerField("순위", null=True, blank=True)
    selected = models.BooleanField("선정", default=False)

    class Meta:
        app_label = "integrity"
        verbose_name = "포상 후보"
        verbose_name_plural = "포상 후보"
        ordering = ["round", "rank", "pk"]


class Score(models.Model):
    nominee = models.ForeignKey(Nominee, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(AwardCriterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField("점수", max_digits=5, decimal_places=1)

    class Meta:
        app_label = "integrity"
        verbose_name = "평가 점수"
        verbose_name_plural = "평가 점수"
        constraints = [models.UniqueConstraint(fields=["nominee", "criterion"], name="score_once")]
