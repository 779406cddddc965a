"""Benchmark: the review ledgers and yearly savings totals over ten years of requests.

Usage: .venv/bin/python bench/reviews_ledger.py [--years 10]
Generates years × (476 일상감사 + 736 계약심사 + 165 준공 전 제비율 심사) requests — the 2025 volumes of the seed
report — into a fresh SQLite file (var/bench-reviews.sqlite3; set DATABASE_URL for another database), then times
ledger filters (first page and full count), the XLSX export of one year's ledger and the yearly savings totals.
Prints figures and the data size; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import support  # noqa: E402  (bench/support.py)

DB = ROOT / "var" / "bench-reviews.sqlite3"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{DB}")

PER_YEAR = {"pre": 476, "contract": 736, "completion": 165}


def timed(label: str, fn, repeat: int = 5):
    return support.timed(label, fn, repeat, width=52)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    if os.environ["DATABASE_URL"].startswith("sqlite") and DB.exists():
        DB.unlink()
    DB.parent.mkdir(exist_ok=True)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from gamsa.core.calendar import SEOUL, LegalCalendar
    from gamsa.core.demo import load_demo
    from gamsa.core.models import OrgUnit, User
    from gamsa.reviews import exporting, selectors
    from gamsa.reviews.models import ContractReview, PreExecutionReview, ThresholdRule
    from gamsa.reviews.services.thresholds import decide

    load_demo()
    rng = random.Random(2026)
    cal = LegalCalendar()
    units = list(OrgUnit.objects.filter(is_audit_office=False, office_team="", kind="department"))
    filer = User.objects.get(username="liaison")
    auditor = User.objects.get(username="auditor")
    rules = {(r.review_kind, r.category): r for r in ThresholdRule.objects.all()}
    first_year = 2026 - args.years + 1
    t0 = time.perf_counter()
    pre_rows, con_rows = [], []
    for year in range(first_year, 2027):
        days = [
            d for d in (dt.date(year, 1, 1) + dt.timedelta(n) for n in range(365)) if cal.is_working_day(d)
        ]
        for i in range(PER_YEAR["pre"]):
            filed = dt.datetime.combine(rng.choice(days), dt.time(9 + rng.randrange(9)), SEOUL)
            category = rng.choice(
                ["works_general", "works_specialty", "services", "goods", "policy", "safety"]
            )
            price = rng.randrange(5, 900) * 1_000_000
            d = decide("pre_execution", category, on=filed.date(), estimated_price=price)
            pre_rows.append(
                PreExecutionReview(
                    case_number=f"PE-{year}-{i + 1:06d}",
                    unit=rng.choice(units),
                    filed_by=filer,
                    title=f"사업 {year}-{i}",
                    field="contract",
                    category=category,
                    estimated_price=price,
                    estimated_amount=price * 11 // 10,
                    filed_at=filed,
                    required=d.required,
                    rule=d.rule,
                    decision_reason=d.reason[:300],
                    due_at=cal.due_in_working_days(filed, 7)[1],
                    status="done",
                    reviewer=auditor,
                    opinion=rng.choice(["appropriate", "appropriate", "conditional", "inappropriate"]),
                    completed_at=filed,
                )
            )
        for kind in ("contract", "completion"):
            for i in range(PER_YEAR[kind]):
                filed = dt.datetime.combine(rng.choice(days), dt.time(9 + rng.randrange(9)), SEOUL)
                category = "works" if kind == "completion" else rng.choice(["works", "services", "goods"])
                designed = rng.randrange(3, 2000) * 1_000_000
                reviewed = designed - designed * rng.randrange(0, 80) // 1000
                con_rows.append(
                    ContractReview(
                        case_number=f"{'CR' if kind == 'contract' else 'CC'}-{year}-{i + 1:06d}",
                        review_kind=kind,
                        unit=rng.choice(units),
                        filed_by=filer,
                        title=f"공사 {year}-{i}",
                        category=category,
                        designed_amount=designed,
                        reviewed_amount=reviewed,
                        savings=designed - reviewed,
                        filed_at=filed,
                        required=True,
                        rule=rules.get((kind, category)),
                        due_at=cal.due_in_working_days(filed, 7)[1],
                        status="done",
                        reviewer=auditor,
                        completed_at=filed,
                    )
                )
    PreExecutionReview.objects.bulk_create(pre_rows, batch_size=2000)
    ContractReview.objects.bulk_create(con_rows, batch_size=2000)
    build = time.perf_counter() - t0
    print(
        f"data: {args.years} years × (476 + 736 + 165) = {len(pre_rows) + len(con_rows):,} requests "
        f"({len(pre_rows):,} 일상감사, {len(con_rows):,} 계약심사·제비율 심사) over {len(units)} departments; "
        f"generated in {build:.1f} s on {os.environ['DATABASE_URL'].split(':')[0]}"
    )

    unit = units[0]
    pre, con = selectors.pre_ledger(), selectors.contract_ledger()
    print("ledger filters (first page of 30 + count):")
    for label, qs, data in [
        ("일상감사, no filter", pre, {}),
        ("일상감사, year 2026", pre, {"year": 2026}),
        ("일상감사, year + department + 대상", pre, {"year": 2026, "unit": unit, "required": "yes"}),
        ("일상감사, opinion 부적정 + keyword", pre, {"opinion": "inappropriate", "q": "2024"}),
        ("계약심사, year 2026 + 공사", con, {"year": 2026, "category": "works"}),
        ("계약심사, department, all years", con, {"unit": unit}),
    ]:
        rows = selectors.filter_ledger(qs, data).order_by("-filed_at", "-id")
        timed(label, lambda rows=rows: (list(rows[:30]), rows.count()))
    timed(
        "XLSX: 일상감사 ledger of 2026",
        lambda: exporting.pre_ledger_xlsx(selectors.filter_ledger(pre, {"year": 2026})),
        3,
    )
    timed(
        "XLSX: 계약심사 ledger of 2026",
        lambda: exporting.contract_ledger_xlsx(selectors.filter_ledger(con, {"year": 2026})),
        3,
    )
    totals = timed(
        "yearly savings totals (by type + by department)",
        lambda: selectors.savings_totals(ContractReview.objects.all(), 2026),
    )
    print(
        f"  2026: {totals['total']['count']:,} reviews, savings {totals['total']['savings']:,}원 ({totals['total']['rate']}%)"
    )
    timed(
        "savings totals for every year",
        lambda: [selectors.savings_totals(ContractReview.objects.all(), y) for y in range(first_year, 2027)],
        3,
    )


if __name__ == "__main__":
    main()
