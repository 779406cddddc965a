"""Benchmark: `gamsa fieldcomplaints import` of one district-year as the operator runs it, start-up and near-duplicate
scan included, against python-calamine's bare read of the same file (target: at most 2 × read + 3 s).

Usage:
    .venv/bin/python bench/fieldcomplaints_command.py [--rows 66228] [--runs 3]
        [--database-url postgres://postgres@127.0.0.1:5432/gamsa_bench_command]

SQLite by default (files under /tmp); with --database-url, PostgreSQL (that database and one per run are created
from it as a template, and dropped after). It
  1. generates the year's XLSX (bench/fieldcomplaints_import.py's rows: bench/fieldcomplaints_spread.py's places)
     and times python-calamine's bare read of it (best of 5);
  2. prepares a database holding the demo (`gamsa migrate`, `gamsa demo`: not timed);
  3. runs the real command in a subprocess on a fresh copy of that database --runs times, timing the wall clock
     from start to exit, and prints each run's time, the import's own figure and the candidates it reports;
  4. runs the command once more on the last copy (the same file again: nothing new, nothing left to scan);
  5. prints the best and median run against 2 × read + 3 s, and run ÷ read (issue 14: "today 8–12×").
It asserts nothing about time: read the figures.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import support  # noqa: E402, F401  (bench/support.py: the settings defaults a benchmark runs with)

GAMSA = str(Path(sys.executable).parent / "gamsa")


CPU = {"last": 0.0}  # the CPU seconds (user + system) of the last command, beside its wall time


def gamsa(url: str, *args: str) -> tuple[float, str]:
    """Run the `gamsa` command on the database at `url`: (wall seconds, stdout)."""
    env = {**os.environ, "DATABASE_URL": url, "GAMSA_TASKS_BACKEND": "immediate"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run([GAMSA, *args], env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU["last"] = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if done.returncode:
        raise SystemExit(f"gamsa {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return seconds, done.stdout


class Databases:
    """A template database holding the demo, and fresh copies of it."""

    def __init__(self, url: str, tmp: Path):
        self.url, self.tmp, self.copies = url, tmp, []
        self.postgres = url.startswith("postgres")
        self.template = url if self.postgres else f"sqlite:///{tmp / 'template.db'}"

    def prepare(self) -> None:
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self._name(self.template)}" WITH (FORCE)')
            self._admin(f'CREATE DATABASE "{self._name(self.template)}"')
        gamsa(self.template, "migrate", "--noinput", "-v0")
        gamsa(self.template, "demo")

    def copy(self, n: int) -> str:
        if self.postgres:
            name = f"{self._name(self.template)}_run{n}"
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{self._name(self.template)}"')
            url = self.template.rsplit("/", 1)[0] + "/" + name
        else:
            path = self.tmp / f"run{n}.db"
            shutil.copyfile(self.tmp / "template.db", path)
            url = f"sqlite:///{path}"
        self.copies.append(url)
        return url

    def drop(self) -> None:
        if self.postgres:
            for url in [*self.copies, self.template]:
                self._admin(f'DROP DATABASE IF EXISTS "{self._name(url)}" WITH (FORCE)')

    @staticmethod
    def _name(url: str) -> str:
        return url.rsplit("/", 1)[1]

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.template.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute(sql)


def cpu_of_read(data: bytes) -> float:
    """The CPU seconds of python-calamine's bare read (best of 3): with the command's CPU seconds, a comparison the
    other work on a shared machine disturbs less than the wall clock."""
    import io

    from python_calamine import CalamineWorkbook

    runs = []
    for _ in range(3):
        t = time.process_time()
        CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
        runs.append(time.process_time() - t)
    return min(runs)


def figures(stdout: str) -> tuple[str, int]:
    """(the import's own seconds, the candidates) from the command's output."""
    imported = re.search(r"행, ([\d.]+)초\)", stdout)
    found = re.search(r"중복 후보 ([\d,]+)건을 찾았습니다", stdout)
    return (imported.group(1) if imported else "?"), int(found.group(1).replace(",", "")) if found else 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=66_228)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="fccommand-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'unused.db'}"  # Django set up only to generate the rows
    import django

    django.setup()
    import fieldcomplaints_import as fci  # bench/fieldcomplaints_import.py

    path = tmp / "fieldcomplaints.xlsx"
    t = time.perf_counter()
    fci.write_xlsx(path, args.rows)
    data = path.read_bytes()
    print(
        f"data: {args.rows:,} rows, {len(data) / 1e6:.1f} MB XLSX (generated in {time.perf_counter() - t:.1f} s)"
    )
    read, data_rows = fci.best_read(data)
    read_cpu = cpu_of_read(data)
    print(
        f"calamine bare read: {read:.2f} s ({data_rows:,} data rows; best of {fci.ATTEMPTS}); load {os.getloadavg()[0]:.1f}"
    )

    databases = Databases(args.database_url, tmp)
    t = time.perf_counter()
    databases.prepare()
    print(
        f"database holding the demo: {'PostgreSQL' if databases.postgres else 'SQLite'} ({time.perf_counter() - t:.0f} s)"
    )
    runs, cpus = [], []
    try:
        for n in range(1, args.runs + 1):
            url = databases.copy(n)
            seconds, out = gamsa(url, "fieldcomplaints", "import", str(path))
            imported, candidates = figures(out)
            runs.append(seconds)
            cpus.append(CPU["last"])
            print(
                f"  run {n}: {seconds:.2f} s wall, {CPU['last']:.2f} s CPU (the import's own figure {imported} s);"
                f" {candidates:,} candidates = {1000 * candidates / args.rows:.1f} per 1,000 complaints"
            )
        seconds, out = gamsa(url, "fieldcomplaints", "import", str(path))
        print(f"  the same file again: {seconds:.2f} s wall ({out.strip().splitlines()[-1]})")
        print(
            f"  load average at the end: {os.getloadavg()[0]:.1f} (2 cores; other work on the machine slows both figures)"
        )
    finally:
        databases.drop()
    target = 2 * read + 3
    best, median = min(runs), statistics.median(runs)
    cpu_target = 2 * read_cpu + 3
    print(
        f"CPU: the read {read_cpu:.2f} s, the command {min(cpus):.2f}–{max(cpus):.2f} s against 2 × read + 3 s ="
        f" {cpu_target:.2f} s ({min(cpus) / cpu_target:.2f}–{max(cpus) / cpu_target:.2f})"
    )
    print(
        f"RESULT command best {best:.2f} s, median {median:.2f} s; target 2 × read + 3 s = {target:.2f} s;"
        f" best ÷ target {best / target:.2f}, median ÷ target {median / target:.2f}; best ÷ read {best / read:.1f}×"
    )
    path.unlink()


if __name__ == "__main__":
    main()
