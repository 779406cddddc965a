"""hotline-security.md §7.3 (1) and (2): canaries in the answers, the identity, a file name and a file body,
submitted over HTTP (page and API) with a distinctive forwarded address, browser and referrer; then a raw dump of
every table, MEDIA_ROOT, the cache, the temporary folder and every log line must hold none of them in plain text.
Runs on SQLite (`make test`) and PostgreSQL (`make test-pg`)."""

from __future__ import annotations

import io
import json
import logging
import os
import tempfile
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection

from gamsa.hotline import privacy
from gamsa.hotline import services as svc
from gamsa.hotline.tests.conftest import private, user

CANARY_ANSWER = "zqANSWERcanary7731"
CANARY_NAME = "zqNAMEcanary4410"
CANARY_PHONE = "010-8765-4329"
CANARY_EMAIL = "zqmail.canary@example.kr"
CANARY_FILE_NAME = "zqFILENAMEcanary2209.pdf"
CANARY_BODY = b"zqBODYcanary5128"
CANARY_MESSAGE = "zqMESSAGEcanary6631"
XFF = "203.0.113.77"
UA = "CanaryBrowser/9.9 (zqUAcanary8842)"
REFERRER = "https://canary-referrer.example/zqREFcanary"
NEEDLES = [
    CANARY_ANSWER,
    CANARY_NAME,
    CANARY_PHONE,
    "87654329",
    CANARY_EMAIL,
    CANARY_FILE_NAME,
    CANARY_BODY.decode(),
    CANARY_MESSAGE,
    XFF,
    "zqUAcanary8842",
    "zqREFcanary",
]


def upload(name: str, body: bytes):
    """An upload as the reporter's request makes it: encrypted as it arrives (privacy.EncryptingUploadHandler)."""
    handler = privacy.EncryptingUploadHandler()
    try:
        handler.new_file("files", name, "application/octet-stream", len(body))
    except Exception:  # noqa: BLE001 (StopFutureHandlers is how a handler claims the file)
        pass
    for start in range(0, len(body), 65536):
        handler.receive_data_chunk(body[start : start + 65536], start)
    return handler.file_complete(len(body))


def _dump_database() -> list[tuple[str, bytes]]:
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (our own table names)
            for row in cursor.fetchall():
                for value in row:
                    if value is None:
                        continue
                    if isinstance(value, memoryview | bytes | bytearray):
                        rows.append((table, bytes(value)))
                    else:
                        rows.append((table, str(value).encode()))
    return rows


def _files(root: Path):
    for dirpath, _, names in os.walk(root):
        for name in names:
            path = Path(dirpath) / name
            try:
                yield path, path.read_bytes()
            except OSError:
                continue


def _assert_absent(haystacks, where: str, needles) -> None:
    for label, blob in haystacks:
        for needle in needles:
            encoded = needle.encode() if isinstance(needle, str) else needle
            assert encoded not in blob, f"{needle!r} found in {where}: {label}"


@pytest.mark.django_db(transaction=False)
def test_canaries_leave_no_plaintext_anywhere(members, client, settings, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)
    temp_before = set(Path(tempfile.gettempdir()).iterdir())
    headers = {
        "HTTP_X_FORWARDED_FOR": XFF,
        "HTTP_X_REAL_IP": XFF,
        "REMOTE_ADDR": XFF,
        "HTTP_USER_AGENT": UA,
        "HTTP_REFERER": REFERRER,
    }
    body = CANARY_BODY * 9000  # more than two 64 KiB chunks
    page_file = io.BytesIO(body)
    page_file.name = CANARY_FILE_NAME
    page = client.get("/hotline/report/abuse/", **headers)
    assert page.status_code == 200
    response = client.post(
        "/hotline/report/abuse/",
        {
            "q_what": f"사적 심부름 {CANARY_ANSWER}",
            "id_name": CANARY_NAME,
            "id_phone": CANARY_PHONE,
            "id_email": CANARY_EMAIL,
            "receipt_kind": "words",
            "files": page_file,
        },
        **headers,
    )
    assert response.status_code == 200, response.content.decode()[:500]
    receipt = response.context["receipt"]
    for name in ("Cache-Control", "Referrer-Policy", "Content-Security-Policy"):
        assert name in response
    assert response["Referrer-Policy"] == "no-referrer" and "no-store" in response["Cache-Control"]
    assert not response.cookies and not page.cookies  # the reporter's pages set no cookie at all
    # A second report through the API, with the file carrying the canary name.
    named = io.BytesIO(body)
    named.name = CANARY_FILE_NAME
    api = client.post(
        "/api/v1/hotline/reports",
        {
            "category": "gifts",
            "answers": json.dumps({"what": CANARY_ANSWER}),
            "identity": json.dumps({"name": CANARY_NAME, "phone": CANARY_PHONE}),
            "files": named,
        },
        **headers,
    )
    assert api.status_code == 201, api.content.decode()
    api_receipt = api.json()["receipt"]
    # The reporter comes back with the receipt (page and API) and writes a message.
    mine = client.post("/hotline/mine/", {"receipt": receipt}, **headers)
    assert mine.status_code == 200 and CANARY_ANSWER in mine.content.decode()
    token = mine.context["token"]
    assert (
        client.post(
            "/hotline/mine/", {"token": token, "action": "message", "text": CANARY_MESSAGE}, **headers
        ).status_code
        == 200
    )
    assert (
        client.get("/api/v1/hotline/reports/mine", HTTP_X_HOTLINE_RECEIPT=api_receipt, **headers).status_code
        == 200
    )
    assert (
        client.get("/api/v1/hotline/reports/mine", HTTP_X_HOTLINE_RECEIPT="틀린 암호", **headers).status_code
        == 404
    )
    # The office reads it (a handler's reads are logged, without content).
    report, _ = svc.find(receipt)
    svc.acknowledge(user("head"), private("head"), report, "접수했습니다.")

    needles = NEEDLES + [receipt, receipt.replace(" ", ""), api_receipt, api_receipt.replace("-", "")]
    _assert_absent(_dump_database(), "the database", needles)
    _assert_absent(_files(Path(settings.MEDIA_ROOT)), "MEDIA_ROOT", needles)
    cached = [(key, repr(value).encode()) for key, value in getattr(cache, "_cache", {}).items()]
    _assert_absent(cached, "the cache", needles)
    temp_new = [
        (str(p), p.read_bytes())
        for p in set(Path(tempfile.gettempdir()).iterdir()) - temp_before
        if p.is_file()
    ]
    _assert_absent(temp_new, "temporary files", needles)
    log_lines = [
        (r.name, (r.getMessage() + repr(getattr(r, "request", ""))).encode()) for r in caplog.records
    ]
    _assert_absent(log_lines, "the application log", needles)
    # Reporter rows carry no second-level time that could be matched with a network log.
    assert report.received_at.minute == 0 and report.received_at.second == 0


def test_reporter_routes_strip_address_browser_and_referrer(rf):
    seen = {}

    def view(request):
        seen.update(request.META)
        from django.http import HttpResponse

        return HttpResponse("ok")

    middleware = privacy.ReporterPrivacyMiddleware(view)
    request = rf.get(
        "/hotline/mine/",
        HTTP_X_FORWARDED_FOR=XFF,
        REMOTE_ADDR=XFF,
        HTTP_USER_AGENT=UA,
        HTTP_REFERER=REFERRER,
        HTTP_X_HOTLINE_RECEIPT="secret receipt",
    )
    response = middleware(request)
    assert XFF not in str(seen) and "zqUAcanary8842" not in str(seen) and "zqREFcanary" not in str(seen)
    assert "secret receipt" not in str(seen) and request.hotline_receipt == "secret receipt"
    assert (
        response["Referrer-Policy"] == "no-referrer"
        and "default-src 'none'" in response["Content-Security-Policy"]
    )
    staff = rf.get("/hotline-office/", REMOTE_ADDR=XFF)
    privacy.ReporterPrivacyMiddleware(view)(staff)
    assert seen["REMOTE_ADDR"] == XFF  # staff routes keep their address (the access log needs it)


def test_reporter_templates_load_nothing_from_another_origin():
    root = Path(__file__).resolve().parents[2] / "templates" / "hotline"
    for path in root.glob("*.html"):
        text = path.read_text()
        assert "http://" not in text and "https://" not in text and "//cdn" not in text, path.name
