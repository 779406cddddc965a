"""Benchmark: the near-duplicate scan (same item, 250 m, 30 days) over one district-year of field complaints.

Usage:
    .venv/bin/python bench/patrols_duplicates.py [--rows 66228] [--database-url sqlite:////tmp/x.db]

SQLite (a fresh file under /tmp) by default. It generates `rows` field complaints spread over one year inside
영등포구's bounding box (items skewed like the portal: illegal parking is about 40 %), then prints:
  1. the time of `scan_complaints(all ids)` as after a one-year import batch, and the candidates it made;
  2. the time of the same scan again (idempotent: nothing new);
  3. the time of scanning one day's batch (1/365 of the rows) against the year already on file.
It asserts nothing about time: read the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import support  # noqa: E402  (bench/support.py)

os.environ.setdefault("GAMSA_TASKS_BACKEND", "immediate")

BOX = (37.485, 37.545, 126.880, 126.935)  # 영등포구, roughly
YEAR_START = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def setup(url: str):
    support.setup_database(url)


def items():
    from gamsa.patrols.models import FieldCategory, FieldItem

    if not FieldItem.objects.exists():
        field, _ = FieldCategory.objects.get_or_create(name="벤치")
        for n in range(73):
            FieldItem.objects.create(category=field, name=f"항목{n}", code=f"bench-{n}")
    return list(FieldItem.objects.values_list("id", flat=True))


def generate(
    count: int, item_ids: list[int], start_id: int = 0, days: int = 365, offset_days: int = 0, seed=2025
):
    from gamsa.patrols.models import FieldComplaint

    rng = random.Random(seed)
    heavy = item_ids[0]
    rows = []
    for n in range(count):
        at = YEAR_START + dt.timedelta(days=offset_days, seconds=rng.randrange(days * 86400))
        item = heavy if rng.random() < 0.4 else rng.choice(item_ids)
        rows.append(
            FieldComplaint(
                source_id=f"B{start_id + n:08d}",
                received_at=at,
                item_id=item,
                title="벤치 민원",
                latitude=Decimal(f"{rng.uniform(BOX[0], BOX[1]):.6f}"),
                longitude=Decimal(f"{rng.uniform(BOX[2], BOX[3]):.6f}"),
                due_at=at + dt.timedelta(hours=24),
            )
        )
    FieldComplaint.objects.bulk_create(rows, batch_size=5000)
    return list(
        FieldComplaint.objects.filter(
            source_id__gte=f"B{start_id:08d}", source_id__lt=f"B{start_id + count:08d}"
        ).values_list("id", flat=True)
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=66_228)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="gamsa-bench-dup-"))
    setup(args.database_url or f"sqlite:///{tmp / 'bench.db'}")
    from gamsa.patrols import duplicates
    from gamsa.patrols.models import DuplicateCandidate, FieldComplaint

    DuplicateCandidate.objects.all().delete()
    FieldComplaint.objects.filter(source_id__startswith="B").delete()
    item_ids = items()
    t = time.perf_counter()
    ids = generate(args.rows, item_ids)
    print(
        f"generated {len(ids):,} field complaints over 365 days, {len(item_ids)} items ({time.perf_counter() - t:.1f} s)"
    )

    t = time.perf_counter()
    made = duplicates.scan_complaints(ids)
    first = time.perf_counter() - t
    print(
        f"1. scan of the whole year as one batch: {first:.2f} s, {made:,} pending candidates "
        f"({len(ids) / first:,.0f} complaints/s)"
    )

    t = time.perf_counter()
    again = duplicates.scan_complaints(ids)
    print(f"2. same batch again (idempotent): {time.perf_counter() - t:.2f} s, {again} new candidates")

    day = max(1, args.rows // 365)
    new_ids = generate(day, item_ids, start_id=args.rows, days=1, offset_days=364, seed=7)
    t = time.perf_counter()
    made_day = duplicates.scan_complaints(new_ids)
    print(
        f"3. one day's batch ({day:,} complaints) against the year on file: "
        f"{(time.perf_counter() - t) * 1000:.0f} ms, {made_day:,} candidates"
    )
    print(f"database: {args.database_url or tmp / 'bench.db'}")


if __name__ == "__main__":
    main()
