"""Writes of the 인권위원회: terms, members, meetings, agendas and decisions, minutes. Events carry codes and
numbers, never members' names or contacts."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gamsa.core.models import User
from gamsa.core.services import record_event
from gamsa.humanrights import permissions as perms
from gamsa.humanrights.committee.models import (
    Agenda,
    AgendaKind,
    Decision,
    Meeting,
    MeetingKind,
    Member,
    MemberKind,
    MemberPosition,
    Term,
)
from gamsa.humanrights.common import HumanRightsError, day, require, text, today


@transaction.atomic
def create_term(actor: User, *, number: int, starts_on: dt.date, ends_on: dt.date) -> Term:
    require(perms.can_manage(actor))
    starts_on, ends_on = day(starts_on, "임기 시작일"), day(ends_on, "임기 만료일")
    if not number or int(number) < 1:
        raise HumanRightsError("기수를 입력하세요.")
    if ends_on <= starts_on:
        raise HumanRightsError("임기 만료일은 시작일보다 늦어야 합니다.")
    if Term.objects.filter(number=number).exists():
        raise HumanRightsError(f"제{number}기가 이미 있습니다.")
    term = Term.objects.create(number=int(number), starts_on=starts_on, ends_on=ends_on)
    record_event(actor, "humanrights.term_created", term, starts_on=starts_on, ends_on=ends_on)
    return term


@transaction.atomic
def appoint_member(
    actor: User,
    term: Term,
    *,
    name: str,
    affiliation: str = "",
    position: str = MemberPosition.MEMBER,
    kind: str = MemberKind.APPOINTED,
    phone: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
) -> Member:
    require(perms.can_manage(actor))
    if position not in MemberPosition.values or kind not in MemberKind.values:
        raise HumanRightsError("직책과 구분을 고르세요.")
    starts_on = starts_on or term.starts_on
    ends_on = ends_on or term.ends_on
    if starts_on < term.starts_on or ends_on > term.ends_on or ends_on <= starts_on:
        raise HumanRightsError(
            f"위원의 임기는 제{term.number}기 임기({term.starts_on:%Y. %-m. %-d.}~{term.ends_on:%Y. %-m. %-d.}) 안이어야 합니다."
        )
    if (
        position == MemberPosition.CHAIR
        and term.members.filter(position=MemberPosition.CHAIR, left_on__isnull=True).exists()
    ):
        raise HumanRightsError("이 기수에는 이미 위원장이 있습니다.")
    member = Member.objects.create(
        term=term,
        name=text(name, "성명", 50),
        affiliation=text(affiliation, "소속·직위", 100, required=False),
        position=position,
        kind=kind,
        phone=text(phone, "연락처", 30, required=False),
        starts_on=starts_on,
        ends_on=ends_on,
    )
    record_event(
        actor,
        "humanrights.member_appointed",
        term,
        member=str(member.public_id),
        position=position,
        kind=kind,
    )
    return member


@transaction.atomic
def end_member(actor: User, member: Member, *, left_on: dt.date) -> Member:
    require(perms.can_manage(actor))
    left_on = day(left_on, "해촉·사임일")
    if member.left_on:
        raise HumanRightsError("이미 해촉·사임한 위원입니다.")
    if left_on < member.starts_on:
        raise HumanRightsError("해촉·사임일은 임기 시작일보다 빠를 수 없습니다.")
    member.left_on = left_on
    member.save(update_fields=["left_on"])
    record_event(actor, "humanrights.member_left", member.term, member=str(member.public_id), left_on=left_on)
    return member


@transaction.atomic
def schedule_meeting(
    actor: User, term: Term, *, held_on: dt.date, kind: str = MeetingKind.REGULAR, place: str = ""
) -> Meeting:
    require(perms.can_manage(actor))
    held_on = day(held_on, "회의일")
    if kind not in MeetingKind.values:
        raise HumanRightsError("회의 구분을 고르세요.")
    if not term.starts_on <= held_on <= term.ends_on:
        raise HumanRightsError(f"회의일이 제{term.number}기 임기 밖입니다.")
    number = (term.meetings.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    meeting = Meeting.objects.create(
        term=term, number=number, kind=kind, held_on=held_on, place=text(place, "장소", 150, required=False)
    )
    record_event(actor, "humanrights.meeting_scheduled", meeting, held_on=held_on, kind=kind)
    return meeting


@transaction.atomic
def add_agenda(
    actor: User, meeting: Meeting, *, title: str, kind: str = AgendaKind.DELIBERATION, summary: str = ""
) -> Agenda:
    require(perms.can_manage(actor))
    if kind not in AgendaKind.values:
        raise HumanRightsError("안건 구분을 고르세요.")
    order = (meeting.agendas.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    agenda = Agenda.objects.create(
        meeting=meeting,
        order=order,
        kind=kind,
        title=text(title, "안건명", 200),
        summary=text(summary, "제안 요지", required=False),
    )
    record_event(actor, "humanrights.agenda_added", meeting, agenda=order, kind=kind)
    return agenda


@transaction.atomic
def decide_agenda(actor: User, agenda: Agenda, *, decision: str, decision_text: str = "") -> Agenda:
    require(perms.can_manage(actor))
    if decision not in Decision.values:
        raise HumanRightsError("결과를 고르세요.")
    if agenda.kind == AgendaKind.REPORT and decision != Decision.NOTED:
        raise HumanRightsError("보고 안건의 결과는 '보고 접수'입니다.")
    if agenda.kind == AgendaKind.DELIBERATION and decision == Decision.NOTED:
        raise HumanRightsError("심의 안건은 의결·부결·보류 중에서 고르세요.")
    if decision == Decision.AMENDED and not (decision_text or "").strip():
        raise HumanRightsError("수정 의결은 수정한 내용을 적어 주세요.")
    if agenda.meeting.held_on > today():
        raise HumanRightsError("회의 전에는 결과를 기록할 수 없습니다.")
    agenda.decision = decision
    agenda.decision_text = text(decision_text, "의결 내용", required=False)
    agenda.save(update_fields=["decision", "decision_text"])
    record_event(actor, "humanrights.agenda_decided", agenda.meeting, agenda=agenda.order, decision=decision)
    return agenda


@transaction.atomic
def record_minutes(
    actor: User, meeting: Meeting, *, attendees: list[Member], minutes: str, recorded_on: dt.date
) -> Meeting:
    """The minutes: who attended (members of the meeting's term still serving that day) and the record."""
    require(perms.can_manage(actor))
    recorded_on = day(recorded_on, "회의록 작성일")
    if recorded_on < meeting.held_on:
        raise HumanRightsError("회의록 작성일은 회의일보다 빠를 수 없습니다.")
    for member in attendees:
        if member.term_id != meeting.term_id:
            raise HumanRightsError("다른 기수의 위원은 출석 위원이 될 수 없습니다.")
        if member.left_on and member.left_on < meeting.held_on:
            raise HumanRightsError("회의일 전에 해촉·사임한 위원이 있습니다.")
    if not attendees:
        raise HumanRightsError("출석 위원을 한 명 이상 고르세요.")
    meeting.minutes = text(minutes, "회의록")
    meeting.minutes_recorded_on = recorded_on
    meeting.save(update_fields=["minutes", "minutes_recorded_on"])
    meeting.attendees.set(attendees)
    record_event(
        actor, "humanrights.minutes_recorded", meeting, attendees=len(attendees), recorded_on=recorded_on
    )
    return meeting
