"""The grievance workflow through the real views and services, with the legal clocks on concrete dates."""

from __future__ import annotations

import datetime as dt

import pytest

from gamsa.complaints.grievances import services as svc
from gamsa.complaints.models import Answer, Extension, Grievance, InternalClosureRequest, Status
from gamsa.core.calendar import SEOUL
from gamsa.core.models import AccessLog, Event, OrgUnit, User


def at(y, m, d, hh=0, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=SEOUL)


def user(name):
    return User.objects.get(username=name)


def new_grievance(received=None, **extra):
    data = {
        "channel": "phone",
        "kind": "grievance",
        "title": "당산로 123 앞 불법주차 단속 요청",
        "body": "매일 저녁 당산로 123 앞에 차량이 불법주차되어 통행이 어렵습니다. 단속해 주세요.",
        "complainant": {"name": "김민원", "phone": "010-1111-2222", "address": "서울 영등포구 당산로 123"},
        "place_address": "서울특별시 영등포구 당산로 123",
        "received_at": received or at(2026, 9, 23, 10),
    }
    data.update(extra)
    return svc.receive_grievance(user("complaints"), **data).grievance


@pytest.fixture
def construction(demo):
    return OrgUnit.objects.get(name="건설과")


def test_intake_computes_the_legal_clock_and_a_case_number(demo):
    g = new_grievance()
    assert g.case_number == "2026-000001"
    assert g.due_at == at(2026, 10, 6, 18)  # 추석 and the 개천절 substitute holiday skipped
    assert g.clock_method == "working_days"
    assert new_grievance().case_number == "2026-000002"
    assert Event.objects.filter(verb="grievance.received", target_id=g.case_number).count() == 1


def test_public_filing_receipt_and_status_with_pin(client, demo):
    response = client.post(
        "/minwon/",
        {
            "name": "이구민",
            "phone": "010-3333-4444",
            "address": "서울 영등포구 도림로 10",
            "title": "보도블록 파손",
            "body": "도림로 10 앞 보도블록이 깨져 넘어질 뻔했습니다.",
            "agree": "on",
        },
    )
    assert response.status_code == 302
    receipt = client.get(response["Location"])
    pin = receipt.context["pin"]
    g = receipt.context["g"]
    assert len(pin) == 8 and pin.isdigit() and g.pin_hash and pin not in g.pin_hash
    assert client.get("/minwon/receipt/").status_code == 302  # the PIN is shown once
    wrong = client.post(
        "/minwon/status/",
        {
            "case_number": g.case_number,
            "pin": "00000000" if pin != "00000000" else "11111111",
            "phone_tail": "4444",
        },
    )
    assert wrong.status_code == 400 and "맞지 않습니다" in wrong.content.decode()
    ok = client.post("/minwon/status/", {"case_number": g.case_number, "pin": pin, "phone_tail": "4444"})
    assert ok.status_code == 200 and ok.context["g"].pk == g.pk


def test_public_form_keeps_input_and_refuses_resident_numbers(client, demo):
    before = Grievance.objects.count()
    response = client.post(
        "/minwon/",
        {
            "name": "박구민",
            "phone": "010-5555-6666",
            "address": "영등포구",
            "title": "제 번호는 900101-1234567",
            "body": "내용입니다",
            "agree": "on",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "주민등록번호" in html and 'value="박구민"' in html
    assert Grievance.objects.count() == before


def test_assign_answer_and_citizen_sees_it(client, demo, construction, login):
    g = new_grievance()
    login("complaints")
    assert (
        client.post(f"/grievances/{g.case_number}/act/assign/", {"department": construction.pk}).status_code
        == 302
    )
    g.refresh_from_db()
    assert g.status == Status.ASSIGNED and g.department == construction
    client.logout()
    login("liaison")
    response = client.post(
        f"/grievances/{g.case_number}/act/answer/",
        {
            "method": "electronic",
            "outcome": "accepted",
            "text": "현장을 확인하고 단속했습니다.",
            "reasons": "",
            "remedies": "",
        },
    )
    assert response.status_code == 302
    g.refresh_from_db()
    assert g.status == Status.ASSIGNED and not g.answers.exists()  # a draft in 결재 (ADR 0021), not yet sent
    from gamsa.complaints.grievances.approvals import answer_approval
    from gamsa.core.approvals import services as approvals

    approval = answer_approval(g)
    approvals.approve(user("teamlead"), approval)  # 팀장 검토
    approvals.approve(user("depthead"), approval)  # 과장 결재
    g.refresh_from_db()
    assert g.status == Status.ANSWERED and g.answers.get().text.startswith("현장을")


def test_refusal_needs_reasons_and_remedies(demo, construction):
    g = new_grievance()
    svc.assign(user("complaints"), g, department=construction)
    with pytest.raises(svc.GrievanceError, match="구제 절차"):
        svc.answer(user("liaison"), g, method="document", outcome="refused", text="거부합니다.")
    g.refresh_from_db()
    assert g.status == Status.ASSIGNED and not Answer.objects.exists()


def test_forbidden_extension_reason_is_refused_and_nothing_changes(client, demo, construction, login):
    g = new_grievance()
    svc.assign(user("complaints"), g, department=construction)
    login("liaison")
    due = Grievance.objects.get(pk=g.pk).due_at
    events = Event.objects.count()
    response = client.post(
        f"/grievances/{g.case_number}/act/extend/",
        {
            "reason": "workload",
            "reason_detail": "처리할 민원이 많습니다",
            "amount": 3,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "시행령 제21조②" in html and "처리할 민원이 많습니다" in html  # the message and what was typed
    g.refresh_from_db()
    assert g.due_at == due and g.extension_count == 0
    assert not Extension.objects.exists() and Event.objects.count() == events


def test_extension_rules(demo, construction):
    g = new_grievance()
    svc.assign(user("complaints"), g, department=construction)
    liaison = user("liaison")
    with pytest.raises(svc.GrievanceError, match="당초 처리기간"):
        svc.extend_deadline(liaison, g, reason="fact_check", reason_detail="현장 확인", amount=8)
    first = svc.extend_deadline(liaison, g, reason="cooperation", reason_detail="도로과 협조 필요", amount=7)
    # 7 more working days from Tue 6 Oct 18:00: 7, 8, (9 한글날), 12, 13, 14, 15, 16 → Fri 16 Oct 18:00
    assert first.new_due_at == at(2026, 10, 16, 18)
    assert "시행령 제21조" in first.notice_text and "도로과 협조 필요" in first.notice_text
    with pytest.raises(svc.GrievanceError, match="동의"):
        svc.extend_deadline(liaison, g, reason="cooperation", reason_detail="추가 협조", amount=3)
    second = svc.extend_deadline(
        liaison,
        g,
        reason="cooperation",
        reason_detail="추가 협조",
        amount=3,
        consent=True,
        consent_note="2026. 10. 15. 전화로 동의",
    )
    assert second.number == 2
    with pytest.raises(svc.GrievanceError, match="두 번까지만"):
        svc.extend_deadline(
            liaison, g, reason="cooperation", reason_detail="또", amount=1, consent=True, consent_note="x"
        )


def test_supplement_pauses_the_clock(demo, construction):
    g = new_grievance(received=at(2026, 11, 23, 10))  # due Tue 1 Dec 18:00
    assert g.due_at == at(2026, 12, 1, 18)
    officer = user("complaints")
    svc.assign(officer, g, department=construction)
    svc.request_supplement(officer, g, reason="사진 자료 보완", now=at(2026, 11, 24, 11))
    g = svc.resume(officer, g, now=at(2026, 11, 27, 15))  # Wed, Thu, Fri not counted
    assert g.due_at == at(2026, 12, 4, 18)
    assert g.pauses.get().shifted_by == "근무일 3일"


def test_site_survey_limits(demo, construction):
    g = new_grievance()
    officer = user("complaints")
    svc.assign(officer, g, department=construction)
    with pytest.raises(svc.GrievanceError, match="14일"):
        svc.start_site_survey(officer, g, days=15, reason="현장")
    svc.start_site_survey(officer, g, days=14, reason="현장 측량")
    with pytest.raises(svc.GrievanceError, match="7일") as too_long:
        svc.extend_site_survey(officer, g, days=8, reason="더")
    svc.extend_site_survey(officer, g, days=7, reason="측량 지연")
    with pytest.raises(svc.GrievanceError, match="한 번만") as twice:
        svc.extend_site_survey(officer, g, days=1, reason="또")
    # The extension is 영 제17조④ 단서; ⑤ is the rule that the survey time is not counted.
    for error in (too_long, twice):
        assert "제17조④ 단서" in str(error.value) and "⑤" not in str(error.value)


def test_liaison_sees_only_its_department(client, demo, construction, login):
    mine = new_grievance()
    other = new_grievance(title="다른 부서 민원", body="공원 벤치가 부서졌습니다.")
    officer = user("complaints")
    svc.assign(officer, mine, department=construction)
    svc.assign(officer, other, department=OrgUnit.objects.get(name="공원녹지과"))
    login("liaison")
    listing = client.get("/grievances/")
    numbers = [g.case_number for g in listing.context["page"]]
    assert numbers == [mine.case_number]
    assert client.get(f"/grievances/{other.case_number}/").status_code == 404
    before = Grievance.objects.get(pk=other.pk).status
    assert client.post(f"/grievances/{other.case_number}/act/start/").status_code == 404
    assert Grievance.objects.get(pk=other.pk).status == before


def test_reading_a_case_logs_the_complainants_data(client, demo, construction, login):
    g = new_grievance()
    login("complaints")
    client.get(f"/grievances/{g.case_number}/")
    row = AccessLog.objects.get(target_id=g.case_number)
    assert "연락처" in row.fields and row.user.username == "complaints"
    client.logout()
    login("council")  # read-only: sees the case, not the person, and nothing is logged for it
    response = client.get(f"/grievances/{g.case_number}/")
    assert response.status_code == 200 and "010-1111-2222" not in response.content.decode()
    assert AccessLog.objects.filter(target_id=g.case_number).count() == 1
    assert (
        client.post(f"/grievances/{g.case_number}/act/assign/", {"department": construction.pk}).status_code
        == 403
    )


def test_refiled_grievance_returns_to_the_office_and_stays_visible_to_the_department(
    client, demo, construction, login
):
    g = new_grievance()
    officer = user("complaints")
    svc.assign(officer, g, department=construction)
    svc.answer(user("liaison"), g, method="document", outcome="explained", text="안내드립니다.")
    again = svc.refile(
        None, g, title="같은 민원 다시", body="답변에 만족하지 못해 다시 제출합니다.", channel="mayor_inbox"
    ).grievance
    assert again.status == Status.RECEIVED and again.department is None and again.reopened_from == g
    login("liaison")
    assert client.get(f"/grievances/{again.case_number}/").status_code == 200


def test_repeated_complaint_internal_closure(demo, construction):
    officer, liaison, head = user("complaints"), user("liaison"), user("depthead")
    cases = []
    for i, day in enumerate((5, 12, 19)):
        g = new_grievance(
            received=at(2026, 10, day, 10), body=f"당산로 123 불법주차 단속을 다시 요청합니다 ({i})."
        )
        svc.assign(officer, g, department=construction)
        cases.append(g)
    svc.answer(liaison, cases[0], method="document", outcome="explained", text="단속하였습니다.")
    with pytest.raises(svc.GrievanceError, match="요건"):
        svc.request_internal_closure(liaison, cases[2], reason="반복")
    for earlier in cases[:2]:
        svc.review_similarity(
            officer, cases[2], earlier, decision="confirmed", score=0.9, same_complainant=True
        )
    svc.answer(liaison, cases[1], method="document", outcome="explained", text="같은 답변입니다.")
    evidence = svc.repeat_evidence(cases[2])
    assert evidence["filings"] == 3 and evidence["answers"] == 2 and evidence["conditions_hold"]
    request = svc.request_internal_closure(liaison, cases[2], reason="같은 내용 3회, 2회 답변")
    svc.decide_internal_closure(head, request, approve=True)
    assert Grievance.objects.get(pk=cases[2].pk).status == Status.CLOSED_INTERNALLY
    assert InternalClosureRequest.objects.get().decision == "approved"


def test_multi_party_complaint_needs_the_committee_first(demo, construction):
    officer, liaison = user("complaints"), user("liaison")
    cases = [new_grievance(received=at(2026, 10, d, 10), households=12, signatories=30) for d in (5, 12, 19)]
    for g in cases:
        svc.assign(officer, g, department=construction)
    for g in cases[:2]:
        svc.answer(liaison, g, method="document", outcome="explained", text="안내")
        svc.review_similarity(officer, cases[2], g, decision="confirmed", score=0.9, same_complainant=True)
    with pytest.raises(svc.GrievanceError, match="민원조정위원회"):
        svc.request_internal_closure(liaison, cases[2], reason="반복")


def test_keyword_search_finds_two_syllable_words(client, demo, login):
    new_grievance()
    new_grievance(title="공원 소음", body="밤마다 공원에서 소음이 심합니다.", place_address="")
    login("complaints")
    found = [g.title for g in client.get("/grievances/", {"q": "주차"}).context["page"]]
    assert found == ["당산로 123 앞 불법주차 단속 요청"]
    assert [g.title for g in client.get("/grievances/", {"q": "소음이 심"}).context["page"]] == ["공원 소음"]
    assert list(client.get("/grievances/", {"q": "없는말"}).context["page"]) == []


def test_similar_candidates_are_proposed(demo):
    first = new_grievance(received=at(2026, 10, 5, 10))
    second = new_grievance(
        received=at(2026, 10, 20, 10),
        title="당산로 123 불법주차 또 신고합니다",
        body="당산로 123 앞 불법 주차 차량 때문에 지나다닐 수가 없습니다. 제발 단속 좀 해주세요.",
    )
    from gamsa.complaints.grievances.similarity import similar_grievances

    found = similar_grievances(second)
    assert found and found[0].grievance == first and found[0].same_complainant


def test_a_busy_place_does_not_hide_the_same_person_among_many_residents(demo, monkeypatch):
    """The same complainant is read through the person's own index, so a busy corner's neighbours (read through the
    place, at most PLACE_CANDIDATES of them) cannot push an older filing under a mistyped name out; the neighbours
    that are read are proposed as the same matter from other residents, labelled apart."""
    from gamsa.complaints.grievances import similarity

    monkeypatch.setattr(similarity, "PLACE_CANDIDATES", 3)  # a busy corner: more others than the place reads
    earlier = new_grievance(
        received=at(2026, 10, 2, 10), complainant={"name": "김민훤", "phone": "010-1111-2222"}
    )
    for n in range(5):
        new_grievance(
            received=at(2026, 10, 5 + n, 10), complainant={"name": f"이웃{n}", "phone": f"010-5555-000{n}"}
        )
    latest = new_grievance(received=at(2026, 10, 20, 10))
    found = similarity.similar_grievances(latest)
    mine = [c for c in found if c.same_complainant]
    assert [c.grievance for c in mine] == [earlier]  # same phone, the name typed differently: the same person
    others = [c for c in found if not c.same_complainant]
    assert len(others) == 3 and all(c.grievance.complainant.name.startswith("이웃") for c in others)
    assert all(c.kind_label == "같은 사안, 다른 민원인" for c in others)


def test_refile_from_the_case_screen(client, demo, construction, login):
    g = new_grievance()
    svc.assign(user("complaints"), g, department=construction)
    svc.answer(user("liaison"), g, method="document", outcome="explained", text="안내드립니다.")
    login("complaints")
    response = client.post(
        f"/grievances/{g.case_number}/act/refile/",
        {"channel": "visit", "title": "[재민원] 같은 내용", "body": "답변이 부족해 다시 냅니다."},
    )
    assert response.status_code == 302
    again = Grievance.objects.get(reopened_from=g)
    assert response["Location"].endswith(f"/grievances/{again.case_number}/")
    assert again.status == Status.RECEIVED and again.department is None


def test_filings_with_new_grounds_are_not_counted(demo, construction):
    officer, liaison = user("complaints"), user("liaison")
    cases = [new_grievance(received=at(2026, 10, d, 10)) for d in (5, 12, 19)]
    for g in cases:
        svc.assign(officer, g, department=construction)
    for g in cases[:2]:
        svc.answer(
            liaison,
            g,
            method="document",
            outcome="refused",
            text="불가합니다.",
            reasons="법령상 불가",
            remedies="행정심판 청구 가능",
        )
    svc.review_similarity(officer, cases[2], cases[0], decision="confirmed", score=0.9, same_complainant=True)
    svc.review_similarity(officer, cases[2], cases[1], decision="confirmed", score=0.9, same_complainant=True)
    assert svc.repeat_evidence(cases[2])["conditions_hold"]  # refusals are notified results too
    # The officer finds the third filing brings new grounds: it is not a repeat.
    svc.review_similarity(
        officer, cases[2], cases[0], decision="confirmed", score=0.9, same_complainant=True, new_grounds=True
    )
    evidence = svc.repeat_evidence(cases[2])
    assert evidence["filings"] == 2 and not evidence["conditions_hold"]


def test_progress_notice_falls_due_after_thirty_days(client, demo, construction, login):
    g = new_grievance(received=at(2026, 9, 1, 10))
    svc.assign(user("complaints"), g, department=construction)
    assert not svc.progress_notice_due(g, at(2026, 9, 30, 10))
    # 1 Sept + 30 days = Thu 1 Oct: due from that day.
    assert svc.progress_notice_due(g, at(2026, 10, 1, 9))
    svc.send_progress_notice(user("liaison"), g, text="현장 확인 중이며 10월 중 답변 예정입니다.")
    g.refresh_from_db()
    assert g.notices.filter(kind="progress").count() == 1
    g.last_progress_notice_at = at(2026, 10, 1, 9)  # as if sent that morning
    # The next one 30 days later: 31 Oct is a Saturday, so from Monday 2 Nov.
    assert not svc.progress_notice_due(g, at(2026, 10, 31, 12))
    assert svc.progress_notice_due(g, at(2026, 11, 2, 9))


def test_a_notice_asked_for_on_day_ten_does_not_move_the_next_required_one(demo, construction):
    # 영 제23조②: "민원이 접수된 날부터 30일이 지날 때마다". Received Tue 1 Sept 2026.
    g = new_grievance(received=at(2026, 9, 1, 10))
    svc.assign(user("complaints"), g, department=construction)
    g.last_progress_notice_at = at(2026, 9, 11, 15)  # sent on the complainant's request on day 10 (제23조①)
    assert not svc.progress_notice_due(g, at(2026, 9, 30, 17))
    # The 30-day mark is still Thu 1 Oct; counting from the notice would give 11 Oct.
    assert svc.progress_notice_due(g, at(2026, 10, 1, 9))
    status = svc.progress_notice_status(g, at(2026, 10, 1, 9))
    assert status.cycle.number == 1 and status.cycle.opens_on == dt.date(2026, 10, 1)
    assert status.next_cycle.deadline.due_at == at(2026, 11, 2, 18)  # 31 Oct is a Saturday


def test_a_late_first_notice_does_not_shift_the_later_ones(demo, construction):
    g = new_grievance(received=at(2026, 9, 1, 10))
    svc.assign(user("complaints"), g, department=construction)
    assert svc.progress_notice_due(g, at(2026, 10, 14, 9))  # the first one is late
    g.last_progress_notice_at = at(2026, 10, 15, 11)  # sent on day 44
    assert not svc.progress_notice_due(g, at(2026, 10, 16, 9))
    # The second falls due 60 days after receipt (Sat 31 Oct → Mon 2 Nov), not 30 days after the late one (14 Nov).
    assert not svc.progress_notice_due(g, at(2026, 10, 31, 12))
    assert svc.progress_notice_due(g, at(2026, 11, 2, 9))
    status = svc.progress_notice_status(g, at(2026, 11, 2, 9))
    assert status.cycle.number == 2 and status.cycle.opens_on == dt.date(2026, 10, 31)
    # A notice sent on Saturday 31 Oct, the 60th day itself, answers the second cycle.
    g.last_progress_notice_at = at(2026, 10, 31, 10)
    assert not svc.progress_notice_due(g, at(2026, 11, 2, 9))
    # The third: 90 days after receipt, Mon 30 Nov.
    assert not svc.progress_notice_due(g, at(2026, 11, 29, 12))
    assert svc.progress_notice_due(g, at(2026, 11, 30, 9))
    assert svc.progress_notice_status(g, at(2026, 11, 30, 9)).cycle.number == 3


def test_no_progress_notice_for_a_closed_complaint(demo, construction):
    g = new_grievance(received=at(2026, 9, 1, 10))
    svc.assign(user("complaints"), g, department=construction)
    Grievance.objects.filter(pk=g.pk).update(status=Status.CLOSED)
    g.refresh_from_db()
    assert not svc.progress_notice_due(g, at(2026, 10, 5, 9))
    assert svc.progress_notice_status(g, at(2026, 10, 5, 9)) is None


def test_detail_page_asks_for_the_notice_of_the_cycle_counted_from_receipt(client, demo, construction, login):
    from django.utils import timezone

    now = timezone.now()
    g = new_grievance(received=now - dt.timedelta(days=40))
    svc.assign(user("complaints"), g, department=construction)
    svc.send_progress_notice(user("complaints"), g, text="요청에 따라 진행상황을 알립니다.")
    Grievance.objects.filter(pk=g.pk).update(last_progress_notice_at=now - dt.timedelta(days=30))  # day 10
    login("complaints")
    page = client.get(f"/grievances/{g.case_number}/").content.decode()
    assert 'data-testid="progress-required"' in page
    assert "접수일부터 30일이 되었습니다" in page
    assert "영 제23조②" in page
    # Once the notice of this cycle is recorded, the warning goes away and the next date is shown.
    svc.send_progress_notice(user("complaints"), g, text="현장 확인 중입니다.")
    page = client.get(f"/grievances/{g.case_number}/").content.decode()
    assert 'data-testid="progress-required"' not in page
    assert 'data-testid="progress-next"' in page


def test_staff_intake_warns_about_earlier_similar_complaints(client, demo, login):
    new_grievance(received=at(2026, 10, 5, 10))
    login("complaints")
    response = client.post(
        "/grievances/new/",
        {
            "channel": "phone",
            "kind": "grievance",
            "name": "김민원",
            "phone": "010-1111-2222",
            "title": "당산로 123 불법주차 또 신고",
            "body": "당산로 123 앞 불법주차 차량 때문에 통행이 어렵습니다. 단속해 주세요.",
            "place_address": "서울특별시 영등포구 당산로 123",
            "households": 1,
            "signatories": 1,
        },
        follow=True,
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "비슷한 민원이 1건 있습니다(같은 민원인 1건, 같은 사안·다른 민원인 0건)" in text


def test_desk_list_marks_late_cases_red_and_answered_ones_green(client, demo, construction, login):
    late = new_grievance(received=at(2026, 1, 5, 10))  # open, its deadline long past
    done = new_grievance(title="가로등 고장", received=at(2026, 1, 6, 10))
    Grievance.objects.filter(pk=done.pk).update(status=Status.ANSWERED)
    login("complaints")
    html = client.get("/grievances/").content.decode()
    row = {g: html[html.index(f">{g.case_number}</a>") :].split("</tr>")[0] for g in (late, done)}
    assert 'bg-light-danger">접수</span>' in row[late]
    assert 'bg-light-success">답변완료</span>' in row[done]


def test_case_page_badge_has_the_lists_colours_and_says_when_the_case_is_late(
    client, demo, construction, login
):
    late = new_grievance(received=at(2026, 1, 5, 10))
    done = new_grievance(title="가로등 고장", received=at(2026, 1, 6, 10))
    Grievance.objects.filter(pk=done.pk).update(status=Status.ANSWERED)
    login("complaints")
    late_page = client.get(f"/grievances/{late.case_number}/").content.decode()
    assert 'class="krds-badge large bg-light-danger" data-testid="status">접수</span>' in late_page
    due = late_page[late_page.index('data-testid="due"') :].split("</dd>")[0]
    assert "지남)" in due and "기한 지남</span>" in due
    done_page = client.get(f"/grievances/{done.case_number}/").content.decode()
    assert 'class="krds-badge large bg-light-success" data-testid="status">답변완료</span>' in done_page
    assert "기한 지남</span>" not in done_page[done_page.index('data-testid="due"') :].split("</dd>")[0]


def test_department_filter_lists_new_departments_and_refuses_closed_ones(client, demo, construction, login):
    login("complaints")
    assert ">건설과</option>" in client.get("/grievances/").content.decode()
    construction.name = "도로건설과"
    construction.save()  # saving forgets the cached option list at once
    assert ">도로건설과</option>" in client.get("/grievances/").content.decode()
    OrgUnit.objects.filter(pk=construction.pk).update(name="몰래바뀐과")  # a write that skips save()
    html = client.get("/grievances/").content.decode()
    assert ">도로건설과</option>" in html and "몰래바뀐과" not in html  # the list is read once a minute
    OrgUnit.objects.filter(pk=construction.pk).update(active=False)
    response = client.get("/grievances/", {"department": construction.pk})
    assert response.context["form"].errors["department"]  # still listed for a minute, but refused
    assert list(response.context["page"]) == []


def test_desk_rows_escape_what_people_typed_and_link_any_case_number(client, demo, login):
    typed = new_grievance(title='<script>alert("x")</script> 가로등 & 보도')
    imported = new_grievance(title="가져온 민원")
    Grievance.objects.filter(pk=imported.pk).update(case_number="응답소-17")  # not the office's own form
    login("complaints")
    html = client.get("/grievances/").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 가로등 &amp; 보도" in html
    assert f'<a href="/grievances/{typed.case_number}/">{typed.case_number}</a>' in html
    assert (
        '<a href="/grievances/%EC%9D%91%EB%8B%B5%EC%86%8C-17/">응답소-17</a>' in html
    )  # reverse() quotes it
