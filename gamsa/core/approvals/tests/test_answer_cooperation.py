"""협조 on a grievance answer: the drafter picks other units on the answer form; each unit's 과장 joins the line
between the 검토 and the 결재 and agrees or disagrees with reasons; bad picks keep what was typed."""

from __future__ import annotations

import pytest

from gamsa.complaints.grievances.approvals import answer_approval
from gamsa.core import services as core_services
from gamsa.core.approvals import services as approvals
from gamsa.core.approvals.models import Approval, Step
from gamsa.core.approvals.tests.helpers import new_grievance, seed, user
from gamsa.core.models import Event, OrgUnit, Role, UserKind

pytestmark = pytest.mark.django_db

TEXT = "도로과와 협의해 12월 10일까지 보도블록을 교체하겠습니다."


@pytest.fixture
def demo(demo_module, db):
    return demo_module


@pytest.fixture
def road(demo, isolated_settings):
    """도로과 with its head (과장), who answers 협조 requests for the unit."""
    seed()
    unit = OrgUnit.objects.get(name="도로과")
    head = core_services.create_person(
        None, username="roadhead", password="x-test-pass-2026!", kind=UserKind.STAFF, full_name="도로과장",
        position="도로과장", unit=unit, grade="5",
    )  # fmt: skip
    core_services.add_membership(None, user=head, unit=unit, role=Role.DEPT_HEAD)
    return unit


def post_answer(client, g, **extra):
    data = {"method": "electronic", "outcome": "accepted", "text": TEXT, "reasons": "", "remedies": ""}
    data.update(extra)
    return client.post(f"/grievances/{g.case_number}/act/answer/", data)


def line_of(approval):
    return [
        (s.role, s.assignee.username, s.state)
        for s in approval.steps.filter(round=approval.round).select_related("assignee")
    ]


def test_answer_form_offers_the_cooperating_units_in_korean(client, login, road):
    g = new_grievance()
    login("liaison")
    page = client.get(f"/grievances/{g.case_number}/").content.decode()
    assert "협조 부서 (선택)" in page
    assert f'value="{road.public_id}"' in page and ">도로과<" in page


def test_line_includes_the_cooperating_units_head_who_disagrees_with_reasons(client, login, road):
    g = new_grievance()
    login("liaison")
    response = post_answer(client, g, cooperating_units=[str(road.public_id)])
    assert response.status_code == 302
    approval = answer_approval(g)
    assert line_of(approval) == [
        ("draft", "liaison", "done"),
        ("review", "teamlead", "current"),
        ("cooperate", "roadhead", "waiting"),
        ("sign", "depthead", "waiting"),
    ]
    assert approval.payload["cooperating_units"] == [str(road.public_id)]
    coop = approval.steps.get(role="cooperate")
    assert coop.unit == road and coop.title == "도로과장"

    approvals.approve(user("teamlead"), approval, opinion="확인")
    # Only the co-operating unit's person answers the 협조 step, and not by signing.
    with pytest.raises(approvals.ApprovalDenied):
        approvals.cooperate(user("depthead"), approval, decision="agree")
    with pytest.raises(approvals.ApprovalError, match="동의·의견·부동의"):
        approvals.approve(user("roadhead"), approval)

    login("roadhead")
    url = f"/approvals/{approval.public_id}/act/cooperate/"
    before = (Event.objects.count(), tuple(Step.objects.values_list("state", "action").order_by("id")))
    response = client.post(url, {"decision": "disagree", "opinion": ""})
    assert response.status_code == 400
    assert "의견이나 부동의 사유를 적으세요." in response.content.decode()
    assert (
        Event.objects.count(),
        tuple(Step.objects.values_list("state", "action").order_by("id")),
    ) == before
    response = client.post(
        url, {"decision": "disagree", "opinion": "도로과 예산으로는 내년 3월에야 가능합니다."}
    )
    assert response.status_code == 302
    coop.refresh_from_db()
    assert (coop.action, coop.acted_by.username) == ("disagreed", "roadhead")
    assert coop.opinion == "도로과 예산으로는 내년 3월에야 가능합니다."
    assert Event.objects.filter(verb="approval.cooperated", details__decision="disagree").exists()

    # The line goes on: the signer sees the disagreement and signs; the answer reaches the complainant.
    approval.refresh_from_db()
    assert approvals.current_step(approval).assignee.username == "depthead"
    login("depthead")
    page = client.get(f"/approvals/{approval.public_id}/").content.decode()
    assert "부동의" in page and "도로과 예산으로는 내년 3월에야 가능합니다." in page
    approvals.approve(user("depthead"), approval)
    g.refresh_from_db()
    assert g.status == "answered" and g.answers.get().text == TEXT


def test_cooperating_unit_may_agree(road):
    from gamsa.complaints.grievances.approvals import draft_answer

    g = new_grievance()
    approval = draft_answer(
        user("liaison"), g, method="electronic", outcome="accepted", text=TEXT, cooperating_units=[road]
    )
    approvals.approve(user("teamlead"), approval)
    approvals.cooperate(
        user("roadhead"), approval, decision="agree_with_opinion", opinion="3월 전 임시 보수 필요"
    )
    approvals.approve(user("depthead"), approval)
    step = approval.steps.get(role="cooperate")
    assert step.action == "agreed_with_opinion" and step.opinion == "3월 전 임시 보수 필요"
    assert Approval.objects.get(pk=approval.pk).status == "approved"


@pytest.mark.parametrize(
    ("unit_name", "message"),
    [
        ("건설과", "건설과은(는) 기안자의 부서입니다. 협조는 다른 부서에 요청합니다."),
        ("치수과", "협조 부서 치수과의 과장(또는 팀장)을 찾을 수 없습니다."),
    ],
)
def test_a_bad_cooperating_unit_keeps_what_was_typed_and_changes_nothing(
    client, login, road, unit_name, message
):
    g = new_grievance()
    login("liaison")
    unit = OrgUnit.objects.get(name=unit_name)
    before = (Approval.objects.count(), Step.objects.count(), Event.objects.count())
    response = post_answer(client, g, cooperating_units=[str(road.public_id), str(unit.public_id)])
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert TEXT in page  # the answer text is still in the form
    assert f'value="{road.public_id}" selected' in page and f'value="{unit.public_id}" selected' in page
    assert (Approval.objects.count(), Step.objects.count(), Event.objects.count()) == before


def test_an_unknown_unit_is_a_form_error(client, login, road):
    g = new_grievance()
    login("liaison")
    response = post_answer(client, g, cooperating_units=["not-a-unit"])
    assert response.status_code == 400
    page = response.content.decode()
    assert "협조 부서를 목록에서 고르세요." in page and TEXT in page
    assert answer_approval(g) is None


def test_a_returned_draft_keeps_its_cooperating_units_for_the_resubmission(client, login, road):
    g = new_grievance()
    login("liaison")
    post_answer(client, g, cooperating_units=[str(road.public_id)])
    approval = answer_approval(g)
    approvals.return_to_drafter(user("teamlead"), approval, reason="일정을 더 구체적으로")
    page = client.get(f"/grievances/{g.case_number}/").content.decode()
    assert f'value="{road.public_id}" selected' in page
    assert post_answer(client, g, cooperating_units=[str(road.public_id)]).status_code == 302
    approval.refresh_from_db()
    assert approval.round == 2
    assert ("cooperate", "roadhead", "waiting") in line_of(approval)
