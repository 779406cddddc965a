"""부재 등록 by staff themselves (결재함 / 내 계정): only their own absence, an acting colleague of their 처리과,
nothing changed on a denial, and 대결 then works for a document waiting on them."""

from __future__ import annotations

import datetime as dt

import pytest

from gamsa.complaints.grievances.approvals import draft_answer
from gamsa.core.approvals import selectors
from gamsa.core.approvals import services as svc
from gamsa.core.approvals.models import Absence, StepRole
from gamsa.core.approvals.tests.helpers import new_grievance, seed, user
from gamsa.core.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_module, db):
    return demo_module


@pytest.fixture
def world(demo, isolated_settings):
    seed()


def state():
    return (Event.objects.count(), tuple(Absence.objects.values_list("user__username", "acting__username")))


def test_the_page_is_linked_from_the_inbox_and_the_account_page(client, login, world):
    login("liaison")
    assert 'href="/approvals/absence/"' in client.get("/approvals/").content.decode()
    assert 'href="/approvals/absence/"' in client.get("/account/").content.decode()
    page = client.get("/approvals/absence/").content.decode()
    assert "내 부재 등록" in page and "직무대리자" in page
    assert 'value="teamlead"' in page and 'value="depthead"' in page  # colleagues of 건설과
    assert 'value="auditor"' not in page and 'value="liaison"' not in page  # not other units, not oneself


def test_staff_register_their_own_absence(client, login, world):
    login("liaison")
    response = client.post(
        "/approvals/absence/",
        {"starts_on": "2027-03-02", "ends_on": "2027-03-05", "acting": "teamlead", "reason": "연가"},
    )
    assert response.status_code == 302
    absence = Absence.objects.get(user=user("liaison"))
    assert (absence.starts_on, absence.ends_on, absence.acting, absence.created_by) == (
        dt.date(2027, 3, 2), dt.date(2027, 3, 5), user("teamlead"), user("liaison"),
    )  # fmt: skip
    assert Event.objects.filter(verb="absence.added", details__person="liaison").exists()
    page = client.get("/approvals/absence/").content.decode()
    assert "2027. 3. 2." in page and "2027. 3. 5." in page
    # …and remove it again.
    assert client.post(f"/approvals/absences/{absence.public_id}/delete/").status_code == 302
    assert not Absence.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"acting": "auditor"}, "직무대리자는 같은 부서의 직원 가운데에서 고르세요."),
        ({"acting": "liaison"}, "직무대리자는 같은 부서의 직원 가운데에서 고르세요."),
        ({"acting": ""}, "직무대리자를 고르세요."),
        ({"ends_on": "2027-03-01"}, "종료일이 시작일보다 빠릅니다."),
    ],
)
def test_bad_input_keeps_what_was_typed_and_changes_nothing(client, login, world, data, message):
    login("liaison")
    before = state()
    form = {"starts_on": "2027-03-02", "ends_on": "2027-03-05", "acting": "teamlead", "reason": "출장 교육"}
    response = client.post("/approvals/absence/", form | data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and 'value="2027-03-02"' in page and "출장 교육" in page
    assert state() == before


def test_nobody_registers_an_absence_for_someone_else_unless_head_or_admin(client, login, world):
    before = state()
    with pytest.raises(svc.ApprovalDenied):
        svc.add_absence(
            user("liaison"), user=user("depthead"), starts_on=dt.date(2027, 3, 2),
            ends_on=dt.date(2027, 3, 3), acting=user("liaison"),
        )  # fmt: skip
    assert state() == before
    login("liaison")  # the admin screen refuses too, and the own-absence page only ever registers for oneself
    data = {"form": "absence", "person": "depthead", "starts_on": "2027-03-02", "ends_on": "2027-03-03"}
    assert client.post("/approvals/positions/", data | {"acting": "liaison"}).status_code == 403
    assert client.post("/approvals/absence/", data | {"acting": "teamlead"}).status_code == 302
    assert state() != before
    assert list(Absence.objects.values_list("user__username", flat=True)) == ["liaison"]

    theirs = svc.add_absence(
        user("head"), user=user("depthead"), starts_on=dt.date(2027, 4, 1), ends_on=dt.date(2027, 4, 2),
        acting=user("auditor"),  # the office head may name anyone
    )  # fmt: skip
    before = state()
    assert client.post(f"/approvals/absences/{theirs.public_id}/delete/").status_code == 403
    with pytest.raises(svc.ApprovalDenied):
        svc.remove_absence(user("liaison"), theirs)
    assert state() == before
    login("admin")
    assert client.post(f"/approvals/absences/{theirs.public_id}/delete/").status_code == 302
    assert not Absence.objects.filter(pk=theirs.pk).exists()


def test_daegyeol_works_for_a_document_waiting_on_the_absent_person(client, login, world):
    g = new_grievance()
    approval = draft_answer(
        user("liaison"), g, method="electronic", outcome="accepted", text="교체하겠습니다."
    )
    svc.approve(user("teamlead"), approval)  # now waiting on the 과장 (depthead)
    login("depthead")
    today = svc._today()
    response = client.post(
        "/approvals/absence/",
        {"starts_on": today.isoformat(), "ends_on": (today + dt.timedelta(days=2)).isoformat(),
         "acting": "teamlead", "reason": "출장"},
    )  # fmt: skip
    assert response.status_code == 302
    assert list(selectors.waiting_for(user("teamlead"))) == [approval]
    login("teamlead")
    assert (
        client.post(f"/approvals/{approval.public_id}/act/approve/", {"opinion": "대결"}).status_code == 302
    )
    approval.refresh_from_db()
    sign = approval.steps.get(role=StepRole.SIGN)
    assert approval.status == "approved" and approval.number
    assert sign.proxy and sign.acted_by == user("teamlead") and sign.assignee == user("depthead")
    g.refresh_from_db()
    assert g.status == "answered"
    assert [s.approval for s in selectors.post_review_for(user("depthead"))] == [approval]
