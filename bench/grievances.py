"""Benchmark: the grievance desk on PostgreSQL with a large generated corpus.

Usage (PostgreSQL; the database is created if missing and loaded once, then reused):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gamsa_bench \
        .venv/bin/python bench/grievances.py [--rows 1000000] [--clients 16] [--requests 800] [--queries 500] \
        [--limit 50] [--skip-http]

It prints the data size, then:
  1. list + Korean keyword search through the real HTTP stack (waitress or gunicorn + Django), 16 concurrent
     clients: p50 / p95 / max per request and requests per second. The clients are wrk (Debian's `wrk`, a C load
     generator that leaves the cores to the server and PostgreSQL, as the staff's own PCs would) when it is
     installed, else Python threads (`--client python`; on a 2-core machine those 16 threads and their one GIL
     compete with the server, which lengthens the tail they measure);
  2. the same-matter lookup (`similar_grievances`, both kinds, at most --limit candidates) per query: p50 / p95;
  3. precision and recall of its proposals against the generator's ground truth, overall and per kind (the same
     resident's repeats; other residents' complaints about the same matter and place within 90 days).
It asserts nothing about time: read the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import support  # noqa: E402  (bench/support.py)

os.environ.setdefault("GAMSA_OTP_REQUIRED", "false")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gamsa_bench")

KEYWORDS = [
    "주차",
    "불법주차",
    "쓰레기",
    "소음",
    "가로등",
    "보도블록",
    "악취",
    "현수막",
    "공사",
    "누수",
    "흡연",
    "노점",
    "당산로",
    "영등포로",
    "단속",
    "민원 처리",
    "도로 파손",
    "냄새",
    "무단투기",
    "야간",
]


def load(rows: int) -> dict:
    """Load `rows` generated complaints with COPY (idempotent). Returns the ground truth: case numbers in row
    order and the related pairs with their kind (`grievances_similarity_data.true_pairs`)."""
    from django.db import connection
    from grievances_similarity_data import generate, true_pairs

    from gamsa.complaints.grievances.placeindex import join, read, signature
    from gamsa.complaints.models import Category, Grievance
    from gamsa.core.calendar import SEOUL, get_calendar
    from gamsa.core.demo import load_demo
    from gamsa.text.grams import bigram_terms
    from gamsa.text.normalize import normalize_name, normalize_phone, place_key

    t0 = time.perf_counter()
    data = generate(rows, seed=2026)
    print(f"generated {len(data):,} complaints in {time.perf_counter() - t0:.1f} s")
    start = dt.datetime(2024, 1, 1, 9, tzinfo=SEOUL)
    for i, row in enumerate(data, start=1):
        row["case_number"] = f"{2024 + (i - 1) * 3 // rows}-{i:06d}" if rows <= 999_999 else f"B{i:07d}"
    truth = {"numbers": [row["case_number"] for row in data], "pairs": true_pairs(data)}
    if Grievance.objects.count() >= rows and not os.environ.get("BENCH_RELOAD"):
        return truth
    load_demo()
    categories = {c.code: c.pk for c in Category.objects.all()}  # the rows carry the desk's codes, or nothing
    departments = list(
        __import__("gamsa.core.models", fromlist=["OrgUnit"])
        .OrgUnit.objects.filter(kind="department")
        .values_list("pk", flat=True)
    )
    cal = get_calendar()
    t0 = time.perf_counter()
    people: dict[tuple[str, str], int] = {}
    places: list[tuple[int, list[str], str]] = []
    with connection.cursor() as cur:
        cur.execute("TRUNCATE complaints_grievance, complaints_complainant RESTART IDENTITY CASCADE")
        raw = cur.connection
        with (
            raw.cursor() as c2,
            c2.copy(
                "COPY complaints_complainant (id, public_id, name, phone, email, address, name_key, phone_key, "
                "is_abusive, created_at) FROM STDIN"
            ) as copy,
        ):
            for row in data:
                key = (normalize_name(row["name"]), normalize_phone(row["phone"]))
                if key not in people:
                    people[key] = len(people) + 1
                    copy.write_row(
                        (
                            people[key],
                            __import__("uuid").uuid4(),
                            row["name"],
                            row["phone"],
                            "",
                            row["address"],
                            key[0],
                            key[1],
                            False,
                            start,
                        )
                    )
        rng = random.Random(7)
        statuses = ["answered"] * 6 + ["closed"] * 2 + ["assigned", "in_progress", "received"]
        with (
            raw.cursor() as c2,
            c2.copy(
                "COPY complaints_grievance (id, public_id, case_number, year, sequence, source_ref, channel, kind, "
                "category_id, complainant_id, title, body, place_address, place_key, households, signatories, status, "
                "department_id, received_at, counted_from, original_due_at, due_at, clock_method, extension_count, "
                "answered_at, pin_hash, search_grams, matter, matters, place_keys, text_signature, created_at, updated_at) "
                "FROM STDIN"
            ) as copy,
        ):
            for i, row in enumerate(data, start=1):
                matter, matters, keys = read(row["title"], row["body"], row["place"])
                places.append((i, keys, matter))
                received = row.get("received_at") or start + dt.timedelta(seconds=row.get("_t", i * 90))
                clock = cal.compute(received_at=received, amount=7, unit="days")
                status = statuses[rng.randrange(len(statuses))]
                answered = clock.due_at - dt.timedelta(days=1) if status in ("answered", "closed") else None
                key = (normalize_name(row["name"]), normalize_phone(row["phone"]))
                copy.write_row(
                    (
                        i,
                        __import__("uuid").uuid4(),
                        row["case_number"],
                        received.year,
                        i,
                        "",
                        "mayor_inbox",
                        "grievance",
                        categories.get(row["category"]),
                        people[key],
                        row["title"][:200],
                        row["body"],
                        row["place"][:200],
                        place_key(row["place"] or f"{row['title']} {row['body']}")[:120],
                        1,
                        1,
                        status,
                        None if status == "received" else departments[i % len(departments)],
                        received,
                        clock.counted_from,
                        clock.due_at,
                        clock.due_at,
                        clock.method,
                        0,
                        answered,
                        "",
                        bigram_terms(f"{row['title']} {row['body']}"),
                        matter,
                        matters,
                        join(keys),
                        signature(row["title"][:200], row["body"]),
                        received,
                        received,
                    )
                )
                if i % 200_000 == 0:
                    print(f"  loaded {i:,} rows ({time.perf_counter() - t0:.0f} s)")
        with (
            raw.cursor() as c2,
            c2.copy(
                "COPY complaints_grievanceplace (grievance_id, key, matter, received_at) FROM STDIN"
            ) as copy,
        ):
            for (i, keys, matter), row in zip(places, data, strict=True):
                for key in keys:
                    copy.write_row((i, key, matter, row["received_at"]))
        cur.execute("SELECT setval(pg_get_serial_sequence('complaints_grievance', 'id'), %s)", [len(data)])
        cur.execute(
            "ANALYZE complaints_grievance; ANALYZE complaints_complainant; ANALYZE complaints_grievanceplace"
        )
    print(
        f"loaded {len(data):,} grievances and {len(people):,} complainants in {time.perf_counter() - t0:.1f} s"
    )
    return truth


def http_bench(
    clients: int,
    requests: int,
    server_kind: str = "waitress",
    workers: int = 3,
    client: str = "python",
    seconds: int = 20,
    redis_url: str = "",
) -> None:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from gamsa.core.models import User

    user = User.objects.get(username="complaints")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    port = 8765
    env = dict(os.environ, GAMSA_DEBUG="false")
    if redis_url:  # the processes share one cache (sessions read through it), as docs/operations.md advises
        env["GAMSA_REDIS_URL"] = redis_url
    if server_kind == "gunicorn":  # several processes: Python's GIL limits one process to one core
        command = [
            str(Path(sys.executable).parent / "gunicorn"),
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "gamsa.wsgi:application",
        ]
    else:
        command = [
            sys.executable,
            "-m",
            "gamsa.cli",
            "serve",
            "--port",
            str(port),
            "--threads",
            str(clients),
            "--no-worker",
        ]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        rng = random.Random(1)
        urls = []
        for i in range(requests):
            kind = i % 4
            if kind == 0:
                urls.append("/grievances/?q=" + urllib.parse.quote(rng.choice(KEYWORDS)))
            elif kind == 1:
                urls.append("/grievances/?status=open&q=" + urllib.parse.quote(rng.choice(KEYWORDS)))
            elif kind == 2:
                urls.append(f"/grievances/?page={rng.randrange(1, 50)}")
            else:
                urls.append("/grievances/?due=overdue")
        label = (
            f"list + keyword search over HTTP ({server_kind}{f', {workers} workers' if server_kind == 'gunicorn' else ''}, "
            f"{client} client, {'Redis' if redis_url else 'per-process'} cache), {clients} concurrent clients"
        )
        cookie = f"sessionid={session.session_key}"
        if client == "wrk":
            wrk_bench(label, port, cookie, urls, clients, seconds)
        else:
            python_bench(label, port, cookie, urls, clients)
    finally:
        server.terminate()
        server.wait(timeout=10)


def python_bench(label: str, port: int, cookie: str, urls: list[str], clients: int) -> None:
    """Python threads with urllib: simple, but on this machine the client competes with the server for the cores
    (16 threads, one GIL, a new connection per request), so its figures include its own waiting."""
    latencies: list[float] = []
    lock = threading.Lock()

    def worker(chunk):
        for url in chunk:
            request = urllib.request.Request(f"http://127.0.0.1:{port}{url}", headers={"Cookie": cookie})
            t = time.perf_counter()
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
                assert response.status == 200
            with lock:
                latencies.append((time.perf_counter() - t) * 1000)

    for url in urls[:clients]:  # warm up
        worker([url])
    latencies.clear()
    threads = [threading.Thread(target=worker, args=(urls[i::clients],)) for i in range(clients)]
    cpu0, t0 = time.process_time(), time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    print(
        f"{label}, {len(latencies):,} requests: "
        f"p50 {support.percentile(latencies, 50):.0f} ms, p95 {support.percentile(latencies, 95):.0f} ms, "
        f"max {max(latencies):.0f} ms, {len(latencies) / wall:.0f} req/s; "
        f"the client itself used {cpu / len(latencies) * 1000:.2f} ms of CPU per request"
    )


WRK_SCRIPT = """
local paths = {%(paths)s}
local threads = {}
function setup(thread)
  thread:set("offset", #threads * 997)
  table.insert(threads, thread)
end
function init(args)
  n = offset
  bad = 0
  wrk.headers["Cookie"] = "%(cookie)s"
end
function request()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
function response(status, headers, body)
  if status ~= 200 or not string.find(body, "<caption>고충민원 목록", 1, true) then bad = bad + 1 end
end
function done(summary, latency, requests)
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout
  for _, thread in ipairs(threads) do failed = failed + thread:get("bad") end
  io.write(string.format("WRK %%d %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency.max, failed))
end
"""


def wrk_bench(label: str, port: int, cookie: str, urls: list[str], clients: int, seconds: int) -> None:
    """wrk (Debian package `wrk`), a C load generator: it needs a few microseconds of CPU per request, so the two
    cores go to the server and PostgreSQL, as when the clients are the staff's own PCs. Same URL mix as above."""
    import tempfile

    wrk = shutil.which("wrk")
    if not wrk:
        sys.exit("wrk is not installed: apt-get install -y wrk (or use --client python)")
    paths = ", ".join('"' + url.replace('"', "") + '"' for url in urls)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % {"paths": paths, "cookie": cookie})
    base = f"http://127.0.0.1:{port}"
    try:
        subprocess.run(
            [wrk, "-t2", f"-c{clients}", "-d3s", "-s", script.name, base], capture_output=True, check=True
        )  # warm up
        out = subprocess.run(
            [wrk, "-t2", f"-c{clients}", f"-d{seconds}s", "--timeout", "30s", "-s", script.name, base],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    line = next(row for row in out.splitlines() if row.startswith("WRK "))
    count, duration_us, p50, p95, longest, errors = (int(x) for x in line.split()[1:])
    if errors:
        sys.exit(f"wrk saw {errors} failed answers or answers that were not the list: {out}")
    print(
        f"{label}, {count:,} requests in {duration_us / 1e6:.0f} s: "
        f"p50 {p50 / 1000:.0f} ms, p95 {p95 / 1000:.0f} ms, max {longest / 1000:.0f} ms, "
        f"{count / (duration_us / 1e6):.0f} req/s"
    )


def similarity_bench(truth: dict, queries: int, limit: int = 20) -> None:
    """Both kinds against the generator's truth; the lookup's wall time per query (SQL scope + scoring)."""
    from gamsa.complaints.grievances.similarity import similar_grievances
    from gamsa.complaints.models import Grievance

    rng = random.Random(3)
    numbers = truth["numbers"]
    related: dict[str, dict[str, str]] = {}
    for (i, j), kind in truth["pairs"].items():
        related.setdefault(numbers[i], {})[numbers[j]] = kind
        related.setdefault(numbers[j], {})[numbers[i]] = kind
    paired = sorted(related)
    sample = rng.sample(paired, min(queries // 2, len(paired)))
    sample += rng.sample(numbers, min(queries - len(sample), len(numbers)))
    latencies: list[float] = []
    cpu: list[
        float
    ] = []  # this process's CPU time per lookup (Python; not the database's, not waiting for a core)
    load_before = os.getloadavg()
    counts = {k: [0, 0, 0] for k in ("same", "other")}  # found with the right label, proposed, expected
    for number in sample:
        g = Grievance.objects.select_related("complainant", "category").get(case_number=number)
        t, c = time.perf_counter(), time.process_time()
        found = similar_grievances(g, limit=limit)
        latencies.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        expected = related.get(number, {})
        for kind in counts:
            counts[kind][2] += sum(1 for k in expected.values() if k == kind)
        for c in found:
            label = "same" if c.same_complainant else "other"
            counts[label][1] += 1
            if expected.get(c.grievance.case_number) == label:
                counts[label][0] += 1
    print(
        f"same-matter lookup (both kinds, limit {limit}), {len(sample):,} queries: p50 {statistics.median(latencies):.1f} ms, "
        f"p95 {support.percentile(latencies, 95):.1f} ms, max {max(latencies):.1f} ms"
    )
    print(
        f"  of which this process's CPU time: p50 {statistics.median(cpu):.1f} ms, "
        f"p95 {support.percentile(cpu, 95):.1f} ms (the rest is the database and waiting for a core)"
    )
    load_after = os.getloadavg()
    print(
        f"machine load average (1/5/15 min) at start {' / '.join(f'{x:.1f}' for x in load_before)}, "
        f"at end {' / '.join(f'{x:.1f}' for x in load_after)} on {os.cpu_count()} cores"
    )

    def pr(tp, proposed, expected):
        return (tp / proposed if proposed else 1.0), (tp / expected if expected else 1.0)

    tp = sum(c[0] for c in counts.values())
    p, r = pr(tp, sum(c[1] for c in counts.values()), sum(c[2] for c in counts.values()))
    ps, rs = pr(*counts["same"])
    po, ro = pr(*counts["other"])
    print(
        f"proposals vs ground truth: both kinds precision {p:.3f}, recall {r:.3f}; same resident {ps:.3f} / "
        f"{rs:.3f}; other residents {po:.3f} / {ro:.3f} (a pair found under the wrong label counts as missed)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=800)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--server", choices=["waitress", "gunicorn"], default="waitress")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument(
        "--client",
        choices=["python", "wrk"],
        default="wrk" if shutil.which("wrk") else "python",
        help="load generator: wrk (C, apt-get install wrk; the default when installed) or Python threads",
    )
    parser.add_argument("--seconds", type=int, default=20, help="how long wrk runs")
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/15",
        help="the web processes' shared cache with --server gunicorn ('' for each process's own)",
    )
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument(
        "--limit",
        type=int,
        default=50,
        help="most candidates per lookup (the API's maximum; a busy landmark has more than 20 related ones)",
    )
    args = parser.parse_args()
    support.ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    truth = load(args.rows)
    from gamsa.complaints.models import Grievance

    print(f"data: {Grievance.objects.count():,} grievances on PostgreSQL")
    if not args.skip_http:
        http_bench(
            args.clients,
            args.requests,
            args.server,
            args.workers,
            args.client,
            args.seconds,
            args.redis_url if args.server == "gunicorn" else "",
        )
    # The generator's million-row truth lives in this process: without this, the lookups' garbage triggers full
    # collections that walk it (tens of ms), as the web processes avoid with gc.freeze() (gamsa/wsgi.py).
    gc.collect()
    gc.freeze()
    similarity_bench(truth, args.queries, args.limit)


if __name__ == "__main__":
    import urllib.parse  # noqa: F401

    main()
