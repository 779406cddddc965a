"""납세자보호관: the district's 조례 clocks on concrete days, closing with measures, yearly figures, roles."""

from __future__ import annotations

import datetime as dt

import pytest

from gamsa.complaints.models import TaxpayerCase
from gamsa.complaints.taxpayer import services as svc
from gamsa.core.calendar import SEOUL
from gamsa.core.models import AccessLog, DeadlineRule, Event, User
from gamsa.core.services import update_deadline_rule


def at(y, m, d, hh=0, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=SEOUL)


def user(name):
    return User.objects.get(username=name)


def new_case(kind="grievance", received=None):
    return svc.receive_case(
        user("complaints"),
        kind=kind,
        tax_item="재산세",
        summary="재산세 과세표준이 잘못되었습니다.",
        taxpayer={"name": "남궁세진", "phone": "010-2468-1357", "address": "영등포구 문래로 5"},
        received_at=received or at(2026, 9, 21, 10),
    )


def snapshot():
    return list(
        TaxpayerCase.objects.order_by("pk").values_list("status", "measure", "closed_at")
    ), Event.objects.count()


def test_intake_over_http_uses_the_grievance_rule(client, login):
    login("complaints")
    response = client.post(
        "/complaints/taxpayer/new/",
        {
            "kind": "grievance",
            "received_at": "2026-09-21T10:00",
            "name": "남궁세진",
            "phone": "010-2468-1357",
            "tax_item": "재산세",
            "summary": "재산세 과세표준 산정이 잘못되었습니다.",
        },
    )
    assert response.status_code == 302
    case = TaxpayerCase.objects.get()
    assert case.case_number == "TX-2026-000001"
    # 14 working days: 추석 (24–26 Sept), the 개천절 substitute (5 Oct) and 한글날 (9 Oct) are skipped.
    assert case.due_at == at(2026, 10, 14, 18)
    assert Event.objects.filter(verb="taxpayer.received", target_id=case.case_number).count() == 1


def test_protection_request_uses_its_own_rule_and_consultations_have_none(demo):
    assert new_case("protection").due_at == at(2026, 10, 1, 18)  # 7 working days
    assert new_case("consultation").due_at is None


def test_the_rule_is_district_data(demo):
    rule = DeadlineRule.objects.get(kind="taxpayer_grievance")
    update_deadline_rule(None, rule, amount=10)
    assert new_case("grievance").due_at == at(2026, 10, 7, 18)  # 10 working days, first day counted


def test_close_with_measures(client, login):
    case = new_case()
    login("complaints")
    url = f"/complaints/taxpayer/{case.case_number}/close/"
    empty = client.post(url, {"measure": ""})
    assert empty.status_code == 400
    assert client.post(url, {"measure": "과세부서에 재산세 경정을 요구했습니다."}).status_code == 302
    case.refresh_from_db()
    assert case.status == "done" and "경정" in case.measure and case.closed_at
    assert client.post(url, {"measure": "다시"}).status_code == 400
    page = client.get(f"/complaints/taxpayer/{case.case_number}/").content.decode()
    assert "경정을 요구" in page


def test_bad_input_keeps_what_was_typed(client, login):
    login("complaints")
    response = client.post(
        "/complaints/taxpayer/new/",
        {"kind": "grievance", "name": "남궁세진", "phone": "abc", "summary": "취득세 감면 문의"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "연락처 형식" in html and "취득세 감면 문의" in html
    assert not TaxpayerCase.objects.exists()


def test_yearly_counts(client, login):
    for day in (2, 9, 16, 23, 30):
        new_case("consultation", received=at(2025, 6, day, 10))
    new_case("protection", received=at(2025, 7, 1, 10))
    new_case("grievance", received=at(2026, 1, 5, 10))
    assert svc.yearly_counts(2025) == {"protection": 1, "grievance": 0, "consultation": 5}
    login("council")
    page = client.get("/complaints/taxpayer/?year=2025").content.decode()
    assert "세무상담 <strong>5건</strong>" in page


def test_personal_data_is_logged_and_hidden_from_council(client, login):
    case = new_case()
    login("complaints")
    assert "남궁세진" in client.get(f"/complaints/taxpayer/{case.case_number}/").content.decode()
    assert AccessLog.objects.filter(target_id=case.case_number).count() == 1
    login("council")
    page = client.get(f"/complaints/taxpayer/{case.case_number}/").content.decode()
    assert "남궁세진" not in page and "010-2468-1357" not in page
    assert AccessLog.objects.filter(target_id=case.case_number).count() == 1


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("council", 403),
        ("liaison", 404),
        ("depthead", 404),
        ("citizen", 404),
        ("leader", 404),
    ],
)
def test_writes_refused_and_nothing_changes(client, login, role, expected):
    case = new_case()
    before = snapshot()
    login(role)
    assert (
        client.post(
            "/complaints/taxpayer/new/", {"kind": "grievance", "name": "가", "summary": "나"}
        ).status_code
        == expected
    )
    assert (
        client.post(f"/complaints/taxpayer/{case.case_number}/close/", {"measure": "조치"}).status_code
        == expected
    )
    assert snapshot() == before
    read = client.get("/complaints/taxpayer/")
    assert read.status_code == (200 if role == "council" else 404)


def test_office_head_manages_and_work_items(client, login):
    from gamsa.complaints.taxpayer.hooks import taxpayer_work

    case = new_case("protection")
    login("head")
    assert (
        client.post(
            f"/complaints/taxpayer/{case.case_number}/close/", {"measure": "세무조사 일시중지 요구"}
        ).status_code
        == 302
    )
    open_case = new_case("grievance")
    items = taxpayer_work(user("complaints"), at(2026, 10, 15, 9))
    assert [i.reference for i in items] == [open_case.case_number]
    assert items[0].due_at == at(2026, 10, 14, 18)
    assert taxpayer_work(user("liaison"), at(2026, 10, 15, 9)) == []
