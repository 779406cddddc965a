"""The impact-assessment clock (`hr_impact_assessment`, a DeadlineRule: data) on concrete dates with holidays, through
core's calendar and its public API."""

from __future__ import annotations

import datetime as dt

import pytest

from gamsa.core import calendar as legal
from gamsa.core.models import Closure, DeadlineRule

pytestmark = pytest.mark.django_db
KIND = "hr_impact_assessment"


def due(moment: str) -> str:
    return legal.deadline_for(KIND, dt.datetime.fromisoformat(moment)).due_at.isoformat()


def test_the_kind_is_data_with_ten_working_days_by_default(demo):
    rule = DeadlineRule.objects.get(kind=KIND)
    assert (rule.amount, rule.unit, rule.method, rule.confidence) == (10, "days", "working_days", "local")


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        # no holiday: Mon 2 Nov 2026 is day 1, day 10 is Fri 13 Nov
        ("2026-11-02T10:00:00+09:00", "2026-11-13T18:00:00+09:00"),
        # 추석 (24·25 Sep) and the 개천절 substitute holiday (5 Oct) are skipped: 21,22,23,28,29,30,1,2,6,7
        ("2026-09-21T10:00:00+09:00", "2026-10-07T18:00:00+09:00"),
        # received on 추석 itself: counted from the next working day (28 Sep); 한글날 (9 Oct) skipped too
        ("2026-09-25T14:00:00+09:00", "2026-10-13T18:00:00+09:00"),
        # received after 18:00 on Wed 23 Sep: the next working period is Mon 28 Sep
        ("2026-09-23T19:30:00+09:00", "2026-10-13T18:00:00+09:00"),
        # 어린이날 (5 May) and the 부처님오신날 substitute holiday (25 May) in 2026
        ("2026-04-30T09:00:00+09:00", "2026-05-15T18:00:00+09:00"),
    ],
)
def test_due_moments_on_concrete_dates(demo, received, expected):
    assert due(received) == expected


def test_an_administrators_closure_and_a_changed_period_move_the_due_day(demo):
    Closure.objects.create(date=dt.date(2026, 11, 10), name="구 임시 휴무")
    assert due("2026-11-02T10:00:00+09:00") == "2026-11-16T18:00:00+09:00"
    DeadlineRule.objects.filter(kind=KIND).update(amount=7)
    assert due("2026-11-02T10:00:00+09:00") == "2026-11-11T18:00:00+09:00"


def test_the_public_calendar_api_answers_the_kind(client, demo):
    response = client.get(
        "/api/v1/calendar/deadline", {"kind": KIND, "received_at": "2026-09-21T10:00:00+09:00"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["due_at"] == "2026-10-07T18:00:00+09:00"
    assert body["label"] == "인권영향평가 (자치법규 제·개정안)" and body["method"] == "working_days"
