"""The legal calendar on concrete dates, holidays and substitute holidays included."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gamsa.core import services
from gamsa.core.calendar import SEOUL, CalendarError, LegalCalendar, deadline_for
from gamsa.core.models import Closure, DeadlineRule


def at(y, m, d, hh=0, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=SEOUL)


CAL = LegalCalendar()


# --- the two examples -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_grievance_over_chuseok_and_gaecheonjeol_substitute():
    # 추석 24–26 Sept (Thu–Sat), 개천절 Sat 3 Oct → substitute Mon 5 Oct.
    result = deadline_for("grievance", at(2026, 9, 23, 10))
    assert result.method == "working_days"
    assert result.due_at == at(2026, 10, 6, 18)
    assert result.due_at.utcoffset() == dt.timedelta(hours=9)


@pytest.mark.django_db
def test_miscellaneous_complaint_over_liberation_day_substitute():
    # 광복절 Sat 15 Aug → substitute Mon 17 Aug. 3 working hours from Fri 16:30: 1.5 h Fri + 1.5 h Tue.
    result = deadline_for("other", at(2026, 8, 14, 16, 30))
    assert result.method == "hours"
    assert result.due_at == at(2026, 8, 18, 10, 30)


# --- hours (법 제19조①) ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "received, hours, due",
    [
        (at(2026, 11, 23, 9), 3, at(2026, 11, 23, 12)),  # runs out exactly at 12:00 → due at 12:00, not 13:00
        (at(2026, 11, 23, 15), 3, at(2026, 11, 23, 18)),  # runs out exactly at 18:00 → due at 18:00
        (at(2026, 11, 23, 11), 3, at(2026, 11, 23, 15)),  # lunch hour is not counted
        (at(2026, 11, 23, 12, 30), 3, at(2026, 11, 23, 16)),  # received at lunch → counted from 13:00
        (at(2026, 11, 23, 8, 10), 3, at(2026, 11, 23, 12)),  # before 09:00 → counted from 09:00
        (at(2026, 11, 23, 18), 3, at(2026, 11, 24, 12)),  # at 18:00 → next working morning
        (at(2026, 11, 23, 21, 45), 1, at(2026, 11, 24, 10)),
        (at(2026, 11, 28, 10), 3, at(2026, 11, 30, 12)),  # Saturday → Monday 09:00
        (at(2026, 12, 24, 17), 3, at(2026, 12, 28, 11)),  # Thu 17:00 + 1 h, Fri 25 Dec 성탄절, weekend, Mon
        (at(2026, 5, 22, 17), 2, at(2026, 5, 26, 10)),  # 부처님오신날 Sun 24 May → substitute Mon 25 May
        (
            at(2026, 4, 30, 17),
            2,
            at(2026, 5, 4, 10),
        ),  # 노동절 1 May 2026 is a public holiday (관공서 규정 2026)
        (at(2026, 6, 2, 17, 30), 1, at(2026, 6, 4, 9, 30)),  # 3 June 2026 local election day
    ],
)
def test_working_hours(received, hours, due):
    assert CAL.add_working_hours(received, hours) == due


def test_five_days_or_less_count_in_hours():
    # 5 days = 40 working hours from Mon 10:00 → the next Monday 10:00.
    result = CAL.compute(received_at=at(2026, 11, 23, 10), amount=5, unit="days")
    assert result.method == "hours"
    assert result.due_at == at(2026, 11, 30, 10)


def test_six_days_or_more_count_in_working_days_with_day_of_receipt_as_day_one():
    result = CAL.compute(received_at=at(2026, 11, 23, 17, 59), amount=6, unit="days")
    assert result.method == "working_days"
    assert result.due_at == at(2026, 11, 30, 18)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "received, due",
    [
        # Received after working hours on Wed 23 Sept → counted from Mon 28 Sept (추석 Thu–Sat, Sunday).
        (at(2026, 9, 23, 18, 30), at(2026, 10, 7, 18)),
        # Received on 개천절 (Sat 3 Oct) → Tue 6 Oct is day 1; 한글날 Fri 9 Oct is skipped.
        (at(2026, 10, 3, 11), at(2026, 10, 15, 18)),
        # 설날 2027: 6–8 Feb (Sat–Mon), the Sunday clash gives a substitute holiday on Tue 9 Feb.
        (at(2027, 2, 5, 10), at(2027, 2, 17, 18)),
        # Received at lunch on a working day: that day still counts as day 1.
        (at(2026, 11, 23, 12, 15), at(2026, 12, 1, 18)),
    ],
)
def test_grievance_deadlines(received, due):
    assert deadline_for("grievance", received).due_at == due


@pytest.mark.django_db
def test_inquiries_and_proposals():
    assert deadline_for("inquiry_procedure", at(2026, 11, 23, 10)).due_at == at(2026, 12, 1, 18)
    # 14 working days from Mon 14 Dec 2026: Christmas Fri 25 Dec and 1 Jan 2027 are skipped.
    assert deadline_for("inquiry_law", at(2026, 12, 14, 10)).due_at == at(2027, 1, 4, 18)
    assert deadline_for("proposal", at(2026, 12, 14, 10)).due_at == at(2027, 1, 4, 18)


# --- calendar days and months (민법) ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_petition_counts_calendar_days_without_the_first_day():
    result = deadline_for("petition", at(2026, 8, 14, 16, 30))
    assert result.method == "calendar_days"
    assert result.confidence == "general_rule"
    assert result.due_at == at(2026, 11, 12, 18)


@pytest.mark.django_db
def test_petition_last_day_on_a_holiday_moves_to_the_next_working_day():
    # 5 July + 90 days = Sat 3 Oct (개천절); Sun 4 Oct; Mon 5 Oct substitute → Tue 6 Oct.
    assert deadline_for("petition", at(2026, 7, 5, 9)).due_at == at(2026, 10, 6, 18)


@pytest.mark.parametrize(
    "received, months, due",
    [
        (at(2026, 1, 15, 10), 1, at(2026, 2, 19, 18)),  # Sun 15 Feb, then 설날 16–18 Feb → Thu 19 Feb
        (
            at(2026, 1, 31, 10),
            1,
            at(2026, 3, 3, 18),
        ),  # counted from 1 Feb, whole February → Sat 28 Feb; Sun 1 Mar 삼일절; Mon 2 Mar substitute
        (at(2026, 5, 15, 10), 3, at(2026, 8, 18, 18)),  # Sat 15 Aug 광복절; Mon 17 Aug substitute
        (at(2026, 11, 26, 10), 2, at(2027, 1, 26, 18)),  # plain case across a year end
        (at(2026, 3, 31, 10), 2, at(2026, 6, 1, 18)),  # from 1 Apr, April and May → Sun 31 May → Mon 1 June
        (at(2026, 9, 30, 10), 1, at(2026, 11, 2, 18)),  # from 1 Oct, all October → Sat 31 Oct → Mon 2 Nov
        (at(2027, 2, 28, 10), 1, at(2027, 3, 31, 18)),  # from 1 Mar → 31 Mar (not 28 or 29 Mar)
        (at(2028, 2, 29, 10), 1, at(2028, 3, 31, 18)),  # leap day: from 1 Mar → Fri 31 Mar
        (
            at(2027, 1, 30, 10),
            1,
            at(2027, 3, 2, 18),
        ),  # from 31 Jan: no 31 Feb → Sun 28 Feb, 삼일절 → Tue 2 Mar
        (at(2026, 4, 29, 10), 1, at(2026, 5, 29, 18)),  # from 30 Apr → the day before 30 May = Fri 29 May
    ],
)
def test_months(received, months, due):
    assert CAL.compute(received_at=received, amount=months, unit="months").due_at == due


# --- closures ---------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_extra_closure_moves_the_deadline_and_is_recorded():
    received = at(2026, 11, 23, 10)
    assert deadline_for("grievance", received).due_at == at(2026, 12, 1, 18)
    services.add_closure(
        None, date=dt.date(2026, 11, 25), name="구민의 날(지방공휴일)", kind=Closure.Kind.LOCAL
    )
    assert deadline_for("grievance", received).due_at == at(2026, 12, 2, 18)
    assert deadline_for("other", at(2026, 11, 24, 17)).due_at == at(2026, 11, 26, 11)


def test_working_hours_between_for_paused_clocks():
    assert CAL.working_hours_between(at(2026, 8, 14, 16, 30), at(2026, 8, 18, 10, 30)) == 3.0
    assert CAL.working_hours_between(at(2026, 11, 23, 11), at(2026, 11, 23, 14)) == 2.0
    assert CAL.working_hours_between(at(2026, 11, 23, 14), at(2026, 11, 23, 11)) == 0.0


def test_naive_datetimes_are_refused():
    with pytest.raises(CalendarError, match="시간대"):
        CAL.add_working_hours(dt.datetime(2026, 11, 23, 10), 3)


@pytest.mark.django_db
def test_unknown_or_inactive_kind_is_refused():
    with pytest.raises(CalendarError, match="알 수 없는"):
        deadline_for("nope", at(2026, 11, 23, 10))
    DeadlineRule.objects.filter(kind="proposal").update(active=False)
    with pytest.raises(CalendarError):
        deadline_for("proposal", at(2026, 11, 23, 10))


# --- invariants on dates nobody tuned ------------------------------------------------------------------------------

moments = st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2030, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0, tzinfo=SEOUL)
)


def in_working_time(moment: dt.datetime) -> bool:
    t = moment.timetz().replace(tzinfo=None)
    return CAL.is_working_day(moment.date()) and (
        dt.time(9) <= t <= dt.time(12) or dt.time(13) <= t <= dt.time(18)
    )


@settings(max_examples=300, deadline=None)
@given(received=moments, hours=st.integers(min_value=1, max_value=40))
def test_hours_property(received, hours):
    due = CAL.add_working_hours(received, hours)
    assert due > received
    assert in_working_time(due)
    assert CAL.working_hours_between(received, due) == pytest.approx(hours)


@settings(max_examples=300, deadline=None)
@given(received=moments, days=st.integers(min_value=6, max_value=90))
def test_working_days_property(received, days):
    result = CAL.compute(received_at=received, amount=days, unit="days")
    assert result.due_at.time() == dt.time(18)
    assert CAL.is_working_day(result.due_at.date())
    assert CAL.working_days_between(result.counted_from.date(), result.due_at.date()) == days


def months_law_last_day(start: dt.date, months: int) -> dt.date:
    """민법 제157조·제160조 written out as the issue states it, apart from the calendar's code."""
    first = start + dt.timedelta(days=1)  # 제157조: the first day is not counted
    if first.day == 1:  # 제160조①: whole calendar months → the last day of the Nth month
        months_after = first.year * 12 + first.month - 1 + months  # the month after the Nth month
        return dt.date(months_after // 12, months_after % 12 + 1, 1) - dt.timedelta(days=1)
    target = first.year * 12 + first.month - 1 + months
    year, month = target // 12, target % 12 + 1
    try:  # 제160조②: the day before the corresponding day
        return dt.date(year, month, first.day) - dt.timedelta(days=1)
    except ValueError:  # 제160조③: no corresponding day → that month's last day
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return following - dt.timedelta(days=1)


def assert_moved_past_closed_days(nominal: dt.date, due: dt.datetime) -> None:
    """제161조: the due day is the first working day on or after the nominal last day."""
    assert due.time() == dt.time(18) and due.tzinfo is not None
    assert CAL.is_working_day(due.date())
    assert due.date() >= nominal
    assert all(
        not CAL.is_working_day(nominal + dt.timedelta(days=i)) for i in range((due.date() - nominal).days)
    )


@settings(max_examples=1500, deadline=None)
@given(
    start=st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2030, 12, 31)),
    months=st.integers(min_value=1, max_value=12),
    minute=st.integers(min_value=0, max_value=24 * 60 - 1),
)
@example(start=dt.date(2026, 9, 30), months=1, minute=600)
@example(start=dt.date(2027, 2, 28), months=3, minute=0)
@example(start=dt.date(2028, 2, 29), months=12, minute=1439)
@example(start=dt.date(2030, 12, 31), months=12, minute=600)
def test_months_property(start, months, minute):
    received = dt.datetime.combine(start, dt.time(minute // 60, minute % 60), SEOUL)
    due = CAL.compute(received_at=received, amount=months, unit="months").due_at
    nominal = months_law_last_day(start, months)
    assert_moved_past_closed_days(nominal, due)
    if (start + dt.timedelta(days=1)).day == 1:  # the case: a start on a month's last day
        assert (nominal + dt.timedelta(days=1)).day == 1  # the period ends on a month's last day


def test_months_every_start_day_2025_to_2030():
    """The same law, on every start date of 2025–2030 and every length of 1–12 months (26,292 cases)."""
    day, checked = dt.date(2025, 1, 1), 0
    while day <= dt.date(2030, 12, 31):
        received = dt.datetime.combine(day, dt.time(10), SEOUL)
        for months in range(1, 13):
            assert_moved_past_closed_days(
                months_law_last_day(day, months), CAL.due_in_months(received, months)
            )
            checked += 1
        day += dt.timedelta(days=1)
    assert checked == 2191 * 12


def test_month_extension_counts_from_the_day_after_the_due_day():
    # A 1-month clock due Mon 2 Nov 2026, extended by 1 month: counted from 3 Nov → Wed 2 Dec.
    assert CAL.extend(at(2026, 11, 2, 18), "months", 1, "months") == at(2026, 12, 2, 18)
    # Due Mon 30 Nov 2026, extended by 1 month: counted from 1 Dec, the whole of December → Thu 31 Dec.
    assert CAL.extend(at(2026, 11, 30, 18), "months", 1, "months") == at(2026, 12, 31, 18)
    # Due Wed 31 Mar 2027, extended by 2 months: from 1 Apr, April and May → Mon 31 May 2027.
    assert CAL.extend(at(2027, 3, 31, 18), "months", 2, "months") == at(2027, 5, 31, 18)


@settings(max_examples=300, deadline=None)
@given(received=moments, days=st.integers(min_value=1, max_value=120))
def test_calendar_days_property(received, days):
    due = CAL.due_in_calendar_days(received, days)
    nominal = received.date() + dt.timedelta(days=days)
    assert CAL.is_working_day(due.date())
    assert due.date() >= nominal
    # Every day between the nominal last day and the due day is a closed day.
    assert all(
        not CAL.is_working_day(nominal + dt.timedelta(days=i)) for i in range((due.date() - nominal).days)
    )


# --- the public endpoint -------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind, received, due, method",
    [
        ("grievance", "2026-09-23T10:00:00+09:00", "2026-10-06T18:00:00+09:00", "working_days"),
        (
            "grievance",
            "2026-09-23T01:00:00Z",
            "2026-10-06T18:00:00+09:00",
            "working_days",
        ),  # same moment in UTC
        ("other", "2026-08-14T16:30:00+09:00", "2026-08-18T10:30:00+09:00", "hours"),
        ("petition", "2026-07-05T09:00:00+09:00", "2026-10-06T18:00:00+09:00", "calendar_days"),
        (
            "inquiry_law",
            "2027-02-05T10:00:00+09:00",
            "2027-02-26T18:00:00+09:00",
            "working_days",
        ),  # 설 + substitute 9 Feb
    ],
)
def test_deadline_endpoint(client, kind, received, due, method):
    response = client.get("/api/v1/calendar/deadline", {"kind": kind, "received_at": received})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["kind"] == kind
    assert body["due_at"] == due
    assert body["method"] == method
    assert body["basis"]
    assert body["received_at"].endswith("+09:00")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind, received, due",
    [
        # The dates: a period started on a month's last day is counted from the 1st of the next month.
        (
            "reexamination_filing",
            "2026-09-30T10:00:00+09:00",
            "2026-11-02T18:00:00+09:00",
        ),  # Sat 31 Oct → Mon
        ("reexamination_filing", "2027-02-28T10:00:00+09:00", "2027-03-31T18:00:00+09:00"),
        ("disposition_discipline", "2026-11-30T10:00:00+09:00", "2026-12-31T18:00:00+09:00"),
        ("disposition_restitution", "2027-02-28T10:00:00+09:00", "2027-05-31T18:00:00+09:00"),
        ("reexamination_decision", "2027-06-30T10:00:00+09:00", "2027-08-31T18:00:00+09:00"),
        # Late in the evening, and given in UTC: the Seoul date counts.
        ("reexamination_filing", "2026-09-30T14:30:00Z", "2026-11-02T18:00:00+09:00"),
        # Not the month's last day: the day before the corresponding day (15 Dec), unchanged.
        ("disposition_discipline", "2026-11-15T10:00:00+09:00", "2026-12-15T18:00:00+09:00"),
    ],
)
def test_deadline_endpoint_month_periods_from_a_months_last_day(client, kind, received, due):
    response = client.get("/api/v1/calendar/deadline", {"kind": kind, "received_at": received})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["method"] == "months"
    assert body["due_at"] == due


@pytest.mark.django_db
def test_deadline_endpoint_accepts_an_unescaped_plus_sign(client):
    response = client.get("/api/v1/calendar/deadline?kind=other&received_at=2026-08-14T16:30:00+09:00")
    assert response.status_code == 200
    assert response.json()["due_at"] == "2026-08-18T10:30:00+09:00"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, message",
    [
        ({"kind": "nope", "received_at": "2026-09-23T10:00:00+09:00"}, "알 수 없는 민원 종류"),
        ({"kind": "grievance", "received_at": "2026-09-23T10:00:00"}, "시간대"),
        ({"kind": "grievance", "received_at": "어제"}, "ISO 8601"),
        ({"kind": "grievance"}, "요청 값이 올바르지 않습니다"),
    ],
)
def test_deadline_endpoint_rejects_bad_input_in_korean(client, params, message):
    response = client.get("/api/v1/calendar/deadline", params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


@pytest.mark.django_db
def test_day_endpoint(client):
    body = client.get("/api/v1/calendar/days/2026-10-05").json()
    assert body["working_day"] is False
    assert "개천절" in body["reason"]
    assert body["next_working_day"] == "2026-10-06"
    assert client.get("/api/v1/calendar/kinds").json()[0]["kind"]


@pytest.mark.django_db
@pytest.mark.real_hasher
def test_passwords_are_hashed_with_argon2():
    user = services.create_person(None, username="hashcheck", password="correct horse battery staple")
    assert user.password.startswith("argon2")
    assert user.check_password("correct horse battery staple")


def test_latest_day_before_counts_backwards_by_the_civil_code():
    cal = LegalCalendar()
    # "감사예정일 7일 전까지" (공공감사법 시행령 제12조①) for a start on Mon 2026-10-12: 11 Oct is day 1, 5 Oct day 7;
    # the period ends when 5 Oct begins, so the notice is due by Sun 4 Oct (the code used to allow 5 Oct).
    assert cal.latest_day_before(dt.date(2026, 10, 12), 7) == dt.date(2026, 10, 4)
    # Not moved for holidays (moving it later would shorten the notice): 4 Oct is a Sunday, 5 Oct a substitute
    # holiday; the last working day on or before it is Fri 2 Oct.
    assert cal.holiday_name(dt.date(2026, 10, 4)) is not None
    assert cal.previous_working_day(dt.date(2026, 10, 4), include_self=True) == dt.date(2026, 10, 2)
    assert cal.previous_working_day(dt.date(2026, 10, 2), include_self=True) == dt.date(2026, 10, 2)
    assert cal.previous_working_day(dt.date(2026, 10, 2)) == dt.date(2026, 10, 1)
    # Across a month end: a start on Tue 3 Mar 2026 → by Mon 23 Feb.
    assert cal.latest_day_before(dt.date(2026, 3, 3), 7) == dt.date(2026, 2, 23)
    # Across 설날 2027 (6–9 Feb): a start on Tue 16 Feb 2027 → by Mon 8 Feb (설날 다음날), not moved.
    assert cal.latest_day_before(dt.date(2027, 2, 16), 7) == dt.date(2027, 2, 8)
    assert cal.previous_working_day(dt.date(2027, 2, 8), include_self=True) == dt.date(2027, 2, 5)
