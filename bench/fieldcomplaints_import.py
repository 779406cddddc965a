"""Benchmark: importing one district-year of 응답소 field complaints (66,228 rows) against calamine's bare read.

Usage:
    .venv/bin/python bench/fieldcomplaints_import.py [--rows 66228] [--database-url sqlite:////tmp/x.db]

SQLite (a fresh file under /tmp) by default; `--database-url postgres://…/gamsa_bench_fc` for PostgreSQL (the
database is created if missing and emptied of field complaints first). It prints:
  1. the generated XLSX's rows and size;
  2. the time python-calamine needs just to read the sheet into Python values;
  3. the time of `import_field_complaints` on an empty table (read + check + write, one transaction), best of 5
     like the read, with the cold first run shown beside it;
  4. the time of re-importing the same file (update in place: every row compared, nothing changes) and of a
     re-import where 10% of the rows changed status;
  5. the ratio import ÷ read (target ≤ 2×).
It asserts nothing about time: read the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import support  # noqa: E402  (bench/support.py)

os.environ.setdefault("GAMSA_TASKS_BACKEND", "immediate")

# Both the read and the first load are timed this many times and the best is kept: this shared machine's runs vary
# by ±15 %, and the minimum is the least disturbed estimate of each.
ATTEMPTS = 5


def generate_rows(count: int, seed: int = 2025, year: int = 2025):
    """Rows shaped like one district's year: 73 items (불법주정차 about half), 18 동, places, moments and
    processing from bench/fieldcomplaints_spread.py (hot spots, recurring addresses, re-reports), numbered in time
    order."""
    from fieldcomplaints_spread import spread  # bench/fieldcomplaints_spread.py

    from gamsa.core.demo import DONGS
    from gamsa.patrols.fieldcomplaints.demo import ROADS

    rng = random.Random(seed)
    for n, (received, item, lat, lng, _, status, processed) in enumerate(
        spread(count, seed=seed, year=year), start=1
    ):
        _, category, _, _, name, _, _, department = item
        dong = rng.choice(DONGS)
        unit = f"{dong}주민센터" if rng.random() < 0.25 else department
        if n % 5000 == 0:
            unit = "가로정비과"  # a department name the system does not know yet
        yield [
            f"{year}-{n:07d}",
            received,
            category,
            name if n % 7000 else f"{name} 재신고",  # a few item names the system does not know yet
            f"{dong} {name} 신고",
            f"{rng.choice(ROADS)} 부근 {name} 관련 현장 조치 요청드립니다.",
            f"서울특별시 영등포구 {rng.choice(ROADS)} {rng.randrange(1, 300)}",
            lat,
            lng,
            unit,
            status,
            processed,
            "현장 확인 후 조치하였습니다." if status == "처리완료" else "",
        ]


def write_xlsx(path: Path, count: int, year: int = 2025) -> None:
    from openpyxl import Workbook

    from gamsa.patrols.fieldcomplaints.importing import HEADERS

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("현장민원")
    ws.append(HEADERS)
    for row in generate_rows(count, seed=year, year=year):
        ws.append(row)
    wb.save(path)


def empty_table() -> None:
    """No field complaints (and nothing pointing at them), emptied in SQL: the ORM would delete row by row."""
    from django.db import connection

    from gamsa.patrols.models import DuplicateScanPending, FieldComplaint, SiteCheck

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {DuplicateScanPending._meta.db_table}")  # noqa: S608 (no foreign key to follow)
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {FieldComplaint._meta.db_table} CASCADE")
        else:
            cursor.execute(f"DELETE FROM {SiteCheck._meta.db_table}")  # noqa: S608
            cursor.execute(f"DELETE FROM {FieldComplaint._meta.db_table}")  # noqa: S608


def best_read(data: bytes) -> tuple[float, int]:
    """python-calamine's bare read of the sheet into Python values: (best of ATTEMPTS in seconds, data rows)."""
    from python_calamine import CalamineWorkbook

    reads = []
    for _ in range(ATTEMPTS):
        t = time.perf_counter()
        rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
        reads.append(time.perf_counter() - t)
    count = len(rows) - 1
    del rows  # its 860,000 Python values would otherwise stay alive through the import (and its GC passes)
    gc.collect()
    return min(reads), count


def best_first_load(data: bytes, rows: int, name: str):
    """The import into an empty table, ATTEMPTS times (emptied in between); the first run is this process's first
    import (modules, calendar and caches cold). (best seconds, every run, last report, (new items, new names) of the
    first run)."""
    from gamsa.patrols.fieldcomplaints.importing import import_field_complaints
    from gamsa.patrols.models import FieldComplaint

    firsts, flagged = [], None
    for attempt in range(ATTEMPTS):
        if attempt:
            empty_table()
        gc.collect()
        t = time.perf_counter()
        report = import_field_complaints(None, data, source_name=name, scan_duplicates=False)
        firsts.append(time.perf_counter() - t)
        flagged = flagged or (len(report.new_items), len(report.new_unit_names))
        assert report.committed and FieldComplaint.objects.count() == rows, report.summary()
    return min(firsts), firsts, report, flagged


def setup_database(url: str) -> None:
    support.setup_database(url)

    from gamsa.core import services
    from gamsa.core.demo import DONGS
    from gamsa.core.models import Agency, OrgUnit, UnitKind
    from gamsa.patrols.models import UnitAlias
    from gamsa.patrols.seeds import default_department_names

    empty_table()
    UnitAlias.objects.all().delete()
    agency = Agency.objects.filter(code="bench").first() or services.create_agency(
        None, name="벤치구", code="bench", open311_jurisdiction_id="bench.example"
    )
    if not OrgUnit.objects.filter(agency=agency).exists():
        root = services.create_unit(None, agency=agency, code="root", name="벤치구청", kind=UnitKind.BUREAU)
        for i, name in enumerate(sorted(set(default_department_names().values()))):
            services.create_unit(
                None, agency=agency, parent=root, code=f"d{i}", name=name, kind=UnitKind.DEPARTMENT
            )
        for i, name in enumerate(DONGS):
            services.create_unit(
                None,
                agency=agency,
                parent=root,
                code=f"dong{i}",
                name=f"{name} 주민센터",
                short_name=name,
                kind=UnitKind.DONG,
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=66_228)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--scan", action="store_true", help="also time patrols.duplicates.scan_complaints")
    parser.add_argument("--keep", action="store_true", help="keep the generated XLSX (path printed)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="fcbench-"))
    url = args.database_url or f"sqlite:///{tmp / 'bench.db'}"
    setup_database(url)

    from gamsa.patrols.fieldcomplaints.importing import import_field_complaints
    from gamsa.patrols.models import FieldComplaint

    path = tmp / "fieldcomplaints.xlsx"
    t = time.perf_counter()
    write_xlsx(path, args.rows)
    print(
        f"generated {args.rows:,} rows, {path.stat().st_size / 1e6:.1f} MB XLSX in {time.perf_counter() - t:.1f} s"
    )
    data = path.read_bytes()

    read, data_rows = best_read(data)
    print(f"calamine read:    {read:6.2f} s  ({data_rows:,} data rows; best of {ATTEMPTS})")
    first, firsts, report, flagged = best_first_load(data, args.rows, path.name)
    print(
        f"import (fresh):   {first:6.2f} s  (best of {', '.join(f'{x:.2f}' for x in firsts)} s; {report.summary()})"
    )
    print(f"   new items flagged: {flagged[0]}, new department names flagged: {flagged[1]} (first run)")
    if args.scan:
        from gamsa.patrols.duplicates.scan import scan_complaints

        t = time.perf_counter()
        pairs = scan_complaints(list(FieldComplaint.objects.values_list("pk", flat=True)))
        print(
            f"near-duplicate scan (runs after the import commits): {time.perf_counter() - t:6.2f} s, {pairs:,} pairs"
        )

    t = time.perf_counter()
    report = import_field_complaints(None, data, source_name=path.name, scan_duplicates=False)
    again = time.perf_counter() - t
    assert FieldComplaint.objects.count() == args.rows
    print(f"re-import (same): {again:6.2f} s  ({report.summary()})")

    # 10% of the rows change status (처리중 → 처리완료 and the like): a later export of the same period.
    from openpyxl import Workbook

    from gamsa.patrols.fieldcomplaints.importing import HEADERS

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("현장민원")
    ws.append(HEADERS)
    for i, row in enumerate(generate_rows(args.rows)):
        if i % 10 == 0:
            row[10], row[11], row[12] = "처리완료", row[1] + dt.timedelta(hours=2), "재처리 완료"
        ws.append(row)
    changed = io.BytesIO()
    wb.save(changed)
    t = time.perf_counter()
    report = import_field_complaints(
        None, changed.getvalue(), source_name="changed.xlsx", scan_duplicates=False
    )
    partial = time.perf_counter() - t
    assert FieldComplaint.objects.count() == args.rows
    print(f"re-import (10% changed): {partial:6.2f} s  ({report.summary()})")

    # The next year's file into a table that already holds a year: every row new, the table not empty.
    second = tmp / "fieldcomplaints-2026.xlsx"
    write_xlsx(second, args.rows, year=2026)
    t = time.perf_counter()
    report = import_field_complaints(
        None, second.read_bytes(), source_name=second.name, scan_duplicates=False
    )
    next_year = time.perf_counter() - t
    assert FieldComplaint.objects.count() == 2 * args.rows
    print(f"import (next year, table holding a year): {next_year:6.2f} s  ({report.summary()})")
    second.unlink()

    from django.db import connection

    print(f"database: {connection.vendor}; file size {len(data) / 1e6:.1f} MB; rows {args.rows:,}")
    print(
        f"ratio import ÷ read: {first / read:.2f}× (target ≤ 2×); next year ÷ read: {next_year / read:.2f}×; "
        f"re-import ÷ read: {again / read:.2f}×"
    )
    if not args.keep:
        path.unlink()
    else:
        print(f"kept {path}")


if __name__ == "__main__":
    main()
