"""Live state of background work: job progress and worker heartbeats, written on a connection of their own.

A long import writes all its rows in one transaction. Progress written through the request's connection would
stay invisible until the commit (the bar sat at 0 % and jumped to 100 %), and on SQLite every other writer waits
for that transaction. So progress and heartbeats go through a second, autocommit connection:

* PostgreSQL: a second connection to the same database (application_name "gamsa-live"); two small tables,
  `gamsa_live_job` and `gamsa_live_worker`, created on first use.
* SQLite: a side database file next to the main one (`gamsa.sqlite3` → `gamsa.live.sqlite3`, WAL), because
  SQLite has one writer per file and the import holds it. With an in-memory database (tests) the side file
  is a temporary file of this process.

Nothing here is a record: rows are transient (a job's row is dropped when it ends) and never backed up. A failure
to write live state is logged and never breaks the work that reports it.
"""

from __future__ import annotations

import atexit
import logging
import os
import socket
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import DatabaseError, connections
from django.db.utils import load_backend

logger = logging.getLogger(__name__)

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS gamsa_live_job ("
    " public_id VARCHAR(36) PRIMARY KEY, done BIGINT NOT NULL, total BIGINT NOT NULL,"
    " message VARCHAR(500) NOT NULL, beat_at DOUBLE PRECISION NOT NULL)",
    "CREATE TABLE IF NOT EXISTS gamsa_live_worker ("
    " worker_id VARCHAR(64) PRIMARY KEY, host VARCHAR(255) NOT NULL, pid INTEGER NOT NULL,"
    " started_at DOUBLE PRECISION NOT NULL, beat_at DOUBLE PRECISION NOT NULL,"
    " task_id VARCHAR(64) NOT NULL, state VARCHAR(20) NOT NULL)",
)
HOST = socket.gethostname()[:255]

_local = threading.local()
_temp_files: list[str] = []


@dataclass(frozen=True)
class JobState:
    done: int
    total: int
    message: str
    beat_at: float


@dataclass(frozen=True)
class WorkerState:
    worker_id: str
    host: str
    pid: int
    started_at: float
    beat_at: float
    task_id: str
    state: str

    @property
    def age(self) -> float:
        return time.time() - self.beat_at


def _side_file(main) -> str:
    if main.vendor != "sqlite":
        return ""
    if main.is_in_memory_db():
        if not _temp_files:
            handle, name = tempfile.mkstemp(prefix="gamsa-live-", suffix=".sqlite3")
            os.close(handle)
            _temp_files.append(name)
            atexit.register(lambda: [Path(n).unlink(missing_ok=True) for n in _temp_files])
        return _temp_files[0]
    path = Path(main.settings_dict["NAME"])
    return str(path.with_name(f"{path.stem}.live.sqlite3"))


def _connection():
    """This thread's live connection (a Django DatabaseWrapper that is not in `connections`)."""
    main = connections["default"]
    settings_dict = dict(main.settings_dict)
    if main.vendor == "sqlite":
        settings_dict["NAME"] = _side_file(main)
        # A short busy timeout: only beats and progress write here, each in a few microseconds.
        settings_dict["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=2000;"}
    else:
        settings_dict["OPTIONS"] = {**settings_dict.get("OPTIONS", {}), "application_name": "gamsa-live"}
    settings_dict["CONN_MAX_AGE"] = None
    key = (
        settings_dict["ENGINE"],
        settings_dict["NAME"],
        settings_dict.get("HOST"),
        settings_dict.get("PORT"),
    )
    wrapper = getattr(_local, "wrapper", None)
    if wrapper is None or getattr(_local, "key", None) != key:
        if wrapper is not None:
            wrapper.close()
        wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias="live")
        _local.wrapper, _local.key, _local.ready = wrapper, key, False
    return wrapper


def _run(sql: str, params=(), *, fetch: bool = False):
    """Run one statement in autocommit on a live connection of its own, then close it (a few per second at most:
    no connection stays open in web threads, workers or the test run); retry once."""
    for attempt in (1, 2):
        wrapper = _connection()
        try:
            with wrapper.cursor() as cursor:
                if not _local.ready:
                    for statement in SCHEMA:
                        cursor.execute(statement)
                    _local.ready = True
                cursor.execute(sql, params)
                return cursor.fetchall() if fetch else cursor.rowcount
        except DatabaseError:
            if attempt == 2:
                raise
        finally:
            wrapper.close()
    return None


def _quiet(sql: str, params=(), *, fetch: bool = False):
    try:
        return _run(sql, params, fetch=fetch)
    except DatabaseError as exc:
        logger.warning("live state not written: %s", exc.__class__.__name__)
        return None


def close() -> None:
    wrapper = getattr(_local, "wrapper", None)
    if wrapper is not None:
        wrapper.close()
        _local.wrapper = None


# --- jobs ---------------------------------------------------------------------------------------------------------


def report(public_id, *, done: int, total: int, message: str = "") -> None:
    """The job's progress, visible at once to every process (also a sign of life)."""
    _quiet(
        "INSERT INTO gamsa_live_job (public_id, done, total, message, beat_at) VALUES (%s, %s, %s, %s, %s)"
        " ON CONFLICT (public_id) DO UPDATE SET done = excluded.done, total = excluded.total,"
        " message = excluded.message, beat_at = excluded.beat_at",
        (str(public_id), int(done), int(total), message[:500], time.time()),
    )


def beat_job(public_id) -> None:
    """A sign of life of a job without new progress (the worker's heartbeat thread)."""
    _quiet(
        "INSERT INTO gamsa_live_job (public_id, done, total, message, beat_at) VALUES (%s, 0, 0, '', %s)"
        " ON CONFLICT (public_id) DO UPDATE SET beat_at = excluded.beat_at",
        (str(public_id), time.time()),
    )


def job_state(public_id) -> JobState | None:
    rows = _quiet(
        "SELECT done, total, message, beat_at FROM gamsa_live_job WHERE public_id = %s",
        (str(public_id),),
        fetch=True,
    )
    return JobState(*rows[0]) if rows else None


def forget_job(public_id) -> None:
    _quiet("DELETE FROM gamsa_live_job WHERE public_id = %s", (str(public_id),))


# --- workers ------------------------------------------------------------------------------------------------------


def beat_worker(worker_id: str, *, started_at: float, task_id: str = "", state: str = "idle") -> None:
    """The worker's heartbeat (raises on a database error: the worker wants to know)."""
    _run(
        "INSERT INTO gamsa_live_worker (worker_id, host, pid, started_at, beat_at, task_id, state)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (worker_id) DO UPDATE SET beat_at = excluded.beat_at,"
        " task_id = excluded.task_id, state = excluded.state",
        (worker_id, HOST, os.getpid(), started_at, time.time(), task_id, state),
    )


def workers() -> list[WorkerState]:
    rows = _run(
        "SELECT worker_id, host, pid, started_at, beat_at, task_id, state FROM gamsa_live_worker"
        " ORDER BY beat_at DESC",
        fetch=True,
    )
    return [WorkerState(*row) for row in rows or []]


def forget_worker(worker_id: str) -> None:
    _quiet("DELETE FROM gamsa_live_worker WHERE worker_id = %s", (worker_id,))


def forget_workers_older_than(seconds: float) -> None:
    _quiet("DELETE FROM gamsa_live_worker WHERE beat_at < %s", (time.time() - seconds,))
