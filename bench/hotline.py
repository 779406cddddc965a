"""Benchmark: 청렴톡 submission with a 5 MB attachment and receipt lookup, with the shipped Argon2id parameters.

Usage:
    .venv/bin/python bench/hotline.py [--submissions 10] [--lookups 30] [--mb 5] [--rekey 5]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gamsa_bench_hotline .venv/bin/python bench/hotline.py

Requests go through the whole Django stack in-process (middleware, the encrypting upload handler, the views),
not over a socket. Submission = the reporter's POST of the form with the file (parsing, streamed encryption,
Argon2id lookup hash and key, the rows). Lookup = the POST of the receipt on /hotline/mine/ (two Argon2id runs,
decryption and the page) and the API's GET /api/v1/hotline/reports/mine. Goals: lookup p95 <= 1 s, submission
p95 <= 2 s on the office's 2-core server. Re-keying = taking a handler's grant back on a report with its file
(every box and the file body re-encrypted, in one transaction; ADR 0023 "Re-keying"), through the service.
It prints the figures and the data size and asserts nothing.
"""

from __future__ import annotations

import argparse
import html
import io
import os
import re
import secrets
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import support  # noqa: E402  (bench/support.py)

WORK = Path(tempfile.mkdtemp(prefix="gamsa-bench-hotline-"))
os.environ.setdefault("GAMSA_OTP_REQUIRED", "false")
os.environ.setdefault("GAMSA_HOTLINE_PEPPER", "bench-hotline-pepper-0123456789-abcdefghijklmnop")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORK / 'bench.sqlite3'}")
os.environ["GAMSA_MEDIA_ROOT"] = str(WORK / "media")
os.environ["GAMSA_ALLOWED_HOSTS"] = "testserver,127.0.0.1"
os.environ["GAMSA_HOTLINE_REPORTS_PER_HOUR"] = "100000"
os.environ["GAMSA_HOTLINE_NOSCRIPT_REPORTS_PER_HOUR"] = "100000"
os.environ["GAMSA_HOTLINE_LOOKUPS_PER_MINUTE"] = "100000"
os.environ["GAMSA_HOTLINE_NOSCRIPT_LOOKUPS_PER_MINUTE"] = "100000"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--submissions", type=int, default=10)
    parser.add_argument("--lookups", type=int, default=30)
    parser.add_argument("--mb", type=int, default=5)
    parser.add_argument("--rekey", type=int, default=5)
    args = parser.parse_args()
    support.setup_database()
    from django.test import Client

    from gamsa.core.demo import load_demo
    from gamsa.hotline import crypto
    from gamsa.hotline.demo import set_up_members
    from gamsa.hotline.models import Attachment, Report

    load_demo()
    set_up_members()
    print(f"Argon2id (receipts) as shipped: {crypto.receipt_params().encode()}")
    client = Client()
    body = secrets.token_bytes(args.mb * 1024 * 1024)
    submit_times, receipts = [], []
    started = (
        time.perf_counter()
    )  # one warm-up request (imports, templates, the first connection), shown apart
    client.post("/hotline/report/abuse/", {"q_what": "준비", "receipt_kind": "words"})
    print(f"warm-up request (first in the process): {time.perf_counter() - started:.3f} s")
    for i in range(args.submissions):
        upload = io.BytesIO(body)
        upload.name = f"evidence-{i}.bin"
        started = time.perf_counter()
        response = client.post(
            "/hotline/report/abuse/",
            {"q_what": "벤치마크 신고 내용입니다.", "receipt_kind": "words", "files": upload},
        )
        submit_times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
        found = re.search(r'data-testid="receipt">([^<]+)<', response.content.decode())
        receipts.append(html.unescape(found.group(1)).strip())
    page_times, api_times = [], []
    for i in range(args.lookups):
        receipt = receipts[i % len(receipts)]
        started = time.perf_counter()
        response = client.post("/hotline/mine/", {"receipt": receipt})
        page_times.append(time.perf_counter() - started)
        assert response.status_code == 200
        started = time.perf_counter()
        response = client.get("/api/v1/hotline/reports/mine", HTTP_X_HOTLINE_RECEIPT=receipt)
        api_times.append(time.perf_counter() - started)
        assert response.status_code == 200
    wrong_times = []
    for _ in range(max(args.lookups // 3, 5)):
        started = time.perf_counter()
        response = client.get("/api/v1/hotline/reports/mine", HTTP_X_HOTLINE_RECEIPT="틀린 암호 입니다")
        wrong_times.append(time.perf_counter() - started)
        assert response.status_code == 404
    rekey_times = _rekey(args.rekey)
    on_disk = sum(p.stat().st_size for p in (WORK / "media").rglob("*") if p.is_file())
    print(
        f"data: {Report.objects.count()} reports, {Attachment.objects.count()} files, "
        f"{args.mb} MB each, {on_disk / 1024 / 1024:.1f} MB ciphertext on disk (database {os.environ['DATABASE_URL'].split('@')[-1]})"
    )
    for label, values in (
        (f"submission with a {args.mb} MB file", submit_times),
        ("receipt lookup (page)", page_times),
        ("receipt lookup (API)", api_times),
        ("unknown receipt (API, 404)", wrong_times),
        (f"re-keying a report with a {args.mb} MB file", rekey_times),
    ):
        if not values:
            continue
        print(
            f"{label:38s} n={len(values):3d}  p50 {support.percentile(values, 50):.3f} s  "
            f"p95 {support.percentile(values, 95):.3f} s  max {max(values):.3f} s"
        )


def _rekey(count: int) -> list[float]:
    from django.db import transaction

    from gamsa.core.models import User
    from gamsa.hotline import keys
    from gamsa.hotline import services as svc
    from gamsa.hotline.demo import DEMO_PASSPHRASE
    from gamsa.hotline.models import Report

    head, handler = User.objects.get(username="head"), User.objects.get(username="investigator")
    head_private = keys.open_private(head, DEMO_PASSPHRASE)
    times = []
    for report in Report.objects.filter(attachments__isnull=False).distinct()[:count]:
        svc.assign(head, head_private, report, handler)
        started = time.perf_counter()
        with transaction.atomic():  # the old file is removed when this commits, as in a request
            svc.revoke_grant(head, head_private, report, handler, "벤치마크 재배정")
        times.append(time.perf_counter() - started)
    return times


if __name__ == "__main__":
    main()
