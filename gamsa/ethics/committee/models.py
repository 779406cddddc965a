"""공직자윤리위원회 of the district (법 제9조): members (7 for a 구, 5 of them from outside, the chair among them),
meetings (May and December, and extraordinary ones), agendas made from review outcomes and 고지거부 applications,
and the decision on each item. A member with an account reads only the items of the meetings they sit in."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from gamsa.ethics.refusals.models import DisclosureRefusal
from gamsa.ethics.registration.review_models import Review

MEMBERS = 7  # 법 제9조③: 시·군·구 공직자윤리위원회 7명
OUTSIDE_MEMBERS = 5  # 그중 5명은 외부 (위원장 포함)


class Seat(models.TextChoices):
    CHAIR = "chair", "위원장 (외부)"
    OUTSIDE = "outside", "외부위원"
    INSIDE = "inside", "내부위원"


class Member(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("성명", max_length=50)
    seat = models.CharField("구분", max_length=10, choices=Seat.choices)
    affiliation = models.CharField("소속·직위", max_length=100, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_on = models.DateField("위촉일")
    ended_on = models.DateField("임기 종료일", null=True, blank=True)

    class Meta:
        verbose_name = "공직자윤리위원"
        verbose_name_plural = "공직자윤리위원"
        ordering = ["seat", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_outside(self) -> bool:
        return self.seat in (Seat.CHAIR, Seat.OUTSIDE)

    @property
    def log_label(self) -> str:
        return f"공직자윤리위원 {str(self.public_id)[:8]}"


class MeetingKind(models.TextChoices):
    REGULAR = "regular", "정기회의"
    EXTRAORDINARY = "extraordinary", "임시회의"


class Meeting(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    year = models.PositiveSmallIntegerField("연도", editable=False)
    number = models.PositiveSmallIntegerField("회차")
    kind = models.CharField("구분", max_length=20, choices=MeetingKind.choices)
    held_on = models.DateField("개최일")
    place = models.CharField("장소", max_length=100, blank=True)
    members = models.ManyToManyField(Member, related_name="meetings", blank=True, verbose_name="소집 위원")
    held = models.BooleanField("개최 완료", default=False)
    minutes = models.TextField("회의 요지", blank=True)

    class Meta:
        verbose_name = "공직자윤리위원회 회의"
        verbose_name_plural = "공직자윤리위원회 회의"
        ordering = ["-held_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="eth_meeting_number")]

    def __str__(self) -> str:
        return self.log_label

    @property
    def log_label(self) -> str:
        return f"{self.year}년 제{self.number}차 공직자윤리위원회"


class ItemKind(models.TextChoices):
    REVIEW = "review", "재산등록 심사 결과 조치"
    REFUSAL = "refusal", "고지거부 허가"
    REEXAMINATION = "reexamination", "고지거부 재심사"
    OTHER = "other", "기타 (취업제한 안내 등)"


class Decision(models.TextChoices):
    PENDING = "pending", "심의 전"
    APPROVED = "approved", "원안 의결"
    AMENDED = "amended", "수정 의결"
    REJECTED = "rejected", "부결"


class AgendaItem(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField("안건 번호")
    kind = models.CharField("안건 구분", max_length=20, choices=ItemKind.choices)
    review = models.ForeignKey(Review, on_delete=models.PROTECT, null=True, blank=True, related_name="items")
    refusal = models.ForeignKey(
        DisclosureRefusal, on_delete=models.PROTECT, null=True, blank=True, related_name="items"
    )
    title = models.CharField("안건명", max_length=200)
    proposal = models.TextField("제안 내용", blank=True)
    decision = models.CharField("의결", max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decision_text = models.TextField("의결 내용", blank=True)
    decided_on = models.DateField("의결일", null=True, blank=True)

    class Meta:
        verbose_name = "공직자윤리위원회 안건"
        verbose_name_plural = "공직자윤리위원회 안건"
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="eth_item_number")]

    @property
    def log_label(self) -> str:
        return f"{self.meeting.log_label} 제{self.number}호 안건"
