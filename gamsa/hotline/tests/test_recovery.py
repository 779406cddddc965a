"""The key-loss drill through HTTP (ADR 0023 "Recovery", hotline-security.md §7.3 (11)): a handler who lost both
their passphrase and their recovery code asks on the key page; the office head and the information security
officer (the demo's leader) each approve on the recovery page in their own session, each step recorded; the handler
unlocks with the new passphrase and reads their report again. A handler with no escrowed key gets the clear
"복구할 수 없습니다", and nothing is created."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gamsa.conftest import verified_login
from gamsa.core.models import Event
from gamsa.hotline import keys
from gamsa.hotline import services as svc
from gamsa.hotline.demo import DEMO_PASSPHRASE
from gamsa.hotline.models import Keyring, Member, RecoveryRequest
from gamsa.hotline.tests.conftest import ANSWERS, new_report, private, user

NEW = "brand new passphrase 2026"


def _as(client, username, passphrase=DEMO_PASSPHRASE):
    client.logout()
    verified_login(client, user(username))
    return client.post("/hotline-office/key/", {"action": "unlock", "passphrase": passphrase})


def _text(response) -> str:
    return response.content.decode()


def test_escrow_recovery_drill_two_holders_each_recorded(members, client):
    report, _ = new_report()
    svc.assign(user("head"), private("head"), report, user("investigator"))
    # The handler lost the passphrase and the recovery code.
    wrong = _as(client, "investigator", "forgotten passphrase")
    assert wrong.status_code == 400 and "청렴톡 암호가 맞지 않습니다" in _text(wrong)
    code = client.post(
        "/hotline-office/key/",
        {
            "action": "recover_code",
            "code-code": "0000-0000-0000",
            "code-passphrase": NEW,
            "code-passphrase2": NEW,
        },
    )
    assert code.status_code == 400 and "복구 코드가 맞지 않습니다" in _text(code)
    asked = client.post(
        "/hotline-office/key/", {"action": "recovery_ask", "ask-passphrase": NEW, "ask-passphrase2": NEW}
    )
    assert asked.status_code == 302
    req = RecoveryRequest.objects.get(user=user("investigator"))
    assert req.status == "pending" and "승인을 기다립니다" in _text(client.get("/hotline-office/key/"))
    # Holder 1, the office head, in their own session.
    client.logout()
    verified_login(client, user("head"))
    locked = client.post(f"/hotline-office/recovery/{req.public_id}/approve/")  # key not unlocked yet
    assert locked.status_code == 302
    req.refresh_from_db()
    assert req.first_by is None
    _as(client, "head")
    page = _text(client.get("/hotline-office/recovery/"))
    assert user("investigator").display_name in page and 'data-testid="requests"' in page
    assert client.post(f"/hotline-office/recovery/{req.public_id}/approve/").status_code == 302
    req.refresh_from_db()
    assert req.first_by == user("head") and req.status == "pending" and req.share_box
    client.post(f"/hotline-office/recovery/{req.public_id}/approve/")  # twice by one holder: nothing more
    req.refresh_from_db()
    assert req.second_by is None and req.status == "pending"
    # Holder 2, the information security officer (the demo's leader), in theirs.
    _as(client, "leader")
    assert client.post(f"/hotline-office/recovery/{req.public_id}/approve/").status_code == 302
    req.refresh_from_db()
    assert req.second_by == user("leader") and req.status == "ready" and not req.share_box
    steps = Event.objects.filter(verb="hotline.recovery_approved").order_by("id")
    assert [(e.actor.username, e.details["step"]) for e in steps] == [("head", 1), ("leader", 2)]
    # The handler unlocks with the new passphrase: recovered, and reads the report again.
    assert _as(client, "investigator", NEW).status_code == 302
    req.refresh_from_db()
    assert req.status == "done" and not req.result_box and not req.new_private_box
    recovered = Event.objects.get(verb="hotline.key_recovered")
    assert recovered.details["path"] == "escrow" and recovered.details["approved_by"] == ["head", "leader"]
    detail = client.get(f"/hotline-office/r/{report.public_id}/")
    assert detail.status_code == 200 and ANSWERS["what"] in _text(detail)
    assert _as(client, "investigator", DEMO_PASSPHRASE).status_code == 400  # the old passphrase is gone
    _as(client, "head")
    page = _text(client.get("/hotline-office/recovery/"))
    assert "열쇠 복구 승인(보관자)" in page and "1번째 승인" in page and "2번째 승인" in page


def test_no_recovery_path_gets_cannot_be_recovered_and_nothing_is_created(members, client):
    Member.objects.create(user=user("auditor"), is_handler=True)
    keys.set_up_key(user("auditor"), "auditor passphrase 1")
    Keyring.objects.filter(user=user("auditor")).update(recovery_box=None, escrow_box=None)
    for username in ("auditor", "leader"):
        # the auditor: neither code nor escrowed key (and the passphrase lost, so nothing unlocks to escrow it);
        # the leader: an escrow holder cannot be recovered by the escrow (it would need their own half)
        client.logout()
        verified_login(client, user(username))
        response = client.post(
            "/hotline-office/key/", {"action": "recovery_ask", "ask-passphrase": NEW, "ask-passphrase2": NEW}
        )
        assert response.status_code == 400, username
        assert keys.UNRECOVERABLE in _text(response) and 'data-testid="unrecoverable"' in _text(response)
    assert not RecoveryRequest.objects.exists()
    assert not Event.objects.filter(verb="hotline.recovery_requested").exists()
    page = _text(client.get("/hotline-office/key/"))
    assert "복구할 수 없습니다" in page


def test_only_holders_approve_and_requests_expire(members, client):
    from gamsa.hotline import recovery

    req = recovery.ask(user("investigator"), NEW)
    Member.objects.filter(user=user("investigator")).update(is_intake=True)  # still no holder
    _as(client, "investigator")
    assert client.post(f"/hotline-office/recovery/{req.public_id}/approve/").status_code == 404
    RecoveryRequest.objects.filter(pk=req.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    _as(client, "head")
    client.get("/hotline-office/recovery/")
    req.refresh_from_db()
    assert req.status == "cancelled" and not req.new_private_box
    assert Event.objects.filter(verb="hotline.recovery_cancelled", details__reason="expired").exists()
