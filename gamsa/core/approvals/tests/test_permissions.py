"""Role × URL matrix of the approval screens, with nothing changed on a denial, and a guard that every URL has a row.

The approval is a grievance answer drafted by the liaison (담당), waiting for the team leader's 검토.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import get_resolver

from gamsa.complaints.grievances.approvals import draft_answer
from gamsa.core.approvals.models import Absence, Approval, DelegationRule, Position, Step
from gamsa.core.approvals.tests.helpers import construction, new_grievance, seed, user
from gamsa.core.models import Event

pytestmark = pytest.mark.django_db

USERS = [
    "head", "leader", "auditor", "complaints", "liaison", "teamlead", "depthead",
    "volunteer", "council", "admin", "citizen",
]  # fmt: skip

#                     head leader audit. compl. liais. tlead dhead volun. council admin citizen
TABLE = {
    "inbox":          (200, 200, 200, 200, 200, 200, 200, 404, 404, 200, 404),
    "detail":         (200, 200, 200, 200, 200, 200, 200, 404, 200, 200, 404),
    "pdf":            (200, 200, 200, 200, 200, 200, 200, 404, 200, 200, 404),
    "approve":        (403, 403, 403, 403, 403, 302, 403, 404, 403, 403, 404),
    "return":         (403, 403, 403, 403, 403, 302, 403, 404, 403, 403, 404),
    "withdraw":       (403, 403, 403, 403, 302, 403, 403, 404, 403, 403, 404),
    "rules":          (200, 200, 200, 200, 200, 200, 200, 404, 200, 200, 404),
    "rules_post":     (302, 403, 403, 403, 403, 403, 403, 404, 403, 302, 404),
    "positions":      (200, 200, 200, 200, 200, 200, 200, 404, 200, 200, 404),
    "positions_post": (302, 403, 403, 403, 403, 403, 403, 404, 403, 302, 404),
    "position_end":   (302, 403, 403, 403, 403, 403, 403, 404, 403, 302, 404),
    "absence_delete": (302, 403, 403, 403, 403, 403, 302, 404, 403, 302, 404),
    "my_absence":     (200, 200, 200, 200, 200, 200, 200, 404, 404, 200, 404),
}  # fmt: skip
EXPECTED = {action: dict(zip(USERS, row, strict=True)) for action, row in TABLE.items()}
URL_OF_ACTION = {
    "inbox": "inbox", "detail": "detail", "pdf": "pdf", "approve": "act", "return": "act", "withdraw": "act",
    "rules": "rules", "rules_post": "rules", "positions": "positions", "positions_post": "positions",
    "position_end": "position_end", "absence_delete": "absence_delete", "my_absence": "my_absence",
}  # fmt: skip


@pytest.fixture
def demo(demo_module, db):
    return demo_module


@pytest.fixture
def world(demo, isolated_settings):
    seed()
    g = new_grievance()
    approval = draft_answer(
        user("liaison"), g, method="electronic", outcome="accepted", text="교체하겠습니다."
    )
    position = Position.objects.create(
        user=user("teamlead"), unit=construction(), rank="team_lead", title="도로관리팀장"
    )
    absence = Absence.objects.create(
        user=user("depthead"),
        starts_on=dt.date(2026, 1, 5),
        ends_on=dt.date(2026, 1, 9),
        acting=user("teamlead"),
    )
    return {"approval": approval, "position": position, "absence": absence}


def request_for(action: str, world) -> tuple[str, str, dict]:
    a = world["approval"].public_id
    return {
        "inbox": ("get", "/approvals/", {}),
        "detail": ("get", f"/approvals/{a}/", {}),
        "pdf": ("get", f"/approvals/{a}/pdf/", {}),
        "approve": ("post", f"/approvals/{a}/act/approve/", {"opinion": "확인"}),
        "return": ("post", f"/approvals/{a}/act/return/", {"reason": "보완하세요"}),
        "withdraw": ("post", f"/approvals/{a}/act/withdraw/", {}),
        "rules": ("get", "/approvals/rules/", {}),
        "rules_post": (
            "post",
            "/approvals/rules/",
            {
                "form": "rule",
                "kind": "grievance_answer",
                "signer_rank": "team_lead",
                "effective_from": "2027-01-01",
            },
        ),
        "positions": ("get", "/approvals/positions/", {}),
        "positions_post": (
            "post",
            "/approvals/positions/",
            {
                "form": "absence",
                "person": "depthead",
                "starts_on": "2027-02-01",
                "ends_on": "2027-02-03",
                "acting": "teamlead",
            },
        ),
        "position_end": ("post", f"/approvals/positions/{world['position'].public_id}/end/", {}),
        "absence_delete": ("post", f"/approvals/absences/{world['absence'].public_id}/delete/", {}),
        "my_absence": ("get", "/approvals/absence/", {}),
    }[action]


def snapshot() -> tuple:
    return (
        Event.objects.count(),
        tuple(Approval.objects.values_list("status", "round", "number").order_by("id")),
        tuple(Step.objects.values_list("state", "action").order_by("id")),
        DelegationRule.objects.count(),
        Position.objects.filter(active=True).count(),
        Absence.objects.count(),
    )


def test_table_covers_every_account_and_every_url():
    included = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "approvals")
    names = {p.name for p in included.url_patterns}
    assert names == set(URL_OF_ACTION.values())


@pytest.mark.parametrize("username", USERS)
@pytest.mark.parametrize("action", list(TABLE))
def test_role_action_matrix(client, login, world, action, username):
    if username == "citizen":
        client.force_login(user("citizen"))
    else:
        login(username)
    method, url, data = request_for(action, world)
    before = snapshot()
    response = getattr(client, method)(url, data)
    expected = EXPECTED[action][username]
    assert response.status_code == expected, (action, username, response.status_code)
    if expected != 302:
        assert snapshot() == before  # a denial (or a read) changes nothing
    else:
        assert snapshot() != before
