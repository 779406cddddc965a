"""Benchmark: the map's data endpoint with 50,000 points (45,000 field complaints + 5,000 findings).

Usage:
    .venv/bin/python bench/patrols_map.py [--points 50000] [--database-url sqlite:////tmp/x.db]

SQLite (a fresh file under /tmp) by default. It loads the demo organisation, generates the points over the last
year inside 영등포구's bounding box, then times the view behind /patrols/map/data.json (what the browser loads)
for the patrol team (everything) and for one department (its own records), 5 runs each, and prints the median,
the number of points, the payload size and its gzip size. It asserts nothing about time: read the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import support  # noqa: E402  (bench/support.py)

os.environ.setdefault("GAMSA_TASKS_BACKEND", "immediate")

BOX = (37.485, 37.545, 126.880, 126.935)


def setup(url: str) -> None:
    support.setup_database(url)


def generate(points: int) -> None:
    from django.utils import timezone

    from gamsa.core.demo import load_demo
    from gamsa.core.models import OrgUnit, UnitKind
    from gamsa.patrols.findings.demo import seed_finding_categories
    from gamsa.patrols.models import (
        ComplaintStatus,
        FieldCategory,
        FieldComplaint,
        FieldItem,
        Finding,
        FindingCategory,
        FindingStatus,
    )

    load_demo()
    seed_finding_categories()
    if not FieldItem.objects.exists():
        field, _ = FieldCategory.objects.get_or_create(name="벤치")
        for n in range(73):
            FieldItem.objects.create(category=field, name=f"항목{n}", code=f"bench-{n}")
    FieldComplaint.objects.filter(source_id__startswith="M").delete()
    Finding.objects.filter(case_number__startswith="M").delete()
    rng = random.Random(50)
    now = timezone.now()
    units = list(
        OrgUnit.objects.filter(kind__in=[UnitKind.DEPARTMENT, UnitKind.DONG]).values_list("id", flat=True)
    )
    items = list(FieldItem.objects.values_list("id", flat=True))
    categories = list(FindingCategory.objects.values_list("id", flat=True))
    statuses = [s for s, _ in ComplaintStatus.choices]
    n_findings = points // 10
    complaints = []
    for n in range(points - n_findings):
        at = now - dt.timedelta(seconds=rng.randrange(364 * 86400))
        complaints.append(
            FieldComplaint(
                source_id=f"M{n:08d}",
                received_at=at,
                item_id=rng.choice(items),
                title="지도 벤치",
                latitude=Decimal(f"{rng.uniform(BOX[0], BOX[1]):.6f}"),
                longitude=Decimal(f"{rng.uniform(BOX[2], BOX[3]):.6f}"),
                unit_id=rng.choice(units),
                status=rng.choice(statuses),
                due_at=at + dt.timedelta(hours=24),
            )
        )
    FieldComplaint.objects.bulk_create(complaints, batch_size=5000)
    findings = []
    for n in range(n_findings):
        at = now - dt.timedelta(seconds=rng.randrange(364 * 86400))
        findings.append(
            Finding(
                case_number=f"M{n:08d}",
                category_id=rng.choice(categories),
                title="지도 벤치",
                latitude=Decimal(f"{rng.uniform(BOX[0], BOX[1]):.6f}"),
                longitude=Decimal(f"{rng.uniform(BOX[2], BOX[3]):.6f}"),
                unit_id=rng.choice(units),
                status=rng.choice([FindingStatus.ROUTED, FindingStatus.CLOSED, FindingStatus.ANSWERED]),
                reported_at=at,
            )
        )
    Finding.objects.bulk_create(findings, batch_size=5000)


def time_view(username: str, query: str, runs: int = 5) -> tuple[float, int, int, int]:
    from django.test import RequestFactory

    from gamsa.core.models import User
    from gamsa.patrols.maps.views import map_data_view

    user = User.objects.get(username=username)
    factory = RequestFactory()
    timings, body = [], b""
    for _ in range(runs):
        request = factory.get("/patrols/map/data.json" + query)
        request.user = user
        start = time.perf_counter()
        response = map_data_view(request)
        body = response.content
        timings.append(time.perf_counter() - start)
    import json

    count = json.loads(body)["count"]
    return statistics.median(timings), count, len(body), len(gzip.compress(body))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--points", type=int, default=50_000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="gamsa-bench-map-"))
    setup(args.database_url or f"sqlite:///{tmp / 'bench.db'}")
    t = time.perf_counter()
    generate(args.points)
    print(
        f"generated {args.points:,} points (90 % field complaints, 10 % findings) in {time.perf_counter() - t:.1f} s"
    )
    for label, username, query in (
        ("patrol team, last year, everything", "patrol", "?days=365"),
        ("patrol team, last 90 days (default)", "patrol", ""),
        ("patrol team, last year, open only", "patrol", "?days=365&status=open"),
        ("건설과 liaison, last year (own records)", "liaison", "?days=365"),
    ):
        median, count, size, gz = time_view(username, query)
        print(
            f"{label}: median {median * 1000:.0f} ms, {count:,} points, "
            f"{size / 1024:,.0f} KiB JSON ({gz / 1024:,.0f} KiB gzip, {size / max(count, 1):.0f} B/point)"
        )
    print(f"database: {args.database_url or tmp / 'bench.db'}")


if __name__ == "__main__":
    main()
