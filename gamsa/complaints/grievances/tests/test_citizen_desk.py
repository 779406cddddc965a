"""The citizen's side of a grievance: the printable 접수증, the receipt number and PIN sent by the chosen channel
(never logged, never resting in clear), the status page's steps, department and office phone, the remedy notice by
outcome, the satisfaction survey (the complainant only, once) and its place in the quarterly inspection."""

from __future__ import annotations

import logging

import pytest
from django.contrib.sessions.models import Session
from django.core import mail

from gamsa.complaints.grievances import inspection
from gamsa.complaints.grievances import services as svc
from gamsa.complaints.grievances.remedies import REMEDY_OUTCOMES
from gamsa.complaints.models import Answer, Extension, Grievance, SatisfactionSurvey
from gamsa.core.calendar import SEOUL
from gamsa.core.models import Event, OrgUnit, User
from gamsa.core.notices.models import Delivery, Kind
from gamsa.core.notices.tests.conftest import FakeSolapi
from gamsa.core.templatetags.krfmt import kdatetime

pytestmark = pytest.mark.django_db

PHONE = "010-2468-1357"
EMAIL = "citizen.park@example.org"
TITLE = "문래동 공원 가로등 고장"
UNIT_PHONE = "02-2670-3456"
HANDLER_MOBILE = "010-9999-8888"


@pytest.fixture
def demo(demo_module, db):
    return demo_module


@pytest.fixture(autouse=True)
def _isolated(isolated_settings):
    return isolated_settings


@pytest.fixture
def fake_solapi(settings):
    fake = FakeSolapi()
    settings.GAMSA_SMS_BACKEND = "solapi"
    settings.GAMSA_SOLAPI_BASE_URL = fake.url
    settings.GAMSA_SOLAPI_API_KEY = "NCSFAKEKEY0000001"
    settings.GAMSA_SOLAPI_API_SECRET = "FAKESECRET0000000000000000000001"
    settings.GAMSA_SMS_SENDER = "02-2670-3114"
    settings.GAMSA_KAKAO_PF_ID = ""
    yield fake
    fake.close()


def post_filing(client, capture, *, channel="email", title=TITLE):
    data = {
        "name": "박구민",
        "phone": PHONE,
        "email": EMAIL,
        "address": "서울 영등포구 문래로 20",
        "title": title,
        "body": "문래동 근린공원 가로등 세 개가 일주일째 꺼져 있습니다. 밤에 위험합니다.",
        "place_address": "문래로 20",
        "agree": "on",
        "notice-channel": channel,
        "notice-consent": "on",
    }
    with capture(execute=True):
        response = client.post("/minwon/", data)
    assert response.status_code == 302, response.content.decode()[:1500]
    return response


def file_and_read_receipt(client, capture, **kw) -> tuple[Grievance, str, object]:
    response = post_filing(client, capture, **kw)
    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    return receipt.context["g"], receipt.context["pin"], receipt


def lookup(client, g, pin):
    return client.post(
        "/minwon/status/", {"case_number": g.case_number, "pin": pin, "phone_tail": PHONE[-4:]}
    )


def handled(g: Grievance, *, outcome: str | None = None) -> Grievance:
    """Assigned to 건설과 with the liaison as handler, processing, extended once and (optionally) answered."""
    officer = User.objects.get(username="complaints")
    liaison = User.objects.get(username="liaison")
    construction = OrgUnit.objects.get(name="건설과")
    OrgUnit.objects.filter(pk=liaison.unit_id).update(phone=UNIT_PHONE)
    OrgUnit.objects.filter(pk=construction.pk).update(phone=UNIT_PHONE)
    User.objects.filter(pk=liaison.pk).update(phone=HANDLER_MOBILE)
    svc.assign(officer, g, department=construction, handler=liaison)
    svc.start_processing(liaison, g)
    svc.extend_deadline(
        liaison,
        g,
        reason=Extension.Reason.FACT_CHECK,
        reason_detail="한전과 합동 점검 일정이 필요합니다.",
        amount=3,
    )
    if outcome:
        refusing = outcome in (Answer.Outcome.REFUSED, Answer.Outcome.NOT_ACCEPTED)
        svc.answer(
            liaison,
            g,
            method=Answer.Method.ELECTRONIC,
            outcome=outcome,
            text="가로등 두 개는 교체했고, 나머지 하나는 내년 예산으로 교체하겠습니다.",
            reasons="올해 예산이 모두 집행되었습니다." if refusing or outcome == "partial" else "",
            remedies="건설과(02-2670-3456)로 문의하시면 절차를 안내해 드립니다." if refusing else "",
        )
    return Grievance.objects.get(pk=g.pk)


# --- 1. the printable 접수증 ------------------------------------------------------------------------------------------


def test_receipt_shows_what_the_citizen_needs_and_the_pin_only_once(
    client, demo, django_capture_on_commit_callbacks
):
    response = post_filing(client, django_capture_on_commit_callbacks)
    # Between the filing and the receipt page the session row holds the PIN sealed, never in clear.
    g = Grievance.objects.get(title=TITLE)
    stored = " ".join(str(s.get_decoded()) for s in Session.objects.all())
    assert g.case_number in stored and "sealed:" in stored
    receipt = client.get(response["Location"])
    pin = receipt.context["pin"]
    assert len(pin) == 8 and pin not in stored
    html = receipt.content.decode()
    for shown in (
        g.case_number,
        TITLE,
        kdatetime(g.received_at),
        kdatetime(g.due_at),
        pin,
        "처리 상황 조회 방법",
    ):
        assert shown in html
    assert "처리부서 지정 전" in html  # nobody assigned yet
    assert 'data-testid="receipt-sent-by">전자우편' in html
    # On paper the PIN row is hidden unless the citizen ticks the box (print.css rules scoped to the receipt).
    assert ".gamsa-receipt:has(#print-pin:not(:checked)) .gamsa-receipt-pin" in html
    assert "/static/gamsa/css/print.css" in html
    # The PIN is gone from the session: a reload goes to the status lookup.
    again = client.get("/minwon/receipt/")
    assert again.status_code == 302 and again["Location"] == "/minwon/status/"
    assert pin not in " ".join(str(s.get_decoded()) for s in Session.objects.all())


# --- 2. the receipt number and PIN by the chosen channel -------------------------------------------------------------


def test_pin_goes_by_email_and_is_never_logged_or_stored_in_clear(
    client, demo, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.DEBUG)
    g, pin, _ = file_and_read_receipt(client, django_capture_on_commit_callbacks, channel="email")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [EMAIL]
    assert g.case_number in message.body and f"확인번호: {pin}" in message.body
    delivery = Delivery.objects.get(target_id=g.case_number, kind=Kind.RECEIPT)
    assert delivery.status == "sent"
    assert pin not in delivery.body and "#{확인번호}" in delivery.body  # the stored text keeps the mark
    assert delivery.variables["확인번호"] == "(발송 후 삭제)"  # even the sealed copy is gone once sent
    assert pin not in str(delivery.variables)
    assert not any(pin in str(e.details) for e in Event.objects.filter(target_id=g.case_number))
    assert g.pin_hash and pin not in g.pin_hash
    assert caplog.records, "the filing and the send log something"
    assert not [r for r in caplog.records if pin in r.getMessage()]
    assert svc.check_pin(g, pin)


def test_pin_goes_by_sms_to_the_phone_given(
    client, demo, fake_solapi, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.DEBUG)
    g, pin, _ = file_and_read_receipt(client, django_capture_on_commit_callbacks, channel="sms")
    [sms] = fake_solapi.messages
    assert sms["to"] == "01024681357"
    assert g.case_number in sms["text"] and pin in sms["text"]
    assert not [r for r in caplog.records if pin in r.getMessage()]
    assert mail.outbox == []


def test_a_receipt_without_a_pin_sends_no_pin_line(demo, fake_solapi, django_capture_on_commit_callbacks):
    from gamsa.core.notices import services as notices

    officer = User.objects.get(username="complaints")
    with django_capture_on_commit_callbacks(execute=True):
        receipt = svc.receive_grievance(
            officer,
            channel="phone",
            kind="grievance",
            title="전화 접수 민원",
            body="전화로 받은 민원입니다.",
            complainant={"name": "최전화", "phone": "010-1212-3434"},
        )
        notices.record_choice(officer, receipt.grievance, channel="sms", consent=True, how="전화 확인")
    assert receipt.pin is None
    [sms] = fake_solapi.messages
    assert receipt.grievance.case_number in sms["text"] and "확인번호:" not in sms["text"]


# --- 3. the status page -------------------------------------------------------------------------------------------------


def test_status_shows_department_office_phone_and_each_steps_date(
    client, demo, django_capture_on_commit_callbacks
):
    g, pin, _ = file_and_read_receipt(client, django_capture_on_commit_callbacks)
    g = handled(g, outcome=Answer.Outcome.ACCEPTED)
    page = lookup(client, g, pin)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="status-department">건설과' in html
    assert UNIT_PHONE in html and HANDLER_MOBILE not in html  # the office phone, never the handler's own
    labels = [s.label for s in page.context["steps"]]
    assert labels == ["접수", "부서 배정", "처리 중", "처리기간 연장", "답변"]
    for step in page.context["steps"]:
        assert kdatetime(step.at) in html
    answered = Event.objects.get(verb="grievance.answered", target_id=g.case_number)
    assert page.context["steps"][-1].at == answered.at
    # The browser keeps the case open (its number only) for the survey and printing: a GET shows it again.
    again = client.get("/minwon/status/")
    assert again.context["g"].pk == g.pk
    assert pin not in " ".join(str(s.get_decoded()) for s in Session.objects.all())
    client.post("/minwon/status/end/")
    assert client.get("/minwon/status/").context["g"] is None


# --- 5. the remedy notice by outcome ---------------------------------------------------------------------------------


@pytest.mark.parametrize("outcome", [o.value for o in Answer.Outcome])
def test_remedy_notice_only_under_refusal_or_partial_acceptance(
    client, demo, django_capture_on_commit_callbacks, outcome
):
    g, pin, _ = file_and_read_receipt(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        g = handled(g, outcome=outcome)
    expected = outcome in REMEDY_OUTCOMES
    assert expected == (outcome in ("partial", "not_accepted", "refused"))
    status_html = lookup(client, g, pin).content.decode()
    assert ('data-testid="remedy-notice"' in status_html) is expected
    assert ("행정심판" in status_html and "행정소송" in status_html) is expected
    # The answer notice sent to the citizen says the same.
    answer_notice = Delivery.objects.get(target_id=g.case_number, kind=Kind.ANSWER)
    assert ("행정심판" in answer_notice.body) is expected
    assert "이의신청" not in answer_notice.body or expected
    # The staff case page (what the office prints) too.
    from gamsa.conftest import verified_login

    staff = verified_login(client.__class__(), User.objects.get(username="complaints"))
    detail = staff.get(f"/grievances/{g.case_number}/").content.decode()
    assert ('data-testid="remedy-notice"' in detail) is expected


# --- 4. the satisfaction survey --------------------------------------------------------------------------------------


def test_survey_once_by_the_complainant_only_and_in_the_inspection(
    client, demo, django_capture_on_commit_callbacks
):
    # The demo's own surveys (none for 건설과, which the demo never assigns) must not blur the figures below.
    assert not SatisfactionSurvey.objects.filter(department__name="건설과").exists()
    g, pin, _ = file_and_read_receipt(client, django_capture_on_commit_callbacks)
    g = handled(g)  # not answered yet: no survey
    page = lookup(client, g, pin)
    assert "survey_form" not in page.context
    assert client.post("/minwon/status/survey/", {"score": 5}).status_code == 400
    assert not SatisfactionSurvey.objects.filter(grievance=g).exists()

    liaison = User.objects.get(username="liaison")
    svc.answer(
        liaison, g, method="electronic", outcome="partial", text="일부만 교체했습니다.", reasons="예산 부족"
    )

    # Someone who has not unlocked the case with its PIN cannot rate it, whatever they post.
    stranger = client.__class__()
    refused = stranger.post("/minwon/status/survey/", {"score": 1, "case_number": g.case_number})
    assert refused.status_code == 404 and not SatisfactionSurvey.objects.filter(grievance=g).exists()

    page = lookup(client, g, pin)
    assert page.context["survey_form"] is not None and 'data-testid="survey-form"' in page.content.decode()
    bad = client.post("/minwon/status/survey/", {"score": 9, "comment": "좋아요"})
    assert bad.status_code == 400 and "목록에서 고르세요" in bad.content.decode()
    assert "좋아요" in bad.content.decode()  # what was typed stays
    assert not SatisfactionSurvey.objects.filter(grievance=g).exists()
    ok = client.post("/minwon/status/survey/", {"score": 4, "comment": "빨리 처리해 주셔서 고맙습니다."})
    assert ok.status_code == 302 and ok["Location"] == "/minwon/status/"
    survey = SatisfactionSurvey.objects.get(grievance=g)
    assert survey.score == 4 and survey.department.name == "건설과"
    event = Event.objects.get(verb="grievance.survey_submitted", target_id=g.case_number)
    assert event.details == {"score": 4, "with_comment": True}
    again = client.post("/minwon/status/survey/", {"score": 1})
    assert again.status_code == 400 and "이미 참여" in again.content.decode()
    assert SatisfactionSurvey.objects.get(grievance=g).score == 4
    assert 'data-testid="survey-done"' in client.get("/minwon/status/").content.decode()

    # A second complaint of the quarter, rated 2: 건설과 has 2 answers, average 3.00, 50.0% satisfied.
    g2, pin2, _ = file_and_read_receipt(client, django_capture_on_commit_callbacks, title="당산동 보도 파손")
    g2 = handled(g2, outcome="accepted")
    lookup(client, g2, pin2)
    assert client.post("/minwon/status/survey/", {"score": 2}).status_code == 302
    local = g.received_at.astimezone(SEOUL)
    data = inspection.report(local.year, (local.month - 1) // 3 + 1)
    [row] = [s for s in data["satisfaction"] if s.department == "건설과"]
    assert (row.answers, row.average, row.satisfied, row.satisfied_rate) == (2, 3.0, 1, 50.0)
    from gamsa.conftest import verified_login

    officer = verified_login(client.__class__(), User.objects.get(username="complaints"))
    html = officer.get(
        "/grievances-io/inspection/", {"year": local.year, "quarter": (local.month - 1) // 3 + 1}
    ).content.decode()
    assert 'data-testid="inspection-satisfaction"' in html
    assert "3.00점" in html and "50.0%" in html
    xlsx = inspection.write_xlsx(data)
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx))["민원인 만족도"]
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert ["건설과", 2, 3.0, 1, 50.0] in values


@pytest.mark.parametrize("outcome", ["partial", "accepted"])
def test_the_answer_document_carries_the_remedy_notice_only_for_partial_acceptance(
    client, demo, django_capture_on_commit_callbacks, tmp_path, outcome
):
    import subprocess

    from gamsa.complaints.grievances.approvals import draft_answer
    from gamsa.conftest import verified_login

    g, _, _ = file_and_read_receipt(client, django_capture_on_commit_callbacks)
    officer, liaison = User.objects.get(username="complaints"), User.objects.get(username="liaison")
    svc.assign(officer, g, department=OrgUnit.objects.get(name="건설과"))
    approval = draft_answer(
        liaison,
        g,
        method="electronic",
        outcome=outcome,
        text="자재를 치웠습니다.",
        reasons="가림막은 허가 조건",
    )
    assert ("행정심판" in approval.body) is (outcome == "partial")
    staff = verified_login(client.__class__(), liaison)
    response = staff.get(f"/approvals/{approval.public_id}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "answer.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "자재를 치웠습니다" in text
    assert ("행정심판" in text and "행정소송" in text) is (outcome == "partial")
