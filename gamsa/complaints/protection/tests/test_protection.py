"""특이민원·직원 보호: dedicated handlers, incidents with 영 제4조 measures, staff requests, expert advice."""

from __future__ import annotations

import datetime as dt

import pytest

from gamsa.complaints.grievances import services as grievance_svc
from gamsa.complaints.models import AbuseIncident, Complainant, ExpertConsultation, ProtectionRequest
from gamsa.complaints.protection import services as svc
from gamsa.conftest import verified_login
from gamsa.core.calendar import SEOUL
from gamsa.core.models import AccessLog, Event, Membership, Role, User


def at(y, m, d, hh=0, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=SEOUL)


def user(name):
    return User.objects.get(username=name)


def complaint_team_leader():
    return Membership.objects.get(
        role=Role.TEAM_LEADER, unit__office_team="complaints", ended_on__isnull=True
    ).user


@pytest.fixture
def grievance(demo):
    return grievance_svc.receive_grievance(
        user("complaints"),
        channel="phone",
        kind="grievance",
        title="민원 처리 항의",
        body="담당자를 바꾸라고 요구합니다.",
        complainant={"name": "도민우", "phone": "010-5050-6060", "address": "영등포구 양평로 3"},
        received_at=at(2026, 4, 6, 10),
    ).grievance


def snapshot():
    return (
        list(Complainant.objects.order_by("pk").values_list("is_abusive", "dedicated_handler_id")),
        AbuseIncident.objects.count(),
        list(ProtectionRequest.objects.order_by("pk").values_list("status", "response")),
        ExpertConsultation.objects.count(),
        Event.objects.count(),
    )


def test_mark_abusive_with_a_director_as_handler(client, login, grievance):
    login("complaints")
    response = client.post(
        "/complaints/protection/mark/",
        {"case_number": grievance.case_number, "handler": user("depthead").pk, "reason": "반복 폭언"},
    )
    assert response.status_code == 302
    person = Complainant.objects.get(pk=grievance.complainant_id)
    assert person.is_abusive and person.dedicated_handler == user("depthead") and person.abusive_since
    assert Event.objects.filter(verb="complainant.marked_abusive").count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "도민우" in page and user("depthead").display_name in page
    assert AccessLog.objects.filter(
        target_type="complaints.complainant", target_id=str(person.public_id)
    ).exists()


@pytest.mark.parametrize("handler", ["complaints", "liaison", "auditor"])
def test_handler_must_be_a_team_leader_or_director(client, login, grievance, handler):
    login("complaints")
    before = snapshot()
    response = client.post(
        "/complaints/protection/mark/",
        {"case_number": grievance.case_number, "handler": user(handler).pk, "reason": "반복 폭언"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "팀장 또는 과장급 이상" in html and "반복 폭언" in html
    assert snapshot() == before


def test_team_leader_and_office_head_may_be_handlers(grievance):
    person = grievance.complainant
    svc.mark_abusive(user("complaints"), person, handler=complaint_team_leader(), reason="폭언")
    svc.mark_abusive(user("complaints"), person, handler=user("head"), reason="전담자 변경")
    person.refresh_from_db()
    assert person.dedicated_handler == user("head")
    svc.unmark_abusive(user("head"), person, reason="1년간 재발 없음")
    person.refresh_from_db()
    assert not person.is_abusive and person.dedicated_handler is None


def test_incident_shows_measures_with_item_numbers_and_the_exceeded_call(client, login, grievance, settings):
    settings.GAMSA_RECOMMENDED_CALL_MINUTES = 20
    person = grievance.complainant
    login("complaints")
    url = f"/complaints/protection/complainants/{person.public_id}/incident/"
    response = client.post(
        url,
        {
            "occurred_at": "2026-04-07T14:10",
            "kind": "long_call",
            "duration_minutes": "45",
            "description": "같은 요구를 45분간 반복하며 욕설",
            "measures": ["call_time", "end_call"],
            "staff_affected": user("complaints").pk,
            "grievance": grievance.case_number,
        },
    )
    assert response.status_code == 302
    incident = AbuseIncident.objects.get()
    assert incident.measures == ["call_time", "end_call"] and incident.grievance == grievance
    page = client.get(f"/complaints/protection/complainants/{person.public_id}/").content.decode()
    assert "권장 20분 25분 초과" in page
    assert "7. 권장 통화·면담 시간 안내" in page and "8. 통화·면담 종료(사유 고지 후)" in page
    short = client.post(
        url,
        {
            "occurred_at": "2026-04-08T10:00",
            "kind": "long_call",
            "duration_minutes": "15",
            "description": "짧은 통화",
            "measures": ["end_call"],
        },
    )
    assert short.status_code == 400 and "8호 나목" in short.content.decode()
    assert AbuseIncident.objects.count() == 1
    within = client.post(
        url,
        {
            "occurred_at": "2026-04-08T10:00",
            "kind": "verbal_abuse",
            "duration_minutes": "15",
            "description": "욕설",
            "measures": ["recording"],
        },
    )
    assert within.status_code == 302
    page = client.get(f"/complaints/protection/complainants/{person.public_id}/").content.decode()
    assert page.count('data-testid="exceeded"') == 1


def test_protection_request_is_seen_by_requester_team_leader_and_head_only(client, login, grievance):
    incident = svc.record_incident(
        user("complaints"),
        grievance.complainant,
        occurred_at=at(2026, 4, 7, 14),
        kind="threat",
        description="찾아가겠다는 협박",
        staff_affected=user("liaison"),
    )
    login("liaison")
    response = client.post(
        "/complaints/protection/requests/new/",
        {
            "incident": str(incident.pk),
            "measures": ["separation", "treatment"],
            "details": "담당자 분리와 상담을 요청합니다.",
        },
    )
    assert response.status_code == 302
    request = ProtectionRequest.objects.get()
    assert request.requested_by == user("liaison") and request.measures_requested == [
        "separation",
        "treatment",
    ]
    assert "담당자 분리와 상담" in client.get("/complaints/protection/requests/").content.decode()
    for role in ("depthead", "complaints", "auditor"):
        login(role)
        assert "담당자 분리와 상담" not in client.get("/complaints/protection/requests/").content.decode(), (
            role
        )
        before = snapshot()
        refused = client.post(
            "/complaints/protection/requests/decide/",
            {"request_id": request.pk, "grant": "1", "response": "조치"},
        )
        assert refused.status_code == 403 and snapshot() == before
    login("head")
    assert "담당자 분리와 상담" in client.get("/complaints/protection/requests/").content.decode()
    verified_login(client, complaint_team_leader())
    assert "담당자 분리와 상담" in client.get("/complaints/protection/requests/").content.decode()
    assert (
        client.post(
            "/complaints/protection/requests/decide/",
            {"request_id": request.pk, "grant": "1", "response": "업무 분장을 바꾸고 상담을 연계했습니다."},
        ).status_code
        == 302
    )
    request.refresh_from_db()
    assert request.status == "granted" and request.decided_by == complaint_team_leader()
    login("liaison")
    assert "업무 분장을 바꾸고" in client.get("/complaints/protection/requests/").content.decode()


def test_a_request_may_only_cite_the_requesters_own_incident(client, login, grievance):
    incident = svc.record_incident(
        user("complaints"),
        grievance.complainant,
        occurred_at=at(2026, 4, 7, 14),
        kind="threat",
        description="협박",
        staff_affected=user("complaints"),
    )
    with pytest.raises(svc.ProtectionError, match="본인이 피해"):
        svc.request_protection(user("liaison"), details="요청", incident=incident)
    login("liaison")
    response = client.post(
        "/complaints/protection/requests/new/", {"incident": str(incident.pk), "details": "요청"}
    )
    assert response.status_code == 400 and not ProtectionRequest.objects.exists()


def test_expert_consultations_linked_by_case_number(client, login, grievance):
    login("complaints")
    for day, kind, name in (
        (3, "lawyer", "김변호"),
        (5, "labour_attorney", "이노무"),
        (8, "lawyer", "김변호"),
        (11, "labour_attorney", "박노무"),
    ):
        response = client.post(
            "/complaints/protection/consultations/new/",
            {
                "expert_kind": kind,
                "expert_name": name,
                "consulted_on": f"2025-{day:02d}-15",
                "grievance_number": grievance.case_number,
                "question": "고소 가능 여부",
                "advice": "모욕죄 성립 가능",
                "fee": "300000",
            },
        )
        assert response.status_code == 302
    assert ExpertConsultation.objects.filter(consulted_on__year=2025).count() == 4
    page = client.get("/complaints/protection/consultations/?year=2025").content.decode()
    assert "2025년 자문 4건" in page and "변호사 2건" in page and "노무사 2건" in page
    assert f"/grievances/{grievance.case_number}/" in page and "300,000원" in page
    bad = client.post(
        "/complaints/protection/consultations/new/",
        {
            "expert_kind": "lawyer",
            "expert_name": "최변호",
            "consulted_on": "2025-12-01",
            "grievance_number": "2025-999999",
            "question": "질문",
            "advice": "답변",
            "fee": "0",
        },
    )
    assert (
        bad.status_code == 400 and "2025-999999" in bad.content.decode() and "최변호" in bad.content.decode()
    )
    assert ExpertConsultation.objects.count() == 4


@pytest.mark.parametrize(("role", "expected"), [("council", 403), ("citizen", 404), ("volunteer", 404)])
def test_register_writes_refused_and_nothing_changes(client, login, grievance, role, expected):
    person = grievance.complainant
    before = snapshot()
    login(role)
    posts = [
        (
            "/complaints/protection/mark/",
            {"case_number": grievance.case_number, "handler": user("depthead").pk, "reason": "r"},
        ),
        (
            f"/complaints/protection/complainants/{person.public_id}/incident/",
            {"occurred_at": "2026-04-07T14:10", "kind": "threat", "description": "d"},
        ),
        (f"/complaints/protection/complainants/{person.public_id}/unmark/", {"reason": "r"}),
        (
            "/complaints/protection/consultations/new/",
            {
                "expert_kind": "lawyer",
                "expert_name": "n",
                "consulted_on": "2025-01-01",
                "question": "q",
                "advice": "a",
            },
        ),
        ("/complaints/protection/requests/new/", {"details": "d"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == expected, url
    assert snapshot() == before


def test_department_staff_see_only_the_request_page(client, login, grievance):
    person = grievance.complainant
    svc.mark_abusive(user("complaints"), person, handler=user("depthead"), reason="폭언")
    for role in ("liaison", "depthead"):
        login(role)
        index = client.get("/complaints/protection/")
        assert index.status_code == 200 and "도민우" not in index.content.decode()
        assert client.get(f"/complaints/protection/complainants/{person.public_id}/").status_code == 404
        assert client.get("/complaints/protection/consultations/").status_code == 404
        before = snapshot()
        assert (
            client.post(
                "/complaints/protection/mark/",
                {"case_number": grievance.case_number, "handler": user("depthead").pk, "reason": "r"},
            ).status_code
            == 404
        )
        assert snapshot() == before
    login("council")
    page = client.get("/complaints/protection/").content.decode()
    assert "도민우" not in page and person.log_label in page
    detail = client.get(f"/complaints/protection/complainants/{person.public_id}/").content.decode()
    assert "도민우" not in detail and "010-5050-6060" not in detail
    login("citizen")
    assert client.get("/complaints/protection/").status_code == 404
