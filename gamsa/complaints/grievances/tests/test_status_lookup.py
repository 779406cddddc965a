"""The citizen's status lookup cannot be guessed: failures counted per receipt and per client, atomically, in the
database; a right answer on one's own case resets nothing; a receipt locks after the limit with the office phone."""

from __future__ import annotations

import datetime as dt
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from gamsa.complaints.grievances import services as svc
from gamsa.complaints.grievances import status_lookup
from gamsa.complaints.grievances.tests.test_workflow import user
from gamsa.complaints.models import Grievance
from gamsa.core.models import Event, Throttle

URL = "/minwon/status/"


def file_publicly(client, phone="010-3333-4444", title="보도블록 파손") -> tuple[Grievance, str]:
    response = client.post(
        "/minwon/",
        {
            "name": "이구민",
            "phone": phone,
            "address": "서울 영등포구 도림로 10",
            "title": title,
            "body": "도림로 10 앞 보도블록이 깨져 넘어질 뻔했습니다.",
            "agree": "on",
        },
    )
    assert response.status_code == 302
    receipt = client.get(response["Location"])
    return receipt.context["g"], receipt.context["pin"]


def wrong_pin(pin: str) -> str:
    return "12345678" if pin != "12345678" else "87654321"


def lookup(client, g, pin, tail, ip="203.0.113.7"):
    return client.post(URL, {"case_number": g.case_number, "pin": pin, "phone_tail": tail}, REMOTE_ADDR=ip)


def test_new_pins_have_eight_digits_and_the_lookup_needs_the_phone_tail(client, demo):
    g, pin = file_publicly(client)
    assert re.fullmatch(r"\d{8}", pin)
    wrong_tail = lookup(client, g, pin, "0000")
    assert wrong_tail.status_code == 400
    assert "휴대전화 끝 4자리" in wrong_tail.content.decode()
    assert wrong_tail.context["g"] is None
    missing = client.post(URL, {"case_number": g.case_number, "pin": pin})
    assert missing.status_code == 400 and missing.context["g"] is None
    ok = lookup(client, g, pin, "4444")
    assert ok.status_code == 200 and ok.context["g"].pk == g.pk


def test_a_receipt_with_an_old_six_digit_pin_still_works(client, demo):
    g = svc.receive_grievance(
        None,
        channel="mayor_inbox",
        kind="grievance",
        title="가로등 고장",
        body="도림로 가로등이 꺼져 있습니다.",
        complainant={"name": "박구민", "phone": "010-7777-1234"},
    ).grievance
    Grievance.objects.filter(pk=g.pk).update(pin_hash=make_password("123456"))
    assert lookup(client, g, "123456", "1234").status_code == 200
    assert lookup(client, g, "654321", "1234").status_code == 400


def test_the_issue_attack_nine_wrong_on_a_victim_then_one_right_of_ones_own_is_refused(
    client, demo, settings
):
    """Nine wrong PINs on the victim's receipt, one right lookup of one's own, repeated: on main the right lookup
    reset the counter, so 45 wrong guesses drew no 429. Now at most the limit is ever evaluated."""
    own, own_pin = file_publicly(client, title="내 민원")
    victim, victim_pin = file_publicly(client, phone="010-5555-6666", title="남의 민원")
    evaluated_wrong = refused = 0
    for _round in range(5):
        for _ in range(9):
            response = lookup(client, victim, wrong_pin(victim_pin), "6666")
            assert response.context["g"] is None
            if response.status_code == 400:
                evaluated_wrong += 1
            else:
                assert response.status_code == 429
                refused += 1
        lookup(client, own, own_pin, "4444")
    assert evaluated_wrong + 1 <= settings.GAMSA_STATUS_CLIENT_LIMIT  # the 10th wrong one locked the receipt
    assert refused >= 45 - settings.GAMSA_STATUS_CLIENT_LIMIT
    # The client is blocked even for its own right answer, and the victim's receipt is locked for everyone.
    assert lookup(client, own, own_pin, "4444").status_code == 429
    locked = lookup(client, victim, victim_pin, "6666", ip="198.51.100.20")
    assert locked.status_code == 429 and locked.context["g"] is None
    text = locked.content.decode()
    assert "잠겼습니다" in text and "민원관리팀" in text
    assert status_lookup.office_phone() in text and status_lookup.office_phone()


def test_a_success_on_another_case_never_resets_the_client_count(client, demo, settings):
    own, own_pin = file_publicly(client, title="내 민원")
    victim, victim_pin = file_publicly(client, phone="010-5555-6666", title="남의 민원")
    for _ in range(3):
        assert lookup(client, victim, wrong_pin(victim_pin), "6666").status_code == 400
    assert lookup(client, own, own_pin, "4444").status_code == 200
    counts = {(scope, key): n for scope, key, n in Throttle.objects.values_list("scope", "key", "count")}
    assert counts == {
        (status_lookup.CLIENT_SCOPE, "203.0.113.7"): 3,
        (status_lookup.RECEIPT_SCOPE, victim.case_number): 3,
        (status_lookup.RECEIPT_SCOPE, own.case_number): 0,  # the right answer gave its reservation back
    }
    # The victim's own right answer clears neither: failures are not forgiven by a success.
    assert lookup(client, victim, victim_pin, "6666", ip="198.51.100.20").status_code == 200
    assert Throttle.objects.get(scope=status_lookup.RECEIPT_SCOPE, key=victim.case_number).count == 3


def test_the_client_window_passes_but_the_receipt_lock_holds_until_an_officer_lifts_it(
    client, demo, settings, login
):
    victim, victim_pin = file_publicly(client, phone="010-5555-6666", title="남의 민원")
    limit = settings.GAMSA_STATUS_RECEIPT_LIMIT
    for n in range(limit):
        ip = f"203.0.113.{n}"  # every guess from another address: the receipt's own count locks it
        response = lookup(client, victim, wrong_pin(victim_pin), "6666", ip=ip)
        assert response.status_code == (400 if n < limit - 1 else 429)
    assert lookup(client, victim, victim_pin, "6666", ip="198.51.100.9").status_code == 429
    # After the client window (15 minutes) the addresses may try again, the receipt is still locked.
    Throttle.objects.update(window_start=timezone.now() - dt.timedelta(minutes=16))
    assert lookup(client, victim, victim_pin, "6666", ip="198.51.100.9").status_code == 429
    # The complaint officer identifies the caller and lifts the lock (an Event says who).
    login("complaints")
    page = client.get(f"/grievances/{victim.case_number}/")
    assert page.context["status_locked"] and 'data-testid="status-locked"' in page.content.decode()
    assert client.post(f"/grievances/{victim.case_number}/act/unlock_status/").status_code == 302
    assert Event.objects.filter(verb="grievance.status_unlocked", target_id=victim.case_number).count() == 1
    client.logout()
    assert lookup(client, victim, victim_pin, "6666", ip="198.51.100.9").status_code == 200


@pytest.mark.parametrize("username", ["liaison", "auditor", "council", "admin"])
def test_only_the_complaint_team_lifts_a_lock_and_a_refusal_changes_nothing(client, demo, login, username):
    victim = svc.receive_grievance(
        user("complaints"),
        channel="phone",
        kind="grievance",
        title="가로등 고장",
        body="도림로 가로등이 꺼져 있습니다.",
        complainant={"name": "박구민", "phone": "010-7777-1234"},
        with_pin=True,
    ).grievance
    Throttle.objects.create(
        scope=status_lookup.RECEIPT_SCOPE, key=victim.case_number, count=10, window_start=timezone.now()
    )
    login(username)
    before = (Event.objects.count(), list(Throttle.objects.values_list("count", flat=True)))
    response = client.post(f"/grievances/{victim.case_number}/act/unlock_status/")
    assert response.status_code in (403, 404)
    assert (Event.objects.count(), list(Throttle.objects.values_list("count", flat=True))) == before


def _post_threads(base: str, case_number: str, pin: str, tail: str, n: int) -> list[int]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + URL).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "case_number": case_number, "pin": pin, "phone_tail": tail}
    ).encode()
    statuses: list[int] = []
    gate = threading.Barrier(n)

    def guess():
        request = urllib.request.Request(
            base + URL, data=body, headers={"Cookie": cookie, "Referer": base + URL}, method="POST"
        )
        gate.wait()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                statuses.append(response.status)
        except urllib.error.HTTPError as exc:
            statuses.append(exc.code)

    threads = [threading.Thread(target=guess) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses


SETUP = """
from gamsa.core.demo import load_demo
from gamsa.complaints.grievances import services as svc
load_demo()
r = svc.receive_grievance(None, channel="mayor_inbox", kind="grievance", title="가로등 고장",
    body="도림로 가로등이 꺼져 있습니다.", complainant={"name": "박구민", "phone": "010-7777-1234"}, with_pin=True)
print(r.grievance.case_number, r.pin)
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(transactional_db, tmp_path):
    """`gamsa serve` (waitress, 16 threads) in its own process, on its own database: a file SQLite database
    migrated for the test, or on PostgreSQL the test database itself (its rows are committed here)."""
    from django.db import connection

    env = {**os.environ, "GAMSA_SECRET_KEY": "x" * 50, "GAMSA_HTTPS": "false", "GAMSA_DB_CONN_MAX_AGE": "0"}
    env["GAMSA_MEDIA_ROOT"] = str(tmp_path / "media")
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'live.sqlite3'}"
        subprocess.run([sys.executable, "-m", "gamsa.cli", "migrate", "-v0"], env=env, check=True)
    out = subprocess.run(
        [sys.executable, "-m", "gamsa.cli", "shell", "-c", SETUP], env=env, check=True, capture_output=True
    )
    case_number, pin = out.stdout.decode().strip().splitlines()[-1].split()
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gamsa.cli", "serve", "--no-worker", "--port", str(port), "--threads", "16"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        yield base, case_number, pin, env
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_forty_concurrent_wrong_guesses_on_a_real_server_evaluate_at_most_the_limit(served, settings):
    """On main 13 of 40 concurrent guesses were checked against a limit of 10 (read, then write). Here forty
    threads post at once to a real `gamsa serve`; each evaluation needs a reserved attempt on the receipt, so the
    receipt's counter bounds the evaluations. Run on PostgreSQL too (`make test-pg`)."""
    base, case_number, pin, env = served
    statuses = _post_threads(base, case_number, wrong_pin(pin), "1234", 40)
    assert len(statuses) == 40 and set(statuses) <= {400, 429}, statuses
    limit = min(settings.GAMSA_STATUS_CLIENT_LIMIT, settings.GAMSA_STATUS_RECEIPT_LIMIT)
    # An evaluated guess answers 400, or 429 when the receipt locked meanwhile; the others are refused unevaluated.
    assert statuses.count(400) <= limit and statuses.count(429) >= 40 - limit
    counted = subprocess.run(
        [
            sys.executable, "-m", "gamsa.cli", "shell", "-c",
            "from gamsa.core.models import Throttle; print(*sorted(Throttle.objects.values_list('count', flat=True)))",
        ],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    counts = [int(n) for n in counted.stdout.decode().strip().splitlines()[-1].split()]
    assert counts == [limit, limit], counts  # the client's and the receipt's counters: reached, never passed
