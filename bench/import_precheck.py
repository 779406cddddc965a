"""Benchmark: the size check every imported spreadsheet passes before a reader opens it (core.filecheck).

Usage:
    .venv/bin/python bench/import_precheck.py [--rows 66228] [--dir /tmp/gamsa-precheck]

It writes (once, into --dir) a year of 응답소 field complaints (66,228 rows × 13 columns, as openpyxl writes them),
a zip bomb (one sheet inflating to 1 GiB) and a million rows, then prints for each file its size, what it inflates
to, the time and the Python memory peak (tracemalloc) of `check_archive`, and for the year the time of
python-calamine's bare read beside it (the read the check comes before). Best of 3. It asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import support  # noqa: E402,F401  (bench/support.py: settings for the scripts)

ATTEMPTS = 3


def build(folder: Path, rows: int) -> dict[str, Path]:
    from gamsa.core.tests.bombs import bomb_pieces, million_rows, write_xlsx, year_of_field_complaints
    from gamsa.patrols.fieldcomplaints.importing import HEADERS

    folder.mkdir(parents=True, exist_ok=True)
    files = {
        f"year ({rows:,} rows)": (
            folder / f"year-{rows}.xlsx",
            lambda: year_of_field_complaints(HEADERS, rows),
        ),
        "zip bomb (1 GiB sheet)": (folder / "bomb-1gib.xlsx", bomb_pieces),
        "million bare rows": (folder / "million-rows.xlsx", lambda: million_rows(False)),
        "million plain rows": (folder / "million-rows-plain.xlsx", lambda: million_rows(True)),
    }
    out = {}
    for label, (path, pieces) in files.items():
        if not path.exists():
            started = time.perf_counter()
            write_xlsx(path, pieces())
            print(f"  wrote {path.name} in {time.perf_counter() - started:.1f} s", flush=True)
        out[label] = path
    return out


def measure(data: bytes) -> tuple[float, int, str]:
    """(best seconds, Python peak bytes of the first run, outcome)."""
    from gamsa.core.filecheck import FileRejected, check_archive

    times, peak, outcome = [], 0, ""
    for attempt in range(ATTEMPTS):
        if attempt == 0:
            tracemalloc.start()
        started = time.perf_counter()
        try:
            size = check_archive(data)
            outcome = f"passed: {size.rows:,} rows, {size.uncompressed / 2**20:,.1f} MB inflated"
        except FileRejected as exc:
            outcome = f"refused: {exc}"
        times.append(time.perf_counter() - started)
        if attempt == 0:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
    return min(times[1:] or times), peak, outcome  # the first run is traced (slower); time the others


def calamine_read(data: bytes) -> float:
    import io

    from python_calamine import CalamineWorkbook

    times = []
    for _ in range(ATTEMPTS):
        started = time.perf_counter()
        CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=66_228)
    parser.add_argument("--dir", default="/tmp/gamsa-precheck")
    args = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings

    print(
        f"limits: {settings.GAMSA_IMPORT_MAX_ROWS:,} rows, {settings.GAMSA_IMPORT_MAX_CELLS:,} cells, "
        f"{settings.GAMSA_IMPORT_MAX_UNCOMPRESSED_BYTES // 2**20:,} MB inflated, ratio 1:{settings.GAMSA_IMPORT_MAX_RATIO}"
    )
    for label, path in build(Path(args.dir), args.rows).items():
        data = path.read_bytes()
        seconds, peak, outcome = measure(data)
        print(f"{label}: {len(data) / 2**20:,.2f} MB file")
        print(f"  check_archive: {seconds:6.2f} s (best of {ATTEMPTS}), Python peak {peak / 2**20:,.1f} MB")
        print(f"  {outcome}")
        if label.startswith("year"):
            read = calamine_read(data)
            print(
                f"  calamine bare read: {read:6.2f} s (best of {ATTEMPTS}); check ÷ read = {seconds / read:.2f}"
            )


if __name__ == "__main__":
    main()
