"""Every write of the 민원조정위원회 (민원처리법 제34조, 시행령 제38조·제38조의2).

Members sit by seat (the 감사부서장 seat is required, 영 제38조④); meetings take agenda items linked to grievances
and decide them (원안 의결 / 수정 의결 / 부결). An approved or amended item on a 다수인관련민원 is what lets the
grievance desk request internal closure (services.grievances.request_internal_closure, 영 제26조).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q

from gamsa.complaints.committee.models import AgendaItem, CommitteeMeeting, CommitteeMember
from gamsa.complaints.grievances.models import Grievance, Status
from gamsa.core.models import User
from gamsa.core.services import record_event

Seat = CommitteeMember.Seat
Decision = AgendaItem.Decision
OUTSIDE_SEATS = (Seat.OUTSIDE_LEGAL, Seat.OUTSIDE_EXPERT)
MULTI_PARTY_MIN = (
    5  # households and signatories (다수인관련민원: 5세대 이상 공동이해, Grievance.is_multi_party)
)


class CommitteeError(ValueError):
    """A refused action; the message is Korean and safe to show."""


def active_members():
    return CommitteeMember.objects.filter(active=True).order_by("seat", "name")


def blocking_problems() -> list[str]:
    """What stops the committee from meeting."""
    if not active_members().filter(seat=Seat.AUDIT_HEAD).exists():
        return ["민원조정위원회에는 감사부서장이 위원으로 있어야 합니다 (민원처리법 시행령 제38조④)."]
    return []


def warnings() -> list[str]:
    """Blocking problems plus what the 시행령 asks for but does not make a meeting invalid."""
    out = blocking_problems()
    seats = set(active_members().values_list("seat", flat=True))
    if Seat.CHAIR not in seats:
        out.append("위원장이 지정되지 않았습니다 (영 제38조③: 국장급 공무원 중 지명 또는 외부위원 중 호선).")
    if not seats & set(OUTSIDE_SEATS):
        out.append("외부 법률전문가나 민원 관련 외부전문가 위원이 없습니다 (영 제38조④).")
    return out


@transaction.atomic
def add_member(actor: User, *, name: str, seat: str, affiliation: str = "") -> CommitteeMember:
    if not name.strip():
        raise CommitteeError("위원의 성명을 입력하세요.")
    if seat not in Seat.values:
        raise CommitteeError("위원 구분을 목록에서 고르세요.")
    if seat == Seat.CHAIR and active_members().filter(seat=Seat.CHAIR).exists():
        raise CommitteeError("위원장이 이미 있습니다. 기존 위원장을 해촉한 뒤 지정하세요.")
    member = CommitteeMember.objects.create(name=name.strip(), seat=seat, affiliation=affiliation.strip())
    record_event(actor, "committee.member_added", None, name=member.name, seat=seat)
    return member


@transaction.atomic
def deactivate_member(actor: User, member: CommitteeMember) -> CommitteeMember:
    if not member.active:
        raise CommitteeError("이미 해촉된 위원입니다.")
    member.active = False
    member.save(update_fields=["active"])
    record_event(actor, "committee.member_removed", None, name=member.name, seat=member.seat)
    return member


@transaction.atomic
def hold_meeting(
    actor: User, *, held_on: dt.date, attendees, is_yearly_review: bool = False, minutes: str = ""
) -> CommitteeMeeting:
    problems = blocking_problems()
    if problems:
        raise CommitteeError("민원조정위원회를 열 수 없습니다. " + " ".join(problems))
    attendees = list(attendees)
    if not attendees:
        raise CommitteeError("출석 위원을 고르세요.")
    inactive = [m.name for m in attendees if not m.active]
    if inactive:
        raise CommitteeError(f"해촉된 위원은 출석할 수 없습니다: {', '.join(inactive)}")
    if CommitteeMeeting.objects.filter(held_on=held_on).exists():
        raise CommitteeError(f"{held_on:%Y-%m-%d}에 이미 회의가 있습니다. 그 회의에 안건을 더하세요.")
    meeting = CommitteeMeeting.objects.create(
        held_on=held_on, is_yearly_review=is_yearly_review, minutes=minutes.strip()
    )
    meeting.attendees.set(attendees)
    record_event(
        actor,
        "committee.meeting_held",
        None,
        held_on=held_on,
        attendees=len(attendees),
        yearly_review=is_yearly_review,
    )
    return meeting


@transaction.atomic
def record_minutes(actor: User, meeting: CommitteeMeeting, *, minutes: str) -> CommitteeMeeting:
    if not minutes.strip():
        raise CommitteeError("회의록 내용을 적으세요.")
    meeting.minutes = minutes.strip()
    meeting.save(update_fields=["minutes"])
    record_event(actor, "committee.minutes_recorded", None, held_on=meeting.held_on)
    return meeting


@transaction.atomic
def add_agenda_item(
    actor: User, meeting: CommitteeMeeting, *, grievance: Grievance, topic: str, summary: str
) -> AgendaItem:
    if topic not in AgendaItem.Topic.values:
        raise CommitteeError("안건 유형을 목록에서 고르세요.")
    if not summary.strip():
        raise CommitteeError("안건 요지를 적으세요.")
    if topic == AgendaItem.Topic.MULTI_PARTY and not grievance.is_multi_party:
        raise CommitteeError(
            f"{grievance.case_number}은(는) 다수인관련민원이 아닙니다 (5세대 이상·5명 이상 연명, 현재 "
            f"{grievance.households}세대·{grievance.signatories}명)."
        )
    if meeting.items.filter(grievance=grievance).exists():
        raise CommitteeError(f"{grievance.case_number}은(는) 이미 이 회의의 안건입니다.")
    item = AgendaItem.objects.create(
        meeting=meeting, grievance=grievance, topic=topic, summary=summary.strip()
    )
    record_event(actor, "committee.item_added", grievance, held_on=meeting.held_on, topic=topic)
    return item


@transaction.atomic
def decide_item(actor: User, item: AgendaItem, *, decision: str, decision_text: str = "") -> AgendaItem:
    item = AgendaItem.objects.select_for_update().select_related("grievance", "meeting").get(pk=item.pk)
    if item.decision != Decision.PENDING:
        raise CommitteeError("이미 의결한 안건입니다.")
    if decision not in (Decision.APPROVED, Decision.AMENDED, Decision.REJECTED):
        raise CommitteeError("의결 결과(원안 의결·수정 의결·부결)를 고르세요.")
    if decision in (Decision.AMENDED, Decision.REJECTED) and not decision_text.strip():
        raise CommitteeError("수정 의결이나 부결은 그 내용과 이유를 적어야 합니다.")
    item.decision, item.decision_text = decision, decision_text.strip()
    item.save(update_fields=["decision", "decision_text"])
    record_event(
        actor,
        "committee.item_decided",
        item.grievance,
        held_on=item.meeting.held_on,
        topic=item.topic,
        decision=decision,
    )
    return item


# --- 연례 점검 (영 제38조의2) ----------------------------------------------------------------------------------------


def _year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    from gamsa.core.calendar import SEOUL

    return dt.datetime(year, 1, 1, tzinfo=SEOUL), dt.datetime(year + 1, 1, 1, tzinfo=SEOUL)


def yearly_review(year: int) -> dict:
    """다수인관련민원 and re-filed closed grievances of `year`, each marked when a yearly-review meeting took it up."""
    start, end = _year_bounds(year)
    reviewed = AgendaItem.objects.filter(
        grievance=OuterRef("pk"), meeting__is_yearly_review=True, meeting__held_on__year=year
    )
    base = Grievance.objects.filter(received_at__gte=start, received_at__lt=end).annotate(
        reviewed=Exists(reviewed)
    )
    closed = [Status.CLOSED, Status.CLOSED_INTERNALLY, Status.REJECTED]
    return {
        "multi_party": base.filter(households__gte=MULTI_PARTY_MIN, signatories__gte=MULTI_PARTY_MIN)
        .select_related("department")
        .order_by("received_at", "pk"),
        "refiled": base.filter(Q(reopened_from__status__in=closed) | Q(repeat_of__status__in=closed))
        .select_related("department", "reopened_from", "repeat_of")
        .order_by("received_at", "pk"),
        # Same-matter groups linked for joint handling with 5 or more complaints from different residents: not a
        # 다수인관련민원 in law (no joint filing), but what the committee's 대책 for 다수인 민원 looks at (법 제34조).
        "joint_groups": base.filter(joint_of__isnull=True)
        .annotate(linked=Count("joint_cases"))
        .filter(linked__gte=MULTI_PARTY_MIN - 1)
        .select_related("department")
        .order_by("received_at", "pk"),
        "meetings": CommitteeMeeting.objects.filter(held_on__year=year, is_yearly_review=True).order_by(
            "held_on"
        ),
    }
