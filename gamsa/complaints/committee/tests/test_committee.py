"""The 민원조정위원회 through the real services and views: seats, meetings, agenda by case number, decisions that
unlock internal closure of a 다수인관련민원, the yearly review (영 제38조의2) and who may do what."""

from __future__ import annotations

import datetime as dt

import pytest

from gamsa.complaints.committee import services as svc
from gamsa.complaints.grievances import services as gsvc
from gamsa.complaints.models import AgendaItem, CommitteeMeeting, CommitteeMember, Grievance
from gamsa.core.calendar import SEOUL
from gamsa.core.models import Event, OrgUnit, User

Seat = CommitteeMember.Seat


def at(y, m, d, hh=0, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=SEOUL)


def user(name):
    return User.objects.get(username=name)


def grievance(received=None, **extra):
    data = {
        "channel": "phone",
        "kind": "grievance",
        "title": "재개발 구역 소음 민원",
        "body": "공사장 소음이 너무 심합니다. 작업 시간을 지켜 주세요.",
        "complainant": {"name": "정다수", "phone": "010-7777-8888", "address": "서울 영등포구 신길로 5"},
        "received_at": received or at(2026, 10, 5, 10),
    }
    data.update(extra)
    return gsvc.receive_grievance(user("complaints"), **data).grievance


def seat_members(with_audit_head=True):
    officer = user("complaints")
    members = [
        svc.add_member(officer, name="박국장", seat=Seat.CHAIR, affiliation="행정국장"),
        svc.add_member(officer, name="최변호", seat=Seat.OUTSIDE_LEGAL, affiliation="변호사"),
    ]
    if with_audit_head:
        members.append(svc.add_member(officer, name="이감사", seat=Seat.AUDIT_HEAD, affiliation="감사담당관"))
    return members


def meeting(held_on=dt.date(2026, 10, 28), yearly=False):
    return svc.hold_meeting(
        user("complaints"),
        held_on=held_on,
        attendees=CommitteeMember.objects.filter(active=True),
        is_yearly_review=yearly,
    )


def snapshot():
    return (
        CommitteeMember.objects.filter(active=True).count(),
        CommitteeMeeting.objects.count(),
        list(AgendaItem.objects.order_by("pk").values_list("decision", "decision_text")),
        Event.objects.count(),
    )


@pytest.fixture
def construction(demo):
    return OrgUnit.objects.get(name="건설과")


def test_audit_head_seat_is_required_to_meet(client, demo, login):
    members = seat_members(with_audit_head=False)
    login("complaints")
    page = client.get("/committee/members/")
    assert page.status_code == 200 and "감사부서장" in page.context["warnings"][0]
    before = snapshot()
    refused = client.post(
        "/committee/meetings/new/",
        {"held_on": "2026-10-28", "attendees": [m.pk for m in members], "minutes": "첫 회의"},
    )
    html = refused.content.decode()
    assert refused.status_code == 400 and "감사부서장" in html and "첫 회의" in html
    assert snapshot() == before
    assert (
        client.post(
            "/committee/members/add/", {"name": "이감사", "seat": "audit_head", "affiliation": "감사담당관"}
        ).status_code
        == 302
    )
    ids = list(CommitteeMember.objects.values_list("pk", flat=True))
    ok = client.post("/committee/meetings/new/", {"held_on": "2026-10-28", "attendees": ids})
    assert ok.status_code == 302 and ok["Location"] == "/committee/meetings/2026-10-28/"
    assert client.get("/committee/members/").context["warnings"] == []
    again = client.post("/committee/meetings/new/", {"held_on": "2026-10-28", "attendees": ids})
    assert again.status_code == 400 and "이미 회의" in again.content.decode()


def test_second_chair_and_removal(demo):
    seat_members()
    with pytest.raises(svc.CommitteeError, match="위원장"):
        svc.add_member(user("complaints"), name="김국장", seat=Seat.CHAIR)
    head = CommitteeMember.objects.get(seat=Seat.AUDIT_HEAD)
    svc.deactivate_member(user("complaints"), head)
    assert svc.blocking_problems()
    with pytest.raises(svc.CommitteeError, match="감사부서장"):
        meeting()


def test_agenda_by_case_number_keeps_input_on_error(client, demo, login):
    seat_members()
    m = meeting()
    g = grievance(households=3, signatories=3)
    login("complaints")
    url = "/committee/meetings/2026-10-28/items/"
    unknown = client.post(
        url, {"case_number": "2026-999999", "topic": "repeated", "summary": "반복 제기 민원 대책"}
    )
    assert (
        unknown.status_code == 400
        and "2026-999999" in unknown.content.decode()
        and "반복 제기 민원 대책" in unknown.content.decode()
    )
    not_multi = client.post(
        url, {"case_number": g.case_number, "topic": "multi_party", "summary": "다수인 민원"}
    )
    assert not_multi.status_code == 400 and "다수인관련민원이 아닙니다" in not_multi.content.decode()
    assert AgendaItem.objects.count() == 0
    assert (
        client.post(
            url, {"case_number": g.case_number, "topic": "long_unresolved", "summary": "장기 미해결"}
        ).status_code
        == 302
    )
    duplicate = client.post(url, {"case_number": g.case_number, "topic": "repeated", "summary": "또"})
    assert duplicate.status_code == 400 and "이미" in duplicate.content.decode()
    item = AgendaItem.objects.get()
    assert item.meeting == m and item.grievance == g
    assert Event.objects.filter(verb="committee.item_added", target_id=g.case_number).exists()


def test_decision_rules(client, demo, login):
    seat_members()
    meeting()
    g = grievance()
    svc.add_agenda_item(
        user("complaints"), CommitteeMeeting.objects.get(), grievance=g, topic="repeated", summary="반복"
    )
    login("complaints")
    url = f"/committee/meetings/2026-10-28/items/{g.case_number}/decide/"
    amended = client.post(url, {"decision": "amended", "decision_text": ""})
    assert amended.status_code == 400 and "수정 의결이나 부결" in amended.content.decode()
    assert client.post(url, {"decision": "approved", "decision_text": "종결 처리에 동의"}).status_code == 302
    assert AgendaItem.objects.get().decision == "approved"
    again = client.post(url, {"decision": "rejected", "decision_text": "번복"})
    assert again.status_code == 400 and "이미 의결" in again.content.decode()
    assert AgendaItem.objects.get().decision == "approved"
    assert (
        client.post("/committee/meetings/2026-10-28/minutes/", {"minutes": "안건 1건 원안 의결"}).status_code
        == 302
    )
    assert CommitteeMeeting.objects.get().minutes == "안건 1건 원안 의결"


def test_committee_approval_lets_a_multi_party_grievance_be_closed(demo, construction):
    officer, liaison = user("complaints"), user("liaison")
    cases = [grievance(received=at(2026, 10, d, 10), households=12, signatories=30) for d in (5, 12, 19)]
    for g in cases:
        gsvc.assign(officer, g, department=construction)
    for g in cases[:2]:
        gsvc.answer(liaison, g, method="document", outcome="explained", text="안내")
        gsvc.review_similarity(officer, cases[2], g, decision="confirmed", score=0.9, same_complainant=True)
    with pytest.raises(gsvc.GrievanceError, match="민원조정위원회"):
        gsvc.request_internal_closure(liaison, cases[2], reason="반복")
    seat_members()
    item = svc.add_agenda_item(
        officer, meeting(), grievance=cases[2], topic="multi_party", summary="다수인 반복민원 종결"
    )
    svc.decide_item(officer, item, decision="rejected", decision_text="추가 설명 필요")
    with pytest.raises(gsvc.GrievanceError, match="민원조정위원회"):
        gsvc.request_internal_closure(liaison, cases[2], reason="반복")
    item2 = svc.add_agenda_item(
        officer, meeting(dt.date(2026, 11, 4)), grievance=cases[2], topic="multi_party", summary="재상정"
    )
    svc.decide_item(officer, item2, decision="amended", decision_text="설명회 후 종결")
    request = gsvc.request_internal_closure(liaison, cases[2], reason="반복, 위원회 수정 의결")
    assert request.pk and request.grievance_id == cases[2].pk


def test_yearly_review_lists_multi_party_and_refiled(client, demo, login, construction):
    officer, liaison = user("complaints"), user("liaison")
    many = grievance(received=at(2026, 4, 1, 10), households=5, signatories=5, title="다수인 소음")
    few = grievance(received=at(2026, 4, 2, 10), households=5, signatories=4, title="연명 부족")
    last_year = grievance(received=at(2025, 4, 1, 10), households=9, signatories=9, title="작년 다수인")
    original = grievance(received=at(2026, 2, 2, 10), title="가로등 고장")
    gsvc.assign(officer, original, department=construction)
    gsvc.answer(liaison, original, method="document", outcome="explained", text="수리했습니다.")
    gsvc.close(officer, original)
    again = gsvc.refile(
        None,
        Grievance.objects.get(pk=original.pk),
        title="가로등 고장 재민원",
        body="다시 고장났습니다.",
        channel="phone",
        received_at=at(2026, 5, 6, 10),
    ).grievance
    login("leader")  # office staff read the review
    page = client.get("/committee/review/?year=2026")
    assert page.status_code == 200
    multi = [g.case_number for g in page.context["multi_party"]]
    assert many.case_number in multi and few.case_number not in multi and last_year.case_number not in multi
    assert [g.case_number for g in page.context["refiled"]] == [again.case_number]
    assert "review-missing" in page.content.decode()
    seat_members()
    svc.add_agenda_item(
        officer,
        meeting(dt.date(2026, 11, 25), yearly=True),
        grievance=many,
        topic="multi_party",
        summary="연례 점검",
    )
    page = client.get("/committee/review/?year=2026")
    reviewed = {g.case_number: g.reviewed for g in page.context["multi_party"]}
    assert reviewed[many.case_number] is True and "review-missing" not in page.content.decode()
    assert client.get("/committee/review/?year=abc").status_code == 400


@pytest.mark.parametrize(
    "username, read, write",
    [
        ("complaints", 200, 302),
        ("head", 200, 302),
        ("leader", 200, 403),
        ("council", 200, 403),
        ("liaison", 404, 404),
        ("citizen", 404, 404),
    ],
)
def test_roles_and_actions(client, demo, login, username, read, write):
    seat_members()
    meeting()
    g = grievance()
    item = svc.add_agenda_item(
        user("complaints"), CommitteeMeeting.objects.get(), grievance=g, topic="repeated", summary="반복"
    )
    login(username)
    for url in (
        "/committee/",
        "/committee/members/",
        "/committee/review/",
        "/committee/meetings/2026-10-28/",
    ):
        assert client.get(url).status_code == read, url
    before = snapshot()
    posts = [
        (f"/committee/meetings/2026-10-28/items/{g.case_number}/decide/", {"decision": "approved"}),
        ("/committee/members/add/", {"name": "새위원", "seat": "related_head"}),
        (
            "/committee/meetings/new/",
            {"held_on": "2026-11-04", "attendees": [item.meeting.attendees.first().pk]},
        ),
        ("/committee/meetings/2026-10-28/minutes/", {"minutes": "회의록"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == write, url
    if write != 302:
        assert snapshot() == before
    else:
        assert AgendaItem.objects.get().decision == "approved" and CommitteeMeeting.objects.count() == 2


def test_navigation_entry(client, demo, login):
    login("complaints")
    assert "/committee/" in client.get("/").content.decode()
    login("liaison")
    assert "/committee/" not in client.get("/").content.decode()
