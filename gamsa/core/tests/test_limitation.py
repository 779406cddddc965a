"""징계시효 (지방공무원법 제73조의2) counted by 민법 제157·160·161조, on concrete dates with holidays."""

from __future__ import annotations

import datetime as dt

import pytest

from gamsa.core.calendar import CalendarError, LegalCalendar

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("ground", "act", "expires", "why"),
    [
        (
            "general",
            "2023-03-10",
            "2026-03-10",
            "the issue's example: act day not counted, ends on the same date",
        ),
        (
            "property",
            "2020-02-29",
            "2025-02-28",
            "count starts 2020-03-01 (a 1st): last day of February 2025",
        ),
        ("property", "2019-09-30", "2024-09-30", "count starts 10-01: last day of the final month"),
        ("general", "2021-02-28", "2024-02-29", "count starts 03-01: February's last day in a leap year"),
        (
            "general",
            "2020-02-28",
            "2023-02-28",
            "count starts 02-29: no 29th in 2023 → that month's last day",
        ),
        (
            "general",
            "2022-10-03",
            "2025-10-10",
            "2025-10-03 개천절 then 추석 연휴 and 한글날: next working day",
        ),
        ("sexual", "2015-12-25", "2025-12-26", "10 years; 2025-12-25 기독탄신일 → Friday"),
        ("property", "2016-02-29", "2021-03-02", "ends Sun 2021-02-28, Mon 03-01 삼일절 → Tue 03-02"),
        ("general", "2019-12-31", "2023-01-02", "ends Sat 2022-12-31, Sun 01-01 → Mon 01-02"),
        ("general", "2022-12-30", "2025-12-30", "an ordinary Tuesday: unchanged"),
    ],
)
def test_limitation_dates(ground, act, expires, why):
    result = LegalCalendar().limitation(ground, D(act))
    assert result.expires_on == D(expires), why
    assert result.years == {"general": 3, "property": 5, "sexual": 10}[ground]


def test_years_equals_twelve_months_and_never_moves_the_raw_day():
    cal = LegalCalendar()
    assert LegalCalendar.last_day_of_years(D("2016-02-29"), 5) == D("2021-02-28")  # raw, a Sunday
    assert cal.years(D("2016-02-29"), 5) == D("2021-03-02")
    assert LegalCalendar.last_day_of_years(D("2023-03-10"), 3) == LegalCalendar.last_day_of_months(
        D("2023-03-10"), 36
    )


def test_an_extra_closure_moves_the_end_too():
    cal = LegalCalendar(closures=[(D("2026-03-10"), "임시공휴일")])
    assert cal.limitation("general", D("2023-03-10")).expires_on == D("2026-03-11")


@pytest.mark.parametrize(
    ("act", "ended", "expires", "why"),
    [
        ("2020-01-05", "2023-01-02", "2023-02-02", "3 days left at the notice: one month after it"),
        ("2019-05-10", "2022-08-16", "2022-09-16", "already run out at the notice: one month after it"),
        (
            "2022-09-30",
            "2025-09-02",
            "2025-10-02",
            "ends 09-30, one month after the notice is 10-02: extended",
        ),
        ("2023-01-30", "2025-12-31", "2026-02-02", "one month after 12-31 is Sat 01-31 → Mon 02-02"),
        (
            "2022-06-15",
            "2025-01-10",
            "2025-06-15",
            "months left at the notice: unchanged (Sunday stays moved)",
        ),
    ],
)
def test_one_month_rule_of_article_73_2_2(act, ended, expires, why):
    result = LegalCalendar().limitation("general", D(act), D(ended))
    expected = D(expires)
    if expected.weekday() == 6:  # 2025-06-15 is a Sunday → 06-16
        expected += dt.timedelta(days=1)
    assert result.expires_on == expected, why


def test_exactly_one_month_left_is_not_extended():
    # ordinary end 2026-03-10; notice 2026-02-10 → one month after it ends on 2026-03-10 too: not "under" a month
    result = LegalCalendar().limitation("general", D("2023-03-10"), D("2026-02-10"))
    assert result.expires_on == D("2026-03-10") and not result.extended
    result = LegalCalendar().limitation("general", D("2023-03-10"), D("2026-02-11"))
    assert result.expires_on == D("2026-03-11") and result.extended
    assert "제73조의2②" in result.basis


def test_bad_questions_get_korean_errors():
    with pytest.raises(CalendarError, match="징계 사유 구분"):
        LegalCalendar().limitation("theft", D("2023-03-10"))
    with pytest.raises(CalendarError, match="행위일 이후"):
        LegalCalendar().limitation("general", D("2023-03-10"), D("2023-01-01"))


@pytest.mark.django_db
def test_public_endpoint(client):
    ok = client.get("/api/v1/calendar/limitation", {"ground": "property", "act_date": "2020-02-29"})
    assert ok.status_code == 200
    body = ok.json()
    assert body["expires_on"] == "2025-02-28" and body["years"] == 5 and body["ground"] == "property"
    assert body["act_date"] == "2020-02-29" and "제73조의2" in body["basis"]
    assert set(body) == {"ground", "years", "act_date", "expires_on", "basis"}
    tolled = client.get(
        "/api/v1/calendar/limitation",
        {"ground": "general", "act_date": "2020-01-05", "investigation_ended_on": "2023-01-02"},
    )
    assert tolled.json()["expires_on"] == "2023-02-02"
    for params in (
        {"ground": "other", "act_date": "2023-03-10"},
        {"ground": "general", "act_date": "2023-02-30"},
        {"ground": "general", "act_date": "10/03/2023"},
        {"ground": "general", "act_date": "2023-03-10", "investigation_ended_on": "어제"},
        {"ground": "general", "act_date": "0001-01-01"},
        {"ground": "general", "act_date": "2023-03-10", "investigation_ended_on": "2020-01-01"},
    ):
        bad = client.get("/api/v1/calendar/limitation", params)
        assert bad.status_code == 400, params
        assert any("\uac00" <= ch <= "\ud7a3" for ch in bad.json()["detail"]), params
    assert client.get("/api/v1/calendar/limitation", {"ground": "general"}).status_code == 400
