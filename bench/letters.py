"""Benchmark: 청렴공한문 mail merge, N letters (default 5,000) → one PDF, as the background job and the command make
it (gamsa.integrity.letters.merge: WeasyPrint in chunks, in worker processes, joined with pypdf), plus the HWPX.

Usage: .venv/bin/python bench/letters.py [--letters 5000] [--processes 0] [--chunk 50] [--single 500] [--command]

Prints the data size (letters, PDF pages and bytes) and:
  - the wall time of the whole merge (processes started, every chunk rendered, the chunks joined) and letters/s;
  - the same with one process (--processes 1 compares; 0 = one per CPU core, at most 4);
  - --single N: one WeasyPrint document of N pages for comparison (why the merge renders in chunks);
  - --command: the wall time of `gamsa integrity letters FILE --out OUT.pdf` (start-up and XLSX reading included).
The goal stated in the issue: 5,000 letters → PDF in at most 60 s on this machine. Not a test: it asserts nothing.
Runs without a database except for --command (a throwaway SQLite file).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import support  # noqa: E402,F401  (environment for the settings)

SURNAMES = "김이박최정강조윤장임한오서신권황"
GIVEN = "민서도지하은유준시수예채건소현다우"


def people(n: int):
    from gamsa.integrity.letters.merge import Person

    out = []
    for i in range(n):
        out.append(
            Person(
                name=SURNAMES[i % 16] + GIVEN[(i * 7) % 17] + GIVEN[(i * 3) % 17],
                address=f"서울특별시 영등포구 {['당산로', '도림로', '신길로', '여의대로'][i % 4]} {i % 300 + 1}, {i % 20 + 1}동 {i % 15 + 1}0{i % 4 + 1}호",
                postal_code=f"07{200 + i % 250:03d}",
                business_type=["건축 인허가", "영업 신고", "공사 준공검사", "보조금 정산"][i % 4],
                handling_unit=["건축과", "위생과", "도로과", "사회복지과"][i % 4],
                handled_on=dt.date(2026, 1, 1) + dt.timedelta(days=i % 300),
                email=f"r{i}@example.com" if i % 5 == 0 else "",
            )
        )
    return out


def head():
    from gamsa.integrity.letters.merge import Letterhead
    from gamsa.integrity.seeds import LETTER

    return Letterhead(**{**LETTER, "head_name": "최영등"})


def pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=5000)
    parser.add_argument("--processes", type=int, default=0)
    parser.add_argument("--chunk", type=int, default=50)
    parser.add_argument("--single", type=int, default=0)
    parser.add_argument("--compare-one", action="store_true", help="also time one process")
    parser.add_argument("--command", action="store_true")
    args = parser.parse_args()

    import django

    os.environ.setdefault("GAMSA_HOTLINE_PEPPER", "bench-hotline-pepper-0123456789-abcdefghijklmnop")
    os.environ.setdefault("GAMSA_VAR_DIR", tempfile.mkdtemp(prefix="gamsa-bench-letters-"))
    django.setup()
    from gamsa.integrity.letters import merge

    data = people(args.letters)
    processes = args.processes or merge.default_processes()
    print(
        f"data: {len(data):,} letters (one A4 page each), chunk {args.chunk} pages, {processes} processes, {os.cpu_count()} CPU cores"
    )
    issued = dt.date(2026, 12, 7)

    def cpu() -> float:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    def run(n_proc: int) -> tuple[float, float, bytes]:
        done = []
        c0, t0 = cpu(), time.perf_counter()
        pdf = merge.render_pdf(
            head(),
            data,
            issued_on=issued,
            processes=n_proc,
            chunk=args.chunk,
            progress=lambda d, t: done.append(d),
        )
        return time.perf_counter() - t0, cpu() - c0, pdf

    load = os.getloadavg()[0]
    seconds, cpu_seconds, pdf = run(processes)
    print(
        f"  merge → PDF ({processes} processes):   {seconds:7.1f} s wall   {len(data) / seconds:7.1f} letters/s   "
        f"{pages(pdf):,} pages, {len(pdf) / 1024 / 1024:,.1f} MB"
    )
    print(
        f"    CPU time of all processes: {cpu_seconds:7.1f} s ({1000 * cpu_seconds / len(data):.1f} ms a letter); "
        f"on {processes} free cores that is about {cpu_seconds / processes:5.1f} s wall. Load average before: {load:.1f}"
    )
    if args.compare_one and processes != 1:
        seconds1, _, _ = run(1)
        print(f"  merge → PDF (1 process):     {seconds1:7.1f} s   {len(data) / seconds1:7.1f} letters/s")
    t0 = time.perf_counter()
    hwpx = merge.render_hwpx(head(), data, issued_on=issued)
    print(
        f"  merge → HWPX:                {time.perf_counter() - t0:7.1f} s   {len(hwpx) / 1024 / 1024:,.1f} MB"
    )
    if args.single:
        html = merge.chunk_html(head(), data[: args.single], issued)
        from gamsa.core.pdf import html_to_pdf

        html_to_pdf(merge.chunk_html(head(), data[:1], issued))  # fonts loaded
        t0 = time.perf_counter()
        one = html_to_pdf(html)
        s = time.perf_counter() - t0
        print(
            f"  one document of {args.single:,} pages:  {s:7.1f} s   {args.single / s:7.1f} letters/s ({pages(one):,} pages)"
        )
    if args.command:
        import openpyxl

        folder = Path(tempfile.mkdtemp(prefix="gamsa-bench-letters-cmd-"))
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append(["성명", "주소", "우편번호", "업무 구분", "처리 부서", "처리일", "전자우편"])
        for p in data:
            ws.append(
                [p.name, p.address, p.postal_code, p.business_type, p.handling_unit, p.handled_on, p.email]
            )
        wb.save(folder / "recipients.xlsx")
        env = {
            **os.environ,
            "GAMSA_VAR_DIR": str(folder),
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
        }
        gamsa = str(ROOT / ".venv" / "bin" / "gamsa")
        subprocess.run([gamsa, "migrate", "-v0"], env=env, check=True, capture_output=True)
        t0 = time.perf_counter()
        subprocess.run(
            [
                gamsa,
                "integrity",
                "letters",
                str(folder / "recipients.xlsx"),
                "--out",
                str(folder / "letters.pdf"),
            ],
            env=env,
            check=True,
            capture_output=True,
        )
        s = time.perf_counter() - t0
        print(f"  gamsa integrity letters (command, start-up included): {s:7.1f} s")


if __name__ == "__main__":
    main()
