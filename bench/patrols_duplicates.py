"""Benchmark: the near-duplicate scan over one district-year of field complaints spread as a district sees them.

Usage:
    .venv/bin/python bench/patrols_duplicates.py [--rows 66228] [--database-url sqlite:////tmp/x.db]

SQLite (a fresh file under /tmp) by default. The complaints come from bench/fieldcomplaints_spread.py (hot spots,
recurring addresses, re-reports of the same thing, the portal's item mix), with the seeded items and their shipped
windows (gamsa/patrols/seeds.py). It prints:
  1. the scan of the whole year as one import batch: time, candidates, candidates per 1,000 complaints, the items
     that make most of them;
  2. how many candidates pair two reports of one incident (the generator knows), and how many of the re-reports of
     items with a window got a candidate pointing at an earlier report of their incident;
  3. the same data under the rule before per-item windows (every item 250 m and 30 days) for comparison;
  4. the same scan again (idempotent: nothing new) and one day's batch against the year on file.
It asserts nothing about time: read the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import support  # noqa: E402  (bench/support.py)

os.environ.setdefault("GAMSA_TASKS_BACKEND", "immediate")

SEOUL = dt.timezone(dt.timedelta(hours=9))
STATUSES = {
    "처리완료": "done",
    "처리중": "processing",
    "접수": "received",
    "이첩": "transferred",
    "중복": "duplicate",
    "취소": "cancelled",
}


def load(count: int, seed: int = 2025, year: int = 2025, prefix: str = "B") -> dict[int, int]:
    """The generated reports as field complaints; returns complaint id → incident."""
    from fieldcomplaints_spread import spread  # bench/fieldcomplaints_spread.py

    from gamsa.patrols.models import FieldComplaint, FieldItem

    items = dict(FieldItem.objects.values_list("code", "pk"))
    rows, incidents = [], {}
    for n, (moment, item, lat, lng, incident, status, processed) in enumerate(
        spread(count, seed=seed, year=year)
    ):
        at = moment.replace(tzinfo=SEOUL)
        source_id = f"{prefix}{n:08d}"
        incidents[source_id] = incident
        rows.append(
            FieldComplaint(
                source_id=source_id,
                received_at=at,
                item_id=items[item[3]],
                title="벤치 민원",
                latitude=Decimal(f"{lat:.6f}"),
                longitude=Decimal(f"{lng:.6f}"),
                status=STATUSES[status],
                processed_at=processed.replace(tzinfo=SEOUL) if processed else None,
                due_at=at + dt.timedelta(hours=24),
            )
        )
    FieldComplaint.objects.bulk_create(rows, batch_size=5000)
    ids = FieldComplaint.objects.filter(source_id__startswith=prefix).values_list("pk", "source_id")
    return {pk: incidents[source_id] for pk, source_id in ids}


def scan_all(ids) -> tuple[float, int]:
    from django.db import transaction

    from gamsa.patrols.duplicates import scan

    with transaction.atomic():
        scan.mark_pending(ids)
    t = time.perf_counter()
    result = scan.scan_pending()
    return time.perf_counter() - t, result.candidates


def quality(incident_of: dict[int, int]) -> dict:
    """Candidates that pair one incident's reports; re-reports (of items with a window) that came while an earlier
    report of their incident was still open (the ones a duplicate scan is for), and how many got such a candidate."""
    from gamsa.patrols.models import DuplicateCandidate, FieldComplaint, FieldItem

    pairs = list(
        DuplicateCandidate.objects.filter(
            subject_complaint__isnull=False, other_complaint__isnull=False
        ).values_list("subject_complaint_id", "other_complaint_id", "subject_complaint__item__code")
    )
    same = sum(incident_of.get(s) == incident_of.get(o) for s, o, _ in pairs)
    windowed = set(FieldItem.objects.filter(duplicate_never=False).values_list("pk", flat=True))
    open_until: dict[int, list] = {}  # incident → when each earlier report was dealt with (None: still open)
    rereports = []
    rows = FieldComplaint.objects.filter(pk__in=list(incident_of)).order_by("received_at", "pk")
    for pk, item, at, processed, status in rows.values_list(
        "pk", "item_id", "received_at", "processed_at", "status"
    ):
        incident = incident_of[pk]
        earlier = open_until.get(incident, [])
        if item in windowed and any(until is None or until > at for until in earlier):
            rereports.append(pk)
        if status != "duplicate":
            open_until.setdefault(incident, []).append(processed)
    caught = {s for s, o, _ in pairs if incident_of.get(s) == incident_of.get(o)}
    return {
        "pairs": len(pairs),
        "same": same,
        "rereports": len(rereports),
        "caught": sum(pk in caught for pk in rereports),
        "by_item": Counter(code for _, _, code in pairs).most_common(8),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=66_228)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="gamsa-bench-dup-"))
    support.setup_database(args.database_url or f"sqlite:///{tmp / 'bench.db'}")
    from django.db import connection

    from gamsa.patrols.duplicates import scan
    from gamsa.patrols.models import DuplicateCandidate, DuplicateScanPending, FieldComplaint, FieldItem

    DuplicateCandidate.objects.all().delete()
    DuplicateScanPending.objects.all().delete()
    FieldComplaint.objects.filter(source_id__startswith="B").delete()
    t = time.perf_counter()
    incident_of = load(args.rows)
    ids = list(incident_of)
    print(
        f"generated {len(ids):,} field complaints over 365 days ({len(set(incident_of.values())):,} incidents),"
        f" {FieldItem.objects.count()} items, on {connection.vendor} ({time.perf_counter() - t:.1f} s)"
    )

    seconds, made = scan_all(ids)
    q = quality(incident_of)
    print(
        f"1. scan of the year as one batch: {seconds:.2f} s, {made:,} candidates ="
        f" {1000 * made / len(ids):.1f} per 1,000 complaints ({len(ids) / seconds:,.0f} complaints/s)"
    )
    print("   most candidates: " + ", ".join(f"{code} {n:,}" for code, n in q["by_item"]))
    print(
        f"2. {q['same']:,} of {q['pairs']:,} candidates ({100 * q['same'] / max(q['pairs'], 1):.0f} %) pair two reports"
        f" of one incident; {q['caught']:,} of the {q['rereports']:,} re-reports of items with a window that came"
        f" while an earlier report of their incident was open ({100 * q['caught'] / max(q['rereports'], 1):.0f} %)"
        " got a candidate with an earlier report of theirs"
    )

    # The rule before per-item windows, on the same data, for comparison (the items are put back after).
    saved = list(
        FieldItem.objects.values_list("pk", "duplicate_never", "duplicate_radius_m", "duplicate_days")
    )
    DuplicateCandidate.objects.all().delete()
    FieldItem.objects.update(duplicate_never=False, duplicate_radius_m=250, duplicate_days=30)
    old_seconds, old_made = scan_all(ids)
    old = quality(incident_of)
    print(
        f"3. every item 250 m and 30 days (the rule before): {old_seconds:.2f} s, {old_made:,} candidates ="
        f" {1000 * old_made / len(ids):.1f} per 1,000; {100 * old['same'] / max(old['pairs'], 1):.0f} % of them pair"
        " one incident"
    )
    for pk, never, radius, days in saved:
        FieldItem.objects.filter(pk=pk).update(
            duplicate_never=never, duplicate_radius_m=radius, duplicate_days=days
        )
    DuplicateCandidate.objects.all().delete()
    scan_all(ids)

    seconds, again = scan_all(ids)
    print(f"4. the same batch again (idempotent): {seconds:.2f} s, {again} new candidates")
    day = max(1, args.rows // 365)
    new = load(day, seed=7, year=2025, prefix="D")
    t = time.perf_counter()
    made_day = scan.scan_complaints(list(new))
    print(
        f"   one day's batch ({day:,} complaints) against the year on file:"
        f" {(time.perf_counter() - t) * 1000:.0f} ms, {made_day:,} candidates"
    )
    print(f"data: {args.rows:,} complaints; database: {args.database_url or tmp / 'bench.db'}")


if __name__ == "__main__":
    main()
