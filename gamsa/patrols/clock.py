"""Deadlines of field complaints and findings, from the legal calendar (one place for these clocks)."""

from __future__ import annotations

import datetime as dt

from gamsa.core.calendar import END_OF_DAY, SEOUL, LegalCalendar, get_calendar
from gamsa.patrols.models import DeadlineBasis, FieldItem


def complaint_due_at(
    item: FieldItem, received_at: dt.datetime, calendar: LegalCalendar | None = None
) -> dt.datetime:
    """The item's own period from receipt: elapsed clock hours (응답소 practice) or working hours."""
    item = item.effective
    if item.deadline_basis == DeadlineBasis.WORKING_HOURS:
        return (calendar or get_calendar()).add_working_hours(received_at, item.deadline_hours)
    return received_at + dt.timedelta(hours=item.deadline_hours)


def finding_due_date(
    reported_at: dt.datetime, working_days: int, calendar: LegalCalendar | None = None
) -> dt.date:
    """A finding's default 조치기한: `working_days` working days counted from the day after it is reported."""
    calendar = calendar or get_calendar()
    day = reported_at.astimezone(SEOUL).date()
    return calendar.add_working_days(calendar.next_working_day(day), max(working_days - 1, 0))


def finding_due_moment(due_date: dt.date) -> dt.datetime:
    return dt.datetime.combine(due_date, END_OF_DAY, SEOUL)
