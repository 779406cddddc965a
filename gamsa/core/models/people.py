"""People: staff of the district, volunteers and citizens. No 주민등록번호 is ever stored."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models


class UserKind(models.TextChoices):
    STAFF = "staff", "직원"
    VOLUNTEER = "volunteer", "자원봉사자"
    CITIZEN = "citizen", "구민"
    EXTERNAL = "external", "외부(의회 등)"


class Grade(models.TextChoices):
    G4 = "4", "4급"
    G5 = "5", "5급"
    G6 = "6", "6급"
    G7 = "7", "7급"
    G8 = "8", "8급"
    G9 = "9", "9급"
    OTHER = "etc", "기타"


class VolunteerProgramme(models.TextChoices):
    CITIZEN_AUDITOR = "citizen_auditor", "구민감사관"
    RIGHTS_MONITOR = "rights_monitor", "구민인권지킴이단"
    LOCAL_GUARDIAN = "local_guardian", "내 지역 지킴이"


class User(AbstractUser):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField("구분", max_length=20, choices=UserKind.choices, default=UserKind.CITIZEN)
    full_name = models.CharField("성명", max_length=50, blank=True)
    phone = models.CharField("연락처", max_length=30, blank=True)
    # staff
    employee_number = models.CharField("공무원번호", max_length=20, blank=True, db_index=True)
    grade = models.CharField("직급", max_length=5, choices=Grade.choices, blank=True)
    position = models.CharField("직위·직책", max_length=50, blank=True)
    job_series = models.CharField("직렬", max_length=30, blank=True)
    unit = models.ForeignKey(
        "core.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name="소속",
    )
    # volunteers
    volunteer_programme = models.CharField(
        "봉사 구분", max_length=30, choices=VolunteerProgramme.choices, blank=True
    )
    appointed_on = models.DateField("위촉일", null=True, blank=True)
    term_ends_on = models.DateField("임기 만료일", null=True, blank=True)

    class Meta:
        verbose_name = "사용자"
        verbose_name_plural = "사용자"
        indexes = [models.Index(fields=["kind", "is_active"])]
        constraints = [
            models.UniqueConstraint(
                fields=["employee_number"],
                condition=~models.Q(employee_number=""),
                name="employee_number_unique",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.username
