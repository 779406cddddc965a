"""The ethics clocks in core's calendar, on concrete dates: `/api/v1/calendar/deadline` with received_at = the
trigger (month ends, leap years, 삼일절 and its substitute, 개천절), the extension of a filing, the review answer
clocks, the 고지거부 decision and re-examination, and the 취업제한 window."""

from __future__ import annotations

import datetime as dt

import pytest

from gamsa.core import calendar as legal
from gamsa.ethics.refusals.services import reexamination_start, reexamination_window
from gamsa.ethics.restrictions.services import apply_by, window

D = dt.date.fromisoformat
pytestmark = pytest.mark.django_db


def due(client, kind: str, trigger: str) -> str:
    response = client.get(
        "/api/v1/calendar/deadline", {"kind": kind, "received_at": f"{trigger}T10:00:00+09:00"}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["received_at"].startswith(trigger)
    assert body["basis"].startswith("공직자윤리법")
    return body["due_at"][:10]


@pytest.mark.parametrize(
    "trigger, expected",
    [
        ("2026-01-15", "2026-03-31"),  # 2 months end 03-15 → the end of March (Tue)
        ("2026-01-31", "2026-03-31"),  # counted from 02-01 (a 1st): the end of March
        ("2026-06-30", "2026-08-31"),  # from 07-01 → 08-31 (Mon)
        ("2026-10-31", "2026-12-31"),  # from 11-01 → 12-31 (Thu)
        ("2026-08-03", "2026-11-02"),  # 10-03 → the end of October is Sat 10-31 → Mon 11-02
        # 12-30 → from 12-31 → no 31 February → 2027-02-28 (Sun) → Mon 03-01 삼일절 → Tue 03-02
        ("2026-12-30", "2027-03-02"),
        ("2027-12-15", "2028-02-29"),  # leap year: 02-15 → the end of February 2028 (Tue)
    ],
)
def test_initial_registration(client, trigger, expected):
    assert due(client, "property_registration_initial", trigger) == expected


@pytest.mark.parametrize(
    "trigger, expected",
    [
        ("2026-05-31", "2026-07-31"),  # retired on a month's last day: from 06-01 → 07-31 (Fri)
        ("2026-07-20", "2026-09-30"),  # 09-20 → 09-30 (Wed)
        ("2026-08-01", "2026-11-02"),  # 10-01 → Sat 10-31 → Mon 11-02
    ],
)
def test_retirement_filing(client, trigger, expected):
    assert due(client, "property_registration_retirement", trigger) == expected


@pytest.mark.parametrize(
    "trigger, expected",
    [
        ("2024-12-31", "2025-02-28"),  # Fri
        # Sat 02-28 → Sun 03-01 삼일절 → Mon 03-02 its substitute holiday → Tue 03-03
        ("2025-12-31", "2026-03-03"),
        ("2026-12-31", "2027-03-02"),  # Sun 02-28 → Mon 03-01 삼일절 → Tue 03-02
        ("2027-12-31", "2028-02-29"),  # leap day, a Tuesday
    ],
)
def test_regular_filing_is_due_at_the_end_of_next_february(client, trigger, expected):
    assert due(client, "property_registration_regular", trigger) == expected


def test_the_method_is_reported_as_month_end(client):
    body = client.get(
        "/api/v1/calendar/deadline",
        {"kind": "property_registration_initial", "received_at": "2026-01-15T09:00:00+09:00"},
    ).json()
    assert body["method"] == "month_end" and "말일" in body["method_label"]
    assert body["due_at"] == "2026-03-31T18:00:00+09:00"


def test_an_administrator_closure_moves_the_due_day():
    cal = legal.LegalCalendar([(D("2026-03-31"), "구 개청기념 휴무")])
    moment = dt.datetime(2026, 1, 15, 9, tzinfo=legal.SEOUL)
    deadline = cal.compute(received_at=moment, amount=2, unit="months", method="month_end")
    assert deadline.due_at.date() == D("2026-04-01")


@pytest.mark.parametrize(
    "kind, trigger, days, expected",
    [
        # 30 days from the period's own last day (03-31) → 04-30 (Thu)
        ("property_registration_initial", "2026-01-15", 30, "2026-04-30"),
        # the regular filing's own last day is Sat 2026-02-28 (the due day moved to 03-03): + 20 → Fri 03-20, not
        # 20 days after the moved day
        ("property_registration_regular", "2025-12-31", 20, "2026-03-20"),
        # + 30 from 2026-10-31 (Sat) → 11-30 (Mon)
        ("property_registration_retirement", "2026-08-01", 30, "2026-11-30"),
    ],
)
def test_filing_extension_counts_from_the_periods_own_last_day(kind, trigger, days, expected):
    deadline = legal.deadline_for(kind, dt.datetime.combine(D(trigger), dt.time(9), legal.SEOUL))
    assert legal.extend_by_days(deadline, days).date() == D(expected)


@pytest.mark.parametrize(
    "kind, received, expected",
    [
        # 20 days → Sun 10-04; Mon 10-05 is 개천절's substitute holiday (10-03 is a Saturday) → Tue 10-06
        ("property_review_answer", "2026-09-14", "2026-10-06"),
        ("property_review_explanation", "2026-03-02", "2026-03-23"),  # 03-22 Sun → Mon 03-23
        ("disclosure_refusal_decision", "2026-09-15", "2026-09-28"),  # 09-25 추석, 09-26/27 → Mon 09-28
        # 1 month → Sun 02-15, then 설 연휴 02-16…18 → Thu 02-19
        ("disclosure_refusal_application", "2026-01-15", "2026-02-19"),
    ],
)
def test_day_clocks(kind, received, expected):
    deadline = legal.deadline_for(kind, dt.datetime.combine(D(received), dt.time(10), legal.SEOUL))
    assert deadline.due_at.date() == D(expected), deadline.due_at.date()


@pytest.mark.parametrize(
    "granted, cycle, expected",
    [
        ("2023-03-20", 1, "2026-01-01"),  # the 3rd year runs 2025-03-20 … 2026-03-19: its 1 January
        ("2023-01-01", 1, "2025-01-01"),  # granted on 1 January: the 3rd year starts on a 1 January
        ("2023-12-10", 1, "2026-01-01"),
        ("2024-02-29", 1, "2027-01-01"),  # a leap day: the 3rd year starts 2026-03-01
        ("2023-03-20", 2, "2029-01-01"),  # every 3 years from the grant: the 6th year
    ],
)
def test_reexamination_year(granted, cycle, expected):
    assert reexamination_start(D(granted), cycle) == D(expected)


@pytest.mark.parametrize(
    "start, apply_until",
    [
        ("2026-01-01", "2026-03-31"),  # 3 months from 1 January (counted from 31 December), Tue
        ("2029-01-01", "2029-04-02"),  # Sat 03-31 → Mon 04-02
    ],
)
def test_reexamination_window(start, apply_until):
    assert reexamination_window(D(start)) == (D(apply_until), D(start).replace(month=11, day=30))


@pytest.mark.parametrize(
    "retired, ends, reminder",
    [
        ("2025-06-30", "2028-06-30", "2028-05-01"),
        ("2026-01-15", "2029-01-15", "2028-11-16"),
        ("2024-02-29", "2027-02-28", "2027-01-01"),  # counted from 03-01: whole months to the end of February
    ],
)
def test_restriction_window_and_reminder(retired, ends, reminder):
    assert window(D(retired)) == (D(ends), D(reminder))


def test_employment_application_is_due_30_days_before_starting():
    # "30일 전까지" read strictly: 05-31 is day 1, 05-02 day 30, so by the end of 05-01
    assert apply_by(D("2026-06-01")) == D("2026-05-01")


@pytest.mark.parametrize(
    "trigger, expected",
    [
        ("2026-04-20", "2026-06-30"),  # 파견 ends 04-20 → 06-20 → the end of June (Tue)
        ("2026-06-30", "2026-08-31"),  # ends on a month's last day: from 07-01 → the end of August (Mon)
        ("2026-08-10", "2026-11-02"),  # 10-10 → Sat 10-31 → Mon 11-02 (민법 제161조)
    ],
)
def test_deferral_end_filing(client, trigger, expected):
    """법 제6조의3: the filing after a 파견·휴직 deferral, by the same "2개월 말일" rule from the day it ended."""
    assert due(client, "property_registration_deferral_end", trigger) == expected
