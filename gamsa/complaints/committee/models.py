"""민원조정위원회 (법 제34조, 영 제38조): members, meetings, agenda items linked to cases, decisions."""

from __future__ import annotations

from django.db import models


class CommitteeMember(models.Model):
    class Seat(models.TextChoices):
        CHAIR = "chair", "위원장"
        HANDLING_HEAD = "handling_head", "처리주무부서장"
        RELATED_HEAD = "related_head", "관계부서장"
        AUDIT_HEAD = "audit_head", "감사부서장"
        OUTSIDE_LEGAL = "outside_legal", "외부 법률전문가"
        OUTSIDE_EXPERT = "outside_expert", "민원 관련 외부전문가"

    name = models.CharField("성명", max_length=60)
    seat = models.CharField("구분", max_length=20, choices=Seat.choices)
    affiliation = models.CharField("소속", max_length=100, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = "민원조정위원회 위원"
        verbose_name_plural = "민원조정위원회 위원"


class CommitteeMeeting(models.Model):
    held_on = models.DateField("개최일")
    attendees = models.ManyToManyField(CommitteeMember, related_name="+", blank=True)
    is_yearly_review = models.BooleanField("연례 점검(영 제38조의2)", default=False)
    minutes = models.TextField("회의록", blank=True)

    class Meta:
        verbose_name = "민원조정위원회 회의"
        verbose_name_plural = "민원조정위원회 회의"
        ordering = ["-held_on"]


class AgendaItem(models.Model):
    class Topic(models.TextChoices):
        LONG_UNRESOLVED = "long_unresolved", "장기 미해결 민원"
        REPEATED = "repeated", "반복민원"
        MULTI_PARTY = "multi_party", "다수인관련민원"
        OBJECTION = "objection", "거부처분 이의신청"
        UNCLEAR_OWNER = "unclear_owner", "소관 불명확 민원 주무부서 지정"
        CLOSURE = "closure", "종결처리 심의"

    class Decision(models.TextChoices):
        PENDING = "pending", "심의 전"
        APPROVED = "approved", "원안 의결"
        AMENDED = "amended", "수정 의결"
        REJECTED = "rejected", "부결"

    meeting = models.ForeignKey(CommitteeMeeting, on_delete=models.CASCADE, related_name="items")
    grievance = models.ForeignKey(
        "complaints.Grievance", on_delete=models.PROTECT, related_name="agenda_items"
    )
    topic = models.CharField("안건 유형", max_length=20, choices=Topic.choices)
    summary = models.TextField("안건 요지")
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decision_text = models.TextField("의결 내용", blank=True)

    class Meta:
        verbose_name = "민원조정위원회 안건"
        verbose_name_plural = "민원조정위원회 안건"
