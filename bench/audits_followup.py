"""Benchmark: the overdue follow-up board (처분요구 이행 관리) over ten years of self-audit findings.

Usage: .venv/bin/python bench/audits_followup.py [--years 10] [--districts 25]
Generates districts × years × 12 engagements (the seed report's 10 self-audits a year plus discipline
inspections), each with 5–30 findings and 1–2 dispositions per finding, into a fresh SQLite file
(var/bench-audits.sqlite3; set DATABASE_URL for another database). Due dates come from the legal calendar by
disposition kind. Older years are mostly done; the last two years hold open, reported and overdue ones.
Then times the board's queries: the first page of overdue dispositions and its count, overdue by unit, the
board's totals and one department's own list. Prints figures and the data size; asserts nothing about time.
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

DB = ROOT / "var" / "bench-audits.sqlite3"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{DB}")

ENGAGEMENTS_PER_YEAR = 12
KINDS = [  # (kind, weight): 시정·주의 dominate real result reports
    ("correction", 30),
    ("caution", 25),
    ("improvement", 12),
    ("notice", 10),
    ("recommendation", 5),
    ("discipline", 8),
    ("warning", 6),
    ("restitution", 3),
    ("referral", 1),
]
MONTHS = {
    "restitution": 3,
    "discipline": 1,
    "correction": 2,
    "improvement": 2,
    "recommendation": 2,
    "notice": 2,
}


def timed(label: str, fn, repeat: int = 7):
    return support.timed(label, fn, repeat, width=48)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--districts", type=int, default=25)
    args = parser.parse_args()
    if os.environ["DATABASE_URL"].startswith("sqlite") and DB.exists():
        DB.unlink()
    DB.parent.mkdir(exist_ok=True)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from gamsa.audits import selectors
    from gamsa.audits.models import Disposition, Engagement, Finding
    from gamsa.core.calendar import SEOUL, LegalCalendar
    from gamsa.core.demo import load_demo
    from gamsa.core.models import OrgUnit, User

    load_demo()
    rng = random.Random(2026)
    cal = LegalCalendar()
    leader = User.objects.get(username="leader")
    units = list(OrgUnit.objects.filter(is_audit_office=False, kind__in=("department", "dong")))
    kinds, weights = zip(*KINDS, strict=True)
    now = dt.datetime(2026, 11, 26, 12, tzinfo=SEOUL)
    first_year = 2026 - args.years + 1
    t0 = time.perf_counter()
    engagements = []
    for district in range(args.districts):
        for year in range(first_year, 2027):
            for i in range(ENGAGEMENTS_PER_YEAR):
                start = dt.date(year, 1 + (i % 11), 5 + rng.randrange(15))
                engagements.append(
                    Engagement(
                        case_number=f"B{district:02d}-{year}-{i:03d}",
                        title=f"감사 {district}-{year}-{i}",
                        purpose="벤치마크",
                        type=rng.choice(["comprehensive", "special", "financial", "discipline"]),
                        scope="-",
                        start_date=start,
                        end_date=start + dt.timedelta(days=10),
                        status="resulting",
                        result_notified_at=dt.datetime.combine(
                            start + dt.timedelta(days=40), dt.time(10), SEOUL
                        ),
                        created_by=leader,
                    )
                )
    Engagement.objects.bulk_create(engagements, batch_size=2000)
    findings = []
    for e in Engagement.objects.all().only("pk"):
        for seq in range(1, rng.randint(5, 30) + 1):
            findings.append(
                Finding(
                    engagement_id=e.pk,
                    seq=seq,
                    title=f"지적 {seq}",
                    condition="현황",
                    unit=rng.choice(units),
                    created_by=leader,
                )
            )
    Finding.objects.bulk_create(findings, batch_size=5000)
    notified = dict(Engagement.objects.values_list("pk", "result_notified_at"))
    rows = []
    for fid, eid, uid in Finding.objects.values_list("pk", "engagement_id", "unit_id").iterator(
        chunk_size=5000
    ):
        at = notified[eid]
        for _ in range(rng.choice((1, 1, 2))):
            kind = rng.choices(kinds, weights)[0]
            months = MONTHS.get(kind)
            due = cal.due_in_months(at, months) if months else None
            if due is None:
                status = "done"
            elif due < now - dt.timedelta(days=400):
                status = "done" if rng.random() < 0.97 else "open"  # a few long-overdue ones
            else:
                status = rng.choices(["done", "open", "reported", "returned"], [50, 30, 12, 8])[0]
            rows.append(
                Disposition(
                    finding_id=fid,
                    kind=kind,
                    target_unit_id=uid,
                    demand="요구",
                    amount_recover=rng.choice((0, 0, 0, rng.randrange(1, 500) * 100_000)),
                    status=status,
                    notified_at=at,
                    due_at=due,
                )
            )
        if len(rows) >= 20_000:
            Disposition.objects.bulk_create(rows, batch_size=5000)
            rows = []
    Disposition.objects.bulk_create(rows, batch_size=5000)
    build = time.perf_counter() - t0
    total = Disposition.objects.count()
    print(
        f"data: {args.districts} districts × {args.years} years × {ENGAGEMENTS_PER_YEAR} engagements = "
        f"{Engagement.objects.count():,} engagements, {Finding.objects.count():,} findings, {total:,} dispositions "
        f"({Disposition.objects.filter(status__in=('open', 'returned')).count():,} open); generated in "
        f"{build:.1f} s on {os.environ['DATABASE_URL'].split(':')[0]}"
    )
    size = DB.stat().st_size if DB.exists() else 0
    if size:
        print(f"database file: {size / 1_048_576:,.1f} MB")
    print("queries (now = 2026-11-26 12:00):")
    timed("overdue board: first page (50 rows)", lambda: list(selectors.overdue_dispositions(now)[:50]))
    count = timed("overdue board: count", lambda: selectors.overdue_dispositions(now).count())
    timed("overdue by unit (group by)", lambda: selectors.overdue_by_unit(now))
    timed("board totals (open, reported, overdue, amounts)", lambda: selectors.board_counts(now))
    unit = units[0]
    timed(
        f"one unit's own dispositions ({unit.name})",
        lambda: list(
            Disposition.objects.filter(target_unit=unit)
            .exclude(status="draft")
            .order_by("status", "due_at")[:50]
        ),
    )
    print(f"overdue dispositions: {count:,}")


if __name__ == "__main__":
    main()
