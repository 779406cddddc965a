"""The investigation workflow through its services: each step, its clock and its refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from gamsa.complaints.reports import services as report_svc
from gamsa.core.calendar import SEOUL
from gamsa.core.models import Event, OrgUnit
from gamsa.investigations import demo as inv_demo
from gamsa.investigations import selectors
from gamsa.investigations import services as svc
from gamsa.investigations.models import Case, Status
from gamsa.investigations.tests.helpers import SUBJECT_NAME, D, lead, planted_case, png, snapshot, user


def test_full_workflow_to_a_disposition_and_closure(demo):
    case = planted_case(grade="5")
    assert case.case_number.startswith("IV-2026-") and case.status == Status.INVESTIGATING
    subject = case.subjects.get()
    allegation = subject.allegations.get()
    # 금품 수수 → 5 years; act 2024-05-10 → 2029-05-10 (Thu)
    assert (allegation.ground, allegation.expires_on) == ("property", D("2029-05-10"))
    assert case.nearest_expiry == D("2029-05-10")
    assert subject.committee == "seoul"  # 5급 → 서울특별시 인사위원회 (법 제72조①)
    assert case.proceedings_blocked  # the office is investigating (공공감사법 제24조)
    svc.add_evidence(user("investigator"), case, data=png(), original_name="증거.png")
    svc.add_diary(user("investigator"), case, on=D("2026-03-04"), text="대상자 출석 요구")
    svc.report_findings(
        user("investigator"),
        case,
        on=D("2026-03-20"),
        report="비위 사실 확인",
        findings={str(subject.public_id): "상품권 수수 확인"},
    )
    case.refresh_from_db()
    assert case.status == Status.REPORTED and not case.office_investigating
    svc.decide_action(lead(), subject, action="heavy", on=D("2026-03-23"))
    subject.refresh_from_db()
    svc.request_discipline(lead(), subject, on=D("2026-03-25"))
    subject.refresh_from_db()
    case.refresh_from_db()
    assert case.status == Status.DISCIPLINE and subject.committee == "seoul"
    # decision received Fri 2026-09-18: 15 days → Sat 10-03 개천절, Sun, Mon 10-05 대체공휴일 → Tue 10-06
    svc.record_decision(user("head"), subject, decision="suspension", received_on=D("2026-09-18"))
    subject.refresh_from_db()
    assert subject.disposition_due_on == D("2026-10-06")
    svc.record_disposition(user("head"), subject, on=D("2026-10-02"))
    svc.close_case(user("head"), case, on=D("2026-10-05"))
    case.refresh_from_db()
    assert case.status == Status.CLOSED and case.nearest_expiry is None
    verbs = list(Event.objects.filter(target_id=case.case_number).values_list("verb", flat=True))
    for verb in (
        "received",
        "assigned",
        "started",
        "statement_added",
        "evidence_added",
        "reported",
        "action_decided",
        "discipline_requested",
        "decision_recorded",
        "disposed",
        "closed",
    ):
        assert f"investigation.{verb}" in verbs, verb


def test_sixth_grade_goes_to_the_districts_committee(demo):
    case = planted_case(grade="6")
    assert case.subjects.get().committee == "district"


def test_general_ground_three_years_and_holiday(demo):
    # → Sat 2026-10-03 개천절, Sun 10-04, Mon 10-05 its substitute holiday → Tue 10-06
    case = planted_case(kind="neglect", act=D("2023-10-03"))
    assert case.subjects.get().allegations.get().expires_on == D("2026-10-06")


def test_end_notice_of_a_criminal_investigation_extends_by_one_month(demo):
    case = planted_case(kind="neglect", act=D("2023-04-20"))  # ordinary end 2026-04-20
    svc.record_block(user("investigator"), case, body="criminal", started_on=D("2026-03-05"))
    case.refresh_from_db()
    assert case.proceedings_blocked
    svc.record_block(
        user("investigator"), case, body="criminal", started_on=D("2026-03-05"), ended_on=D("2026-04-02")
    )
    allegation = case.subjects.get().allegations.get()
    assert allegation.expires_on == D("2026-05-04")  # 1 month after 04-02 → Sat 05-02 → Mon 05-04
    assert "제73조의2②" in allegation.basis
    case.refresh_from_db()
    assert case.nearest_expiry == D("2026-05-04")


def test_discipline_is_refused_during_a_bai_investigation_and_nothing_changes(demo):
    case = planted_case()
    subject = case.subjects.get()
    svc.report_findings(
        user("investigator"),
        case,
        on=D("2026-03-20"),
        report="확인",
        findings={str(subject.public_id): "확인"},
    )
    svc.decide_action(lead(), subject, action="light", on=D("2026-03-23"))
    svc.record_block(lead(), case, body="bai", started_on=D("2026-03-24"))
    subject.refresh_from_db()
    before = snapshot()
    with pytest.raises(svc.InvestigationError, match="감사원"):
        svc.request_discipline(lead(), subject, on=D("2026-03-25"))
    assert snapshot() == before


def test_discipline_after_the_limitation_is_refused(demo):
    case = planted_case(kind="neglect", act=D("2023-03-10"), received=D("2026-02-02"))
    subject = case.subjects.get()
    svc.report_findings(
        user("investigator"),
        case,
        on=D("2026-02-20"),
        report="확인",
        findings={str(subject.public_id): "확인"},
    )
    svc.decide_action(lead(), subject, action="light", on=D("2026-03-05"))
    subject.refresh_from_db()
    with pytest.raises(svc.InvestigationError, match="징계시효"):
        svc.request_discipline(lead(), subject, on=D("2026-03-11"))
    svc.request_discipline(lead(), subject, on=D("2026-03-10"))  # the last day still counts


def test_refusals_leave_nothing_changed(demo):
    case = planted_case(start=False)
    before = snapshot()
    with pytest.raises(svc.Denied):
        svc.start_investigation(user("auditor"), case, D("2026-03-03"))
    with pytest.raises(svc.Denied):
        svc.assign(user("investigator"), case, [user("investigator")], D("2026-03-03"))
    with pytest.raises(svc.InvestigationError):
        svc.add_statement(user("investigator"), case, taken_on=D("2026-03-03"), text="x")  # not started
    with pytest.raises(svc.InvestigationError):
        svc.start_investigation(user("investigator"), case, D("2026-02-01"))  # before receipt
    assert snapshot() == before


def test_bad_intake_is_refused_with_korean_messages(demo):
    unit = OrgUnit.objects.get(name="건설과")
    base = dict(
        title="t",
        summary="s",
        received_on=D("2026-03-02"),
        subjects=[
            {
                "name": "가",
                "unit": unit,
                "grade": "6",
                "allegations": [{"type": "other", "act_date": D("2026-01-01")}],
            }
        ],
    )
    with pytest.raises(svc.InvestigationError, match="문서번호"):
        svc.receive_case(lead(), source="external", external_body="police", **base)
    with pytest.raises(svc.InvestigationError, match="공익신고"):
        svc.receive_case(lead(), source="public_interest", **base)
    bad = {
        **base,
        "subjects": [
            {**base["subjects"][0], "allegations": [{"type": "other", "act_date": D("2026-04-01")}]}
        ],
    }
    with pytest.raises(svc.InvestigationError, match="행위일"):
        svc.receive_case(lead(), source="internal", **bad)
    assert not Case.objects.exists()


def test_public_interest_link_copies_no_identity(demo):
    report = report_svc.receive_report(
        user("complaints"),
        subject="공직 비위",
        summary="담당 공무원이 금품을 받았습니다.",
        identity={"name": "차은비", "phone": "010-7391-2846"},
        received_at=dt.datetime(2026, 3, 2, 10, tzinfo=SEOUL),
    )
    unit = OrgUnit.objects.get(name="건설과")
    case = svc.receive_case(
        lead(),
        title="공익신고 조사",
        summary="신고 내용 확인",
        source="public_interest",
        received_on=D("2026-03-05"),
        public_interest_report=report,
        subjects=[
            {
                "name": SUBJECT_NAME,
                "unit": unit,
                "grade": "7",
                "allegations": [{"type": "bribery", "act_date": D("2026-02-01")}],
            }
        ],
    )
    assert case.public_interest_report == report
    values = " ".join(str(v) for v in Case.objects.filter(pk=case.pk).values().first().values())
    assert "차은비" not in values and "010-7391-2846" not in values and "73912846" not in values


def test_demo_has_the_2025_shape(demo):
    assert inv_demo.load() == 30
    assert inv_demo.load() == 0  # idempotent
    stats = selectors.statistics(2025)
    external, internal = stats["groups"]
    assert (external["total"], external["discipline"], external["closed"], external["open"]) == (15, 3, 8, 4)
    assert (
        internal["total"],
        internal["discipline"],
        internal["admonition"],
        internal["closed"],
        internal["open"],
    ) == (15, 7, 3, 2, 3)


def test_open_cases_sorted_by_nearest_limitation(demo):
    inv_demo.load()
    rows = list(selectors.open_cases(user("head")).values_list("nearest_expiry", flat=True))
    assert len(rows) == 7 and rows == sorted(rows)


def test_redaction():
    assert selectors.redact_name("김철수") == "김○○"
    assert selectors.redact_name("남궁민") == "남○○"
