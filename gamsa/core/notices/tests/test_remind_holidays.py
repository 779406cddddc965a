"""`gamsa notices remind` on concrete dates around 설날 2027 (Sat 6 – Mon 8 Feb, 대체공휴일 Tue 9 Feb): a grievance
due on Friday 5 Feb is not reminded during the holiday, and is reminded on Wednesday 10 Feb, once."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gamsa.complaints.grievances import services as svc
from gamsa.core.calendar import SEOUL
from gamsa.core.models import OrgUnit, User
from gamsa.core.notices.models import Delivery, Kind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _isolated(isolated_settings):
    return isolated_settings


def at(y, m, d, hh=9, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=SEOUL)


@pytest.fixture
def due_before_seollal(demo, django_capture_on_commit_callbacks):
    officer = User.objects.get(username="complaints")
    handler = User.objects.get(username="liaison")
    handler.email = "liaison@ydp.example.go.kr"
    handler.save()
    with django_capture_on_commit_callbacks(execute=True):
        receipt = svc.receive_grievance(
            officer, channel="phone", kind="grievance", title="설 연휴 전 기한 민원", body="내용",
            complainant={"name": "박민원", "phone": "010-1111-2222"},
            received_at=at(2027, 1, 28, 10),
        )  # fmt: skip
        g = receipt.grievance
        svc.assign(officer, g, department=OrgUnit.objects.get(name="건설과"), handler=handler)
        svc.start_processing(officer, g)
    g.refresh_from_db()
    # Received Thu 28 Jan:: due at the end of Friday 5 Feb, the last working day before 설날.
    assert g.due_at == at(2027, 2, 5, 18)
    return g


def reminders(g):
    return list(Delivery.objects.filter(kind=Kind.OVERDUE, target_id=g.case_number).order_by("id"))


def remind(when: dt.datetime) -> str:
    out = StringIO()
    call_command("notices", "remind", "--at", when.isoformat(), stdout=out)
    return out.getvalue()


def test_due_before_seollal_is_reminded_on_the_next_working_day_not_on_the_holiday(
    due_before_seollal, django_capture_on_commit_callbacks
):
    g = due_before_seollal
    with django_capture_on_commit_callbacks(execute=True):
        remind(at(2027, 2, 5, 9))  # the due day itself: not overdue yet
        remind(at(2027, 2, 5, 17, 59))
    assert reminders(g) == []
    for day in (6, 7, 8, 9):  # Sat, 설날 연휴 Sun–Mon, 대체공휴일 Tue: overdue, but nobody is reminded
        with django_capture_on_commit_callbacks(execute=True):
            output = remind(at(2027, 2, day))
        assert "0건" in output, day
        assert reminders(g) == [], day
    with django_capture_on_commit_callbacks(execute=True):
        output = remind(at(2027, 2, 10))
        remind(at(2027, 2, 10, 14))  # a second run the same day sends nothing more
    (reminder,) = reminders(g)
    assert "1건" in output
    assert reminder.recipient_user.username == "liaison"
    assert reminder.dedupe_key.endswith(":2027-02-10")
    assert "처리기한: 2027. 2. 5.(금) 18:00 (5일 지남)" in reminder.body
    with django_capture_on_commit_callbacks(execute=True):
        remind(at(2027, 2, 11))
    assert len(reminders(g)) == 2


def test_remind_refuses_a_moment_without_its_time_zone(due_before_seollal):
    with pytest.raises(CommandError, match="시간대"):
        call_command("notices", "remind", "--at", "2027-02-10T09:00:00")
    with pytest.raises(CommandError, match="형식"):
        call_command("notices", "remind", "--at", "2027년 2월 10일")
    assert reminders(due_before_seollal) == []
