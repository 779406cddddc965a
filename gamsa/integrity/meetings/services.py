"""반부패 추진상황 보고회 writes: the meeting, its agenda items, the minutes."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max

from gamsa.core.models import OrgUnit, User
from gamsa.core.services import record_event
from gamsa.integrity.meetings.models import AgendaItem, StatusMeeting


class MeetingError(ValueError):
    """Korean message."""


@transaction.atomic
def create_meeting(
    actor: User, *, held_on: dt.date, title: str, place: str = "", chair: str = "", attendees: str = ""
) -> StatusMeeting:
    meeting = StatusMeeting.objects.create(
        held_on=held_on,
        title=title.strip(),
        place=place.strip(),
        chair=chair.strip(),
        attendees=attendees.strip(),
        created_by=actor,
    )
    record_event(actor, "meetings.created", meeting, held_on=held_on)
    return meeting


@transaction.atomic
def add_item(
    actor: User,
    meeting: StatusMeeting,
    *,
    title: str,
    unit: OrgUnit | None = None,
    summary: str = "",
    decision: str = "",
) -> AgendaItem:
    if not title.strip():
        raise MeetingError("안건을 입력하세요.")
    number = (meeting.items.aggregate(n=Max("number"))["n"] or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        number=number,
        title=title.strip(),
        unit=unit,
        summary=summary.strip(),
        decision=decision.strip(),
    )
    record_event(actor, "meetings.item_added", meeting, number=number)
    return item


@transaction.atomic
def record_minutes(actor: User, meeting: StatusMeeting, *, minutes: str) -> StatusMeeting:
    if not minutes.strip():
        raise MeetingError("회의 요지를 입력하세요.")
    meeting.minutes = minutes.strip()
    meeting.save(update_fields=["minutes"])
    record_event(actor, "meetings.minutes_recorded", meeting)
    return meeting
