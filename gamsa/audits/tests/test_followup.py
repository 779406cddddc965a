"""Follow-up by the audited unit through its own screen, verification by the team, reminders, the board."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gamsa.audits.models import Disposition, FollowUpReport
from gamsa.audits.services import plans as svc
from gamsa.audits.tests.helpers import engagement, finding_with, moment, png_bytes, user
from gamsa.core.models import Attachment, Event
from gamsa.core.work import desk

pytestmark = pytest.mark.django_db


def notified_disposition(notified_at=None):
    e = engagement(state="resulting", start=dt.date(2026, 6, 15))
    finding_with(e)
    svc.notify_result(user("leader"), e, notified_at=notified_at or moment(2026, 8, 3))
    return Disposition.objects.get(finding__engagement=e)


def test_department_reports_with_evidence_and_team_verifies(client, login, demo, isolated_settings):
    d = notified_disposition()
    login("liaison")
    page = client.get("/audits/my-unit/")
    assert page.status_code == 200 and "2026. 10. 6." in page.content.decode()
    response = client.post(
        f"/audits/dispositions/{d.public_id}/followup/",
        {
            "text": "부당 집행액 1,250,000원을 회수함",
            "recovered_amount": "1250000",
            "evidence": SimpleUploadedFile("영수증.png", png_bytes(), "image/png"),
        },
    )
    assert response.status_code == 302
    report = FollowUpReport.objects.get(disposition=d)
    attachment = Attachment.objects.get(owner_type="audits.followupreport", owner_id=str(report.public_id))
    assert client.get(f"/files/{attachment.public_id}/").status_code == 200
    d.refresh_from_db()
    assert d.status == "reported"
    client.logout()
    login("auditor")
    response = client.post(
        f"/audits/dispositions/{d.public_id}/followup/{report.public_id}/verify/",
        {"verdict": "returned", "note": ""},
    )
    assert response.status_code == 400 and "보완을 요구할 때는" in response.content.decode()
    response = client.post(
        f"/audits/dispositions/{d.public_id}/followup/{report.public_id}/verify/",
        {"verdict": "accepted", "note": "영수증 확인"},
    )
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.status == "done" and d.amount_recovered == 1_250_000


def test_bad_evidence_file_saves_nothing(client, login, demo, isolated_settings):
    d = notified_disposition()
    login("liaison")
    response = client.post(
        f"/audits/dispositions/{d.public_id}/followup/",
        {
            "text": "회수함",
            "recovered_amount": "0",
            "evidence": SimpleUploadedFile("영수증.pdf", b"MZ\x90\x00not a pdf", "application/pdf"),
        },
    )
    assert response.status_code == 400
    assert "회수함" in response.content.decode()  # the form keeps what was typed
    assert not FollowUpReport.objects.filter(disposition=d).exists()
    d.refresh_from_db()
    assert d.status == "open"


def test_returned_report_reopens_and_plan_keeps_it_open(demo):
    from gamsa.audits.services import findings as fsvc

    d = notified_disposition()
    r1 = fsvc.report_followup(user("liaison"), d, text="회수 예정")
    fsvc.verify_report(user("auditor"), r1, verdict="returned", note="영수증 첨부")
    d.refresh_from_db()
    assert d.status == "returned" and d.is_open
    r2 = fsvc.report_followup(user("liaison"), d, text="집행계획: 12월까지 회수", is_plan=True)
    fsvc.verify_report(user("auditor"), r2, verdict="plan_accepted")
    d.refresh_from_db()
    assert d.status == "open"


def test_overdue_board_reminder_and_desk(client, login, demo):
    d = notified_disposition()  # due 2026-10-06
    login("auditor")
    board = client.get("/audits/followups/").content.decode()
    assert "기한 지남" in board and d.finding.title in board
    assert client.post(f"/audits/dispositions/{d.public_id}/remind/", {"next": "board"}).status_code == 302
    d.refresh_from_db()
    assert d.reminder_count == 1
    assert Event.objects.filter(verb="disposition.reminded", target_id=str(d.public_id)).exists()
    team_desk = desk(user("auditor"), moment(2026, 11, 26))
    assert any(item.reference == d.finding.engagement.case_number for item in team_desk["overdue"])
    unit_desk = desk(user("liaison"), moment(2026, 11, 26))
    assert any("독촉 1회" in item.kind_label for item in unit_desk["overdue"])
    assert not desk(user("investigator"), moment(2026, 11, 26))["overdue"] or all(
        "감사" not in i.kind_label for i in desk(user("investigator"), moment(2026, 11, 26))["overdue"]
    )


def test_reminder_before_due_is_refused(demo):
    from gamsa.audits.services import AuditError
    from gamsa.audits.services import findings as fsvc

    d = notified_disposition(notified_at=moment(2026, 11, 20))
    with pytest.raises(AuditError, match="기한이 지난"):
        fsvc.send_reminder(user("auditor"), d, now=moment(2026, 11, 26))


def test_reexamination_decided_by_someone_outside_the_team(demo):
    from gamsa.audits.services import AuditError
    from gamsa.audits.services import findings as fsvc
    from gamsa.audits.services import plans as plan_svc

    d = notified_disposition()
    plan_svc.add_member(user("leader"), d.finding.engagement, user=user("auditor"), kind="office")
    item = fsvc.file_reexamination(user("depthead"), d, grounds="금액 오류", filed_at=moment(2026, 8, 20))
    with pytest.raises(AuditError, match="제30조"):
        fsvc.decide_reexamination(user("auditor"), item, outcome="cancelled", note="인용")
    fsvc.decide_reexamination(user("leader"), item, outcome="cancelled", note="금액 산정 오류 인정")
    d.refresh_from_db()
    assert d.status == "cancelled"


def test_daily_reminder_command_reminds_once_a_week(demo):
    from io import StringIO

    from django.core.management import call_command

    d = notified_disposition()  # overdue since 2026-10-06
    out = StringIO()
    call_command("audit_reminders", stdout=out)
    call_command("audit_reminders", stdout=out)
    d.refresh_from_db()
    assert d.reminder_count == 1 and "독촉 1건" in out.getvalue()
    assert Event.objects.filter(verb="disposition.reminded", actor__isnull=True).count() == 1
