"""인권위원회 (the human rights committee): terms (기수) with their members, meetings with agendas and decisions,
and the minutes (회의록) kept as text and given out as PDF or HWPX."""

from __future__ import annotations

import uuid

from django.db import models


class Term(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.PositiveSmallIntegerField("기수", unique=True)
    starts_on = models.DateField("임기 시작일")
    ends_on = models.DateField("임기 만료일")

    class Meta:
        verbose_name = "인권위원회 기수"
        verbose_name_plural = "인권위원회 기수"
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"제{self.number}기 인권위원회"

    @property
    def log_label(self) -> str:
        return str(self)


class MemberPosition(models.TextChoices):
    CHAIR = "chair", "위원장"
    VICE_CHAIR = "vice_chair", "부위원장"
    MEMBER = "member", "위원"


POSITION_RANK = models.Case(
    models.When(position="chair", then=0), models.When(position="vice_chair", then=1), default=2
)  # 위원장, 부위원장, then 위원 (use as `.order_by(POSITION_RANK, "id")`)


class MemberKind(models.TextChoices):
    EX_OFFICIO = "ex_officio", "당연직"
    APPOINTED = "appointed", "위촉직"


class Member(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="members")
    name = models.CharField("성명", max_length=50)
    affiliation = models.CharField("소속·직위", max_length=100, blank=True)
    position = models.CharField(
        "직책", max_length=12, choices=MemberPosition.choices, default=MemberPosition.MEMBER
    )
    kind = models.CharField("구분", max_length=12, choices=MemberKind.choices, default=MemberKind.APPOINTED)
    phone = models.CharField("연락처", max_length=30, blank=True)
    starts_on = models.DateField("임기 시작일")
    ends_on = models.DateField("임기 만료일")
    left_on = models.DateField("해촉·사임일", null=True, blank=True)

    class Meta:
        verbose_name = "인권위원"
        verbose_name_plural = "인권위원"
        ordering = ["term", "position", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def log_label(self) -> str:
        return f"제{self.term.number}기 인권위원"


class MeetingKind(models.TextChoices):
    REGULAR = "regular", "정기회의"
    EXTRA = "extra", "임시회의"


class Meeting(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveSmallIntegerField("차수")
    kind = models.CharField("구분", max_length=10, choices=MeetingKind.choices, default=MeetingKind.REGULAR)
    held_on = models.DateField("회의일")
    place = models.CharField("장소", max_length=150, blank=True)
    attendees = models.ManyToManyField(Member, blank=True, related_name="meetings", verbose_name="출석 위원")
    minutes = models.TextField("회의록", blank=True)
    minutes_recorded_on = models.DateField("회의록 작성일", null=True, blank=True)

    class Meta:
        verbose_name = "인권위원회 회의"
        verbose_name_plural = "인권위원회 회의"
        ordering = ["-held_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["term", "number"], name="hr_meeting_number")]

    def __str__(self) -> str:
        return f"제{self.term.number}기 제{self.number}차 {self.get_kind_display()}"

    @property
    def log_label(self) -> str:
        return str(self)


class AgendaKind(models.TextChoices):
    DELIBERATION = "deliberation", "심의"
    REPORT = "report", "보고"


class Decision(models.TextChoices):
    ADOPTED = "adopted", "원안 의결"
    AMENDED = "amended", "수정 의결"
    REJECTED = "rejected", "부결"
    DEFERRED = "deferred", "보류"
    NOTED = "noted", "보고 접수"


class Agenda(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agendas")
    order = models.PositiveSmallIntegerField("안건 번호")
    kind = models.CharField(
        "구분", max_length=15, choices=AgendaKind.choices, default=AgendaKind.DELIBERATION
    )
    title = models.CharField("안건명", max_length=200)
    summary = models.TextField("제안 요지", blank=True)
    decision = models.CharField("결과", max_length=10, choices=Decision.choices, blank=True)
    decision_text = models.TextField("의결 내용", blank=True)

    class Meta:
        verbose_name = "안건"
        verbose_name_plural = "안건"
        ordering = ["meeting", "order"]
        constraints = [models.UniqueConstraint(fields=["meeting", "order"], name="hr_agenda_order")]

    def __str__(self) -> str:
        return self.title

    @property
    def log_label(self) -> str:
        return f"{self.meeting} 안건 {self.order}"
