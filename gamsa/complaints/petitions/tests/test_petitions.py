"""Petitions (청원법) through the real services and views: clocks on concrete dates, repeats, objections,
the public form, the 청원심의회 composition rule and who may do what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gamsa.complaints.models import BoardMeeting, BoardMember, Petition, PetitionObjection
from gamsa.complaints.petitions import services as svc
from gamsa.core.calendar import SEOUL
from gamsa.core.models import AccessLog, Event, User
from gamsa.core.work import desk

Status = Petition.Status


def at(y, m, d, hh=0, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=SEOUL)


def user(name):
    return User.objects.get(username=name)


PERSON = {"name": "김청원", "phone": "010-1234-5678", "address": "서울 영등포구 당산로 1"}


def new_petition(received=None, *, public=False, matter="system", person=None, **extra):
    data = {
        "title": "당산역 앞 자전거 보관대 확충 요청",
        "body": "당산역 2번 출구 앞 자전거 보관대가 부족하여 보도에 자전거가 방치되고 있습니다. 보관대를 늘려 주세요.",
        "petitioner": person or PERSON,
        "is_public_request": public,
        "matter": matter,
        "received_at": received or at(2026, 3, 2, 10),
    }
    data.update(extra)
    return svc.receive_petition(user("complaints"), **data)


def snapshot():
    return (
        list(Petition.objects.order_by("pk").values_list("status", "due_at", "extended", "result")),
        Event.objects.count(),
        PetitionObjection.objects.count(),
        BoardMember.objects.count(),
        BoardMeeting.objects.count(),
    )


# --- clocks --------------------------------------------------------------------------------------------------------


def test_ninety_days_ending_on_a_sunday_move_to_monday(demo):
    p = new_petition(at(2026, 3, 2, 10))
    assert p.case_number == "2026-000001" and p.status == Status.RECEIVED
    # 3.2 + 90 days = 5.31 (Sun) → 6.1 (Mon), 민법 제157조·제161조
    assert p.due_at == at(2026, 6, 1, 18)
    assert Event.objects.filter(verb="petition.received", target_id=p.case_number).count() == 1


def test_ninety_days_ending_on_election_day_move_to_the_next_day(demo):
    # 3.5 + 90 days = 6.3, the 지방선거일 (a public holiday)
    assert new_petition(at(2026, 3, 5, 10)).due_at == at(2026, 6, 4, 18)


def test_public_petition_excludes_decision_and_comment_windows(demo):
    p = new_petition(at(2026, 3, 2, 10), public=True)
    assert p.status == Status.DISCLOSURE_REVIEW
    assert svc.disclosure_due(p) == at(2026, 3, 17, 18)
    p = svc.decide_disclosure(user("complaints"), p, disclose=True, now=at(2026, 3, 10, 14))
    assert p.status == Status.PUBLIC_COMMENT and p.disclosed is True
    assert p.comment_until == at(2026, 4, 9, 18)  # 3.10 + 30 days
    assert p.due_at == at(2026, 7, 8, 18)  # 90 days counted after 4.9: 8 + 30 days excluded
    with pytest.raises(svc.PetitionError, match="의견 수렴 기간"):
        svc.decide(user("complaints"), p, result="수용합니다.", now=at(2026, 4, 1, 10))
    p = svc.decide(user("complaints"), p, result="보관대를 20대 늘리겠습니다.", now=at(2026, 4, 20, 10))
    assert p.status == Status.DECIDED


def test_not_disclosed_excludes_only_the_decision_period(demo):
    p = new_petition(at(2026, 3, 2, 10), public=True)
    with pytest.raises(svc.PetitionError, match="이유"):
        svc.decide_disclosure(user("complaints"), p, disclose=False, now=at(2026, 3, 10, 14))
    p = svc.decide_disclosure(
        user("complaints"), p, disclose=False, reason="개인 사생활 관련", now=at(2026, 3, 10, 14)
    )
    assert p.status == Status.UNDER_REVIEW and p.comment_until is None
    assert p.due_at == at(2026, 6, 8, 18)  # 3.10 + 90 days


def test_late_disclosure_decision_excludes_at_most_fifteen_days(demo):
    p = new_petition(at(2026, 3, 2, 10), public=True)
    p = svc.decide_disclosure(user("complaints"), p, disclose=False, reason="부적합", now=at(2026, 3, 25, 10))
    assert p.due_at == at(2026, 6, 15, 18)  # counted from 3.17, the last day of the decision period
    assert Event.objects.get(verb="petition.disclosure_decided").details["late"] is True


def test_public_request_only_for_law_or_system_matters(demo):
    with pytest.raises(svc.PetitionError, match="제11조②"):
        new_petition(public=True, matter="relief")
    assert Petition.objects.count() == 0


def test_one_extension_of_at_most_sixty_days(client, demo, login):
    p = new_petition(at(2026, 3, 2, 10))
    login("complaints")
    url = f"/petitions/{p.case_number}/act/extend/"
    too_long = client.post(url, {"amount": 61, "reason": "관계 기관 협의"})
    assert too_long.status_code == 400 and "60일" in too_long.content.decode()
    assert client.post(url, {"amount": 60, "reason": "관계 기관 협의"}).status_code == 302
    p.refresh_from_db()
    assert p.extended and p.due_at == at(2026, 7, 31, 18)  # 6.1 + 60 days
    before = snapshot()
    again = client.post(url, {"amount": 10, "reason": "추가 검토"})
    html = again.content.decode()
    assert again.status_code == 400 and "제21조③" in html and "추가 검토" in html
    assert snapshot() == before


# --- results, repeats, objections ----------------------------------------------------------------------------------


def test_not_processed_with_article_6_reason(client, demo, login):
    p = new_petition()
    login("complaints")
    response = client.post(
        f"/petitions/{p.case_number}/act/not_process/", {"reason": "proceedings", "detail": ""}
    )
    assert response.status_code == 400
    response = client.post(
        f"/petitions/{p.case_number}/act/not_process/",
        {"reason": "proceedings", "detail": "행정심판이 진행 중입니다."},
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.status == Status.NOT_PROCESSED and "제6조제2호" in p.result and p.decided_at


def test_repeat_petition_is_proposed_and_closed_on_confirmation(client, demo, login):
    first = new_petition(at(2026, 3, 2, 10))
    second = new_petition(
        at(2026, 5, 4, 10),
        person={"name": "김 청원 님", "phone": "01012345678", "address": "당산로"},
        body="당산역 2번 출구 앞 자전거 보관대가 부족하여 보도에 자전거가 방치됩니다. 보관대를 늘려 주세요!",
    )
    other = new_petition(
        at(2026, 5, 5, 10), person={"name": "이다른", "phone": "010-9999-0000", "address": "영등포"}
    )
    login("complaints")
    page = client.get(f"/petitions/{second.case_number}/")
    assert [c["petition"].case_number for c in page.context["candidates"]] == [first.case_number]
    assert (
        page.context["candidates"]
        and client.get(f"/petitions/{other.case_number}/").context["candidates"] == []
    )
    refused = client.post(f"/petitions/{other.case_number}/act/repeat/", {"original": first.case_number})
    assert refused.status_code == 400 and "같은 청원인" in refused.content.decode()
    assert (
        client.post(
            f"/petitions/{second.case_number}/act/repeat/", {"original": first.case_number}
        ).status_code
        == 302
    )
    second.refresh_from_db()
    assert second.status == Status.CLOSED_REPEAT and second.repeat_of_id == first.pk
    assert "제16조①" in second.result and first.case_number in second.result


def test_objection_within_thirty_days_decided_within_fifteen(demo):
    officer = user("complaints")
    p = new_petition(at(2026, 3, 2, 10))
    with pytest.raises(svc.PetitionError, match="제22조"):
        svc.file_objection(officer, p, reason="불복", filed_at=at(2026, 4, 1, 10))
    p = svc.decide(officer, p, result="불수용합니다. 예산 사정상 어렵습니다.", now=at(2026, 5, 1, 10))
    before = snapshot()
    with pytest.raises(svc.PetitionError, match="이의신청 기간이 지났습니다"):
        svc.file_objection(officer, p, reason="불복", filed_at=at(2026, 6, 2, 9))
    assert snapshot() == before
    # 5.1 + 30 days = 5.31 (Sun) → 6.1 (Mon): still in time on 6.1
    objection = svc.file_objection(officer, p, reason="다시 검토해 주세요.", filed_at=at(2026, 6, 1, 17))
    assert objection.due_at == at(2026, 6, 16, 18)
    with pytest.raises(svc.PetitionError, match="이미"):
        svc.file_objection(officer, p, reason="또", filed_at=at(2026, 6, 1, 17, 30))
    svc.decide_objection(officer, p, decision="기각합니다.", now=at(2026, 6, 10, 10))
    objection.refresh_from_db()
    assert objection.decided_at == at(2026, 6, 10, 10)
    assert Event.objects.get(verb="petition.objection_decided").details["on_time"] is True


def test_objection_after_the_processing_period_passes(demo):
    p = new_petition(at(2026, 3, 2, 10))
    objection = svc.file_objection(
        user("complaints"), p, reason="기한이 지났습니다.", filed_at=at(2026, 6, 3, 10)
    )
    assert objection.due_at == at(2026, 6, 18, 18)


# --- the public form -----------------------------------------------------------------------------------------------


PUBLIC = {
    "name": "박구민",
    "phone": "010-5555-6666",
    "address": "서울 영등포구 도림로 10",
    "matter": "system",
    "title": "도림천 산책로 야간 조명 설치",
    "body": "도림천 산책로가 밤에 어둡습니다. 조명을 설치해 주세요.",
    "agree": "on",
}


def test_public_form_files_and_shows_the_receipt(client, demo):
    response = client.post("/cheongwon/", PUBLIC)
    assert response.status_code == 302
    receipt = client.get(response["Location"])
    p = Petition.objects.get()
    html = receipt.content.decode()
    assert receipt.status_code == 200 and p.case_number in html and p.petitioner.name == "박구민"
    assert client.get("/cheongwon/receipt/").status_code == 302  # shown once


def test_public_form_keeps_input_on_error(client, demo):
    missing_agree = client.post("/cheongwon/", PUBLIC | {"agree": ""})
    html = missing_agree.content.decode()
    assert (
        missing_agree.status_code == 400
        and "동의해야" in html
        and 'value="박구민"' in html
        and "조명을 설치해 주세요" in html
    )
    wrong_matter = client.post("/cheongwon/", PUBLIC | {"matter": "relief", "is_public_request": "on"})
    html = wrong_matter.content.decode()
    assert wrong_matter.status_code == 400 and "공개청원은" in html and "도림천 산책로 야간 조명 설치" in html
    rrn = client.post("/cheongwon/", PUBLIC | {"body": "제 번호는 900101-1234567 입니다"})
    assert rrn.status_code == 400 and "주민등록번호" in rrn.content.decode()
    assert Petition.objects.count() == 0


# --- staff pages and roles -----------------------------------------------------------------------------------------


def test_staff_intake_and_detail_log_personal_data(client, demo, login):
    login("complaints")
    response = client.post(
        "/petitions/new/",
        {**{k: v for k, v in PUBLIC.items() if k != "agree"}, "received_at": "2026-03-02T10:00"},
    )
    assert response.status_code == 302
    p = Petition.objects.get()
    assert p.due_at == at(2026, 6, 1, 18)
    page = client.get(f"/petitions/{p.case_number}/")
    assert page.status_code == 200 and "박구민" in page.content.decode()
    assert AccessLog.objects.filter(target_id=p.case_number).count() == 1
    bad = client.post("/petitions/new/", {**PUBLIC, "title": ""})
    assert bad.status_code == 400 and 'value="박구민"' in bad.content.decode()


@pytest.mark.parametrize(
    "username, read, write",
    [
        ("complaints", 200, 302),
        ("head", 200, 302),
        ("leader", 200, 403),
        ("auditor", 200, 403),
        ("council", 200, 403),
        ("liaison", 404, 404),
        ("depthead", 404, 404),
        ("citizen", 404, 404),
    ],
)
def test_roles_and_actions(client, demo, login, username, read, write):
    p = new_petition()
    login(username)
    for url in ("/petitions/", f"/petitions/{p.case_number}/", "/petitions/board/"):
        assert client.get(url).status_code == read, url
    page = client.get(f"/petitions/{p.case_number}/")
    if read == 200 and username not in ("complaints", "head"):
        assert "김청원" not in page.content.decode()  # personal data: the complaint team only
    before = snapshot()
    posts = [
        (f"/petitions/{p.case_number}/act/decide/", {"result": "수용합니다."}),
        (
            "/petitions/board/members/add/",
            {
                "name": "홍위원",
                "affiliation": "변호사",
                "is_outside": "on",
                "term_start": "2026-01-01",
                "term_end": "2027-12-31",
            },
        ),
        ("/petitions/new/", {**PUBLIC}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == write, url
    if write != 302:
        assert snapshot() == before
    else:
        assert Petition.objects.get(pk=p.pk).status == Status.DECIDED


def test_anonymous_is_sent_to_login(client, demo):
    p = new_petition()
    assert client.get(f"/petitions/{p.case_number}/").status_code == 302
    before = snapshot()
    assert client.post(f"/petitions/{p.case_number}/act/decide/", {"result": "x"}).status_code == 302
    assert snapshot() == before


def test_work_desk_and_navigation(client, demo, login):
    p = new_petition(at(2026, 3, 2, 10))
    items = desk(user("complaints"), at(2026, 3, 3, 9))
    assert any(i.reference == p.case_number and i.due_at == at(2026, 6, 1, 18) for i in items["assigned"])
    assert desk(user("liaison"), at(2026, 3, 3, 9))["assigned"] == [] or all(
        i.kind_label != "청원" for i in desk(user("liaison"), at(2026, 3, 3, 9))["assigned"]
    )
    login("complaints")
    assert "/petitions/" in client.get("/").content.decode()


# --- 청원심의회 ---------------------------------------------------------------------------------------------------


def add_members(inside: int, outside: int, start=dt.date(2026, 1, 1)):
    officer = user("complaints")
    members = []
    for i in range(inside):
        members.append(
            svc.add_board_member(
                officer,
                name=f"내부{i}",
                affiliation="구청 국장",
                is_outside=False,
                is_chair=i == 0,
                term_start=start,
                term_end=dt.date(2027, 12, 31),
            )
        )
    for i in range(outside):
        members.append(
            svc.add_board_member(
                officer,
                name=f"외부{i}",
                affiliation="대학 교수",
                is_outside=True,
                is_chair=False,
                term_start=start,
                term_end=dt.date(2027, 12, 31),
            )
        )
    return members


def test_board_composition_is_checked_when_a_meeting_is_held(client, demo, login):
    members = add_members(3, 1)
    login("complaints")
    page = client.get("/petitions/board/")
    assert "5명 이상" in page.content.decode() and page.context["problems"]
    p = new_petition()
    data = {"held_on": "2026-03-20", "attendees": [m.pk for m in members], "petitions": [p.case_number]}
    before = snapshot()
    response = client.post("/petitions/board/meetings/new/", data)
    html = response.content.decode()
    assert response.status_code == 400 and "5명 이상" in html and "2분의 1" in html
    assert snapshot() == before
    members.append(
        svc.add_board_member(
            user("complaints"),
            name="외부9",
            affiliation="변호사",
            is_outside=True,
            is_chair=False,
            term_start=dt.date(2026, 1, 1),
            term_end=dt.date(2027, 12, 31),
        )
    )
    # 5 members, 2 outside: still fewer than half outside
    response = client.post("/petitions/board/meetings/new/", data | {"attendees": [m.pk for m in members]})
    assert response.status_code == 400 and "2분의 1" in response.content.decode()


def test_board_meeting_quorum_and_agenda(client, demo, login):
    members = add_members(2, 3)
    assert svc.board_problems(dt.date(2026, 3, 20)) == []
    p = new_petition()
    login("complaints")
    assert "board-warning" not in client.get("/petitions/board/").content.decode()
    few = client.post(
        "/petitions/board/meetings/new/",
        {"held_on": "2026-03-20", "attendees": [m.pk for m in members[:2]], "petitions": [p.case_number]},
    )
    assert few.status_code == 400 and "과반수" in few.content.decode()
    ok = client.post(
        "/petitions/board/meetings/new/",
        {
            "held_on": "2026-03-20",
            "attendees": [m.pk for m in members[:3]],
            "petitions": [p.case_number],
            "minutes": "원안 심의",
        },
    )
    assert ok.status_code == 302
    meeting = BoardMeeting.objects.get()
    assert list(meeting.petitions.all()) == [p]
    assert Petition.objects.get(pk=p.pk).status == Status.UNDER_REVIEW
    page = client.get("/petitions/board/meetings/2026-03-20/")
    assert page.status_code == 200 and p.case_number in page.content.decode()
    assert (
        client.post("/petitions/board/meetings/2026-03-20/minutes/", {"minutes": "수용 의견"}).status_code
        == 302
    )
    assert BoardMeeting.objects.get().minutes == "수용 의견"
    # an impossible date in the address is refused by the input-cleaning layer with its Korean 400
    assert client.get("/petitions/board/meetings/2026-13-40/").status_code == 400


def test_outside_member_term_is_two_years(demo):
    with pytest.raises(svc.PetitionError, match="2년"):
        svc.add_board_member(
            user("complaints"),
            name="외부",
            affiliation="교수",
            is_outside=True,
            is_chair=False,
            term_start=dt.date(2026, 1, 1),
            term_end=dt.date(2028, 1, 1),
        )
    assert BoardMember.objects.count() == 0


def test_disclosure_decision_through_the_page(client, demo, login):
    p = new_petition(timezone.now() - dt.timedelta(days=2), public=True)
    login("complaints")
    page = client.get(f"/petitions/{p.case_number}/")
    assert page.status_code == 200 and 'data-action="disclosure"' in page.content.decode()
    refused = client.post(f"/petitions/{p.case_number}/act/disclosure/", {"disclose": "no", "reason": ""})
    assert refused.status_code == 400 and "이유" in refused.content.decode()
    assert client.post(f"/petitions/{p.case_number}/act/disclosure/", {"disclose": "yes"}).status_code == 302
    p.refresh_from_db()
    assert p.status == Status.PUBLIC_COMMENT and p.comment_until and p.due_at > p.comment_until
    page = client.get(f"/petitions/{p.case_number}/")
    assert "수렴 중" in page.content.decode()
