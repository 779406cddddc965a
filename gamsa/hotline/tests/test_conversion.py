"""A report converted into an investigations Case: the case holds only what the handler chose to write; the
report's other content, its file name and the reporter's identity appear nowhere on the case's pages, the API,
the export, the event and access logs, the application log or the investigations tables. Events on both sides,
links both ways, each visible only to those its app allows. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.db import connection

from gamsa.conftest import verified_login
from gamsa.core.models import AccessLog, Event, OrgUnit
from gamsa.hotline import services as svc
from gamsa.hotline import vault
from gamsa.hotline.models import HandOver, IdentityEnvelope, Report, ReportKeyGrant
from gamsa.hotline.tests.conftest import new_report, private, unlock, user
from gamsa.hotline.tests.test_canary import upload
from gamsa.investigations import casefile
from gamsa.investigations.models import Case, CaseKeyGrant, Source

CHOSEN = "zqCHOSENsummary3318"
NOT_CHOSEN = "zqUNCHOSENanswer6604"
ID_NAME = "엄수련"
ID_PHONE = "010-5823-7719"
ID_EMAIL = "zqidentity.mail@example.kr"
FILE_NAME = "zqFILEnameConv4471.txt"
HIDDEN = [NOT_CHOSEN, ID_NAME, ID_PHONE, "58237719", ID_EMAIL, FILE_NAME, "zqFILEbody"]


def _report():
    report, _ = new_report(
        answers={"what": f"금품 수수 정황 {CHOSEN}", "who": f"건설과 주무관 {NOT_CHOSEN}"},
        identity={"name": ID_NAME, "phone": ID_PHONE, "email": ID_EMAIL},
        files=[upload(FILE_NAME, b"zqFILEbody evidence")],
    )
    return report


def _convert(report, **extra):
    data = {
        "investigator": user("investigator"),
        "title": "업무 관련 금품 수수 의혹",
        "summary": f"청렴톡 신고에 따른 조사. {CHOSEN}",
        "subject": {
            "name": "탁재현",
            "unit": OrgUnit.objects.get(name="건설과"),
            "grade": "6",
            "position": "주무관",
            "allegations": [{"type": "bribery", "act_date": dt.date(2026, 3, 2)}],
        },
        "note": f"인계 메모 {NOT_CHOSEN}",
    } | extra
    return svc.convert(user("head"), private("head"), report, **data)


def _state():
    return (
        Case.objects.count(),
        HandOver.objects.count(),
        sorted(ReportKeyGrant.objects.values_list("user__username", flat=True)),
        list(Report.objects.values_list("status", flat=True)),
    )


def test_identity_in_the_chosen_text_is_refused_and_nothing_changes(members):
    report = _report()
    before = _state()
    for summary in (f"신고자 {ID_NAME} 씨가 알림", f"연락처 010 5823 7719 {CHOSEN}"):
        with pytest.raises(svc.HotlineError, match="신고자 신원은 조사 사건으로 옮기지 않습니다"):
            _convert(report, summary=summary)
        assert _state() == before
    svc.assign(user("head"), private("head"), report, user("leader"))
    before = _state()
    with pytest.raises(svc.HotlineError, match="조사팀장 또는 감사담당관"):  # investigations' own rule
        svc.convert(
            user("leader"),  # the audit team's leader holds the report key but receives no investigation case
            private("leader"),
            report,
            investigator=user("investigator"),
            title="사건명",
            summary=CHOSEN,
            subject={},
        )
    assert _state() == before
    assert Case.objects.count() == 0 and HandOver.objects.count() == 0


def test_conversion_creates_the_case_with_events_and_links_on_both_sides(members):
    report = _report()
    hand_over = _convert(report)
    case = Case.objects.get()
    report.refresh_from_db()
    assert case.source == Source.HOTLINE and case.hotline_report == report
    assert hand_over.investigation_reference == case.case_number and not hand_over.identity_included
    assert report.status == Report.Status.CONVERTED and report.retain_until is not None
    assert CHOSEN in case.summary and NOT_CHOSEN not in case.summary
    assert case.assignments.get().investigator == user("investigator")
    received = Event.objects.get(verb="investigation.received", target_id=case.case_number)
    assert received.details["linked"] == report.case_number and received.details["source"] == "hotline"
    converted = Event.objects.get(verb="hotline.converted", target_id=report.case_number)
    assert converted.details["case"] == case.case_number
    # The investigator got the report key and the case-file key, never the identity key.
    assert ReportKeyGrant.objects.filter(report=report, user=user("investigator")).exists()
    assert CaseKeyGrant.objects.filter(case=case, user=user("investigator")).exists()
    envelope = IdentityEnvelope.objects.get(subject_id=str(report.public_id))
    with pytest.raises(vault.VaultError):
        vault.open_identity(user("investigator"), private("investigator"), envelope)
    casefile.case_private(case, user("investigator"), private("investigator"))


def _dump(prefixes) -> str:
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if not table.startswith(prefixes):
                continue
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (our own table names)
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, memoryview | bytes | bytearray):
                        parts.append(bytes(value).decode("utf-8", "replace"))
                    elif value is not None:
                        parts.append(str(value))
    return "\n".join(parts)


def _body(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode("utf-8", "replace")


def test_case_pages_api_and_logs_hold_nothing_unchosen_and_no_identity(members, client, caplog):
    caplog.set_level(logging.DEBUG)
    report = _report()
    _convert(report)
    case = Case.objects.get()
    c = case.case_number
    pages = [
        "/",
        "/investigations/",
        f"/investigations/{c}/",
        "/investigations/stats/",
        "/investigations/export.csv",
        "/api/v1/investigations/cases",
        f"/api/v1/investigations/cases/{c}",
        "/logs/events/",
        "/logs/access/",
        "/api/v1/events",
    ]
    seen_case = 0
    for username in ("head", "investigator"):
        client.logout()
        verified_login(client, user(username))
        unlock(client)
        for url in pages:
            text = _body(client.get(url))
            for needle in HIDDEN:
                assert needle not in text, (needle, url, username)
            if url == f"/investigations/{c}/":
                assert (
                    CHOSEN in text and 'data-testid="hotline-source"' in text and report.case_number in text
                )
                seen_case += 1
    assert seen_case == 2
    # The report page shows the link to the case (its own grant rule: head holds the intake grant).
    client.logout()
    verified_login(client, user("head"))
    unlock(client)
    detail = _body(client.get(f"/hotline-office/r/{report.public_id}/"))
    assert 'data-testid="case-link"' in detail and c in detail
    # Those investigations does not let open the case get 404, whatever they hold in the hotline.
    for username in ("leader", "auditor", "admin"):
        client.logout()
        verified_login(client, user(username))
        assert client.get(f"/investigations/{c}/").status_code == 404, username
    text = _dump(("investigations_", "core_event", "core_accesslog"))
    for needle in HIDDEN:
        assert needle not in text, needle
    for row in AccessLog.objects.all():
        assert NOT_CHOSEN not in str(row.fields) + row.reason + row.path
    for needle in HIDDEN:
        assert needle not in caplog.text, needle


def test_convert_and_revoke_pages_refuse_those_without_the_right_and_change_nothing(members, client):
    report = _report()
    svc.assign(user("head"), private("head"), report, user("leader"))
    svc.assign(user("head"), private("head"), report, user("investigator"))
    client.logout()
    verified_login(client, user("leader"))  # holds the report key; neither receives cases nor revokes grants
    unlock(client)
    before = _state()
    page = _body(client.get(f"/hotline-office/r/{report.public_id}/"))
    assert 'data-action="convert"' not in page and 'data-action="revoke"' not in page
    convert = client.post(
        f"/hotline-office/r/{report.public_id}/convert/",
        {"investigator": "investigator", "title": "t", "summary": CHOSEN},
    )
    revoke = client.post(
        f"/hotline-office/r/{report.public_id}/revoke/", {"holder": "investigator", "text": "재배정"}
    )
    assert convert.status_code == revoke.status_code == 403
    assert _state() == before
    client.logout()
    verified_login(client, user("head"))
    unlock(client)
    bad = client.post(
        f"/hotline-office/r/{report.public_id}/convert/",
        {"investigator": "investigator", "title": "금품 수수", "summary": f"신고자 {ID_NAME}의 제보"},
    )
    assert bad.status_code == 400 and _state() == before  # incomplete form: kept, nothing created
    assert f"신고자 {ID_NAME}의 제보" in _body(bad)
    done = client.post(
        f"/hotline-office/r/{report.public_id}/revoke/", {"holder": "investigator", "text": "재배정합니다"}
    )
    assert done.status_code == 302
    assert not ReportKeyGrant.objects.filter(report=report, user=user("investigator")).exists()
