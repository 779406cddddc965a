"""`kill -9` of `gamsa fieldcomplaints import` after its commit, during the near-duplicate scan: the complaints stay,
the scan's unfinished part stays owed, and a re-run of the same file (which imports nothing new) finishes it.

The command runs as a real process on a real database file (SQLite) or the test database (PostgreSQL). So that the
kill lands inside the scan every time, the child is started through a small launcher that pauses it inside the
second item's transaction (after that item is scanned, before its candidates are written and the transaction
commits); nothing is replaced. The test then sends SIGKILL, looks at the database, and runs the plain `gamsa`
command again.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from gamsa.patrols import seeds
from gamsa.patrols.fieldcomplaints import importing
from gamsa.patrols.models import (
    DuplicateCandidate,
    DuplicateScanPending,
    FieldCategory,
    FieldComplaint,
    FieldItem,
)

GAMSA = str(Path(sys.executable).parent / "gamsa")
LAUNCHER = """
import os, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gamsa.settings")
import django
django.setup()
from gamsa.patrols.duplicates import scan
scan.RECORDS_PER_TRANSACTION = 1  # one item per transaction, as a larger file would have several
scan_group, calls = scan._scan_group, []

def pausing(*args, **kwargs):
    made = scan_group(*args, **kwargs)
    calls.append(made)
    if len(calls) == 2:
        print("PAUSED-IN-SCAN", flush=True)
        time.sleep(600)
    return made

scan._scan_group = pausing
from django.core.management import execute_from_command_line
execute_from_command_line(["gamsa", *sys.argv[1:]])
"""
# Three items with a window, three far-apart pairs each (10 m and a day apart, both open); parked cars never pair.
PAIRED = [("도로", "도로 파임(포트홀)"), ("청소", "쓰레기 무단투기"), ("안전", "보안등 고장")]
NEVER = ("교통", "불법주정차")
PAIRS_PER_ITEM = 3
EXPECTED = len(PAIRED) * PAIRS_PER_ITEM
T0 = dt.datetime(2026, 9, 1, 9, 0)


def _write_csv(path: Path) -> set[tuple[str, str]]:
    """The file, and the pairs (newer 접수번호, earlier 접수번호) a finished scan must hold."""
    rows, expected, n = [], set(), 0
    for i, (field, name) in enumerate([*PAIRED, NEVER]):
        for k in range(PAIRS_PER_ITEM):
            lat, lng = 37.50 + 0.01 * i, 126.89 + 0.01 * k  # each pair about a kilometre from the others
            ids = []
            for hours, north in ((0, 0.0), (24, 0.00009)):  # a day and 10 m apart
                n += 1
                ids.append(f"2026-K{n:05d}")
                at = (T0 + dt.timedelta(hours=hours + k)).strftime("%Y-%m-%d %H:%M")
                rows.append(
                    [ids[-1], at, field, name, name, "", "", f"{lat + north:.6f}", f"{lng:.6f}", "", "접수"]
                )
            if (field, name) != NEVER:
                expected.add((ids[1], ids[0]))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(importing.HEADERS)
        writer.writerows([[*row, "", ""] for row in rows])
    return expected


class Database:
    """Where the child process writes: a file copy of the SQLite test database, or the PostgreSQL test database."""

    def __init__(self, tmp_path: Path):
        settings = connection.settings_dict
        if connection.vendor == "sqlite":
            self.path = tmp_path / "scan.db"
            connection.ensure_connection()
            with sqlite3.connect(self.path) as target:
                connection.connection.backup(target)
            self.url = f"sqlite:///{self.path}"
        else:
            self.path = None
            password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
            self.url = (
                f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:"
                f"{settings['PORT'] or 5432}/{settings['NAME']}"
            )

    def rows(self, sql: str) -> list[tuple]:
        if self.path is not None:
            with sqlite3.connect(self.path) as db:
                return db.execute(sql).fetchall()
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    def count(self, model) -> int:
        return self.rows(f"SELECT count(*) FROM {model._meta.db_table}")[0][0]  # noqa: S608

    def pairs(self) -> set[tuple[str, str]]:
        candidates, complaints = DuplicateCandidate._meta.db_table, FieldComplaint._meta.db_table
        return set(
            self.rows(
                f"SELECT s.source_id, o.source_id FROM {candidates} d"  # noqa: S608
                f" JOIN {complaints} s ON s.id = d.subject_complaint_id"
                f" JOIN {complaints} o ON o.id = d.other_complaint_id"
            )
        )


def _env(url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": url, "GAMSA_TASKS_BACKEND": "immediate", "PYTHONUNBUFFERED": "1"}


def _wait_for(process: subprocess.Popen, marker: str, timeout: float = 120) -> str:
    """Read the child's output (straight from the pipe, no buffer in between) until `marker`, or fail with what it
    printed."""
    seen, deadline, fd = b"", time.monotonic() + timeout, process.stdout.fileno()
    while marker.encode() not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"no {marker!r} from the child (exit {process.poll()}):\n{seen.decode()}")
        ready, _, _ = select.select([fd], [], [], min(left, 1.0))
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                raise AssertionError(
                    f"the child ended (exit {process.wait()}) before {marker!r}:\n{seen.decode()}"
                )
            seen += chunk
    return seen.decode()


@pytest.mark.django_db(transaction=True)
def test_a_scan_killed_after_the_import_committed_is_finished_by_a_rerun_of_the_same_file(tmp_path):
    seeds.seed_field_items(
        FieldCategory, FieldItem
    )  # a flush before this test may have removed the seeded items
    FieldItem.objects.filter(code__in=[code for _, _, _, code, *_ in seeds.item_rows()]).update(
        duplicate_radius_m=50, duplicate_days=14, duplicate_never=False
    )
    seeds.seed_duplicate_windows(FieldItem)
    expected = _write_csv(tmp_path / "fieldcomplaints.csv")
    database = Database(tmp_path)
    launcher = tmp_path / "launcher.py"
    launcher.write_text(LAUNCHER, encoding="utf-8")

    child = subprocess.Popen(
        [sys.executable, str(launcher), "fieldcomplaints", "import", str(tmp_path / "fieldcomplaints.csv")],
        env=_env(database.url),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        printed = _wait_for(child, "PAUSED-IN-SCAN")
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert "새로 24건" in printed  # the import had committed before the scan began

    # After the kill: every complaint is there; one item's candidates were committed, the killed item's were not,
    # and the complaints of the items not finished are still owed.
    assert database.count(FieldComplaint) == 24
    done = database.pairs()
    assert done < expected and len(done) == PAIRS_PER_ITEM
    assert database.count(DuplicateScanPending) == 2 * (EXPECTED - len(done))

    rerun = subprocess.run(
        [GAMSA, "fieldcomplaints", "import", str(tmp_path / "fieldcomplaints.csv")],
        env=_env(database.url),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert "새로 0건" in rerun.stdout and "변경 없음 24건" in rerun.stdout
    assert f"가까운 중복 후보 {EXPECTED - len(done)}건을 찾았습니다" in rerun.stdout
    assert database.pairs() == expected
    assert database.count(DuplicateCandidate) == EXPECTED  # nothing twice
    assert database.count(DuplicateScanPending) == 0
