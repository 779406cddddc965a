"""Sealed case files: URL × role matrix (with a guard for uncovered URLs), nothing changed on denial, the grep
for a planted name and statement across every page, export, API answer and log, and the access-log rows."""

from __future__ import annotations

import logging

import pytest
from django.urls import get_resolver

from gamsa.core.models import AccessLog, Event
from gamsa.hotline.models import Keyring
from gamsa.investigations import services as svc
from gamsa.investigations.tests.helpers import (
    SECRETS,
    keyed,
    lead,
    other_investigator,
    planted_case,
    png,
    snapshot,
    unlock,
    user,
)

ROLES = [
    "head",
    "lead",
    "investigator",
    "other_investigator",
    "leader",
    "auditor",
    "complaints",
    "patrol",
    "liaison",
    "depthead",
    "council",
    "admin",
    "citizen",
    "volunteer",
]
OPENERS = {"head", "lead", "investigator"}  # the office head, the team leader, the assigned investigator
DESK = OPENERS | {"other_investigator"}


def account(role):
    return {"lead": lead, "other_investigator": other_investigator}.get(role, lambda: user(role))()


@pytest.fixture
def as_role(client, demo):
    from gamsa.conftest import verified_login

    def _as(role):
        client.logout()
        person = account(role)
        verified_login(client, person)
        if Keyring.objects.filter(user=person).exists():
            unlock(client)  # the staff key opens the sealed statements and evidence
        return client

    return _as


def body(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode("utf-8", "replace")


def urls_for(case, statement, evidence):
    c = case.case_number
    return {
        "list": ("/investigations/", DESK),
        "list_closed": ("/investigations/?status=closed", DESK),
        "create": ("/investigations/new/", {"head", "lead"}),
        "export": ("/investigations/export.csv", {"head", "lead"}),
        "stats": ("/investigations/stats/", DESK),
        "detail": (f"/investigations/{c}/", OPENERS),
        "add_subjects": (f"/investigations/{c}/subjects/new/", OPENERS),
        "statement": (f"/investigations/{c}/statements/{statement.public_id}/", OPENERS),
        "evidence": (f"/investigations/{c}/evidence/{evidence.public_id}/", OPENERS),
        "api_list": ("/api/v1/investigations/cases", DESK),
        "api_detail": (f"/api/v1/investigations/cases/{c}", OPENERS),
    }


def test_every_url_of_the_app_is_in_the_matrix():
    from gamsa.investigations.urls import urlpatterns

    names = {p.name for p in urlpatterns}
    assert get_resolver().resolve("/investigations/").url_name == "list"
    covered = {"list", "create", "export", "stats", "detail", "add_subjects", "statement", "evidence", "act"}
    assert names <= covered, f"URLs without a row in the access matrix: {names - covered}"


def test_get_matrix(client, as_role):
    keyed(other_investigator())  # a key of their own opens nothing of a case not theirs
    case = planted_case()
    statement = case.statements.get()
    evidence = svc.add_evidence(user("investigator"), case, data=png(), original_name="e.png")
    for name, (url, allowed) in urls_for(case, statement, evidence).items():
        for role in ROLES:
            as_role(role)
            status = client.get(url).status_code
            if role in allowed:
                assert status == 200, (name, role, status)
            elif name == "create" and role in DESK:
                assert status == 403, (name, role, status)
            elif name == "export" and role in DESK:
                assert status == 403, (name, role, status)
            else:
                assert status == 404, (name, role, status)


ACTIONS = [
    ("diary", {"on": "2026-03-05", "text": "일지"}, {"lead", "investigator"}),
    ("block", {"body": "criminal", "started_on": "2026-03-05"}, {"lead", "investigator"}),
    ("assign", {"on": "2026-03-05"}, {"head", "lead"}),
    ("close", {"on": "2026-03-05"}, {"head", "lead"}),
]


@pytest.mark.parametrize(("action", "data", "allowed"), ACTIONS)
def test_post_matrix_nothing_changes_on_denial(client, as_role, action, data, allowed):
    case = planted_case()
    url = f"/investigations/{case.case_number}/act/{action}/"
    for role in ROLES:
        as_role(role)
        before = snapshot()
        response = client.post(url, data)
        if role in allowed:
            assert response.status_code in (302, 400), (action, role, response.status_code)
        else:
            expected = 403 if role in OPENERS else 404
            assert response.status_code == expected, (action, role, response.status_code)
            assert snapshot() == before, (action, role)


def test_sealed_file_never_leaks(client, as_role, caplog):
    caplog.set_level(logging.DEBUG)
    case = planted_case()
    statement = case.statements.get()
    evidence = svc.add_evidence(user("investigator"), case, data=png(), original_name="e.png")
    svc.add_diary(user("investigator"), case, on=case.received_on, text="출석 요구")
    urls = urls_for(case, statement, evidence)
    opened = {urls[k][0] for k in ("detail", "statement", "api_detail")}  # the sealed file itself
    pages = [u for u, _ in urls.values()] + [
        "/",
        "/logs/events/",
        "/logs/access/",
        "/logs/access/export/",
        "/api/v1/events",
        "/complaints/reports/",
        "/teams/investigation/",
    ]
    for role in ROLES:
        as_role(role)
        for url in pages:
            response = client.get(url)
            text = body(response)
            if role in OPENERS and url in opened:
                continue  # those who may open the case see it (tested below, with its access-log rows)
            for secret in SECRETS:
                assert secret not in text, (secret, url, role)
    # the export is redacted even for those who may open the case
    as_role("head")
    export = body(client.get("/investigations/export.csv"))
    assert "탁○○" in export and "건설과" in export and "탁민재" not in export
    for row in AccessLog.objects.all():
        for secret in SECRETS:
            assert secret not in f"{row.target_label} {row.target_id} {row.fields} {row.reason} {row.path}"
    for event in Event.objects.all():
        for secret in SECRETS:
            assert secret not in f"{event.details} {event.target_label} {event.target_id}", event.verb
    for secret in SECRETS:
        assert secret not in caplog.text


def test_openers_see_the_file_and_every_opening_is_logged(client, as_role):
    case = planted_case()
    statement = case.statements.get()
    evidence = svc.add_evidence(user("investigator"), case, data=png(), original_name="e.png")
    as_role("investigator")
    assert "탁민재" in body(client.get(f"/investigations/{case.case_number}/"))
    assert "상품권 오십만원" in body(
        client.get(f"/investigations/{case.case_number}/statements/{statement.public_id}/")
    )
    download = client.get(f"/investigations/{case.case_number}/evidence/{evidence.public_id}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"\x89PNG")
    assert (
        client.get(f"/api/v1/investigations/cases/{case.case_number}").json()["subjects"][0]["name"]
        == "탁민재"
    )
    assert (
        AccessLog.objects.filter(
            target_type="investigations.case", target_id=case.case_number, action="view"
        ).count()
        == 1
    )
    assert (
        AccessLog.objects.filter(
            target_type="investigations.case", target_id=case.case_number, action="api"
        ).count()
        == 1
    )
    assert (
        AccessLog.objects.filter(
            target_type="investigations.statement", target_id=str(statement.public_id)
        ).count()
        == 1
    )
    assert (
        AccessLog.objects.filter(
            target_type="investigations.evidencefile", target_id=str(evidence.public_id), action="download"
        ).count()
        == 1
    )
    # refusals write no access-log row
    before = AccessLog.objects.count()
    as_role("admin")
    assert client.get(f"/investigations/{case.case_number}/").status_code == 404
    assert AccessLog.objects.count() == before


def test_home_desk_shows_the_limitation_in_red_under_60_days(client, as_role):
    import datetime as dt

    from gamsa.core.calendar import now

    today = now().date()
    act = today.replace(year=today.year - 5) + dt.timedelta(days=30)  # 금품 5 years → about 30 days left
    planted_case(act=act, received=today - dt.timedelta(days=1), start=False)
    as_role("investigator")
    html = body(client.get("/"))
    assert "징계시효" in html and 'data-testid="urgent"' in html
    as_role("auditor")
    assert "징계시효" not in body(client.get("/"))
