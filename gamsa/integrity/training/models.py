"""Integrity training: courses (data), sessions, completions (imported from the learning system or by hand) and
the staff's life-cycle stages (신규, 승진, 관리자) that the completion rates are counted by."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Stage(models.TextChoices):
    ALL = "all", "전 직원"
    NEW = "new", "신규"
    PROMOTED = "promoted", "승진"
    MANAGER = "manager", "관리자"


LIFE_STAGES = (Stage.NEW, Stage.PROMOTED, Stage.MANAGER)


class CourseKind(models.TextChoices):
    SELF_LEARNING = "self_learning", "자가학습(사이버)"
    CLASSROOM = "classroom", "집합교육"
    EVENT = "event", "행사형 교육"


class Course(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("과정명", max_length=100, unique=True)
    kind = models.CharField("구분", max_length=20, choices=CourseKind.choices, default=CourseKind.CLASSROOM)
    stages = models.JSONField(
        "대상 생애주기", default=list, blank=True, help_text='비우면 전 직원 대상. 예: ["new", "promoted"]'
    )
    aliases = models.TextField(
        "다른 이름", blank=True, help_text="학습 시스템 파일에 다른 이름으로 나오면 한 줄에 하나씩 적습니다."
    )
    active = models.BooleanField("사용", default=True)
    sort_order = models.PositiveIntegerField("순서", default=0)

    class Meta:
        app_label = "integrity"
        verbose_name = "교육 과정"
        verbose_name_plural = "교육 과정"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def stage_labels(self) -> str:
        labels = dict(Stage.choices)
        return "·".join(labels.get(s, s) for s in self.stages) or "전 직원"

    def names(self) -> list[str]:
        return [self.name] + [a.strip() for a in self.aliases.splitlines() if a.strip()]


class Session(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions", verbose_name="과정")
    title = models.CharField("차수·제목", max_length=200)
    held_on = models.DateField("교육일")
    ends_on = models.DateField("종료일", null=True, blank=True)
    place = models.CharField("장소", max_length=100, blank=True)
    audience_note = models.CharField("대상(설명)", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "integrity"
        verbose_name = "교육 차수"
        verbose_name_plural = "교육 차수"
        ordering = ["-held_on"]
        indexes = [models.Index(fields=["course", "held_on"])]

    def __str__(self) -> str:
        return f"{self.course.name} {self.title}"

    @property
    def log_label(self) -> str:
        return f"교육 {self.course.name} {self.title}"[:200]


class Completion(models.Model):
    """One staff member completed one course on one day. (course, employee number, day) is unique, so importing
    the same month's file again creates nothing twice."""

    class Source(models.TextChoices):
        IMPORT = "import", "학습 시스템 파일"
        HAND = "hand", "직접 입력"

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="completions")
    session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="completions"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    employee_number = models.CharField("공무원번호", max_length=20)
    unit = models.ForeignKey(
        "core.OrgUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    completed_on = models.DateField("이수일")
    source = models.CharField("경로", max_length=10, choices=Source.choices, default=Source.IMPORT)
    job = models.ForeignKey("core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "integrity"
        verbose_name = "교육 이수"
        verbose_name_plural = "교육 이수"
        constraints = [
            models.UniqueConstraint(
                fields=["course", "employee_number", "completed_on"], name="completion_once_a_day"
            )
        ]
        indexes = [
            models.Index(fields=["completed_on", "course"]),
            models.Index(fields=["user", "completed_on"]),
        ]


class StaffStage(models.Model):
    """A staff member's life-cycle stage in a year (신규 채용, 승진, 관리자) for the rates by stage. 관리자 also
    comes from the grade (5급 이상) without a row."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("연도")
    stage = models.CharField("생애주기", max_length=20, choices=[(s.value, s.label) for s in LIFE_STAGES])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        app_label = "integrity"
        verbose_name = "생애주기 구분"
        verbose_name_plural = "생애주기 구분"
        constraints = [models.UniqueConstraint(fields=["user", "year", "stage"], name="staff_stage_once")]
        indexes = [models.Index(fields=["year", "stage"])]
