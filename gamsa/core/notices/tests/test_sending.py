"""Notices reach people: through the public form's choice to a fake SOLAPI server and a real SMTP server, with
retries and backoff, statuses on the case page, staff preferences and nothing personal in the logs."""

from __future__ import annotations

import datetime as dt
import email
import logging
from email.policy import default as email_policy

import pytest
from django.utils import timezone

from gamsa.complaints.grievances import services as svc
from gamsa.complaints.models import Extension, Grievance
from gamsa.core.calendar import SEOUL, format_moment
from gamsa.core.models import OrgUnit, User
from gamsa.core.notices import services
from gamsa.core.notices.models import Channel, Delivery, Kind, Status

pytestmark = pytest.mark.django_db

PHONE = "010-3456-7890"
EMAIL = "citizen.kim@example.org"
NAME = "김민원"


@pytest.fixture(autouse=True)
def _isolated(isolated_settings):
    return isolated_settings


def file_online(
    client, capture, *, channel: str, consent: bool = True, email_address: str = EMAIL
) -> Grievance:
    data = {
        "name": NAME,
        "phone": PHONE,
        "email": email_address,
        "address": "서울 영등포구 당산로 41",
        "title": "당산로 보도블록 파손 방치",
        "body": "당산로 41 앞 보도블록이 두 달째 깨져 있습니다. 보수해 주세요.",
        "place_address": "당산로 41",
        "agree": "on",
        "notice-channel": channel,
    }
    if consent:
        data["notice-consent"] = "on"
    with capture(execute=True):
        response = client.post("/minwon/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Grievance.objects.get(title="당산로 보도블록 파손 방치")


def test_citizen_who_chose_sms_receives_receipt_extension_and_answer(
    client, demo, fake_solapi, django_capture_on_commit_callbacks
):
    g = file_online(client, django_capture_on_commit_callbacks, channel="sms")
    officer = User.objects.get(username="complaints")
    dept = OrgUnit.objects.get(name="건설과")
    with django_capture_on_commit_callbacks(execute=True):
        svc.assign(officer, g, department=dept)
        svc.extend_deadline(
            officer,
            g,
            reason=Extension.Reason.FACT_CHECK,
            reason_detail="현장 확인과 시공업체 일정 조율이 필요합니다.",
            amount=5,
        )
    with django_capture_on_commit_callbacks(execute=True):
        svc.answer(
            officer, g, method="sms", outcome="accepted", text="5월 20일까지 보도블록을 교체하겠습니다."
        )

    messages = fake_solapi.messages
    assert len(messages) == 3
    assert {m["to"] for m in messages} == {"01034567890"}
    assert all(m["from"] == "0226703114" for m in messages)
    assert all(r["auth"].startswith("HMAC-SHA256 ApiKey=NCSFAKEKEY0000001") for r in fake_solapi.requests)
    receipt, extension, answer = (m["text"] for m in messages)
    assert g.case_number in receipt and "접수되었습니다" in receipt and NAME in receipt
    assert "처리기간을 연장" in extension and "현장 확인과 시공업체 일정 조율" in extension
    g.refresh_from_db()
    assert format_moment(g.due_at) in extension
    assert "5월 20일까지 보도블록을 교체하겠습니다." in answer and "수용" in answer
    rows = list(Delivery.objects.filter(target_id=g.case_number).order_by("id"))
    assert [(d.kind, d.status, d.attempts) for d in rows] == [
        (Kind.RECEIPT, Status.SENT, 1),
        (Kind.EXTENSION, Status.SENT, 1),
        (Kind.ANSWER, Status.SENT, 1),
    ]
    assert rows[0].provider_message_id.startswith("M4FAKE")
    assert rows[0].recipient_masked == "010-****-7890"


def test_citizen_who_chose_email_gets_a_real_mail(
    client, demo, smtp_server, django_capture_on_commit_callbacks
):
    g = file_online(client, django_capture_on_commit_callbacks, channel="email")
    assert len(smtp_server.envelopes) == 1
    envelope = smtp_server.envelopes[0]
    assert envelope.rcpt_tos == [EMAIL]
    assert envelope.mail_from == "audit@ydp.example.go.kr"
    mail = email.message_from_bytes(envelope.original_content, policy=email_policy)
    assert "민원 접수 안내" in mail["Subject"]
    assert g.case_number in mail.get_content()
    delivery = Delivery.objects.get(target_id=g.case_number)
    assert delivery.status == Status.SENT and delivery.provider_message_id == mail["Message-ID"]
    assert delivery.recipient_masked == "c***@example.org"


def test_citizen_who_chose_none_or_refused_consent_gets_nothing(
    client, demo, fake_solapi, django_capture_on_commit_callbacks
):
    g = file_online(client, django_capture_on_commit_callbacks, channel="none", consent=False)
    assert fake_solapi.requests == []
    assert not Delivery.objects.filter(target_id=g.case_number).exists()


def test_sms_without_consent_keeps_the_form_and_files_nothing(client, demo, fake_solapi):
    before = Grievance.objects.count()
    response = client.post(
        "/minwon/",
        {
            "name": NAME, "phone": PHONE, "email": "", "address": "서울 영등포구", "title": "가로등 고장",
            "body": "가로등이 꺼졌습니다.", "agree": "on", "notice-channel": "email",
        },
    )  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert "동의해 주세요" in page and "가로등이 꺼졌습니다." in page
    assert Grievance.objects.count() == before


def test_failed_send_is_retried_with_backoff_then_shown_as_failed(
    client, login, demo, fake_solapi, django_capture_on_commit_callbacks, settings
):
    settings.GAMSA_NOTICE_MAX_ATTEMPTS = 4
    settings.GAMSA_NOTICE_RETRY_MINUTES = [1, 5, 25]
    fake_solapi.fail_next = 100
    g = file_online(client, django_capture_on_commit_callbacks, channel="sms")
    delivery = Delivery.objects.get(target_id=g.case_number)
    assert (delivery.status, delivery.attempts, delivery.last_error) == (Status.QUEUED, 1, "solapi:http5xx")
    first_try = delivery.claimed_at
    assert delivery.next_attempt_at == first_try + dt.timedelta(minutes=1)

    # Not yet due: nothing is sent.
    assert services.retry_due(now=first_try + dt.timedelta(seconds=59)) == {
        "sent": 0,
        "retrying": 0,
        "failed": 0,
    }
    assert len(fake_solapi.requests) == 1

    waits = []
    moment = delivery.next_attempt_at
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            services.retry_due(now=moment)
        delivery.refresh_from_db()
        if delivery.next_attempt_at:
            waits.append(delivery.next_attempt_at - moment)
            moment = delivery.next_attempt_at
    assert waits == [dt.timedelta(minutes=5), dt.timedelta(minutes=25)]
    assert (delivery.status, delivery.attempts) == (Status.FAILED, 4)
    assert len(fake_solapi.requests) == 4

    login("complaints")
    page = client.get(f"/grievances/{g.case_number}/").content.decode()
    assert 'data-testid="delivery-receipt" data-status="failed"' in page
    assert "발송 실패" in page and "실패 1건" in page
    panel = page[page.index('id="notices"') :]
    panel = panel[: panel.index("</section>")]
    assert (
        PHONE not in panel and "010-****-7890" in panel
    )  # the panel masks; the complainant card is access-logged

    # Fixed at the provider: staff send it again and it goes.
    fake_solapi.fail_next = 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/notices/{delivery.public_id}/resend/")
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == Status.SENT and len(fake_solapi.requests) == 5


def test_a_rejected_message_is_not_retried(client, demo, fake_solapi, django_capture_on_commit_callbacks):
    fake_solapi.fail_next, fake_solapi.fail_status = 1, 400
    g = file_online(client, django_capture_on_commit_callbacks, channel="kakao")
    delivery = Delivery.objects.get(target_id=g.case_number)
    # 4xx from SOLAPI: its errorCode is kept, and a too-many-requests answer is worth another try.
    assert delivery.last_error == "solapi:TooManyRequests" and delivery.status == Status.QUEUED
    # 알림톡 without a template code registered: sent as a text message (SMS/LMS), not as ATA.
    assert "kakaoOptions" not in fake_solapi.messages[0]


def test_nothing_personal_in_the_logs(
    client, demo, fake_solapi, smtp_server, django_capture_on_commit_callbacks, caplog
):
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # the test SMTP server's own log, not ours
    fake_solapi.fail_next = 1  # a failure's log line too
    caplog.set_level(logging.DEBUG)
    g = file_online(client, django_capture_on_commit_callbacks, channel="sms")
    officer = User.objects.get(username="complaints")
    with django_capture_on_commit_callbacks(execute=True):
        services.retry_due(now=timezone.now() + dt.timedelta(minutes=2))
        svc.assign(officer, g, department=OrgUnit.objects.get(name="건설과"))
        svc.answer(officer, g, method="sms", outcome="accepted", text="보도블록 교체 공사를 발주했습니다.")
    # and an e-mail
    services.record_choice(officer, g, channel=Channel.EMAIL, consent=True, how="전화 확인")
    with django_capture_on_commit_callbacks(execute=True):
        services.dispatch(Kind.ANSWER, "complaints.grievance", g.case_number)
    assert len(smtp_server.envelopes) == 1 and len(fake_solapi.requests) == 3
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "notice" in text  # the sends were logged…
    for secret in (PHONE, "01034567890", "3456-7890", EMAIL, NAME, "보도블록 교체 공사", "당산로 41"):
        assert secret not in text, secret  # …without who or what


def test_staff_preference_decides_how_findings_and_overdue_reminders_go(
    demo, fake_solapi, smtp_server, django_capture_on_commit_callbacks
):
    from gamsa.patrols.findings import services as findings
    from gamsa.patrols.models import FindingCategory

    liaison = User.objects.get(username="liaison")
    depthead = User.objects.get(username="depthead")
    liaison.phone, liaison.email = "010-5555-0001", "liaison@ydp.example.go.kr"
    liaison.save()
    services.set_preference(liaison, channel=Channel.SMS)
    services.set_preference(depthead, channel=Channel.NONE)
    # The demo 팀장 is a liaison of 건설과 too (approval lines); here they chose not to be notified.
    services.set_preference(User.objects.get(username="teamlead"), channel=Channel.NONE)
    patrol = User.objects.get(username="patrol")
    category = FindingCategory.objects.first()
    with django_capture_on_commit_callbacks(execute=True):
        finding = findings.create_finding(
            patrol, source="patrol", category=category, title="도림로 보도 파손", unit=liaison.unit or OrgUnit.objects.get(name="건설과"),
            requested_action="보수", scan_duplicates=False,
        )  # fmt: skip
    assert [m["to"] for m in fake_solapi.messages] == ["01055550001"]
    assert finding.case_number in fake_solapi.messages[0]["text"]
    assert smtp_server.envelopes == []

    # Overdue: the handler prefers e-mail (the default); once a day however often `remind` runs.
    officer = User.objects.get(username="complaints")
    officer.email = "officer@ydp.example.go.kr"
    officer.save()
    with django_capture_on_commit_callbacks(execute=True):
        receipt = svc.receive_grievance(
            officer, channel="phone", kind="grievance", title="기한 지난 민원", body="내용",
            complainant={"name": "박민원", "phone": "010-1111-2222"},
            received_at=dt.datetime(2027, 3, 2, 10, tzinfo=SEOUL),
        )  # fmt: skip
        svc.assign(officer, receipt.grievance, department=OrgUnit.objects.get(name="건설과"), handler=None)
        svc.start_processing(officer, receipt.grievance)
    now = dt.datetime(2027, 4, 6, 9, tzinfo=SEOUL)  # a Tuesday: reminders go out on working days only
    with django_capture_on_commit_callbacks(execute=True):
        first = services.remind_overdue(now=now)
        again = services.remind_overdue(now=now + dt.timedelta(hours=1))
    assert first >= 1 and again == 0
    number = receipt.grievance.case_number

    def reminders():
        found = []
        for e in smtp_server.envelopes:
            mail = email.message_from_bytes(e.original_content, policy=email_policy)
            if number in mail["Subject"]:
                found.append((e.rcpt_tos, mail["Subject"]))
        return found

    assert [
        (to, subject.endswith(f"감사담당관] 처리기한 지남 알림 ({number})")) for to, subject in reminders()
    ] == [(["officer@ydp.example.go.kr"], True)]
    with django_capture_on_commit_callbacks(execute=True):
        services.remind_overdue(now=now + dt.timedelta(days=1))
    assert len(reminders()) == 2
