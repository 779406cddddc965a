"""Benchmark: the investigation team's lists on PostgreSQL: the open-case board sorted by the nearest 징계시효 with
20,000 cases, beside 200,000 property-registration reviews (재산등록 심사) of the ethics desk.

Usage (PostgreSQL; the database is created if missing, filled once, then reused):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gamsa_bench_investigations \
        .venv/bin/python bench/investigations.py [--cases 20000] [--open 0.5] [--reviews 200000] [--repeat 40]

Data: 25 districts' worth of cases over ten years (each with one or two subjects and one or two allegations whose
징계시효 comes from core's calendar; `--open` of them still open), a fifth assigned to the demo investigator; and
20,000 declarants × 10 years of regular filings with their reviews (a few per cent waiting for answers).

It prints the data size (rows and PostgreSQL table sizes), then p50 / p95 / max over `--repeat` requests through the
full Django stack (test client: middleware, session, menu, template) for: the open-case board's first, a middle and
the last page as the office head (every case) and as an investigator (assigned cases), the cases API, the review list
and the ethics officer's home desk; and EXPLAIN ANALYZE of the board's queries (first
and last page, the paginator's count). The goal is p95 ≤ 50 ms per page.
It asserts nothing about time: read the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import support  # noqa: E402  (bench/support.py)

os.environ.setdefault("GAMSA_OTP_REQUIRED", "false")
os.environ.setdefault("GAMSA_TASKS_BACKEND", "immediate")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gamsa_bench_investigations")

STATUSES_OPEN = ["received", "assigned", "investigating", "reported", "action", "discipline"]


def generate_cases(count: int, open_share: float, rng: random.Random) -> None:
    from gamsa.core.calendar import LegalCalendar
    from gamsa.core.models import OrgUnit, User
    from gamsa.investigations.models import Allegation, AllegationType, Assignment, Case, Subject
    from gamsa.investigations.seeds import seed_allegation_types

    seed_allegation_types(AllegationType)
    types = list(AllegationType.objects.all())
    units = list(OrgUnit.objects.filter(kind__in=["department", "dong"]))
    investigator = User.objects.get(username="investigator")
    head = User.objects.get(username="head")
    cal = LegalCalendar()
    today = dt.date(2026, 12, 7)
    batch = 2000
    for start in range(0, count, batch):
        cases, meta = [], []
        for n in range(start, min(count, start + batch)):
            year = 2016 + n % 11
            received = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(360))
            received = min(received, today)
            is_open = rng.random() < open_share
            cases.append(
                Case(
                    case_number=f"IV-{year}-{n + 1:06d}",
                    year=year,
                    title="비위 조사 (벤치마크)",
                    summary="-",
                    source=rng.choice(["external", "internal", "grievance", "public_interest"]),
                    received_on=received,
                    status=rng.choice(STATUSES_OPEN) if is_open else "closed",
                    closed_on=None if is_open else received + dt.timedelta(days=90),
                    created_by=head,
                )
            )
            meta.append((received, is_open))
        Case.objects.bulk_create(cases, batch_size=batch)
        subjects, spans = [], []
        for case, (received, is_open) in zip(cases, meta, strict=True):
            for _ in range(rng.choice([1, 1, 1, 2])):
                subjects.append(
                    Subject(
                        case=case,
                        name="대상자",
                        unit=rng.choice(units),
                        grade=rng.choice("56789"),
                        committee="district",
                    )
                )
                spans.append((received, is_open))
        Subject.objects.bulk_create(subjects, batch_size=batch)
        allegations, nearest = [], {}
        for subject, (received, is_open) in zip(subjects, spans, strict=True):
            for _ in range(rng.choice([1, 1, 2])):
                kind = rng.choice(types)
                act = received - dt.timedelta(days=rng.randrange(20, 900))
                limit = cal.limitation(kind.ground, act)
                allegations.append(
                    Allegation(
                        subject=subject,
                        allegation_type=kind,
                        ground=kind.ground,
                        act_date=act,
                        expires_on=limit.expires_on,
                        basis=limit.basis[:200],
                    )
                )
                if is_open:
                    key = subject.case_id
                    nearest[key] = min(nearest.get(key, limit.expires_on), limit.expires_on)
        Allegation.objects.bulk_create(allegations, batch_size=5000)
        for case in cases:
            case.nearest_expiry = nearest.get(case.pk)
        Case.objects.bulk_update([c for c in cases if c.nearest_expiry], ["nearest_expiry"], batch_size=batch)
        assignments = [
            Assignment(case=c, investigator=investigator, assigned_on=c.received_on)
            for i, c in enumerate(cases)
            if i % 5 == 0
        ]
        Assignment.objects.bulk_create(assignments, batch_size=batch)


def generate_reviews(count: int, rng: random.Random) -> None:
    from gamsa.core.models import OrgUnit
    from gamsa.ethics.models import Declarant, Filing, Review

    units = list(OrgUnit.objects.filter(kind="department"))
    years = 10
    people = count // years
    due = {y: dt.date(y + 1, 2, 28) for y in range(2016, 2016 + years)}
    for start in range(0, people, 2000):
        declarants = [
            Declarant(
                name=f"등록의무자{n}",
                unit=rng.choice(units),
                grade=rng.choice("5667"),
                basis="tax",
                became_on=dt.date(2015, 1, 1),
                trigger="appointed",
            )
            for n in range(start, min(people, start + 2000))
        ]
        Declarant.objects.bulk_create(declarants, batch_size=2000)
        filings = [
            Filing(
                declarant=d,
                kind="regular",
                year=y,
                trigger_on=dt.date(y, 12, 31),
                due_on=due[y],
                filed_on=due[y] - dt.timedelta(days=10),
            )
            for d in declarants
            for y in due
        ]
        Filing.objects.bulk_create(filings, batch_size=5000)
        reviews = []
        for i, f in enumerate(filings):
            waiting = f.year == 2025 and rng.random() < 0.05
            started = f.due_on + dt.timedelta(days=rng.randrange(5, 200))
            reviews.append(
                Review(
                    case_number=f"PR-{started.year}-B{start * years + i:07d}",
                    year=started.year,
                    filing=f,
                    declarant_id=f.declarant_id,
                    started_on=started,
                    status="waiting" if waiting else "closed",
                    conclusion="" if waiting else "no_issue",
                    answer_due_on=started + dt.timedelta(days=20) if waiting else None,
                    closed_on=None if waiting else started + dt.timedelta(days=12),
                )
            )
        Review.objects.bulk_create(reviews, batch_size=5000)


def sizes() -> list[tuple[str, int, str]]:
    from django.db import connection

    tables = [
        "investigations_case",
        "investigations_subject",
        "investigations_allegation",
        "investigations_assignment",
        "ethics_declarant",
        "ethics_filing",
        "ethics_review",
    ]
    out = []
    with connection.cursor() as cur:
        for table in tables:
            cur.execute(
                f'SELECT count(*), pg_size_pretty(pg_total_relation_size(%s)) FROM "{table}"', [table]
            )
            rows, size = cur.fetchone()
            out.append((table, rows, size))
    return out


def measure(client, url: str, repeat: int) -> tuple[float, float, float, int]:
    client.get(url)  # warm-up
    runs = []
    status = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        response = client.get(url)
        runs.append((time.perf_counter() - t0) * 1000)
        status = response.status_code
    return statistics.median(runs), support.percentile(runs, 95), max(runs), status


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--open", type=float, default=0.5)
    parser.add_argument("--reviews", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    support.setup_database(args.database_url)
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from gamsa.conftest import verified_login
    from gamsa.core.demo import load_demo
    from gamsa.core.models import User
    from gamsa.ethics.models import Review
    from gamsa.investigations.models import Case

    settings.ALLOWED_HOSTS = ["*"]
    load_demo()
    rng = random.Random(2026)
    t0 = time.perf_counter()
    if Case.objects.count() < args.cases:
        Case.objects.all().delete()
        generate_cases(args.cases, args.open, rng)
    if Review.objects.count() < args.reviews:
        generate_reviews(args.reviews - Review.objects.count(), rng)
    built = time.perf_counter() - t0
    with connection.cursor() as cur:
        cur.execute(
            "VACUUM ANALYZE"
        )  # what autovacuum does after a bulk load (visibility map: index-only scans)
        cur.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        db_size = cur.fetchone()[0]
    open_cases = Case.objects.exclude(status="closed").count()
    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']} ({db_size}); generated in {built:.1f} s"
    )
    for table, rows, size in sizes():
        print(f"  {table:<28} {rows:>9,} rows  {size:>9}")
    print(
        f"  open cases: {open_cases:,}; the investigator is assigned {open_cases // 5:,} of them (≈ a fifth)"
    )
    pages = max(1, -(-open_cases // 30))
    head, investigator, officer = (User.objects.get(username=u) for u in ("head", "investigator", "ethics"))
    runs = [
        (head, "/investigations/", "open-case board, page 1 (head: every case)"),
        (head, f"/investigations/?page={pages // 2}", f"open-case board, page {pages // 2} (middle)"),
        (head, f"/investigations/?page={pages}", f"open-case board, page {pages} (last)"),
        (investigator, "/investigations/", "open-case board, page 1 (investigator: assigned)"),
        (
            investigator,
            f"/investigations/?page={max(1, pages // 10)}",
            f"open-case board, page {max(1, pages // 10)} (investigator)",
        ),
        (
            head,
            "/api/v1/investigations/cases?limit=30&offset=3000",
            "API /investigations/cases, offset 3,000",
        ),
        (officer, "/ethics/reviews/", "ethics: open reviews by answer due day"),
        (officer, "/ethics/reviews/?status=all&year=2025&page=100", "ethics: 2025 reviews, page 100"),
        (officer, "/", "ethics officer's home desk (내 업무)"),
    ]
    print(f"requests through the Django test client, {args.repeat} each after one warm-up (ms):")
    for user, url, label in runs:
        client = Client()
        verified_login(client, user)
        p50, p95, worst, status = measure(client, url, args.repeat)
        print(f"  {label:<52} p50 {p50:7.1f}  p95 {p95:7.1f}  max {worst:7.1f}  [{status}]")
    from gamsa.investigations import selectors

    # The board's own queries as PostgreSQL runs them (EXPLAIN ANALYZE: the database's time, apart from the Django
    # stack and the machine's load): the first and the last page, and the paginator's count.
    board = selectors.open_cases(head).only(
        "case_number", "title", "source", "status", "received_on", "nearest_expiry"
    )
    queries = [
        ("board page 1", board[:30]),
        (f"board page {pages} (last)", board[(pages - 1) * 30 : pages * 30]),
    ]
    for label, qs in queries:
        sql, params = qs.query.sql_with_params()
        explain(connection, label, sql, params)
    count_sql = "SELECT count(*) FROM investigations_case WHERE NOT (status = %s)"
    explain(connection, "board count (paginator)", count_sql, ["closed"])


def explain(connection, label: str, sql: str, params) -> None:
    with connection.cursor() as cur:
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = [row[0] for row in cur.fetchall()]
    print(f"EXPLAIN ANALYZE, {label}:")
    for line in plan[:4] + [line for line in plan[4:] if "Time:" in line]:
        print("  " + line)


if __name__ == "__main__":
    main()
