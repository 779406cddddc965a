"""Human-rights education (인권감수성 향상 교육): sessions by audience with their participant count, and the
participant lists kept only with the participants' consent under a consent notice (data, versioned) that states
the items collected, the purpose, how long they are kept and the right to refuse. Lists are deleted once the notice's
retention has passed (`gamsa humanrights purge`)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Audience(models.TextChoices):
    STAFF = "staff", "직원"
    RESIDENT = "resident", "주민"
    VISITING = "visiting", "기관·시설 방문"
    TOUR = "tour", "현장 탐방"


AUDIENCE_LINES = {
    Audience.STAFF: ("직원 대상", "전 직원 인권교육", "회"),
    Audience.RESIDENT: ("주민 대상", "주민 인권역량강화 프로그램", "회"),
    Audience.VISITING: ("기관·시설 대상", "찾아가는 인권교육", "개소"),
    Audience.TOUR: ("직원·주민 대상", "인권현장 탐방 프로그램", "회"),
}


class Session(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(editable=False)
    audience = models.CharField("대상", max_length=10, choices=Audience.choices)
    title = models.CharField("교육명", max_length=150)
    held_on = models.DateField("교육일")
    place = models.CharField("장소", max_length=150, blank=True)
    institution = models.CharField("기관·시설명", max_length=100, blank=True)
    instructor = models.CharField("강사", max_length=100, blank=True)
    hours = models.DecimalField("시간", max_digits=4, decimal_places=1, default=2)
    headcount = models.PositiveIntegerField("참여 인원")
    note = models.TextField("내용", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "인권교육"
        verbose_name_plural = "인권교육"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["year", "audience"], name="hr_session_year_aud")]

    def __str__(self) -> str:
        return self.title

    @property
    def log_label(self) -> str:
        return f"인권교육 {self.held_on:%Y-%m-%d} {self.title}"[:200]


class ConsentNotice(models.Model):
    """What participants agree to before their name goes on a list (개인정보 보호법 제15조②). Data: a new version
    is added, never edited once used; the version in force on a day is the latest with effective_from ≤ that day."""

    version = models.PositiveSmallIntegerField("판", unique=True)
    items = models.CharField("수집 항목", max_length=200)
    purpose = models.CharField("수집·이용 목적", max_length=300)
    retention_years = models.PositiveSmallIntegerField("보유 기간(년)", default=1)
    refusal = models.CharField("동의를 거부할 권리와 불이익", max_length=300)
    effective_from = models.DateField("적용 시작일")

    class Meta:
        verbose_name = "교육 참여자 개인정보 동의 안내"
        verbose_name_plural = "교육 참여자 개인정보 동의 안내"
        ordering = ["-effective_from", "-version"]

    def __str__(self) -> str:
        return f"제{self.version}판 ({self.effective_from})"


class Participant(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField("성명", max_length=50)
    affiliation = models.CharField("소속", max_length=100, blank=True)
    phone = models.CharField("연락처", max_length=30, blank=True)
    consent = models.ForeignKey(
        ConsentNotice, on_delete=models.PROTECT, related_name="+", verbose_name="동의 안내"
    )
    consented_on = models.DateField("동의일")
    retain_until = models.DateField("보유 기한")

    class Meta:
        verbose_name = "교육 참여자"
        verbose_name_plural = "교육 참여자"
        ordering = ["session", "id"]
        indexes = [models.Index(fields=["retain_until"], name="hr_participant_retain")]
