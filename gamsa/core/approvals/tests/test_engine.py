"""The engine: lines from dated rules, 검토 → 협조 → 결재, 전결, 대결/후결, 반려 → 재상신, 회수, 보류, document numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from gamsa.core.approvals import lines, selectors, signature
from gamsa.core.approvals import services as svc
from gamsa.core.approvals.models import (
    Approval,
    ApprovalStatus,
    DelegationRule,
    DocumentCounter,
    NumberFormat,
    Rank,
    Step,
    StepRole,
    StepState,
)
from gamsa.core.approvals.tests.helpers import (
    CALLS,
    FAIL_ON_APPROVE,
    MEMO,
    construction,
    new_grievance,
    seed,
    user,
)
from gamsa.core.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_module, db):
    return demo_module


@pytest.fixture(autouse=True)
def _seeded(demo):
    seed()


def memo(drafter="liaison", **extra):
    return svc.submit(
        user(drafter), kind=MEMO.code, document=new_grievance(), title="도로 보수 계획 보고", **extra
    )


def line_of(approval: Approval) -> list[tuple[str, str, str]]:
    return [
        (s.role, s.assignee.username, s.state)
        for s in approval.steps.filter(round=approval.round).order_by("order").select_related("assignee")
    ]


def test_rules_are_chosen_by_date_amount_and_grade():
    add = DelegationRule.objects.create
    add(kind="test_memo", signer_rank=Rank.DEPT_HEAD, effective_from=dt.date(2020, 1, 1))
    # The 2026 version: 팀장 below 1천만 원, 과장 from 1천만 원, 국장 for the grade "중대" whatever the amount.
    add(
        kind="test_memo",
        signer_rank=Rank.TEAM_LEAD,
        amount_max=10_000_000,
        effective_from=dt.date(2026, 3, 1),
    )
    add(
        kind="test_memo",
        signer_rank=Rank.DEPT_HEAD,
        amount_min=10_000_000,
        effective_from=dt.date(2026, 3, 1),
    )
    add(kind="test_memo", signer_rank=Rank.BUREAU_HEAD, grade="중대", effective_from=dt.date(2026, 3, 1))

    def rank(on, **kw):
        return lines.matching_rule("test_memo", on, **kw).signer_rank

    assert rank(dt.date(2026, 2, 28), amount=5_000_000) == Rank.DEPT_HEAD  # the day before the new version
    assert rank(dt.date(2026, 3, 1), amount=5_000_000) == Rank.TEAM_LEAD
    assert rank(dt.date(2026, 3, 1), amount=10_000_000) == Rank.DEPT_HEAD  # 미만 / 이상 at the boundary
    assert rank(dt.date(2026, 3, 1), amount=1, grade="중대") == Rank.BUREAU_HEAD
    assert (
        lines.matching_rule("test_memo", dt.date(2019, 12, 31)) is None
    )  # before any rule: the kind's default

    line = lines.build_line(
        "test_memo", Rank.DEPT_HEAD, user("liaison"), on=dt.date(2026, 2, 28), amount=5_000_000
    )
    assert [(e.role, e.user.username) for e in line.entries] == [
        (StepRole.DRAFT, "liaison"),
        (StepRole.REVIEW, "teamlead"),
        (StepRole.SIGN, "depthead"),
    ]
    line = lines.build_line(
        "test_memo", Rank.DEPT_HEAD, user("liaison"), on=dt.date(2026, 3, 2), amount=5_000_000
    )
    assert [(e.role, e.user.username) for e in line.entries] == [
        (StepRole.DRAFT, "liaison"),
        (StepRole.SIGN, "teamlead"),
    ]
    with pytest.raises(lines.LineError, match="국장"):  # no 국장 in the demo district: said, not guessed
        lines.build_line("test_memo", Rank.DEPT_HEAD, user("liaison"), on=dt.date(2026, 3, 2), grade="중대")


def test_the_audit_office_line_goes_through_the_drafters_own_team_leader():
    line = lines.build_line("audit_result", Rank.DEPT_HEAD, user("auditor"), on=dt.date(2026, 5, 1))
    assert [(e.role, e.user.username) for e in line.entries] == [
        (StepRole.DRAFT, "auditor"),
        (StepRole.REVIEW, "leader"),
        (StepRole.SIGN, "head"),
    ]
    assert line.department.name == "감사담당관"


def test_review_then_signature_issues_the_number_and_runs_the_callback():
    a = memo()
    assert line_of(a) == [
        ("draft", "liaison", "done"),
        ("review", "teamlead", "current"),
        ("sign", "depthead", "waiting"),
    ]
    assert list(selectors.waiting_for(user("teamlead"))) == [a]
    assert not selectors.waiting_for(user("depthead")).exists()
    with pytest.raises(svc.ApprovalDenied):  # not their turn yet
        svc.approve(user("depthead"), a)
    svc.approve(user("teamlead"), a, opinion="확인했습니다.")
    assert list(selectors.waiting_for(user("depthead"))) == [a]
    a = svc.approve(user("depthead"), a)
    assert a.status == ApprovalStatus.APPROVED and a.number == "건설과-1" and a.number_seq == 1
    assert CALLS == [("approved", "도로 보수 계획 보고", "depthead")]
    sign = a.steps.get(role=StepRole.SIGN)
    assert sign.delegated and not sign.proxy  # 과장 below 구청장: 전결
    verbs = list(
        Event.objects.filter(target_type="approvals.approval").order_by("id").values_list("verb", flat=True)
    )
    assert verbs == ["approval.submitted", "approval.reviewed", "approval.signed"]
    assert (
        memo().steps.exists() and svc.approve(user("depthead"), _through_review(memo())).number == "건설과-2"
    )


def _through_review(a):
    svc.approve(user("teamlead"), a)
    return a


def test_delegation_lets_the_team_leader_sign_and_the_box_above_stays_empty():
    DelegationRule.objects.create(
        kind="test_memo", signer_rank=Rank.TEAM_LEAD, effective_from=dt.date(2021, 1, 1), note="시험"
    )
    a = memo()
    assert line_of(a) == [("draft", "liaison", "done"), ("sign", "teamlead", "current")]
    a = svc.approve(user("teamlead"), a)
    assert a.status == ApprovalStatus.APPROVED and a.signer_rank == Rank.TEAM_LEAD
    boxes = signature.boxes(a)["signers"]
    assert [(b.title, b.mark, b.empty) for b in boxes] == [
        ("주무관", "", False),
        ("도로관리팀장", "전결", False),
        ("건설과장", "", True),
    ]
    assert boxes[1].date.count(".") == 3 and not boxes[1].date.startswith("0")  # `2026. 12. 7.`
    assert "도로관리팀장 전결" in signature.lines(a)[0] and "건설과장 (빈칸)" in signature.lines(a)[0]


def test_acting_person_signs_with_daegyeol_and_the_absent_signer_post_reviews():
    today = svc._today()
    svc.add_absence(
        user("head"),
        user=user("depthead"),
        starts_on=today - dt.timedelta(days=1),
        ends_on=today + dt.timedelta(days=2),
        acting=user("teamlead"),
        reason="연가",
    )
    a = _through_review(memo())
    assert list(selectors.waiting_for(user("teamlead"))) == [a]  # on the acting person's desk
    with pytest.raises(svc.ApprovalDenied):
        svc.approve(user("leader"), a)  # someone else entirely
    a = svc.approve(user("teamlead"), a)
    sign = a.steps.get(role=StepRole.SIGN)
    assert sign.proxy and sign.acted_by == user("teamlead") and sign.assignee == user("depthead")
    assert signature.boxes(a)["signers"][-1].mark == "대결"
    assert [s.approval for s in selectors.post_review_for(user("depthead"))] == [a]
    with pytest.raises(svc.ApprovalDenied):
        svc.confirm_post_review(user("teamlead"), sign)
    svc.confirm_post_review(user("depthead"), sign)
    assert not selectors.post_review_for(user("depthead")).exists()
    assert "후결" in signature.boxes(a)["signers"][-1].note


def test_return_goes_to_the_drafter_who_revises_and_resubmits():
    a = memo()
    with pytest.raises(svc.ApprovalError, match="사유"):
        svc.return_to_drafter(user("teamlead"), a, reason=" ")
    a = svc.return_to_drafter(user("teamlead"), a, reason="예산 근거를 붙이세요.")
    assert a.status == ApprovalStatus.RETURNED and a.note == "예산 근거를 붙이세요."
    assert list(selectors.returned_to(user("liaison"))) == [a]
    assert CALLS == [("returned", "도로 보수 계획 보고", "teamlead")]
    assert line_of(a)[2][2] == StepState.CLOSED
    with pytest.raises(svc.ApprovalDenied):
        svc.resubmit(user("teamlead"), a)  # only the drafter
    a = svc.resubmit(user("liaison"), a, body="예산 근거: 2026년 도로보수비")
    assert a.round == 2 and a.status == ApprovalStatus.IN_PROGRESS
    assert line_of(a) == [
        ("draft", "liaison", "done"),
        ("review", "teamlead", "current"),
        ("sign", "depthead", "waiting"),
    ]
    assert Step.objects.filter(approval=a, round=1).count() == 3  # the first round stays in the history
    assert not selectors.returned_to(user("liaison")).exists()
    assert svc.approve(user("depthead"), _through_review(a)).status == ApprovalStatus.APPROVED


def test_withdrawal_only_before_the_next_step_acts_and_cancel():
    a = memo()
    with pytest.raises(svc.ApprovalDenied):
        svc.withdraw(user("teamlead"), a)
    a = svc.withdraw(user("liaison"), a)
    assert a.status == ApprovalStatus.WITHDRAWN and not selectors.waiting_for(user("teamlead")).exists()
    with pytest.raises(svc.ApprovalError):
        svc.approve(user("teamlead"), a)
    a = svc.resubmit(user("liaison"), a)
    svc.approve(user("teamlead"), a)
    with pytest.raises(svc.ApprovalError, match="회수할 수 없습니다"):
        svc.withdraw(user("liaison"), a)
    a = svc.return_to_drafter(user("depthead"), a, reason="다시 검토")
    svc.cancel(user("liaison"), a, reason="사업 취소")
    assert Approval.objects.get(pk=a.pk).status == ApprovalStatus.CANCELLED
    assert CALLS[-1] == ("cancelled", "도로 보수 계획 보고", "liaison")


def test_hold_and_release_by_the_signer():
    a = memo()
    svc.hold(user("teamlead"), a, reason="현장 확인 후 결재")
    assert Approval.objects.get(pk=a.pk).status == ApprovalStatus.ON_HOLD
    with pytest.raises(svc.ApprovalError, match="보류"):
        svc.approve(user("teamlead"), a)
    with pytest.raises(svc.ApprovalDenied):
        svc.release(user("depthead"), a)
    svc.release(user("teamlead"), a)
    assert Approval.objects.get(pk=a.pk).status == ApprovalStatus.IN_PROGRESS
    svc.approve(user("teamlead"), a)


def test_cooperation_agree_with_opinion_or_disagree_with_reasons():
    a = memo(cooperators=[user("patrol")])
    assert [r for r, _, _ in line_of(a)] == ["draft", "review", "cooperate", "sign"]
    svc.approve(user("teamlead"), a)
    with pytest.raises(svc.ApprovalError, match="동의"):
        svc.approve(user("patrol"), a)
    with pytest.raises(svc.ApprovalError, match="사유"):
        svc.cooperate(user("patrol"), a, decision="disagree", opinion="")
    svc.cooperate(user("patrol"), a, decision="disagree", opinion="순찰 일정과 겹칩니다.")
    coop = signature.boxes(a)["cooperators"][0]
    assert coop.mark == "부동의" and coop.name == user("patrol").display_name
    assert svc.approve(user("depthead"), a).status == ApprovalStatus.APPROVED


def test_a_failing_document_rolls_the_signature_and_its_number_back():
    a = _through_review(memo())
    FAIL_ON_APPROVE.append(True)
    with pytest.raises(RuntimeError):
        svc.approve(user("depthead"), a)
    a.refresh_from_db()
    assert a.status == ApprovalStatus.IN_PROGRESS and a.number == ""
    assert not DocumentCounter.objects.filter(last__gt=0).exists()
    FAIL_ON_APPROVE.clear()
    assert svc.approve(user("depthead"), a).number == "건설과-1"  # no gap


def test_number_format_is_data_and_numbers_restart_per_unit():
    NumberFormat.objects.create(pattern="{unit}-{year}-{seq}", effective_from=dt.date(2021, 1, 1))
    first = svc.approve(user("depthead"), _through_review(memo()))
    year = first.approved_at.astimezone(svc.legal.SEOUL).year
    assert first.number == f"건설과-{year}-1"
    office = svc.submit(user("auditor"), kind=MEMO.code, document=construction(), title="감사 계획 보고")
    svc.approve(user("leader"), office)
    assert svc.approve(user("head"), office).number == f"감사담당관-{year}-1"  # its own unit's sequence
    with pytest.raises(svc.ApprovalError, match="seq"):
        svc.set_number_format(user("head"), pattern="{unit}", effective_from=dt.date(2027, 1, 1))


def test_one_open_approval_per_document():
    g = new_grievance()
    svc.submit(user("liaison"), kind=MEMO.code, document=g, title="첫 기안")
    with pytest.raises(svc.ApprovalError, match="이미 결재 중"):
        svc.submit(user("liaison"), kind=MEMO.code, document=g, title="둘째 기안")
