"""Local stand-ins for the outside world: a fake SOLAPI server (a real HTTP server in a thread that records what
it was sent and can be told to fail) and a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class FakeSolapi:
    """Answers POST /messages/v4/send-many/detail like SOLAPI's API v4 (the SDK validates the reply's shape)."""

    def __init__(self):
        self.requests: list[dict] = []
        self.fail_next = 0
        self.fail_status = 500
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep the test output (and the captured logs) quiet
                pass

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                with fake._lock:
                    fake.requests.append(
                        {"path": self.path, "auth": self.headers.get("Authorization", ""), "json": body}
                    )
                    failing = fake.fail_next > 0
                    if failing:
                        fake.fail_next -= 1
                    number = len(fake.requests)
                if failing:
                    status = fake.fail_status
                    reply = (
                        {"errorCode": "TooManyRequests", "errorMessage": "잠시 후 다시 시도"}
                        if status < 500
                        else {}
                    )
                else:
                    status, reply = 200, fake.ok_reply(body, number)
                data = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @staticmethod
    def ok_reply(body: dict, number: int) -> dict:
        n = len(body.get("messages", []))
        cash = {"requested": 0, "replacement": 0, "refund": 0, "sum": 0}
        group = {
            "count": {
                "total": n, "sentTotal": 0, "sentSuccess": 0, "sentPending": 0, "sentReplacement": 0,
                "refund": 0, "registeredFailed": 0, "registeredSuccess": n,
            },
            "countForCharge": {}, "balance": cash, "point": cash, "app": {"profit": {}, "appId": None},
            "log": [], "status": "SENDING", "allowDuplicates": False, "isRefunded": False,
            "accountId": "fake-account", "masterAccountId": None, "apiVersion": "4",
            "groupId": f"G4FAKE{number:06d}", "price": {}, "dateCreated": None, "dateUpdated": None,
        }  # fmt: skip
        items = [
            {
                "messageId": f"M4FAKE{number:06d}{i}",
                "statusCode": "2000",
                "statusMessage": "정상 접수(이통사로 접수 예정)",
            }
            for i in range(n)
        ]
        return {"groupInfo": group, "messageList": items, "failedMessageList": []}

    @property
    def messages(self) -> list[dict]:
        return [
            m for r in self.requests if r["path"].endswith("/send-many/detail") for m in r["json"]["messages"]
        ]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_solapi(settings):
    fake = FakeSolapi()
    settings.GAMSA_SMS_BACKEND = "solapi"
    settings.GAMSA_SOLAPI_BASE_URL = fake.url
    settings.GAMSA_SOLAPI_API_KEY = "NCSFAKEKEY0000001"
    settings.GAMSA_SOLAPI_API_SECRET = "FAKESECRET0000000000000000000001"
    settings.GAMSA_SMS_SENDER = "02-2670-3114"
    settings.GAMSA_KAKAO_PF_ID = "KA01PF_FAKE"
    yield fake
    fake.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "audit@ydp.example.go.kr"
    yield inbox
    controller.stop()
