"""Benchmark: review N generated cost sheets with the engine (plain Python, no database).

Usage: python bench/costing_review.py [count] [xlsx_count]
Prints the data size, reviews per second and p50/p95 per review (JSON sheets: parse + review + result JSON), and the
same for reading sheets from XLSX files. Not a test: it asserts nothing about time.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gamsa.costing.engine import parse_sheet, review  # noqa: E402
from gamsa.costing.engine.defaults import default_table  # noqa: E402
from gamsa.costing.engine.sheet import parse_xlsx  # noqa: E402

LEGAL = {
    "industrial_accident_insurance": [0.0356, 0.037],
    "employment_insurance": [0.0101, 0.0113, 0.0157],
    "health_insurance": [0.03545, 0.03595, 0.036],
    "long_term_care_insurance": [0.1295, 0.1314],
    "national_pension": [0.045, 0.0475],
    "retirement_mutual_aid": [0.023, 0.025],
    "safety_health": [0.0311, 0.0315, 0.0228, 0.035],
    "other_expenses": [0.05, 0.055, 0.061],
    "general_admin": [0.06, 0.08, 0.09],
    "profit": [0.10, 0.15, 0.16],
    "vat": [0.10],
}


def make_sheet(rng: random.Random, number: int) -> dict:
    labor = rng.randrange(5_000_000, 3_000_000_000)
    lines = {
        "material_direct": rng.randrange(1_000_000, 6_000_000_000),
        "material_indirect": rng.randrange(0, 200_000_000),
        "scrap_credit": rng.randrange(0, 5_000_000),
        "labor_direct": labor,
        "labor_indirect": {"rate": rng.choice([0.12, 0.152, 0.175])},
        "machinery": rng.randrange(0, 500_000_000),
    }
    lines.update({key: {"rate": rng.choice(values)} for key, values in LEGAL.items()})
    return {
        "title": f"벤치 공사 {number}",
        "kind": "works",
        "work_type": rng.choice(["건축", "토목", "중건설", "특수건설"]),
        "base_date": (dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))).isoformat(),
        "duration_days": rng.randrange(10, 900),
        "estimated_amount": rng.randrange(10_000_000, 20_000_000_000),
        "employment_grade": rng.randrange(1, 10),
        "lines": lines,
    }


def figures(label: str, times: list[float]) -> None:
    times = sorted(times)
    total = sum(times)
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(
        f"{label}: {len(times) / total:,.0f} reviews/s; p50 {statistics.median(times) * 1000:.3f} ms, "
        f"p95 {p95 * 1000:.3f} ms per review"
    )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000
    xlsx_count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    rng = random.Random(2026)
    sheets = [make_sheet(rng, n) for n in range(count)]
    table = default_table()
    size = sum(len(json.dumps(s, ensure_ascii=False).encode()) for s in sheets)
    print(
        f"data: {count:,} works sheets (17 lines each, 2024–2026 dates), {size / 1024:,.0f} KiB of JSON; "
        f"rate table {len(table)} active entries"
    )

    times, out_bytes, cuts = [], 0, 0
    for data in sheets:
        start = time.perf_counter()
        result = review(parse_sheet(data), table)
        payload = json.dumps(result.to_json(), ensure_ascii=False)
        times.append(time.perf_counter() - start)
        out_bytes += len(payload.encode())
        cuts += sum(1 for line in result.lines if line.difference)
    figures("JSON sheet → review JSON", times)
    print(f"results: {out_bytes / 1024:,.0f} KiB of review JSON; {cuts:,} changed lines")

    from gamsa.costing.upload import SAMPLE_INFO, sample_xlsx

    files = []
    for data in sheets[:xlsx_count]:
        info = [(label, code, data[code]) for label, code, _ in SAMPLE_INFO]
        info[1] = (info[1][0], "kind", "공사")
        lines = []
        for key, value in data["lines"].items():
            if isinstance(value, dict):
                lines.append((key, round(value["rate"] * 100, 6), None))
            else:
                lines.append((key, None, value))
        files.append(sample_xlsx(info, lines))
    xlsx_size = sum(len(f) for f in files)
    times = []
    for content in files:
        start = time.perf_counter()
        sheet, _ = parse_xlsx(content)
        review(sheet, table)
        times.append(time.perf_counter() - start)
    print(f"data: {len(files):,} XLSX files in the standard layout, {xlsx_size / 1024:,.0f} KiB")
    figures("XLSX sheet → review", times)


if __name__ == "__main__":
    main()
