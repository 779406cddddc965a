"""공익신고: the sealed identity never leaves the identity page, the 60-day and 10-day clocks, roles × actions."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from gamsa.complaints.models import DesignatedOfficer, PublicInterestReport, ReportNotice
from gamsa.complaints.reports import services as svc
from gamsa.core.calendar import SEOUL
from gamsa.core.models import AccessLog, Event, User
from gamsa.hotline import keys, vault
from gamsa.hotline.demo import DEMO_PASSPHRASE
from gamsa.hotline.models import IdentityEnvelope, Member

NAME = "차은비"
PHONE = "010-7391-2846"
EMAIL = "eunbi.cha@example.kr"
ADDRESS = "서울 영등포구 선유로 77"
SECRETS = [NAME, PHONE, PHONE.replace("-", ""), EMAIL, ADDRESS]
ALL_ROLES = [
    "complaints",
    "leader",
    "head",
    "admin",
    "council",
    "liaison",
    "depthead",
    "citizen",
    "auditor",
    "investigator",
    "patrol",
    "volunteer",
]


def at(y, m, d, hh=0, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=SEOUL)


def user(name):
    return User.objects.get(username=name)


def new_report(received=None, **extra):
    data = {
        "subject": "건축 안전",
        "summary": "○○건설 현장에서 안전난간 없이 고층 작업을 시키고 있습니다.",
        "identity": {"name": NAME, "phone": PHONE, "email": EMAIL, "address": ADDRESS},
        "received_at": received or at(2026, 3, 2, 10),
    }
    data.update(extra)
    return svc.receive_report(user("complaints"), **data)


@pytest.fixture(autouse=True)
def hotline_members(demo):
    """The demo's hotline members and keys: the head is the custodian of the identity vault."""
    from gamsa.hotline.demo import set_up_members

    return set_up_members()


def hotline_key(username):
    """Make `username` a hotline member with a key (the head is the demo custodian and has one already)."""
    person = user(username)
    Member.objects.get_or_create(user=person, defaults={"is_handler": True})
    if not hasattr(person, "hotline_keyring"):
        keys.set_up_key(person, DEMO_PASSPHRASE)
    return person


def approve_identity(report, username, days=7):
    """The officer asks with a reason; the custodian (head) approves with their unlocked key."""
    officer = hotline_key(username)
    req = svc.request_identity(officer, report, reason="사실관계 확인을 위해 신고자와 연락해야 합니다.")
    return vault.approve(user("head"), keys.open_private(user("head"), DEMO_PASSPHRASE), req, days=days)


def unlock(client):
    response = client.post("/hotline-office/key/", {"action": "unlock", "passphrase": DEMO_PASSPHRASE})
    assert response.status_code == 302, response.content.decode()[:500]


def snapshot():
    return (
        list(
            PublicInterestReport.objects.order_by("pk").values_list(
                "status", "result", "finished_at", "acrc_reported_at"
            )
        ),
        ReportNotice.objects.count(),
        DesignatedOfficer.objects.count(),
        IdentityEnvelope.objects.count(),
        Event.objects.count(),
    )


def assert_no_secret(text: str, where: str):
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} leaked in {where}"


def test_intake_over_http_seals_identity_and_sets_the_60_day_clock(client, login):
    login("complaints")
    response = client.post(
        "/complaints/reports/new/",
        {
            "received_at": "2026-03-02T10:00",
            "subject": "건축 안전",
            "summary": "현장에서 안전난간 없이 작업합니다.",
            "name": NAME,
            "phone": PHONE,
            "email": EMAIL,
            "address": ADDRESS,
        },
    )
    assert response.status_code == 302
    report = PublicInterestReport.objects.get()
    assert report.case_number == "PI-2026-000001"
    # 60 calendar days from 2 March end on Friday 1 May 2026 (노동절, a public holiday from 2026) → Monday 4 May.
    assert report.due_at == at(2026, 5, 4, 18)
    assert report.pseudonym.startswith("신고자-") and NAME not in report.pseudonym
    envelope = IdentityEnvelope.objects.get(subject_id=str(report.public_id))
    assert all(secret.encode() not in bytes(envelope.box) for secret in SECRETS)  # sealed, not stored plainly
    identity = vault.open_identity(user("head"), keys.open_private(user("head"), DEMO_PASSPHRASE), envelope)
    assert (identity["name"], identity["phone"]) == (NAME, PHONE)
    event = Event.objects.get(verb="report.received")
    assert_no_secret(str(event.details) + event.target_label, "the intake event")
    page = client.get(response["Location"]).content.decode()
    assert report.pseudonym in page
    assert_no_secret(page, "the case screen after intake")


def test_intake_refuses_identity_in_the_text_and_keeps_the_input(client, login):
    login("complaints")
    before = snapshot()
    response = client.post(
        "/complaints/reports/new/",
        {
            "subject": "환경",
            "summary": f"저 {NAME}은 공장 폐수 무단 방류를 신고합니다.",
            "name": NAME,
            "phone": PHONE,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "공익신고자 보호법 제12조" in html and "무단 방류" in html and f'value="{NAME}"' in html
    assert snapshot() == before


def test_the_whole_clock_notice_finish_and_acrc_report(client, login):
    report = new_report()
    login("complaints")
    base = f"/complaints/reports/{report.case_number}/act"
    assert client.post(f"{base}/investigate/", {"note": "현장 확인 예정"}).status_code == 302
    assert (
        client.post(f"{base}/notice/", {"text": "신고가 접수되어 조사 중임을 알립니다."}).status_code == 302
    )
    refused = client.post(f"{base}/notice/", {"text": f"{PHONE}로 연락드렸습니다."})
    assert refused.status_code == 400 and "제12조" in refused.content.decode()
    assert ReportNotice.objects.count() == 1
    svc.finish(user("complaints"), report, result="시정명령 및 과태료 부과", finished_at=at(2026, 7, 17, 16))
    report.refresh_from_db()
    assert report.status == svc.Status.DONE
    # 10 calendar days from Friday 17 July 2026 end on Monday 27 July (영 제11조②).
    assert report.acrc_report_due_at == at(2026, 7, 27, 18)
    page = client.get(f"/complaints/reports/{report.case_number}/")
    assert "2026. 7. 27.(월)" in page.content.decode()
    assert client.post(f"{base}/acrc/", {"reported_at": "2026-07-24T11:00"}).status_code == 302
    report.refresh_from_db()
    assert report.status == svc.Status.REPORTED and report.acrc_reported_at == at(2026, 7, 24, 11)
    assert client.post(f"{base}/acrc/", {}).status_code == 400  # only once


def test_finish_before_receipt_is_refused_and_nothing_changes(demo):
    report = new_report()
    before = snapshot()
    with pytest.raises(svc.ReportError):
        svc.finish(user("complaints"), report, result="결과", finished_at=at(2026, 3, 1, 9))
    assert snapshot() == before


def test_identity_appears_nowhere_but_the_designated_officers_identity_page(client, login, caplog):
    caplog.set_level(logging.DEBUG)
    report = new_report()
    svc.designate_officer(user("head"), user("complaints"), on=dt.date(2026, 3, 2))
    approve_identity(report, "complaints")
    svc.send_notice(user("complaints"), report, text="접수 사실을 통지했습니다.")
    svc.finish(
        user("complaints"), report, result="관계 법령에 따라 조치했습니다.", finished_at=at(2026, 4, 10, 15)
    )
    pages = [
        "/complaints/reports/",
        f"/complaints/reports/{report.case_number}/",
        "/complaints/reports/officers/",
        "/complaints/reports/export.csv",
        "/",
        "/logs/events/",
        "/logs/access/",
        "/logs/access/export/",
        "/complaints/protection/",
        "/complaints/taxpayer/",
    ]
    for role in ALL_ROLES:
        login(role)
        for url in pages:
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert_no_secret(body.decode("utf-8", "replace"), f"{url} as {role}")
        if role == "complaints":
            before_unlock = client.get(f"/complaints/reports/{report.case_number}/identity/")
            assert before_unlock.status_code == 200
            assert_no_secret(before_unlock.content.decode(), "the identity page before unlocking")
            unlock(client)
        identity = client.get(f"/complaints/reports/{report.case_number}/identity/")
        if role == "complaints":
            html = identity.content.decode()
            assert identity.status_code == 200 and NAME in html and PHONE in html
            assert identity["Cache-Control"] == "no-store"
        elif role == "head":  # the custodian holds the vault key but has no unlocked key in this session
            assert identity.status_code == 200
            assert_no_secret(identity.content.decode(), "the custodian's locked identity page")
        else:
            assert identity.status_code == 404, role
            assert_no_secret(identity.content.decode(), f"the refused identity page as {role}")
        client.logout()
    opened = AccessLog.objects.filter(target_id=report.case_number)
    assert opened.count() == 1 and opened.get().user.username == "complaints"
    assert opened.get().fields == svc.IDENTITY_FIELDS
    for row in AccessLog.objects.all():
        assert_no_secret(
            f"{row.target_label} {row.target_id} {row.fields} {row.reason} {row.path}", "the access log"
        )
    for event in Event.objects.all():
        assert_no_secret(f"{event.details} {event.target_label} {event.target_id}", f"event {event.verb}")
    assert_no_secret(caplog.text, "the application log")


def test_every_opening_of_the_identity_is_logged(client, login):
    report = new_report()
    svc.designate_officer(user("head"), user("complaints"))
    approve_identity(report, "complaints")
    login("complaints")
    unlock(client)
    for _ in range(3):
        assert client.get(f"/complaints/reports/{report.case_number}/identity/").status_code == 200
    rows = AccessLog.objects.filter(
        target_type="complaints.publicinterestreport", target_id=report.case_number
    )
    assert rows.count() == 3
    assert all(r.path.endswith("/identity/") for r in rows)


def test_custodian_reads_identities_and_sysadmin_never(client, login):
    report = new_report()
    url = f"/complaints/reports/{report.case_number}/identity/"
    login("leader")
    assert client.get(url).status_code == 404
    login("head")  # the custodian: reaches the page, reads it with the unlocked key (logged)
    assert NAME not in client.get(url).content.decode()
    unlock(client)
    assert NAME in client.get(url).content.decode()
    login("admin")
    assert client.get(url).status_code == 404
    # The system administrator runs the system but works no cases: the register is not theirs at all.
    assert (
        client.post("/complaints/reports/officers/designate/", {"officer": user("admin").pk}).status_code
        == 404
    )
    assert not DesignatedOfficer.objects.filter(user__username="admin").exists()


def test_designation_rules(client, login):
    login("head")
    refused = client.post("/complaints/reports/officers/designate/", {"officer": user("council").pk})
    assert refused.status_code == 400  # not offered: council viewers are not office staff
    with pytest.raises(svc.ReportError, match="감사담당관실 직원만"):
        svc.designate_officer(user("head"), user("liaison"))
    assert (
        client.post(
            "/complaints/reports/officers/designate/",
            {"officer": user("complaints").pk, "designated_on": "2026-03-03"},
        ).status_code
        == 302
    )
    designation = DesignatedOfficer.objects.get()
    assert designation.designated_on == dt.date(2026, 3, 3) and designation.designated_by == user("head")
    again = client.post("/complaints/reports/officers/designate/", {"officer": user("complaints").pk})
    assert again.status_code == 400 and "이미 지정된" in again.content.decode()
    report = new_report()
    revoke = f"/complaints/reports/officers/{user('complaints').public_id}/revoke/"
    assert client.post(revoke).status_code == 302
    assert not DesignatedOfficer.objects.exists()
    login("complaints")
    assert client.get(f"/complaints/reports/{report.case_number}/identity/").status_code == 404


WRITE_CASES = [
    ("new", lambda r: "/complaints/reports/new/", {"subject": "x", "summary": "y", "name": "가나다"}),
    ("investigate", lambda r: f"/complaints/reports/{r.case_number}/act/investigate/", {"note": ""}),
    ("notice", lambda r: f"/complaints/reports/{r.case_number}/act/notice/", {"text": "통지"}),
    ("finish", lambda r: f"/complaints/reports/{r.case_number}/act/finish/", {"result": "완료"}),
    ("designate", lambda r: "/complaints/reports/officers/designate/", {}),
]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("council", 403),
        ("liaison", 404),
        ("depthead", 404),
        ("citizen", 404),
        ("leader", 404),
        ("auditor", 404),
    ],
)
@pytest.mark.parametrize(("action", "url", "data"), WRITE_CASES)
def test_writes_refused_and_nothing_changes(client, login, role, expected, action, url, data):
    report = new_report()
    if action == "designate":
        data = {"officer": user("complaints").pk}
    before = snapshot()
    login(role)
    assert client.post(url(report), data).status_code == expected
    assert snapshot() == before


def test_complaint_officer_cannot_designate_and_reads_are_scoped(client, login):
    report = new_report()
    login("complaints")
    before = snapshot()
    assert (
        client.post("/complaints/reports/officers/designate/", {"officer": user("complaints").pk}).status_code
        == 403
    )
    assert snapshot() == before
    login("council")
    assert client.get(f"/complaints/reports/{report.case_number}/").status_code == 200
    assert client.get("/complaints/reports/new/").status_code == 403
    for role in ("liaison", "depthead", "citizen", "leader"):
        login(role)
        assert client.get("/complaints/reports/").status_code == 404
        assert client.get(f"/complaints/reports/{report.case_number}/").status_code == 404


def test_work_items_show_both_clocks(demo):
    from gamsa.complaints.reports.hooks import report_work

    open_report = new_report()
    done = new_report(received=at(2026, 6, 1, 9))
    svc.finish(user("complaints"), done, result="완료", finished_at=at(2026, 7, 17, 16))
    items = {i.reference: i for i in report_work(user("complaints"), at(2026, 7, 20, 9))}
    assert items[open_report.case_number].due_at == at(2026, 5, 4, 18)
    assert items[done.case_number].due_at == at(2026, 7, 27, 18)
    assert "권익위" in items[done.case_number].title
    assert report_work(user("council"), at(2026, 7, 20, 9)) == []
    assert all(NAME not in i.title for i in items.values())


def test_pages_render_for_the_team_and_the_menu_lists_them(client, login):
    report = new_report()
    login("complaints")
    for url in (
        "/complaints/reports/",
        "/complaints/reports/new/",
        f"/complaints/reports/{report.case_number}/",
        "/complaints/reports/officers/",
        "/complaints/reports/export.csv",
    ):
        assert client.get(url).status_code == 200, url
    home = client.get("/").content.decode()
    for label in ("공익신고", "납세자보호관", "특이민원·직원 보호"):
        assert label in home
    login("liaison")
    home = client.get("/").content.decode()
    assert "특이민원·직원 보호" in home and "/complaints/reports/" not in home


def test_csv_export_writes_a_typed_formula_as_text(client, login):
    import csv

    new_report(subject='=HYPERLINK("http://evil.example")')
    login("complaints")
    text = client.get("/complaints/reports/export.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    assert rows[1][2] == '\'=HYPERLINK("http://evil.example")'  # a spreadsheet shows it, never runs it
    assert NAME not in text  # and the sealed identity never leaves
