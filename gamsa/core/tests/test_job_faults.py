"""Background work that survives faults: real processes killed and signalled, then the jobs and files checked.

Every test here runs `gamsa worker` / `gamsa serve` as child processes on a database they can see: a migrated
temporary SQLite file, or on PostgreSQL the test database itself (committed through `transactional_db`). Another
connection (`Probe`) reads the job rows, the live store and the files the way the pages do.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from gamsa.core.tests.faultkit import LAUNCH

PROJECT_DIR = Path(__file__).resolve().parents[3]
GAMSA = Path(sys.executable).parent / "gamsa"
KEY = "test-secret-key-for-the-test-suite-only-0123456789"
ON_SQLITE = django_settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
ROWS = 30_000 if ON_SQLITE else 120_000  # enough for the write to take seconds (COPY is fast)

pytestmark = [
    pytest.mark.skipif(not GAMSA.exists(), reason=f"console script {GAMSA} is not installed"),
    # On PostgreSQL the children use the test database, so what the test writes there must be committed.
    pytest.mark.django_db(transaction=True),
]


# --- the database the child processes use -------------------------------------------------------------------


def _base_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GAMSA_", "DATABASE_URL", "DJANGO_"))}
    env.update(
        GAMSA_SECRET_KEY=KEY,
        GAMSA_HOTLINE_PEPPER="test-hotline-pepper-for-the-test-suite-only-0123456789",
        GAMSA_HTTPS="false",
        GAMSA_OTP_REQUIRED="false",
        GAMSA_VAR_DIR=str(tmp),
        GAMSA_MEDIA_ROOT=str(tmp / "media"),
        GAMSA_STATIC_ROOT=str(tmp / "static"),
        GAMSA_TASKS_BACKEND="database",
        GAMSA_DB_CONN_MAX_AGE="60",
        GAMSA_JOB_HEARTBEAT_SECONDS="0.3",
        GAMSA_JOB_LEASE_SECONDS="3",
        GAMSA_SHUTDOWN_GRACE_SECONDS="20",
        GAMSA_LOG_LEVEL="warning",
        PYTHONUNBUFFERED="1",
    )
    return env


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory):
    if not ON_SQLITE:
        return None
    tmp = tmp_path_factory.mktemp("jobfaults-template")
    env = _base_env(tmp) | {"DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}"}
    result = subprocess.run(
        [str(GAMSA), "migrate", "--noinput", "-v0"], env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    return tmp / "db.sqlite3"


@pytest.fixture
def proc_env(tmp_path, sqlite_template):
    env = _base_env(tmp_path)
    if ON_SQLITE:
        shutil.copy(sqlite_template, tmp_path / "db.sqlite3")
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    else:
        s = connection.settings_dict
        auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
        env["DATABASE_URL"] = f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    children: list[subprocess.Popen] = []
    env_holder = {"env": env, "children": children, "tmp": tmp_path}
    yield env_holder
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    for child in children:
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait(timeout=10)


def start(holder, *args: str, launcher: bool = False, **extra_env: str) -> subprocess.Popen:
    env = holder["env"] | extra_env
    command = [sys.executable, "-c", LAUNCH, *args] if launcher else [str(GAMSA), *args]
    log = open(holder["tmp"] / f"{args[0]}-{len(holder['children'])}.log", "w")  # noqa: SIM115
    child = subprocess.Popen(
        command, env=env, cwd=PROJECT_DIR, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    child.log_path = log.name
    holder["children"].append(child)
    return child


def output(child) -> str:
    return Path(child.log_path).read_text()


def shell(holder, code: str, **extra_env: str) -> dict:
    result = subprocess.run(
        [str(GAMSA), "shell", "-c", code],
        env=holder["env"] | extra_env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


class Probe:
    """A connection of the test's own to the children's database and live store."""

    def __init__(self, holder):
        self.media = holder["tmp"] / "media"
        if ON_SQLITE:
            self.main = sqlite3.connect(holder["tmp"] / "db.sqlite3", isolation_level=None, timeout=5)
            self.side = sqlite3.connect(holder["tmp"] / "db.live.sqlite3", isolation_level=None, timeout=5)
        else:
            import psycopg

            s = connection.settings_dict
            self.main = psycopg.connect(
                dbname=s["NAME"],
                user=s["USER"],
                password=s["PASSWORD"] or None,
                host=s["HOST"] or "127.0.0.1",
                port=s["PORT"] or 5432,
                autocommit=True,
            )
            # A read that waits for the import's locks fails the test instead of hanging it.
            self.main.execute("SET statement_timeout = '5s'")
            self.side = self.main
            # The live tables are not models: the flush between tests leaves their rows; start clean.
            for table in ("gamsa_live_worker", "gamsa_live_job"):
                self.main.execute(f"DROP TABLE IF EXISTS {table}")

    def rows(self, sql: str, params=(), *, live: bool = False) -> list[tuple]:
        db = self.side if live else self.main
        if ON_SQLITE:
            sql = sql.replace("%s", "?")
        try:
            return list(db.execute(sql, params).fetchall())
        except Exception as exc:  # the live tables appear with the first beat
            if live and "gamsa_live" in str(exc):
                return []
            raise

    def job(self, job_id: int) -> dict:
        [row] = self.rows(
            "SELECT status, done, total, message, attempts, task_id, public_id FROM core_job WHERE id = %s",
            (job_id,),
        )
        return dict(
            zip(["status", "done", "total", "message", "attempts", "task_id", "public_id"], row, strict=True)
        )

    def live_job(self, public_id) -> tuple | None:
        rows = self.rows(
            "SELECT done, total FROM gamsa_live_job WHERE public_id = %s", (str(public_id),), live=True
        )
        return rows[0] if rows else None

    def task_status(self, task_id: str) -> str:
        rows = self.rows(
            "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s", (task_id.replace("-", ""),)
        ) or self.rows("SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s", (task_id,))
        return rows[0][0]

    def count(self, table: str, where: str = "1=1", params=()) -> int:
        return self.rows(f"SELECT COUNT(*) FROM {table} WHERE {where}", params)[0][0]  # noqa: S608

    def committed_imports(self) -> int:
        """The import's event is written in its transaction: 0 until the commit (the table itself is locked)."""
        return self.count("core_event", "verb = %s", ("fieldcomplaint.imported",))

    def workers(self) -> list[tuple]:
        return self.rows("SELECT worker_id, pid, beat_at, task_id FROM gamsa_live_worker", live=True)

    def close(self):
        self.main.close()
        self.side.close()


@pytest.fixture
def probe(proc_env):
    p = Probe(proc_env)
    yield p
    p.close()


def wait_for(condition, *, timeout: float = 60, what: str = "", children=()) -> object:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    logs = "\n".join(f"--- {c.args}\n{output(c)[-3000:]}" for c in children)
    raise AssertionError(f"timed out waiting for {what}\n{logs}")


def alive(pid: int) -> bool:
    """True for a running process; False for a gone one or a zombie (state Z)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


# --- fixtures of work ---------------------------------------------------------------------------------------------


def field_csv(rows: int) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    from gamsa.patrols.fieldcomplaints.importing import HEADERS

    writer.writerow(HEADERS)
    for i in range(rows):
        writer.writerow(
            [
                f"2026-{i:07d}",
                f"2026-03-{1 + i % 28:02d} 08:{i % 60:02d}",
                "교통",
                "불법주정차",
                f"상가 앞 불법주정차 {i}",
                "이중주차로 통행이 어렵습니다.",
                f"서울특별시 영등포구 당산로 {i % 500}",
                "",  # no coordinates: the near-duplicate scan after the commit has nothing to pair
                "",
                "주차관리과",
                "처리중",
                "",
                "",
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


ENQUEUE_IMPORT = """
import json, pathlib, uuid
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from gamsa.core import services
from gamsa.core.models import User
from gamsa.core import imports
from gamsa.patrols.models import FieldCategory, FieldItem
from gamsa.patrols.seeds import seed_field_items
seed_field_items(FieldCategory, FieldItem)
user, _ = User.objects.get_or_create(username="fault-patrol")
data = pathlib.Path({source!r}).read_bytes()
path = default_storage.save(f"imports/fieldcomplaints/{{uuid.uuid4().hex}}.upload", ContentFile(data))
job = services.create_job(user, kind="fieldcomplaint_import", label="응답소 현장민원 가져오기",
    params={{"importer": "fieldcomplaints", "path": path, "name": "fault.csv", "rows": {rows}, "mode": "commit",
    "skip_bad": False}})
imports.run_import_task.enqueue(job_id=job.pk)
print(json.dumps({{"job": job.pk, "public_id": str(job.public_id), "file": default_storage.path(path)}}))
"""

ENQUEUE_SLOW = """
import json
from gamsa.core import services
from gamsa.core.models import User
from gamsa.core.tests.faultkit import slow_job
user, _ = User.objects.get_or_create(username="fault-slow")
job = services.create_job(user, kind="slow_test", label="느린 시험 작업")
slow_job.enqueue(job_id=job.pk, seconds={seconds}, steps={steps})
print(json.dumps({{"job": job.pk, "public_id": str(job.public_id)}}))
"""


def enqueue_import(holder, rows: int = ROWS) -> dict:
    source = holder["tmp"] / "source.csv"
    source.write_bytes(field_csv(rows))
    made = shell(holder, ENQUEUE_IMPORT.format(source=str(source), rows=rows))
    assert Path(made["file"]).is_file()
    return made


def enqueue_slow(holder, seconds: float, steps: int = 10) -> dict:
    return shell(holder, ENQUEUE_SLOW.format(seconds=seconds, steps=steps))


# --- a worker killed in the middle of an import ------------------------------------------------------------------


def _kill_during_the_write(proc_env, probe, made):
    """Progress seen and nothing committed yet: the worker is inside the write. Kill it there."""
    first = start(proc_env, "worker", "--interval", "0.1")
    live_done = wait_for(
        lambda: (
            (state := probe.live_job(made["public_id"]))
            and state[0] > 0
            and probe.committed_imports() == 0
            and probe.job(made["job"])["status"] == "running"  # the job row is readable meanwhile
            and state
        ),
        what="import progress inside the write",
        children=[first],
        timeout=120,
    )
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    job = probe.job(made["job"])
    assert job["status"] == "running" and job["attempts"] == 1, job  # what it used to stay for ever
    return live_done


def test_a_killed_worker_s_import_is_queued_again_and_completes(proc_env, probe):
    made = enqueue_import(proc_env)
    _kill_during_the_write(proc_env, probe, made)
    second = start(proc_env, "worker", "--interval", "0.1")
    job = wait_for(
        lambda: (j := probe.job(made["job"]))["status"] in ("done", "failed") and j,
        what="the job to end after the second worker took it",
        children=[second],
        timeout=180,
    )
    assert job["status"] == "done", job
    assert job["attempts"] == 2
    assert probe.count("patrols_fieldcomplaint") == ROWS  # all of it, once
    assert probe.count("core_event", "verb = %s", ("job.requeued",)) == 1
    wait_for(lambda: probe.task_status(job["task_id"]) == "SUCCESSFUL", what="the task row to be marked")
    assert not Path(made["file"]).exists()  # the upload is removed when the job ends


def test_a_killed_worker_s_last_attempt_fails_in_korean_and_removes_the_upload(proc_env, probe):
    proc_env["env"]["GAMSA_JOB_MAX_ATTEMPTS"] = "1"
    made = enqueue_import(proc_env)
    _kill_during_the_write(proc_env, probe, made)
    second = start(proc_env, "worker", "--interval", "0.1")
    job = wait_for(
        lambda: (j := probe.job(made["job"]))["status"] in ("done", "failed") and j,
        what="the job to be failed by the second worker",
        children=[second],
        timeout=60,
    )
    assert job["status"] == "failed", job
    assert "작업 처리기가 멈춰 작업을 끝내지 못했습니다(1번 시도)" in job["message"]
    assert "전부 반영되거나 전혀 반영되지 않습니다" in job["message"]
    assert probe.count("patrols_fieldcomplaint") == 0  # all or nothing: nothing
    wait_for(lambda: probe.task_status(job["task_id"]) == "FAILED", what="the task row to be marked")
    wait_for(lambda: not Path(made["file"]).exists(), what="the upload to be removed", timeout=10)
    assert not list((probe.media / "imports").rglob("*.upload"))


# --- progress seen before the commit ------------------------------------------------------------------------------


def test_import_progress_is_seen_by_another_connection_before_the_commit(proc_env, probe):
    made = enqueue_import(proc_env)
    worker = start(proc_env, "worker", "--interval", "0.1")
    samples = []

    def sample():
        state = probe.live_job(made["public_id"])
        samples.append((state[0] if state else 0, probe.committed_imports()))
        return probe.job(made["job"])["status"] == "done"

    wait_for(sample, what="the import to finish", children=[worker], timeout=180)
    before_commit = sorted({done for done, stored in samples if stored == 0 and 0 < done < ROWS})
    assert len(before_commit) >= 2, samples[-20:]  # the bar moved at least twice while nothing was committed
    assert probe.count("patrols_fieldcomplaint") == ROWS
    assert probe.job(made["job"])["done"] == ROWS
    assert not Path(made["file"]).exists()


# --- the worker's database goes away -------------------------------------------------------------------------------


@pytest.mark.skipif(ON_SQLITE, reason="terminates the worker's PostgreSQL connections")
def test_the_worker_reconnects_when_postgresql_drops_and_refuses_it(proc_env, probe):
    worker = start(proc_env, "worker", "--interval", "0.1")
    wait_for(lambda: probe.workers(), what="the worker's first beat", children=[worker])
    import psycopg

    s = connection.settings_dict
    name = s["NAME"]
    admin = psycopg.connect(  # from another database: none may disallow connections to its own
        dbname="postgres",
        user=s["USER"],
        password=s["PASSWORD"] or None,
        host=s["HOST"] or "127.0.0.1",
        port=s["PORT"] or 5432,
        autocommit=True,
    )
    try:
        wait_for(
            lambda: admin.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND application_name LIKE 'gamsa-worker%%'",
                (name,),
            ).fetchall(),
            what="the worker's connection, found by its application_name",
            children=[worker],
        )
        # A restart as the worker sees it: its connections cut, and for a while no new one accepted.
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        cut = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND application_name LIKE 'gamsa-worker%%'",
            (name,),
        ).fetchall()
        assert cut
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND application_name = 'gamsa-live'",
            (name,),
        )
        time.sleep(4)
        assert worker.poll() is None, output(worker)  # it used to exit here
    finally:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        admin.close()
    made = enqueue_slow(proc_env, seconds=0.5, steps=2)
    job = wait_for(
        lambda: (j := probe.job(made["job"]))["status"] == "done" and j,
        what="a job run after the outage",
        children=[worker],
    )
    assert job["attempts"] == 1
    assert worker.poll() is None
    assert "database error" in output(worker)


# --- serve: supervision, health, graceful stop ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 30) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback only)
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def start_serve(holder, **extra_env) -> tuple[subprocess.Popen, str]:
    port = free_port()
    serve = start(holder, "serve", "--port", str(port), "--threads", "8", launcher=True, **extra_env)
    base = f"http://127.0.0.1:{port}"

    def healthy():
        try:
            status, body = get(f"{base}/healthz", timeout=5)
        except OSError:
            return False
        return status == 200 and json.loads(body)["worker"] == "ok"

    wait_for(healthy, what="serve to answer with a beating worker", children=[serve], timeout=90)
    return serve, base


def test_serve_restarts_a_killed_worker_and_healthz_follows_its_heartbeat(proc_env, probe):
    serve, base = start_serve(proc_env)
    [(_, first_pid, _, _)] = probe.workers()
    os.kill(first_pid, signal.SIGKILL)
    restarted = wait_for(
        lambda: [w for w in probe.workers() if w[1] != first_pid and time.time() - w[2] < 2],
        what="a new worker started by serve",
        children=[serve],
    )
    assert not alive(first_pid)  # reaped, not left a zombie
    assert alive(restarted[0][1])
    assert "작업 처리기가 끝났습니다(종료 코드 -9)" in output(serve)
    status, body = get(f"{base}/healthz")
    assert status == 200 and json.loads(body)["worker"] == "ok"
    made = enqueue_slow(proc_env, seconds=0.3, steps=2)  # and the new worker works
    wait_for(
        lambda: probe.job(made["job"])["status"] == "done", what="a job on the new worker", children=[serve]
    )
    serve.send_signal(signal.SIGTERM)
    assert serve.wait(timeout=60) == 0


def test_sigterm_finishes_requests_in_flight_hands_back_the_job_and_exits_0(proc_env, probe):
    serve, base = start_serve(proc_env, GAMSA_SHUTDOWN_GRACE_SECONDS="4")
    made = enqueue_slow(proc_env, seconds=120, steps=240)
    wait_for(
        lambda: probe.job(made["job"])["status"] == "running", what="the long job to run", children=[serve]
    )
    [(_, worker_pid, _, _)] = probe.workers()
    answers: list = []

    def slow_request():
        try:
            answers.append(get(f"{base}/healthz-test-slow?seconds=2.5", timeout=60))
        except Exception as exc:  # a reset connection is what this test is about
            answers.append(exc)

    threads = [threading.Thread(target=slow_request) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)  # all four are in the view now
    serve.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    with pytest.raises(OSError):
        get(f"{base}/healthz", timeout=5)  # no new connections once stopping
    for thread in threads:
        thread.join(timeout=60)
    assert [a[0] if isinstance(a, tuple) else repr(a) for a in answers] == [200] * 4
    assert all(len(a[1]) == len(("느린 응답 " * 20000).encode()) for a in answers)
    assert serve.wait(timeout=60) == 0, output(serve)
    assert not alive(worker_pid)  # the worker stopped with serve, not orphaned
    job = probe.job(made["job"])
    assert job["status"] == "queued", job  # handed back, not left "running"
    assert "대기열에 돌려놓았습니다" in job["message"]
    assert job["attempts"] == 0
    assert probe.task_status(job["task_id"]) == "READY"
    assert probe.count("core_job", "status = %s", ("running",)) == 0
    assert "Traceback" not in output(serve)


def test_ctrl_c_lets_a_short_job_finish_and_exits_0(proc_env, probe):
    serve, base = start_serve(proc_env, GAMSA_SHUTDOWN_GRACE_SECONDS="30")
    made = enqueue_slow(proc_env, seconds=4, steps=8)
    wait_for(lambda: probe.job(made["job"])["status"] == "running", what="the job to run", children=[serve])
    [(_, worker_pid, _, _)] = probe.workers()
    os.killpg(serve.pid, signal.SIGINT)  # what the terminal's Ctrl+C does: the whole foreground group
    assert serve.wait(timeout=60) == 0, output(serve)
    job = probe.job(made["job"])
    assert job["status"] == "done", job  # finished, not aborted
    assert job["done"] == 8
    assert not alive(worker_pid)
    assert "Traceback" not in output(serve)
