"""Benchmark: Open311 `GET requests.json` over 100,000 field complaints, against a bare Django JSON view.

Usage:
    .venv/bin/python bench/open311_requests.py [--rows 100000] [--repeat 30] [--database-url sqlite:////tmp/x.db]

SQLite (a fresh file under /tmp) by default; `--database-url postgres://…/gamsa_bench_o311` for PostgreSQL (the
database is created if missing and emptied of field complaints first). The complaints are spread over the last
365 days (so the default 90-day window holds ≈25,000 and the 1,000 cap applies). It prints, per query, p50 and
p95 over `--repeat` calls (after one warm-up), the rows and the response size, for:
  - the Open311 view called directly (RequestFactory, no middleware) and through the full stack (test Client);
  - a bare Django view on the same database returning the same 1,000 rows with `JsonResponse(values())`;
and the throughput ratio Open311 ÷ bare (goal ≥ 0.5×). It asserts nothing about time: read the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import support  # noqa: E402  (bench/support.py)

os.environ.setdefault("GAMSA_TASKS_BACKEND", "immediate")
os.environ.setdefault("GAMSA_DEBUG", "false")


def setup_database(url: str) -> None:
    support.setup_database(url)


def generate(count: int, seed: int = 2026) -> None:
    from django.utils import timezone

    from gamsa.core import services
    from gamsa.core.models import Agency, OrgUnit, UnitKind
    from gamsa.patrols.fieldcomplaints.demo import ROADS
    from gamsa.patrols.models import ComplaintStatus, FieldComplaint, FieldItem

    FieldComplaint.objects.all().delete()
    agency = Agency.objects.filter(code="bench").first() or services.create_agency(
        None, name="벤치구", code="bench", open311_jurisdiction_id="bench.example"
    )
    units = list(OrgUnit.objects.filter(agency=agency))
    if not units:
        units = [
            services.create_unit(None, agency=agency, code=f"d{i}", name=f"부서{i}", kind=UnitKind.DEPARTMENT)
            for i in range(30)
        ]
    rng = random.Random(seed)
    items = list(FieldItem.objects.all())
    weights = [
        60 if i.code == "traffic-illegal-parking" else (4 if i.deadline_hours == 3 else 1) for i in items
    ]
    now = timezone.now()
    statuses = [ComplaintStatus.DONE] * 90 + [ComplaintStatus.PROCESSING] * 5 + [ComplaintStatus.RECEIVED] * 5
    batch = []
    for n in range(count):
        item = rng.choices(items, weights)[0]
        received = now - dt.timedelta(seconds=rng.randrange(365 * 86400))
        status = rng.choice(statuses)
        unit = rng.choice(units)
        batch.append(
            FieldComplaint(
                source_id=f"2026-{n:07d}",
                source="eungdapso",
                received_at=received,
                item=item,
                title=f"{item.name} 신고",
                body=f"{rng.choice(ROADS)} 부근 {item.name} 관련 현장 조치 요청드립니다.",
                address=f"서울특별시 영등포구 {rng.choice(ROADS)} {rng.randrange(1, 300)}",
                latitude=round(37.52 + rng.uniform(-0.03, 0.03), 6),
                longitude=round(126.90 + rng.uniform(-0.04, 0.04), 6),
                unit=unit,
                unit_name=unit.name,
                status=status,
                due_at=received + dt.timedelta(hours=item.deadline_hours),
                processed_at=received + dt.timedelta(hours=2) if status == ComplaintStatus.DONE else None,
            )
        )
        if len(batch) == 5000:
            FieldComplaint.objects.bulk_create(batch)
            batch = []
    FieldComplaint.objects.bulk_create(batch)


def bare_view(request):
    """What a plain Django JSON view of the same rows costs (no conversion to the spec's fields)."""
    from django.http import JsonResponse
    from django.utils import timezone

    from gamsa.patrols.models import FieldComplaint

    since = timezone.now() - dt.timedelta(days=90)
    rows = list(
        FieldComplaint.objects.filter(received_at__gte=since)
        .order_by("-received_at", "-pk")
        .values(
            "source_id",
            "status",
            "item__code",
            "item__name",
            "body",
            "unit__name",
            "received_at",
            "updated_at",
            "due_at",
            "address",
            "latitude",
            "longitude",
        )[:1000]
    )
    return JsonResponse(rows, safe=False)


def measure(call, repeat: int) -> tuple[float, float, int, int]:
    response = call()  # warm-up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        response = call()
        times.append(time.perf_counter() - t)
    assert response.status_code == 200, response.content[:300]
    import json

    rows = (
        len(json.loads(response.content)) if response["Content-Type"].startswith("application/json") else -1
    )
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    return statistics.median(times), p95, rows, len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the database's complaints if the count matches"
    )
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="o311bench-"))
    url = args.database_url or f"sqlite:///{tmp / 'bench.db'}"
    setup_database(url)
    t = time.perf_counter()
    from gamsa.patrols.models import FieldComplaint as _FC

    if not (args.reuse and _FC.objects.filter(source_id__startswith="2026-").count() == args.rows):
        generate(args.rows)
    from django.conf import settings
    from django.db import connection
    from django.test import Client, RequestFactory
    from django.utils import timezone

    from gamsa.open311 import views
    from gamsa.patrols.models import FieldComplaint

    print(
        f"data: {FieldComplaint.objects.count():,} field complaints over 365 days on {connection.vendor} "
        f"(generated in {time.perf_counter() - t:.1f} s)"
    )
    settings.ALLOWED_HOSTS = ["*"]
    factory, client = RequestFactory(), Client()
    ids = ",".join(f"2026-{n:07d}" for n in range(0, args.rows, max(args.rows // 10, 1))[:10])
    start = (timezone.now() - dt.timedelta(days=7)).replace(microsecond=0).isoformat()
    queries = [
        ("default (90 days, first 1,000)", {}),
        ("service_code=traffic-illegal-parking", {"service_code": "traffic-illegal-parking"}),
        ("status=open", {"status": "open"}),
        ("last 7 days (start_date)", {"start_date": start}),
        ("service_code=road-pothole&status=open", {"service_code": "road-pothole", "status": "open"}),
        ("service_request_id (10 ids)", {"service_request_id": ids}),
        ("page=5&page_size=100", {"page": "5", "page_size": "100"}),
    ]
    print(f"{'query':<40} {'p50 ms':>8} {'p95 ms':>8} {'rows':>6} {'bytes':>10}")
    results = {}
    for label, qs in queries:
        from urllib.parse import urlencode

        query = urlencode(qs)
        p50, p95, rows, size = measure(
            lambda query=query: views.service_requests(
                factory.get(f"/open311/v2/requests.json?{query}"), fmt="json"
            ),
            args.repeat,
        )
        results[label] = p50
        print(f"{label:<40} {p50 * 1000:8.1f} {p95 * 1000:8.1f} {rows:>6} {size:>10,}")
    p50, p95, _, size = measure(
        lambda: views.service_requests(factory.get("/open311/v2/requests.xml"), fmt="xml"), args.repeat
    )
    print(f"{'default, XML':<40} {p50 * 1000:8.1f} {p95 * 1000:8.1f} {'':>6} {size:>10,}")
    p50, p95, rows, size = measure(lambda: client.get("/open311/v2/requests.json"), args.repeat)
    print(
        f"{'default, full stack (test Client)':<40} {p50 * 1000:8.1f} {p95 * 1000:8.1f} {rows:>6} {size:>10,}"
    )
    bare50, bare95, rows, size = measure(lambda: bare_view(factory.get("/bare.json")), args.repeat)
    print(
        f"{'bare Django JsonResponse(values())':<40} {bare50 * 1000:8.1f} {bare95 * 1000:8.1f} {rows:>6} {size:>10,}"
    )
    first_ratio = bare50 / results["default (90 days, first 1,000)"]
    # The ratio again from interleaved calls (one of each in turn), so that load on a shared machine hits both alike.
    ours, bare = [], []
    for _ in range(args.repeat):
        for call, times in (
            (lambda: views.service_requests(factory.get("/open311/v2/requests.json"), fmt="json"), ours),
            (lambda: bare_view(factory.get("/bare.json")), bare),
        ):
            t = time.perf_counter()
            call()
            times.append(time.perf_counter() - t)
    ratio = statistics.median(bare) / statistics.median(ours)
    print(
        f"interleaved p50: Open311 {statistics.median(ours) * 1000:.1f} ms, bare {statistics.median(bare) * 1000:.1f} ms"
    )
    print(
        f"throughput Open311 ÷ bare view (default query): {ratio:.2f}× interleaved, {first_ratio:.2f}× first pass"
        " (goal ≥ 0.5×)"
    )


if __name__ == "__main__":
    main()
