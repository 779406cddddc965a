"""Threshold rules as versioned data, the must-review decision, the answer deadline and the quarterly report due
date, on concrete dates."""

from __future__ import annotations

import datetime as dt

import pytest

from gamsa.core.calendar import SEOUL, LegalCalendar
from gamsa.core.models import Event, OrgUnit, User
from gamsa.reviews.models import ThresholdRule
from gamsa.reviews.proactive import services as pro
from gamsa.reviews.services import requests as svc
from gamsa.reviews.services import thresholds as th

pytestmark = pytest.mark.django_db


def test_seeded_rules_are_yongsan_published_values():
    rule = th.rule_in_force("pre_execution", "services", dt.date(2026, 11, 26))
    assert (rule.min_amount, rule.basis) == (70_000_000, "estimated_price")
    assert "용산구" in rule.source
    contract = th.rule_in_force("contract", "goods", dt.date(2026, 11, 26))
    assert (contract.min_amount, contract.basis) == (5_000_000, "estimated_amount")
    assert th.rule_in_force("pre_execution", "services", dt.date(2020, 12, 31)) is None


@pytest.mark.parametrize(
    ("kind", "category", "price", "amount", "required"),
    [
        ("pre_execution", "works_general", 300_000_000, None, True),  # exactly the threshold: 이상
        (
            "pre_execution",
            "works_general",
            299_999_999,
            329_999_999,
            False,
        ),  # 추정가격 basis: the amount is ignored
        ("pre_execution", "works_specialty", 200_000_000, None, True),
        ("pre_execution", "services", 69_999_999, 76_999_999, False),
        ("pre_execution", "goods", 20_000_000, None, True),
        ("pre_execution", "budget_transfer", 150_000_000, None, False),
        ("contract", "works", None, 30_000_000, True),
        ("contract", "services", 25_000_000, 19_999_999, False),  # 추정금액 basis: the price is ignored
        ("contract", "goods", None, 5_000_000, True),
    ],
)
def test_must_review_by_type_amount_and_basis(kind, category, price, amount, required):
    decision = th.decide(
        kind, category, on=dt.date(2026, 11, 26), estimated_price=price, estimated_amount=amount
    )
    assert decision.required is required
    assert decision.rule is not None and decision.rule.category == category
    assert "용산구" in decision.reason


def test_missing_basis_amount_is_a_clear_error():
    with pytest.raises(th.ThresholdError, match="추정가격을 입력하세요"):
        th.decide("pre_execution", "services", on=dt.date(2026, 11, 26), estimated_amount=90_000_000)


def test_category_without_rule_is_not_required_and_says_so():
    decision = th.decide("pre_execution", "safety", on=dt.date(2026, 11, 26), estimated_price=10**9)
    assert decision.required is False and decision.rule is None
    assert "기준이 없습니다" in decision.reason


def test_a_new_version_applies_only_from_its_date(demo):
    admin = User.objects.get(username="admin")
    old = th.rule_in_force("pre_execution", "services", dt.date(2026, 12, 31))
    new = th.add_version(
        admin,
        review_kind="pre_execution",
        category="services",
        basis="estimated_price",
        min_amount=50_000_000,
        effective_from=dt.date(2027, 1, 1),
        source="구 일상감사 규칙 별표 1 (2026. 12. 개정)",
    )
    # 60,000,000 won of services: not reviewed on 2026-12-31, reviewed from 2027-01-01.
    before = th.decide("pre_execution", "services", on=dt.date(2026, 12, 31), estimated_price=60_000_000)
    after = th.decide("pre_execution", "services", on=dt.date(2027, 1, 1), estimated_price=60_000_000)
    assert (before.required, before.rule) == (False, old)
    assert (after.required, after.rule) == (True, new)
    assert ThresholdRule.objects.filter(
        pk=old.pk, min_amount=70_000_000
    ).exists()  # old version kept unchanged
    assert Event.objects.filter(
        verb="review_threshold.versioned", details__previous_min_amount=70_000_000
    ).exists()
    with pytest.raises(th.ThresholdError):
        th.add_version(
            admin,
            review_kind="pre_execution",
            category="services",
            basis="estimated_price",
            min_amount=1,
            effective_from=dt.date(2027, 1, 1),
            source="중복",
        )


def test_requests_keep_the_version_they_were_decided_with(demo):
    liaison = User.objects.get(username="liaison")
    unit = OrgUnit.objects.get(name="건설과")
    th.add_version(
        User.objects.get(username="admin"),
        review_kind="contract",
        category="works",
        basis="estimated_amount",
        min_amount=10_000_000,
        effective_from=dt.date(2026, 7, 1),
        source="동작구 수준으로 하향 (시험)",
    )
    june = svc.file_contract_review(
        liaison,
        unit,
        review_kind="contract",
        title="6월 공사",
        category="works",
        designed_amount=20_000_000,
        filed_at=dt.datetime(2026, 6, 30, 17, tzinfo=SEOUL),
    )
    july = svc.file_contract_review(
        liaison,
        unit,
        review_kind="contract",
        title="7월 공사",
        category="works",
        designed_amount=20_000_000,
        filed_at=dt.datetime(2026, 7, 1, 9, tzinfo=SEOUL),
    )
    assert (june.required, june.rule.min_amount) == (False, 30_000_000)
    assert (july.required, july.rule.min_amount) == (True, 10_000_000)


def test_answer_deadline_counts_working_days_over_chuseok(demo):
    """Filed Tue 2026-09-22 10:00; 추석 2026-09-24..26 and the weekend are skipped: 7 working days (the seeded
    answer period) end Fri 10-02."""
    review = svc.file_pre_execution(
        User.objects.get(username="liaison"),
        OrgUnit.objects.get(name="건설과"),
        title="추석 전 요청",
        field="contract",
        category="services",
        estimated_price=80_000_000,
        estimated_amount=88_000_000,
        filed_at=dt.datetime(2026, 9, 22, 10, tzinfo=SEOUL),
        calendar=LegalCalendar(),
    )
    assert review.due_at == dt.datetime(2026, 10, 2, 18, tzinfo=SEOUL)
    assert review.case_number.startswith("PE-2026-")
    # A new answer period from 2026-09-23 on, for 일상감사 only: the day of filing decides which version applies.
    svc.add_answer_period(
        None, review_kind="pre_execution", working_days=3, effective_from=dt.date(2026, 9, 23)
    )
    assert svc.due_for(
        "pre_execution", dt.datetime(2026, 9, 23, 19, tzinfo=SEOUL), LegalCalendar()
    ) == dt.datetime(2026, 9, 30, 18, tzinfo=SEOUL)  # after hours → starts Mon 9-28 (day 1), due Wed 9-30
    assert svc.due_for(
        "pre_execution", dt.datetime(2026, 9, 22, 10, tzinfo=SEOUL), LegalCalendar()
    ) == dt.datetime(2026, 10, 2, 18, tzinfo=SEOUL)  # filed the day before: still 7 working days
    assert svc.due_for(
        "contract", dt.datetime(2026, 9, 23, 19, tzinfo=SEOUL), LegalCalendar()
    ) == dt.datetime(
        2026, 10, 7, 18, tzinfo=SEOUL
    )  # 계약심사 keeps 7: Mon 9-28 … Wed 10-7 (10-3 개천절 is a Saturday, its substitute holiday Mon 10-5)
    from gamsa.core.models import Event
    from gamsa.reviews.models import AnswerPeriod

    before = (AnswerPeriod.objects.count(), Event.objects.count())
    with pytest.raises(svc.ReviewError):
        svc.add_answer_period(
            None, review_kind="pre_execution", working_days=5, effective_from=dt.date(2026, 9, 23)
        )
    with pytest.raises(svc.ReviewError):
        svc.add_answer_period(
            None, review_kind="contract", working_days=0, effective_from=dt.date(2027, 1, 4)
        )
    assert (AnswerPeriod.objects.count(), Event.objects.count()) == before


@pytest.mark.parametrize(
    ("year", "quarter", "due"),
    [
        (2026, 3, dt.date(2026, 10, 12)),  # 10-10 is a Saturday (10-09 한글날) → Mon 10-12
        (2026, 1, dt.date(2026, 4, 10)),  # Fri
        (2026, 2, dt.date(2026, 7, 10)),  # Fri
        (2026, 4, dt.date(2027, 1, 11)),  # 2027-01-10 is a Sunday
    ],
)
def test_quarterly_exemption_report_due_date(year, quarter, due):
    """시행령 제13조의4 '분기 종료 후 10일 이내': calendar days from the day after the quarter (민법 제157조),
    moved past a closed last day (제161조)."""
    assert pro.report_due(year, quarter, LegalCalendar()) == dt.datetime.combine(due, dt.time(18), SEOUL)
