"""Benchmark: the review opinion (심사 의견서) as PDF, the way the job and the command line make it.

Usage: .venv/bin/python bench/pdf.py [--repeat 5] [--chunks]

Data: the sample cost sheet of docs/samples/costing (18 cost lines, 4 of them adjusted: a 2-page A4 opinion). Prints
the data size (cost lines, HTML characters, pages, PDF bytes), then:
  - the first PDF of a process (WeasyPrint imported, the fonts loaded): what a fresh worker or the command pays once;
  - the median and maximum of the following PDFs (what the background job pays);
  - the wall time of the command `gamsa costing review FILE` without and with `--pdf OUT.pdf --hwpx OUT.hwpx`,
    start-up included (a new Python process each run).
--chunks also times the former way (the pages' unicode-range chunks of the font; prints wrong glyphs) for comparison.
Not a test: it asserts nothing about time. Runs on a throwaway SQLite database in a temporary folder.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import support  # noqa: E402

SAMPLE = ROOT / "docs" / "samples" / "costing" / "sample-sheet.json"


def seconds(fn, repeat: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each run (CPU time shows the cost when other work shares the cores)."""
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return wall, cpu


def command_wall_time(args: list[str], env: dict, repeat: int) -> tuple[list[float], list[float]]:
    gamsa = str(Path(sys.executable).with_name("gamsa"))
    wall, cpu = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([gamsa, *args], env=env, check=True, capture_output=True)
        wall.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall, cpu


def show(label: str, runs: tuple[list[float], list[float]]) -> None:
    wall, cpu = runs
    print(
        f"  {label:<55} median {statistics.median(wall):6.2f} s   max {max(wall):6.2f} s   "
        f"(CPU median {statistics.median(cpu):5.2f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--chunks", action="store_true", help="also time the former unicode-range chunks")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    url = f"sqlite:///{tmp / 'bench.sqlite3'}"
    support.setup_database(url)

    import json

    from django.template.loader import render_to_string
    from pypdf import PdfReader  # the test extra

    from gamsa.costing import opinion, services

    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    review = services.build_review(None, data)
    context = opinion.opinion_context(review)
    html = render_to_string("costing/opinion_pdf.html", context)

    t0, c0 = time.perf_counter(), time.process_time()
    pdf = opinion.write_pdf(review)
    first, first_cpu = time.perf_counter() - t0, time.process_time() - c0
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(
        f"data: {len(context['lines'])} cost lines ({len(context['findings'])} adjusted), "
        f"HTML {len(html):,} characters -> {pages} pages, PDF {len(pdf):,} bytes; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(
        f"  {'first PDF of a process (WeasyPrint import and fonts)':<55} {first:6.2f} s (CPU {first_cpu:.2f} s)"
    )
    show(
        f"next PDFs (the job's cost), {args.repeat} runs",
        seconds(lambda: opinion.write_pdf(review), args.repeat),
    )

    if args.chunks:
        import weasyprint

        css = ROOT / "gamsa" / "static" / "vendor" / "fonts" / "pretendard-gov" / "pretendard-gov.css"
        old_html = html.replace("<head>", f'<head><link rel="stylesheet" href="{css.as_uri()}">', 1)
        show(
            "former unicode-range chunks (wrong glyphs), 1 run",
            seconds(lambda: weasyprint.HTML(string=old_html, base_url=str(css.parent)).write_pdf(), 1),
        )

    sheet_file = tmp / "sheet.json"
    sheet_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "DATABASE_URL": url}
    plain = command_wall_time(["costing", "review", str(sheet_file)], env, args.repeat)
    show("command `gamsa costing review FILE` (start-up included)", plain)
    with_files = command_wall_time(
        ["costing", "review", str(sheet_file), "--pdf", str(tmp / "o.pdf"), "--hwpx", str(tmp / "o.hwpx")],
        env,
        args.repeat,
    )
    show("the same with --pdf OUT.pdf --hwpx OUT.hwpx", with_files)
    print(f"  load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
