"""Property tests (hypothesis) of the engine on generated works sheets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gamsa.costing.engine import parse_sheet, review
from gamsa.costing.engine.defaults import default_table
from gamsa.costing.engine.review import allowed_sheet

TABLE = default_table()
RATE_KEYS = [
    "industrial_accident_insurance",
    "employment_insurance",
    "health_insurance",
    "long_term_care_insurance",
    "national_pension",
    "retirement_mutual_aid",
    "safety_health",
    "other_expenses",
    "general_admin",
    "profit",
    "vat",
]
rates = st.decimals(min_value=Decimal("0"), max_value=Decimal("0.25"), places=4).map(float)
won = st.integers(min_value=0, max_value=20_000_000_000)


@st.composite
def sheets(draw):
    lines = {
        "material_direct": draw(won),
        "material_indirect": draw(st.integers(0, 500_000_000)),
        "labor_direct": draw(won),
        "machinery": draw(st.integers(0, 900_000_000)),
        "labor_indirect": {"rate": draw(rates)},
    }
    for key in RATE_KEYS:
        if draw(st.booleans()) or key in ("general_admin", "profit", "vat"):
            line = {"rate": draw(rates)}
            if draw(st.integers(0, 9)) == 0:
                line["amount"] = draw(st.integers(0, 2_000_000_000))  # the sheet's own (maybe wrong) figure
            lines[key] = line
    return {
        "title": "property",
        "kind": "works",
        "work_type": draw(st.sampled_from(["건축", "토목", "중건설", "특수건설"])),
        "base_date": draw(st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31))).isoformat(),
        "duration_days": draw(st.integers(1, 1500)),
        "estimated_amount": draw(st.integers(0, 60_000_000_000)),
        "employment_grade": draw(st.integers(1, 12)),
        "lines": lines,
    }


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(sheets())
def test_reviewing_an_allowed_sheet_changes_nothing(data):
    first = review(parse_sheet(data), TABLE)
    second = review(parse_sheet(allowed_sheet(first)), TABLE)
    assert all(line.difference == 0 for line in second.lines)
    assert second.savings == 0
    assert second.allowed_total == first.allowed_total
    assert [(x.key, x.allowed_amount) for x in second.lines] == [
        (x.key, x.allowed_amount) for x in first.lines
    ]


@SETTINGS
@given(sheets())
def test_savings_and_line_differences_add_up(data):
    r = review(parse_sheet(data), TABLE)
    totals = r.to_json()["totals"]
    assert totals["savings"] == totals["stated_total"] - totals["allowed_total"]
    assert sum(line.difference * line.sign for line in r.lines) == r.stated["sum"] - r.allowed["sum"]
    assert totals["stated_total"] % 1000 == 0 and totals["allowed_total"] % 1000 == 0


@SETTINGS
@given(sheets())
def test_no_allowed_rate_exceeds_its_cap(data):
    sheet = parse_sheet(data)
    r = review(sheet, TABLE)
    for key in ("general_admin", "profit"):
        line = r.line(key)
        cap = TABLE.lookup(key, sheet.base_date, sheet_kind="works").rate
        assert line.allowed_rate <= cap
        assert line.allowed_rate <= sheet.lines[key].rate
