"""The engine on hand-computed sheets (no database). Every expected figure was worked out step by step from the
formula order of cost-rates.md §1 (see the comments), not produced by the engine."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal

import pytest

from gamsa.costing.engine import RateEntry, RateTable, SheetError, parse_sheet, review
from gamsa.costing.engine.defaults import default_rates, default_table, entry_from_dict
from gamsa.costing.engine.review import allowed_sheet

TABLE = default_table()

SHEET_A = {  # 2026, 건축, 120 days, 추정 5.12억, 고용 7등급
    "title": "A",
    "kind": "works",
    "work_type": "건축",
    "base_date": "2026-03-02",
    "duration_days": 120,
    "estimated_amount": 512_000_000,
    "employment_grade": 7,
    "lines": {
        "material_direct": 200_000_000,
        "material_indirect": 10_000_000,
        "scrap_credit": 1_000_000,
        "labor_direct": 100_000_000,
        "labor_indirect": {"rate": 0.15},
        "machinery": 5_000_000,
        "industrial_accident_insurance": {"rate": 0.0356},
        "employment_insurance": {"rate": 0.0101},
        "health_insurance": {"rate": 0.03545},  # the 2025 rate on a 2026 sheet: under-provided
        "long_term_care_insurance": {"rate": 0.1314},
        "national_pension": {"rate": 0.0475},
        "retirement_mutual_aid": {"rate": 0.023},
        "safety_health": {"rate": 0.035},  # above the 3.11 % of 건축 < 5억: cut
        "other_expenses": {"rate": 0.05},
        "general_admin": {"rate": 0.09},  # above the 8 % cap: cut
        "profit": {"rate": 0.16},  # above the 15 % cap: cut
        "vat": {"rate": 0.10},
    },
}


def run(data, table=TABLE):
    return review(parse_sheet(copy.deepcopy(data)), table)


def amounts(result, side):
    return {line.key: getattr(line, f"{side}_amount") for line in result.lines}


def test_sheet_2026_cuts_under_provision_and_cascade():
    r = run(SHEET_A)
    # 재료비 = 200,000,000 + 10,000,000 − 1,000,000 = 209,000,000; 간접노무비 = 1억 × 15 % = 15,000,000;
    # 노무비 = 115,000,000. 산재 115,000,000 × 3.56 % = 4,094,000; 고용 × 1.01 % = 1,161,500.
    assert r.line("industrial_accident_insurance").allowed_amount == 4_094_000
    assert r.line("employment_insurance").allowed_amount == 1_161_500
    # 건강: stated 1억 × 3.545 % = 3,545,000; allowed 1억 × 3.595 % = 3,595,000 (under-provided: −50,000).
    health = r.line("health_insurance")
    assert (health.stated_amount, health.allowed_amount, health.rule) == (3_545_000, 3_595_000, "legal_under")
    assert health.difference == -50_000
    # 장기요양 on the 건강 amount of each side: 3,545,000 × 13.14 % = 465,813; 3,595,000 × 13.14 % = 472,383.
    care = r.line("long_term_care_insurance")
    assert (care.stated_amount, care.allowed_amount, care.rule) == (465_813, 472_383, "legal_ok")
    # 산안비 on 재 + 직노 = 309,000,000 (< 5억, 건축 3.11 %): 10,815,000 stated at 3.5 % → 9,609,900.
    safety = r.line("safety_health")
    assert (safety.stated_amount, safety.allowed_amount, safety.rule) == (10_815_000, 9_609_900, "legal_cut")
    assert safety.allowed_rate == Decimal("0.0311")
    # 기타경비 (no reference table active) = 324,000,000 × 5 % = 16,200,000, accepted as stated.
    assert r.line("other_expenses").rule == "no_reference"
    assert r.line("labor_indirect").rule == "no_reference"
    # 경비: stated 48,331,313, allowed 47,182,783. 순공사원가: 372,331,313 / 371,182,783.
    assert r.stated["expenses"] == 48_331_313 and r.allowed["expenses"] == 47_182_783
    # 일반관리비 9 % → cap 8 %: 33,509,818 stated; 371,182,783 × 8 % = 29,694,622 allowed.
    ga = r.line("general_admin")
    assert (ga.stated_amount, ga.allowed_amount, ga.rule) == (33_509_818, 29_694_622, "cap_cut")
    # 이윤 16 % → 15 % on 노 + 경 + 일반관리비: (115,000,000 + 47,182,783 + 29,694,622) × 15 % = 28,781,610.
    profit = r.line("profit")
    assert (profit.stated_amount, profit.allowed_amount, profit.rule) == (31_494_580, 28_781_610, "cap_cut")
    # 부가가치세 10 %: 43,733,571 / 42,965,901. 합계 481,069,282 / 472,624,916 → truncated below 1,000 won.
    assert (r.line("vat").stated_amount, r.line("vat").allowed_amount) == (43_733_571, 42_965_901)
    assert (r.stated_total, r.allowed_total, r.savings) == (481_069_000, 472_624_000, 8_445_000)
    assert r.to_json()["totals"] == {
        "stated_total": 481_069_000,
        "allowed_total": 472_624_000,
        "savings": 8_445_000,
    }


SHEET_B = {  # 2025-05-12 (before the 2025.7.8 amendment: 일반관리비 cap 6 %), 토목, 6.0억 대상액 band with 기초액
    "title": "B",
    "kind": "works",
    "work_type": "토목",
    "base_date": "2025-05-12",
    "duration_days": 200,
    "estimated_amount": 800_000_000,
    "employment_grade": 3,
    "lines": {
        "material_direct": 400_000_000,
        "material_indirect": 25_000_000,
        "scrap_credit": 5_000_000,
        "labor_direct": 180_000_000,
        "labor_indirect": {"rate": 0.16},
        "machinery": 12_000_000,
        "industrial_accident_insurance": {"rate": 0.0356},
        "employment_insurance": {"rate": 0.0113},
        "health_insurance": {"rate": 0.03545},
        "long_term_care_insurance": {"rate": 0.1295},
        "national_pension": {"rate": 0.045},
        "retirement_mutual_aid": {"rate": 0.023},
        "safety_health": {"rate": 0.0253},
        "other_expenses": {"rate": 0.06},
        "general_admin": {"rate": 0.07},
        "profit": {"rate": 0.15},
        "vat": {"rate": 0.10},
    },
}


def test_sheet_2025_band_base_amount_and_old_cap():
    r = run(SHEET_B)
    # 대상액 = 420,000,000 + 180,000,000 = 600,000,000 (5억–50억, 토목): × 2.53 % + 3,300,000 = 18,480,000.
    safety = r.line("safety_health")
    assert (safety.stated_amount, safety.allowed_amount, safety.base_amount) == (
        18_480_000,
        18_480_000,
        3_300_000,
    )
    # 고용 3등급 1.13 % on 노무비 208,800,000 = 2,359,440; 요양 2025 12.95 % on 6,381,000 = 826,339.
    assert r.line("employment_insurance").allowed_amount == 2_359_440
    assert r.line("long_term_care_insurance").allowed_amount == 826_339
    # 일반관리비: cap 6 % before 2025-07-08. 726,248,059 × 7 % = 50,837,364 → × 6 % = 43,574,883.
    ga = r.line("general_admin")
    assert (ga.stated_amount, ga.allowed_amount, ga.allowed_rate) == (50_837_364, 43_574_883, Decimal("0.06"))
    # 이윤 15 % (ok) but its base shrank: 53,562,813 → 52,473,441 (cascade, no cut of its own).
    profit = r.line("profit")
    assert (profit.rule, profit.stated_amount, profit.allowed_amount) == ("cap_ok", 53_562_813, 52_473_441)
    assert "연쇄 조정" in profit.explanation()
    assert (r.stated_total, r.allowed_total, r.savings) == (913_713_000, 904_526_000, 9_187_000)


def test_same_sheet_after_the_amendment_allows_8_percent():
    data = copy.deepcopy(SHEET_B)
    data["base_date"] = "2025-07-08"
    ga = run(data).line("general_admin")
    assert ga.rule == "cap_ok" and ga.allowed_rate == Decimal("0.07")
    data["base_date"] = "2025-07-07"
    assert run(data).line("general_admin").allowed_rate == Decimal("0.06")


SHEET_C = {  # 20-day works on 2026-02-10, 추정 9,500만: no 건강·요양·연금 (< 30 days), no 퇴직공제 (< 1억)
    "title": "C",
    "kind": "works",
    "work_type": "건축",
    "base_date": "2026-02-10",
    "duration_days": 20,
    "estimated_amount": 95_000_000,
    "employment_grade": 7,
    "lines": {
        "material_direct": 40_000_000,
        "labor_direct": 30_000_000,
        "labor_indirect": {"rate": 0.10},
        "machinery": 1_000_000,
        "industrial_accident_insurance": {"rate": 0.0356},
        "employment_insurance": {"rate": 0.0101},
        "health_insurance": {"rate": 0.03595},
        "long_term_care_insurance": {"rate": 0.1314},
        "national_pension": {"rate": 0.0475},
        "retirement_mutual_aid": {"rate": 0.023},
        "safety_health": {"rate": 0.0311},
        "other_expenses": {"rate": 0.05},
        "general_admin": {"rate": 0.08},
        "profit": {"rate": 0.15},
        "vat": {"rate": 0.10},
    },
}


def test_short_duration_and_sub_100_million_conditions_off():
    r = run(SHEET_C)
    for key, stated in [
        ("health_insurance", 1_078_500),  # 3천만 × 3.595 %
        ("long_term_care_insurance", 141_714),  # 1,078,500 × 13.14 %
        ("national_pension", 1_425_000),
        ("retirement_mutual_aid", 690_000),
    ]:
        line = r.line(key)
        assert (line.stated_amount, line.allowed_amount, line.rule) == (stated, 0, "condition_off"), key
        assert line.allowed_rate == 0
    # 경비 11,670,314 → 8,335,100; 일반관리비 8 % 6,773,625 → 6,506,808; 이윤 7,716,590 → 7,176,286.
    assert (r.line("general_admin").allowed_amount, r.line("profit").allowed_amount) == (6_506_808, 7_176_286)
    assert (r.stated_total, r.allowed_total) == (109_076_000, 104_520_000)
    assert r.line("safety_health").rule == "legal_ok"  # 추정 9,500만 ≥ 2천만


def test_small_works_without_safety_and_retirement():
    data = {
        "title": "D",
        "kind": "works",
        "work_type": "건축",
        "base_date": "2026-06-01",
        "duration_days": 60,
        "estimated_amount": 15_000_000,
        "employment_grade": 7,
        "lines": {
            "material_direct": 6_000_000,
            "labor_direct": 5_000_000,
            "industrial_accident_insurance": {"rate": 0.0356},
            "employment_insurance": {"rate": 0.0101},
            "health_insurance": {"rate": 0.03595},
            "long_term_care_insurance": {"rate": 0.1314},
            "national_pension": {"rate": 0.0475},
            "retirement_mutual_aid": {"rate": 0.023},
            "safety_health": {"rate": 0.0311},
            "general_admin": {"rate": 0.06},
            "profit": {"rate": 0.10},
            "vat": {"rate": 0.10},
        },
    }
    r = run(data)
    assert r.line("safety_health").rule == "condition_off"  # 총공사금액 1,500만 < 2천만
    assert r.line("safety_health").stated_amount == 342_100  # 1,100만 × 3.11 %
    assert r.line("retirement_mutual_aid").rule == "condition_off"
    assert r.line("health_insurance").rule == "legal_ok"  # 60 days
    assert (r.stated["sum"], r.allowed["sum"]) == (14_893_408, 14_307_132)
    assert (r.stated_total, r.allowed_total, r.savings) == (14_893_000, 14_307_000, 586_000)


def test_arithmetic_error_in_the_sheet_shows():
    data = allowed_sheet(run(SHEET_A))  # every rate allowed …
    data["lines"]["profit"] = {
        "rate": 0.15,
        "amount": 29_000_000,
    }  # … but 이윤 miscomputed (should be 28,781,610)
    r = run(data)
    profit = r.line("profit")
    assert profit.rule == "cap_ok" and profit.recomputed_amount == 28_781_610
    assert profit.arithmetic_error == 218_390 and profit.difference == 218_390
    assert "계산 착오" in profit.explanation()
    # The stated VAT is on the sheet's own 총원가: (371,182,783 + 29,694,622 + 29,000,000) × 10 % = 42,987,740.
    assert r.line("vat").stated_amount == 42_987_740 and r.line("vat").difference == 21_839
    assert (r.stated_total, r.allowed_total, r.savings) == (472_865_000, 472_624_000, 241_000)
    line_sum = sum(line.difference * line.sign for line in r.lines)
    assert line_sum == r.stated["sum"] - r.allowed["sum"] == 240_229


def test_truncation_below_one_won_and_thousand():
    data = copy.deepcopy(SHEET_C)
    data["duration_days"] = 45
    data["lines"]["labor_direct"] = 30_000_001  # 30,000,001 × 3.595 % = 1,078,500.03595 → 1,078,500
    r = run(data)
    assert r.line("health_insurance").allowed_amount == 1_078_500
    assert r.line("long_term_care_insurance").allowed_amount == 141_714  # 1,078,500 × 13.14 % = 141,714.9
    assert r.allowed_total % 1000 == 0 and 0 <= r.allowed["sum"] - r.allowed_total < 1000


def test_rate_version_switch_on_1_january_2026():
    data = copy.deepcopy(SHEET_A)
    data["base_date"] = "2025-12-31"
    old = run(data)
    assert old.line("health_insurance").allowed_rate == Decimal("0.03545")
    assert old.line("long_term_care_insurance").allowed_rate == Decimal("0.1295")
    assert old.line("national_pension").allowed_rate == Decimal("0.045")
    assert old.line("health_insurance").rule == "legal_ok"
    assert old.line("national_pension").rule == "legal_cut"  # 4.75 % stated on a 2025 sheet
    data["base_date"] = "2026-01-01"
    new = run(data)
    assert new.line("health_insurance").allowed_rate == Decimal("0.03595")
    assert new.line("long_term_care_insurance").allowed_rate == Decimal("0.1314")
    assert new.line("national_pension").allowed_rate == Decimal("0.0475")


def test_2025_review_unchanged_after_2026_rates_are_added():
    data = copy.deepcopy(SHEET_B)
    before = run(data, default_table(until=dt.date(2025, 12, 31))).to_json()
    after = run(data, default_table()).to_json()
    assert before == after
    assert len(default_table()) > len(default_table(until=dt.date(2025, 12, 31)))


def test_reference_table_when_activated_cuts_above_it():
    drafts = default_table(include_drafts=True)
    data = copy.deepcopy(SHEET_A)
    data["base_date"] = (
        "2026-05-04"  # after the 2026-04-13 조달청 table; 직접공사비 3.14억 < 10억, 120 days ≤ 6 months
    )
    data["lines"]["labor_indirect"] = {"rate": 0.20}
    r = run(data, drafts)
    line = r.line("labor_indirect")
    assert (line.rule, line.allowed_rate, line.confidence) == ("reference_cut", Decimal("0.175"), "C")
    assert run(data).line("labor_indirect").rule == "no_reference"  # drafts are not used by default


def test_profit_excluded_items_are_configurable():
    sheet = parse_sheet(copy.deepcopy(SHEET_A))
    plain = review(sheet, TABLE)
    excluded = review(sheet, TABLE, profit_excluded=("machinery",))
    # 이윤 base loses 5,000,000 of 기계경비: 15 % of it = 750,000 less.
    assert plain.line("profit").allowed_amount - excluded.line("profit").allowed_amount == 750_000


def test_missing_legal_line_is_flagged_as_under_provided():
    data = copy.deepcopy(SHEET_A)
    del data["lines"]["retirement_mutual_aid"]
    line = run(data).line("retirement_mutual_aid")
    assert (line.rule, line.stated_amount, line.allowed_amount) == ("legal_missing", 0, 2_300_000)


def test_services_sheet_uses_service_caps():
    data = {
        "title": "학술연구용역",
        "kind": "services",
        "service_type": "기타",
        "base_date": "2026-03-02",
        "lines": {
            "labor_direct": 50_000_000,
            "direct_expenses": 10_000_000,
            "general_admin": {"rate": 0.08},
            "profit": {"rate": 0.12},
            "vat": {"rate": 0.10},
        },
    }
    r = run(data)
    assert r.line("general_admin").allowed_rate == Decimal("0.06")
    assert r.line("profit").allowed_rate == Decimal("0.10")
    assert "industrial_accident_insurance" not in {line.key for line in r.lines}


def test_bad_sheet_lists_every_bad_field_in_korean():
    data = copy.deepcopy(SHEET_A)
    data["kind"] = "building"
    data["base_date"] = "2026-13-01"
    data["lines"]["profit"] = {"rate": 15}
    data["lines"]["material_direct"] = -5
    data["lines"]["bogus"] = 1
    with pytest.raises(SheetError) as info:
        parse_sheet(data)
    fields = {e["field"] for e in info.value.errors}
    assert {"kind", "base_date", "lines.profit.rate", "lines.material_direct", "lines.bogus"} <= fields
    assert all(any("\uac00" <= ch <= "\ud7a3" for ch in e["message"]) for e in info.value.errors)


def test_lookup_picks_by_date_not_by_newest():
    entries = [
        RateEntry("vat", "legal", Decimal("0.10"), dt.date(2020, 1, 1), "총원가", "s", "A"),
        RateEntry("vat", "legal", Decimal("0.12"), dt.date(2030, 1, 1), "총원가", "s", "A"),
    ]
    table = RateTable(entries)
    assert table.lookup("vat", dt.date(2029, 12, 31)).rate == Decimal("0.10")
    assert table.lookup("vat", dt.date(2030, 1, 1)).rate == Decimal("0.12")
    assert table.lookup("vat", dt.date(2019, 12, 31)) is None


def test_shipped_values_are_graded_and_c_grade_is_inactive():
    rows = default_rates()
    assert all(r["confidence"] in "ABC" for r in rows)
    assert all(not r["active"] for r in rows if r["confidence"] == "C")
    assert any(r["confidence"] == "C" for r in rows)
    assert all(entry_from_dict(r).source for r in rows)
