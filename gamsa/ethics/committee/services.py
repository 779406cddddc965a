"""Writes of the 공직자윤리위원회: members (7, 5 outside with the chair), meetings, agendas built from referred
reviews and open 고지거부 applications, a decision per item, and the minutes' text."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max

from gamsa.core.models import Role, User
from gamsa.core.permissions import has_role
from gamsa.core.services import record_event
from gamsa.ethics.committee.models import (
    MEMBERS,
    OUTSIDE_MEMBERS,
    AgendaItem,
    Decision,
    ItemKind,
    Meeting,
    MeetingKind,
    Member,
    Seat,
)
from gamsa.ethics.errors import EthicsError, day, require_manager, text
from gamsa.ethics.refusals import services as refusal_svc
from gamsa.ethics.refusals.models import DisclosureRefusal, RefusalKind, RefusalStatus
from gamsa.ethics.registration import reviews as review_svc
from gamsa.ethics.registration.review_models import Review, ReviewStatus


def active_members(on: dt.date | None = None):
    qs = Member.objects.filter(ended_on__isnull=True)
    return qs.filter(started_on__lte=on) if on else qs


def composition_warnings(members: list[Member]) -> list[str]:
    """법 제9조③: 시·군·구 위원회는 7명, 그중 5명은 외부 (위원장 포함)."""
    warnings = []
    outside = sum(1 for m in members if m.is_outside)
    if len(members) != MEMBERS:
        warnings.append(f"위원은 {MEMBERS}명이어야 합니다 (현재 {len(members)}명, 공직자윤리법 제9조③).")
    if outside < OUTSIDE_MEMBERS:
        warnings.append(f"외부위원(위원장 포함)은 {OUTSIDE_MEMBERS}명이어야 합니다 (현재 {outside}명).")
    if not any(m.seat == Seat.CHAIR for m in members):
        warnings.append("위원장(외부위원)이 없습니다.")
    return warnings


@transaction.atomic
def appoint_member(actor, *, name: str, seat: str, started_on: dt.date, affiliation: str = "",
                   user: User | None = None) -> Member:  # fmt: skip
    require_manager(actor)
    if seat not in Seat.values:
        raise EthicsError("위원 구분을 고르세요.")
    day(started_on, "위촉일")
    members = list(active_members())
    if len(members) >= MEMBERS:
        raise EthicsError(f"위원은 {MEMBERS}명을 넘을 수 없습니다. 먼저 임기가 끝난 위원을 해촉하세요.")
    if seat == Seat.CHAIR and any(m.seat == Seat.CHAIR for m in members):
        raise EthicsError("위원장이 이미 있습니다.")
    inside = sum(1 for m in members if not m.is_outside) + (seat == Seat.INSIDE)
    if inside > MEMBERS - OUTSIDE_MEMBERS:
        raise EthicsError(
            f"내부위원은 {MEMBERS - OUTSIDE_MEMBERS}명까지입니다 (외부위원 {OUTSIDE_MEMBERS}명)."
        )
    if user is not None and not has_role(user, Role.ETHICS_COMMITTEE):
        raise EthicsError("계정을 연결하려면 그 계정에 공직자윤리위원 역할이 있어야 합니다.")
    member = Member.objects.create(
        name=text(name, "성명", 50),
        seat=seat,
        affiliation=text(affiliation, "소속·직위", 100, required=False),
        user=user,
        started_on=started_on,
    )
    record_event(actor, "ethics.member_appointed", member, seat=seat, account=bool(user))
    return member


@transaction.atomic
def end_member(actor, member: Member, *, on: dt.date) -> Member:
    require_manager(actor)
    if member.ended_on:
        raise EthicsError("이미 해촉한 위원입니다.")
    if day(on, "임기 종료일") < member.started_on:
        raise EthicsError("임기 종료일은 위촉일보다 빠를 수 없습니다.")
    member.ended_on = on
    member.save(update_fields=["ended_on"])
    record_event(actor, "ethics.member_ended", member, on=on)
    return member


@transaction.atomic
def schedule_meeting(actor, *, kind: str, held_on: dt.date, place: str = "", members=None) -> Meeting:
    """A meeting (정기: 5월·12월, or 임시) with the members convened; they see its items and nothing else."""
    require_manager(actor)
    if kind not in MeetingKind.values:
        raise EthicsError("회의 구분을 고르세요.")
    day(held_on, "개최일")
    number = (Meeting.objects.filter(year=held_on.year).aggregate(m=Max("number"))["m"] or 0) + 1
    meeting = Meeting.objects.create(
        year=held_on.year, number=number, kind=kind, held_on=held_on, place=text(place, "장소", 100, False)
    )
    convened = list(members) if members is not None else list(active_members(held_on))
    meeting.members.set(convened)
    record_event(
        actor, "ethics.meeting_scheduled", meeting, kind=kind, held_on=held_on, members=len(convened)
    )
    return meeting


def _next_number(meeting: Meeting) -> int:
    return (meeting.items.aggregate(m=Max("number"))["m"] or 0) + 1


def _review_title(review: Review) -> str:
    d = review.declarant
    return f"재산등록 심사 결과 조치 ({review.case_number}, {d.unit.name} {d.get_grade_display()})"


def _refusal_title(refusal: DisclosureRefusal) -> str:
    what = "고지거부 재심사" if refusal.kind == RefusalKind.REEXAMINATION else "고지거부 허가"
    return f"{what} ({refusal.case_number}, {refusal.get_relation_display()})"


def _add(meeting: Meeting, *, review: Review | None = None, refusal: DisclosureRefusal | None = None,
         title: str = "", proposal: str = "") -> AgendaItem:  # fmt: skip
    if review is not None:
        if review.status != ReviewStatus.REFERRED or review.items.filter(decision=Decision.PENDING).exists():
            raise EthicsError("위원회 상정으로 결론 낸 심사만 안건으로 올릴 수 있습니다.")
        kind, title = ItemKind.REVIEW, _review_title(review)
        proposal = proposal or review.opinion
    elif refusal is not None:
        if refusal.items.filter(decision=Decision.PENDING).exists():
            raise EthicsError("이미 안건으로 올린 신청입니다.")
        refusal_svc.mark_referred(refusal)
        kind = ItemKind.REEXAMINATION if refusal.kind == RefusalKind.REEXAMINATION else ItemKind.REFUSAL
        title = _refusal_title(refusal)
    else:
        kind, title = ItemKind.OTHER, text(title, "안건명", 200)
    return AgendaItem.objects.create(
        meeting=meeting,
        number=_next_number(meeting),
        kind=kind,
        review=review,
        refusal=refusal,
        title=title,
        proposal=text(proposal, "제안 내용", 4000, required=False),
    )


@transaction.atomic
def add_item(actor, meeting: Meeting, *, title: str, proposal: str = "") -> AgendaItem:
    """An item of another kind (취업제한 안내, 운영 계획 …)."""
    require_manager(actor)
    if meeting.held:
        raise EthicsError("이미 개최한 회의에는 안건을 더할 수 없습니다.")
    item = _add(meeting, title=title, proposal=proposal)
    record_event(actor, "ethics.item_added", meeting, item=str(item.public_id), kind=item.kind)
    return item


@transaction.atomic
def build_agenda(actor, meeting: Meeting) -> int:
    """Every referred review and every open 고지거부 application not yet on an agenda becomes an item."""
    require_manager(actor)
    if meeting.held:
        raise EthicsError("이미 개최한 회의의 안건은 바꿀 수 없습니다.")
    added = 0
    for review in Review.objects.filter(status=ReviewStatus.REFERRED).exclude(
        items__decision=Decision.PENDING
    ):
        _add(meeting, review=review)
        added += 1
    refusals = DisclosureRefusal.objects.filter(status=RefusalStatus.RECEIVED).order_by("applied_on", "id")
    for refusal in refusals.select_related("declarant__unit"):
        _add(meeting, refusal=refusal)
        added += 1
    record_event(actor, "ethics.agenda_built", meeting, added=added)
    return added


@transaction.atomic
def decide_item(actor, item: AgendaItem, *, decision: str, on: dt.date, text_: str = "", measures=None,
                fine_amount=None, granted: bool | None = None) -> AgendaItem:  # fmt: skip
    """The committee's decision on one item, carried to its review (measures) or its application (허가·불허가)."""
    require_manager(actor)
    if item.decision != Decision.PENDING:
        raise EthicsError("이미 의결한 안건입니다.")
    if decision not in (Decision.APPROVED, Decision.AMENDED, Decision.REJECTED):
        raise EthicsError("의결 결과를 고르세요.")
    if day(on, "의결일") < item.meeting.held_on:
        raise EthicsError("의결일은 회의 개최일보다 빠를 수 없습니다.")
    if item.review_id:
        chosen, fine = review_svc.clean_measures(
            measures if decision != Decision.REJECTED else [], fine_amount
        )
        if decision != Decision.REJECTED and not chosen:
            raise EthicsError(
                "조치를 하나 이상 고르세요 (공직자윤리법 제8조의2②). 조치하지 않으려면 부결하세요."
            )
        review_svc.apply_measures(item.review, measures=chosen, fine_amount=fine, on=on)
    elif item.refusal_id:
        if granted is None:
            raise EthicsError("허가 또는 불허가를 고르세요.")
        refusal_svc.apply_decision(item.refusal, granted=granted, on=on, note=text_)
    item.decision, item.decision_text, item.decided_on = decision, text(text_, "의결 내용", 4000, False), on
    item.save(update_fields=["decision", "decision_text", "decided_on"])
    meeting = item.meeting
    if not meeting.held:
        meeting.held = True
        meeting.save(update_fields=["held"])
    record_event(
        actor,
        "ethics.item_decided",
        meeting,
        item=str(item.public_id),
        decision=decision,
        review=item.review.case_number if item.review_id else "",
        refusal=item.refusal.case_number if item.refusal_id else "",
        granted=granted,
    )
    return item


@transaction.atomic
def record_minutes(actor, meeting: Meeting, *, minutes: str) -> Meeting:
    require_manager(actor)
    meeting.minutes, meeting.held = text(minutes, "회의 요지", 8000), True
    meeting.save(update_fields=["minutes", "held"])
    record_event(actor, "ethics.minutes_recorded", meeting)
    return meeting
