#!/usr/bin/env python3
"""Fuzz the JSON API with schemathesis against a real server holding the demo data (`make test-api`).

Steps: migrate and load the demo into the database at DATABASE_URL (default: a fresh SQLite file under
var/api-fuzz/), issue a personal API token for the office head, start `gamsa serve` on a free local port,
run `schemathesis run` over every operation (examples, coverage, fuzzing and stateful phases; positive and
negative data; all checks that judge the server), then stop the server and print the figures from the
schemathesis JSON report: requests sent, server errors (5xx) and schema violations. Exit status is non-zero when
schemathesis found anything.

Options come from the environment so the Makefile and CI can tune them:
  API_FUZZ_EXAMPLES   examples per operation and phase (default 60)
  API_FUZZ_SEED       random seed (default 20261207; set it empty for a new one each run)
  API_FUZZ_WORKERS    schemathesis workers (default 1: CPython 3.11 can fail compiling in two threads at once)
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
GAMSA = [str(BIN / "python"), "-m", "gamsa.cli"]
OUT = ROOT / "var" / "api-fuzz"

# What the server must never do. Status-code and content-type conformance are judged too: every answer an
# operation gives must be documented in the schema (400s and 404s included).
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "response_headers_conformance",
    ]
)

AUDIT_TAGS = "^(audits|reviews)$"

TOKEN_SCRIPT = """
from gamsa.core.models import User
from gamsa.core.services import issue_api_token
user = User.objects.get(username="head")
_, raw = issue_api_token(user, name="schemathesis", days=1)
print(raw)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(cmd: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=env, check=True, cwd=ROOT, **kwargs)


def main() -> int:
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    env = dict(os.environ)
    env.setdefault("GAMSA_SECRET_KEY", "api-fuzz-secret-key-only-for-this-run-0123456789abcdef")
    env.setdefault("GAMSA_HOTLINE_PEPPER", "api-fuzz-hotline-pepper-only-for-this-run-0123456789")
    env["GAMSA_HTTPS"] = "false"
    env["GAMSA_OTP_REQUIRED"] = "false"
    env["GAMSA_TASKS_BACKEND"] = "immediate"
    env["GAMSA_MEDIA_ROOT"] = str(OUT / "media")
    env["GAMSA_STATIC_ROOT"] = str(OUT / "static")
    env["GAMSA_LOG_LEVEL"] = "WARNING"
    if not env.get("DATABASE_URL"):
        env["DATABASE_URL"] = f"sqlite:///{OUT / 'gamsa.sqlite3'}"
    database = env["DATABASE_URL"].split("@")[-1]
    print(f"== API fuzz on {database}", flush=True)
    run(GAMSA + ["migrate", "--noinput", "-v0"], env)
    run(GAMSA + ["demo"], env, stdout=subprocess.DEVNULL)
    token = run(
        GAMSA + ["shell", "--no-imports", "-c", TOKEN_SCRIPT], env, capture_output=True, text=True
    ).stdout.split()[-1]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server_log = (OUT / "server.log").open("w")
    server = subprocess.Popen(
        GAMSA + ["serve", "--host", "127.0.0.1", "--port", str(port), "--no-worker", "--threads", "4"],
        env=env,
        cwd=ROOT,
        stdout=server_log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)  # noqa: S310 (our own local server)
                break
            except OSError:
                time.sleep(0.2)
        examples = env.get("API_FUZZ_EXAMPLES", "60")
        seed = env.get("API_FUZZ_SEED", "20261207")
        # Two schemathesis processes over two halves of the operations (by tag), so both CPU cores work while
        # one waits for the server; threads inside one process would share one core (and CPython 3.11 can fail
        # compiling in two threads at once). Each half runs every phase, stateful included, on its own links.
        halves = {"audits": ["--include-tag-regex", AUDIT_TAGS], "rest": ["--exclude-tag-regex", AUDIT_TAGS]}
        runs = {}
        for name, selection in halves.items():
            cmd = [
                str(BIN / "schemathesis"),
                "run",
                f"{base}/api/v1/openapi.json",
                *selection,
                "--phases",
                "examples,coverage,fuzzing,stateful",
                "--mode",
                "all",
                "--checks",
                CHECKS,
                "--max-examples",
                examples,
                "--workers",
                env.get("API_FUZZ_WORKERS", "1"),
                "--header",
                f"Authorization: Bearer {token}",
                "--request-timeout",
                "30",
                "--generation-database",
                "none",
                "--continue-on-failure",
                "--no-color",
                "--report",
                "json,ndjson",
                "--report-json-path",
                str(OUT / f"report-{name}.json"),
                "--report-ndjson-path",
                str(OUT / f"events-{name}.ndjson"),
                "--output-truncate",
                "true",
            ]
            if seed:
                cmd += ["--seed", seed]
            shown = " ".join(c if "Bearer" not in c else "'Authorization: Bearer gms_…'" for c in cmd)
            print(f"$ {shown} > var/api-fuzz/{name}.log", flush=True)
            log = (OUT / f"{name}.log").open("w")
            runs[name] = (subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT), log)
        codes = {}
        for name, (process, log) in runs.items():
            codes[name] = process.wait()
            log.close()
            print(f"== schemathesis ({name}) exit {codes[name]}; its output:", flush=True)
            print((OUT / f"{name}.log").read_text(), flush=True)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        server_log.close()
    summarise(sorted(OUT.glob("events-*.ndjson")), OUT / "server.log")
    return max(codes.values())


def summarise(streams: list[Path], server_log: Path) -> None:
    """Count the requests, the 5xx answers and the failed checks from the NDJSON event streams."""
    requests = server_errors = 0
    failures: dict[str, int] = {}
    operations: set[str] = set()
    for events in streams:
        for line in events.read_text().splitlines():
            try:
                event = json.loads(line)
            except ValueError:
                continue
            for body in event.values():
                if not isinstance(body, dict):
                    continue
                for rec in (body.get("recorder") or {}).get("interactions", {}).values():
                    response = rec.get("response") or {}
                    requests += 1
                    if int(response.get("status_code") or 0) >= 500:
                        server_errors += 1
                for name, checks in ((body.get("recorder") or {}).get("checks") or {}).items():
                    for check in checks:
                        if check.get("status") == "FAILURE":
                            failures[check.get("name", name)] = failures.get(check.get("name", name), 0) + 1
                label = body.get("label")
                if label:
                    operations.add(label)
    tracebacks = server_log.read_text().count("Traceback") if server_log.exists() else 0
    tested = generated = errors = 0
    by_code: dict[str, int] = {}
    for path in sorted(OUT.glob("report-*.json")):
        report = json.loads(path.read_text())
        tested += report["operations"]["tested"]
        generated += report["test_cases"]["generated"]
        errors += len(report.get("errors") or [])
        for failure in report.get("failures") or []:
            by_code[f"{failure['code']} {failure['title']}"] = failure["count"]
    print(
        f"== API fuzz: {tested} operations tested, {generated} test cases, failures {by_code or 0}, "
        f"{errors} errors",
        flush=True,
    )
    print(
        f"== API fuzz figures: {requests} requests, {server_errors} server errors (5xx), "
        f"failed checks {failures or 0}, {tracebacks} tracebacks in the server log",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
