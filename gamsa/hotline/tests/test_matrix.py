"""Authorisation matrix: every hotline URL × (reporter with receipt, other receipt, assigned handler, unassigned
office staff, custodian, administrator, anonymous) × case state. Denials are 404 (outsiders) or 403 (read-only)
and change nothing: no key grant, message, request or status appears. A guard fails on an uncovered URL."""

from __future__ import annotations

import pytest
from django.urls import get_resolver

from gamsa.conftest import verified_login
from gamsa.hotline import keys
from gamsa.hotline import services as svc
from gamsa.hotline.demo import DEMO_PASSPHRASE
from gamsa.hotline.models import IdentityRequest, Member, Message, Report, ReportKeyGrant
from gamsa.hotline.tests.conftest import new_report, private, user

STATES = ["received", "in_progress", "closed"]
# role → (username or None, hotline member flags or None)
ROLES = {
    "handler": "investigator",  # assigned
    "unassigned": "leader",  # hotline member, no grant
    "staff": "auditor",  # office staff, not a member
    "custodian": "complaints",  # custodian member without a grant
    "admin": "admin",
    "anonymous": None,
}
OFFICE_REPORT_URLS = {
    "detail": ("get", "/hotline-office/r/{id}/", {}),
    "identity": ("get", "/hotline-office/r/{id}/identity/", {}),
    "download": ("get", "/hotline-office/r/{id}/files/{file}/", {}),
    "act": ("post", "/hotline-office/r/{id}/message/", {"text": "x"}),
}
OFFICE_PAGES = {
    "list": "/hotline-office/",
    "key": "/hotline-office/key/",
    "identity_queue": "/hotline-office/identity/",
    "stats": "/hotline-office/stats/",
    "recovery": "/hotline-office/recovery/",
}
# Who may open each page (200) — everyone else: 404 (or the login redirect when anonymous).
PAGE_ALLOWED = {
    "list": {"handler", "unassigned", "custodian"},
    "key": {"handler", "unassigned", "custodian"},
    "identity_queue": {"custodian"},
    "stats": {"unassigned", "admin"},  # the team leader and the administrator: counts only
    "recovery": {"unassigned"},  # the escrow holders (the demo's leader stands in for the security officer)
}
COVERED = (
    set(OFFICE_REPORT_URLS)
    | set(OFFICE_PAGES)
    | {
        "identity_decide",
        "identity_revoke",
        "recovery_act",
        "landing",
        "report",
        "mine",
    }
)


def test_every_hotline_url_is_in_the_matrix():
    names = set()
    for namespace in ("hotline", "hotline_office"):
        resolver = get_resolver().namespace_dict[namespace][1]
        names |= {p.name for p in resolver.url_patterns}
    assert names <= COVERED, f"URLs without a matrix row: {sorted(names - COVERED)}"


def _state(report, state):
    head = user("head")
    if state in ("in_progress", "closed"):
        svc.acknowledge(head, private("head"), report, "접수했습니다.")
    if state == "closed":
        svc.close(head, private("head"), report, "종결합니다.")


def _snapshot():
    return (
        sorted(ReportKeyGrant.objects.values_list("report_id", "user_id", "kind")),
        Message.objects.count(),
        IdentityRequest.objects.count(),
        sorted(Report.objects.values_list("pk", "status", "legal_hold")),
    )


@pytest.fixture
def world(members):
    complaints = user("complaints")
    Member.objects.create(user=complaints, is_handler=False, is_custodian=True)
    keys.set_up_key(complaints, DEMO_PASSPHRASE)
    return members


@pytest.mark.parametrize("state", STATES)
def test_office_urls_by_role_and_state(world, client, state):
    from gamsa.hotline.tests.test_canary import upload

    report, _ = new_report(
        identity={"name": "홍길순", "phone": "", "email": ""}, files=[upload("a.txt", b"abc")]
    )
    svc.assign(user("head"), private("head"), report, user("investigator"))
    _state(report, state)
    file_id = report.attachments.get().public_id
    for role, username in ROLES.items():
        client.logout()
        if username:
            verified_login(client, user(username))
            if keys.Keyring.objects.filter(user=user(username)).exists():
                client.post("/hotline-office/key/", {"action": "unlock", "passphrase": DEMO_PASSPHRASE})
        for name, (method, url, data) in OFFICE_REPORT_URLS.items():
            url = url.format(id=report.public_id, file=file_id)
            before = _snapshot()
            response = getattr(client, method)(url, data)
            if role == "handler":
                if name == "identity":  # a handler without an approval: refused with 403, no identity
                    assert response.status_code == 403, (state, name)
                    assert "홍길순" not in response.content.decode()
                elif name == "act":
                    assert response.status_code in (302, 400), (state, name)
                else:
                    assert response.status_code == 200, (state, name, response.status_code)
                continue
            expected = 302 if role == "anonymous" else 404
            assert response.status_code == expected, (role, state, name, response.status_code)
            assert _snapshot() == before, (role, state, name)
            assert not ReportKeyGrant.objects.filter(report=report, user__username=username).exists()
        for name, url in OFFICE_PAGES.items():
            response = client.get(url)
            if role == "anonymous":
                assert response.status_code == 302
            elif role in PAGE_ALLOWED[name]:
                assert response.status_code == 200, (role, name)
                assert "사적 심부름" not in response.content.decode()
            else:
                assert response.status_code == 404, (role, name, response.status_code)


def test_identity_decisions_only_by_custodians(world, client):
    report, _ = new_report(identity={"name": "홍길순", "phone": "", "email": ""})
    svc.assign(user("head"), private("head"), report, user("investigator"))
    req = svc.request_identity(user("investigator"), report, "보호조치 협의가 필요합니다.")
    for username in ("investigator", "leader", "auditor", "admin"):
        verified_login(client, user(username))
        before = (_snapshot(), list(IdentityRequest.objects.values_list("status", flat=True)))
        for url in (
            f"/hotline-office/identity/{req.public_id}/approve/",
            f"/hotline-office/identity/{req.public_id}/revoke/",
        ):
            assert client.post(url, {"days": 3}).status_code == 404, (username, url)
        assert (_snapshot(), list(IdentityRequest.objects.values_list("status", flat=True))) == before
    verified_login(client, user("complaints"))
    client.post("/hotline-office/key/", {"action": "unlock", "passphrase": DEMO_PASSPHRASE})
    # complaints is a custodian but holds no vault wrap yet (the head claimed the vault): refused, nothing granted.
    response = client.post(f"/hotline-office/identity/{req.public_id}/approve/", {"days": 3})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == "pending"
    verified_login(client, user("head"))
    client.post("/hotline-office/key/", {"action": "unlock", "passphrase": DEMO_PASSPHRASE})
    assert client.post(f"/hotline-office/identity/{req.public_id}/approve/", {"days": 3}).status_code == 302
    req.refresh_from_db()
    assert req.status == "approved"
    verified_login(client, user("investigator"))
    client.post("/hotline-office/key/", {"action": "unlock", "passphrase": DEMO_PASSPHRASE})
    assert "홍길순" in client.get(f"/hotline-office/r/{report.public_id}/identity/").content.decode()


def test_reporter_routes_by_receipt(world, client):
    mine, receipt = new_report()
    other, other_receipt = new_report(answers={"what": "다른 사람의 신고 내용입니다."})
    svc.acknowledge(user("head"), private("head"), mine, "내 신고 접수 확인")
    own = client.get("/api/v1/hotline/reports/mine", HTTP_X_HOTLINE_RECEIPT=receipt)
    assert own.status_code == 200 and own.json()["messages"][0]["text"] == "내 신고 접수 확인"
    foreign = client.get("/api/v1/hotline/reports/mine", HTTP_X_HOTLINE_RECEIPT=other_receipt)
    assert foreign.status_code == 200 and foreign.json()["messages"] == []  # the other report, not mine
    wrong = client.get(
        "/api/v1/hotline/reports/mine", HTTP_X_HOTLINE_RECEIPT=" ".join(reversed(receipt.split()))
    )
    unknown = client.get("/api/v1/hotline/reports/mine")
    assert wrong.status_code == unknown.status_code == 404 and wrong.json() == unknown.json()
    page = client.post("/hotline/mine/", {"receipt": other_receipt})
    assert (
        "다른 사람의 신고 내용" in page.content.decode() and "내 신고 접수 확인" not in page.content.decode()
    )
    # A staff session gives nothing on the reporter side, and a reporter token never opens the office side.
    token = page.context["token"]
    assert client.get(f"/hotline-office/r/{mine.public_id}/").status_code == 302
    forged = client.post("/hotline/mine/", {"token": token + "x", "action": "message", "text": "x"})
    assert forged.status_code == 400 and Message.objects.filter(report=other).count() == 0
    for url in ("/hotline/", "/hotline/report/abuse/", "/hotline/mine/"):
        assert client.get(url).status_code == 200
    assert client.get("/hotline/report/no-such/").status_code == 404


def test_recovery_approvals_only_by_escrow_holders(world, client):
    from gamsa.hotline import recovery
    from gamsa.hotline.models import RecoveryRequest

    req = recovery.ask(user("investigator"), "a new passphrase 2026")

    def state():
        row = RecoveryRequest.objects.get(pk=req.pk)
        return (row.status, row.first_by_id, row.second_by_id, bytes(row.share_box or b""))

    for role, username in ROLES.items():
        if role == "unassigned":
            continue  # a holder: tested last, it changes the request
        client.logout()
        if username:
            verified_login(client, user(username))
            if keys.Keyring.objects.filter(user=user(username)).exists():
                client.post("/hotline-office/key/", {"action": "unlock", "passphrase": DEMO_PASSPHRASE})
        before = state()
        for action in ("approve", "cancel"):
            response = client.post(f"/hotline-office/recovery/{req.public_id}/{action}/")
            assert response.status_code == (302 if role == "anonymous" else 404), (role, action)
            if role == "anonymous":
                assert "/login/" in response["Location"]
        assert state() == before, role
    verified_login(client, user("leader"))
    client.post("/hotline-office/key/", {"action": "unlock", "passphrase": DEMO_PASSPHRASE})
    assert client.post(f"/hotline-office/recovery/{req.public_id}/approve/").status_code == 302
    assert state()[1] == user("leader").pk
