"""Shared set-up for the approval tests: a test document kind that records its callbacks, and a grievance."""

from __future__ import annotations

import datetime as dt

from gamsa.core.approvals import kinds
from gamsa.core.approvals.models import DelegationRule, NumberFormat
from gamsa.core.approvals.seeds import seed_rules
from gamsa.core.calendar import SEOUL
from gamsa.core.models import OrgUnit, User

CALLS: list[tuple[str, str, str]] = []
FAIL_ON_APPROVE: list[bool] = []


def _approved(approval, actor):
    if FAIL_ON_APPROVE:
        raise RuntimeError("document could not be issued")
    CALLS.append(("approved", approval.title, actor.username))


def _returned(approval, actor):
    CALLS.append(("returned", approval.title, actor.username))


def _cancelled(approval, actor):
    CALLS.append(("cancelled", approval.title, actor.username))


MEMO = kinds.register(
    kinds.DocumentKind(
        code="test_memo",
        label="시험 문서",
        default_rank="dept_head",
        on_approved=_approved,
        on_returned=_returned,
        on_cancelled=_cancelled,
    )
)


def at(y, m, d, hh=10, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=SEOUL)


def user(name) -> User:
    return User.objects.get(username=name)


def construction() -> OrgUnit:
    return OrgUnit.objects.get(name="건설과")


def seed():
    seed_rules(DelegationRule, NumberFormat)
    CALLS.clear()
    FAIL_ON_APPROVE.clear()


def new_grievance(department=None):
    from gamsa.complaints.grievances import services as gsvc

    g = gsvc.receive_grievance(
        user("complaints"),
        channel="phone",
        kind="grievance",
        title="도림로 보도블록 파손",
        body="도림로 10 앞 보도블록이 깨져 있습니다.",
        complainant={"name": "이구민", "phone": "010-3333-4444"},
    ).grievance
    gsvc.assign(user("complaints"), g, department=department or construction())
    return g
