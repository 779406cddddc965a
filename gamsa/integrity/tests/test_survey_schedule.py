"""The self-assessment goes out in May by itself (`gamsa integrity survey`, a daily cron): made from last year's
questions on the first working day of May, sent to every manager, closed after ten working days; holidays counted by
core's calendar; a draft the office made keeps its own dates; a second run the same day changes nothing."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from gamsa.core.models import Event
from gamsa.integrity.staff import managers
from gamsa.integrity.survey import services as svc
from gamsa.integrity.survey.models import Invitation, Questionnaire
from gamsa.integrity.tests.helpers import D, staff, user

pytestmark = pytest.mark.django_db


def run(day: str) -> str:
    out = StringIO()
    call_command("integrity", "survey", "--today", day, stdout=out)
    return out.getvalue()


def test_may_2027_opens_on_the_first_working_day_and_skips_the_holidays(demo):
    staff(3, "도로과", grade="5", prefix="sched")
    previous = svc.create_questionnaire(
        user("leader"),
        year=2026,
        title="2026년 진단평가",
        opens_on=D("2026-05-04"),
        closes_on=D("2026-05-15"),
        questions=svc.default_questions()[:4],
    )
    # 2027-05-01 (노동절) is a Saturday and its substitute holiday is Monday 05-03 in core's calendar, so the first
    # working day is Tuesday 05-04. Ten working days skip 어린이날 (05-05) and 부처님오신날 (05-13): the last is 05-19.
    assert svc.scheduled_dates(2027) == (dt.date(2027, 5, 4), dt.date(2027, 5, 19))
    assert run("2027-05-03") == "할 일이 없습니다.\n"
    assert not Questionnaire.objects.filter(year=2027).exists()

    out = run("2027-05-04")
    q = Questionnaire.objects.get(year=2027)
    invited = managers().count()
    assert invited >= 3
    assert (
        out == f"2027년 진단평가를 만들었습니다 (문항 4개).\n{q.title}: 간부 {invited:,}명에게 보냈습니다.\n"
    )
    assert (q.status, q.opens_on, q.closes_on) == ("open", dt.date(2027, 5, 4), dt.date(2027, 5, 19))
    assert [x.text for x in q.questions.order_by("number")] == [
        x.text for x in previous.questions.order_by("number")
    ]
    assert Invitation.objects.filter(questionnaire=q).count() == invited
    opened = Event.objects.get(verb="survey.opened", target_id=str(q.public_id))
    assert opened.actor is None and opened.details["invited"] == invited

    before = (Event.objects.count(), Invitation.objects.count())
    assert run("2027-05-04") == "할 일이 없습니다.\n"
    assert run("2027-05-19") == "할 일이 없습니다.\n"
    assert (Event.objects.count(), Invitation.objects.count()) == before
    assert run("2027-05-20") == f"{q.title}: 마감했습니다.\n"
    assert Questionnaire.objects.get(pk=q.pk).status == "closed"


def test_a_draft_the_office_made_keeps_its_dates(demo):
    draft = svc.create_questionnaire(
        user("leader"),
        year=2027,
        title="2027년 진단평가 (6월)",
        opens_on=D("2027-06-07"),
        closes_on=D("2027-06-18"),
        questions=svc.default_questions()[:2],
    )
    assert run("2027-05-04") == "할 일이 없습니다.\n"
    assert Questionnaire.objects.get(pk=draft.pk).status == "draft"
    assert "간부" in run("2027-06-07")
    assert Questionnaire.objects.get(pk=draft.pk).status == "open"


def test_a_malformed_date_is_refused_in_korean(demo):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("2027-5-3")
