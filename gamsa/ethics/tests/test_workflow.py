"""The ethics workflow through its services: the roster from the organisation data, filing clocks and
extensions, the review with its answer clocks and the committee's measures, 고지거부 with its re-examination
cycle, 취업제한, and the demo's 2025 shape."""

from __future__ import annotations

import pytest

from gamsa.core.models import Event
from gamsa.ethics.committee import services as committee
from gamsa.ethics.errors import Denied, EthicsError
from gamsa.ethics.models import Declarant, DisclosureRefusal, Filing, Restriction, Review, RosterProposal
from gamsa.ethics.refusals import services as refusals
from gamsa.ethics.registration import reviews
from gamsa.ethics.registration import services as roster
from gamsa.ethics.restrictions import services as restrictions
from gamsa.ethics.tests.helpers import (
    NAME,
    RELATIVE,
    D,
    application,
    declarant,
    meeting,
    members,
    officer,
    reviewed,
    snapshot,
    staff,
    unit,
    user,
)

pytestmark = pytest.mark.django_db


def test_the_organisation_data_proposes_and_the_officer_confirms(demo):
    roster.designate_unit(officer(), unit=unit("세무1과"), field="tax", effective_from=D("2019-01-01"))
    roster.designate_unit(
        officer(), unit=unit("부동산정보과"), field="real_estate", effective_from=D("2019-01-01")
    )
    tax6 = staff("tax6", grade="6", unit_name="세무1과", name="세무육급")
    staff("tax8", grade="8", unit_name="세무1과", name="세무팔급")  # 8급: not in 조세 (5~7급)
    staff("estate9", grade="9", unit_name="부동산정보과", name="부동산구급")  # 부동산: 5급 이하
    staff("bureau4", grade="4", unit_name="복지정책과", name="사급국장")  # 4급 anywhere
    staff("other7", grade="7", unit_name="복지정책과", name="복지칠급")
    result = roster.propose_roster_changes(officer(), on=D("2026-02-02"))
    proposed = set(RosterProposal.objects.filter(kind="add").values_list("person__username", flat=True))
    assert {"tax6", "estate9", "bureau4"} <= proposed
    assert not proposed & {"tax8", "other7"}
    assert result["added"] == len(proposed)
    # proposing again adds nothing; nothing is on the roster before the officer confirms
    assert roster.propose_roster_changes(officer(), on=D("2026-02-03"))["added"] == 0
    assert not Declarant.objects.exists()
    p = RosterProposal.objects.get(person=tax6)
    d = roster.confirm_addition(officer(), p, became_on=D("2026-01-15"), trigger="transferred")
    assert (d.basis, d.grade, d.unit.name, d.became_on) == ("tax", "6", "세무1과", D("2026-01-15"))
    # 법 제5조①: 15 Jan → 2 months end 15 Mar → the end of March
    assert d.filings.get(kind="initial").due_on == D("2026-03-31")
    with pytest.raises(EthicsError, match="이미 처리한"):
        roster.confirm_addition(officer(), p, became_on=D("2026-01-15"), trigger="transferred")
    # a transfer out of the designated unit proposes the end of the duty
    from gamsa.core.services import update_person

    update_person(None, tax6, unit=unit("복지정책과"))
    assert roster.propose_roster_changes(officer(), on=D("2026-06-01"))["removed"] == 1
    ending = RosterProposal.objects.get(person=tax6, kind="remove")
    roster.confirm_removal(officer(), ending, left_on=D("2026-05-31"), retired=False)
    d.refresh_from_db()
    assert d.status == "released"
    # 법 제11조①: the same 2-month rule from the transfer → from 06-01 → the end of July
    assert d.filings.get(kind="retirement").due_on == D("2026-07-31")
    assert not Restriction.objects.filter(declarant=d).exists()
    for verb in ("roster_proposed", "declarant_added", "declarant_left"):
        assert Event.objects.filter(verb=f"ethics.{verb}").exists(), verb


def test_dong_offices_are_not_designated_for_audit(demo):
    dong = unit("여의동 주민센터")
    with pytest.raises(EthicsError, match="읍·면·동"):
        roster.designate_unit(officer(), unit=dong, field="audit", effective_from=D("2026-01-01"))


def test_filing_extension_30_days_20_for_public_declarants(demo):
    d = declarant()
    filing = d.filings.get(kind="initial")  # due 2026-03-31
    with pytest.raises(EthicsError, match="30일까지"):
        roster.extend_filing(officer(), filing, days=31, reason="병가")
    roster.extend_filing(officer(), filing, days=30, reason="병가")
    filing.refresh_from_db()
    assert filing.extended_due_on == D("2026-04-30")
    other = declarant(username="pub", name="공개대상")
    other.is_public = True
    other.save(update_fields=["is_public"])
    f2 = other.filings.get(kind="initial")
    before = snapshot()
    with pytest.raises(EthicsError, match="20일까지"):
        roster.extend_filing(officer(), f2, days=21, reason="국외체류")
    assert snapshot() == before


def test_regular_filings_for_everyone_on_the_roster_on_31_december(demo):
    declarant(became="2025-03-02")
    declarant(became="2026-01-05", username="late", name="늦게됨")  # not yet a declarant on 2025-12-31
    assert roster.open_regular_filings(officer(), year=2025) == 1
    regular = Filing.objects.get(kind="regular")
    # trigger 2025-12-31 → Sat 2026-02-28 → Sun 03-01 삼일절 → Mon 03-02 its substitute → Tue 03-03
    assert (regular.trigger_on, regular.due_on) == (D("2025-12-31"), D("2026-03-03"))
    assert roster.open_regular_filings(officer(), year=2025) == 0  # not twice


def test_review_with_answer_clocks_and_the_committees_measures(demo):
    d = declarant()
    review = reviewed(d)
    assert review.case_number.startswith("PR-2026-")
    # 보완명령 received Mon 2026-09-14: 20 days → Sun 10-04 → Mon 10-05 개천절's substitute → Tue 10-06
    q = reviews.issue_request(
        officer(),
        review,
        kind="supplement",
        issued_on=D("2026-09-11"),
        received_on=D("2026-09-14"),
        content="보완",
    )
    assert q.due_on == D("2026-10-06")
    review.refresh_from_db()
    assert (review.status, review.answer_due_on) == ("waiting", D("2026-10-06"))
    explain = reviews.issue_request(
        officer(), review, kind="explanation", issued_on=D("2026-09-21"), content="소명"
    )
    assert explain.due_on == D("2026-10-12")  # 10-11 Sun → Mon 10-12 (10-09 한글날 is before)
    with pytest.raises(EthicsError, match="답변을 받지 않은"):
        reviews.conclude(officer(), review, conclusion="no_issue", on=D("2026-10-20"), opinion="이상 없음")
    reviews.record_answer(officer(), q, answered_on=D("2026-10-02"), note="보완함")
    reviews.record_answer(officer(), explain, answered_on=D("2026-10-13"), note="늦은 소명")
    review.refresh_from_db()
    assert (review.status, review.answer_due_on) == ("open", None)
    assert Event.objects.filter(verb="ethics.review_answer_recorded", details__late=True).count() == 1
    reviews.add_amount(
        officer(), review, item="예금", owner="spouse", registered=10_000_000, verified=45_000_000
    )
    assert review.amounts.get().difference == 35_000_000
    reviews.conclude(
        officer(), review, conclusion="referred", on=D("2026-10-20"), opinion="중대한 과실로 누락"
    )
    review.refresh_from_db()
    assert review.status == "referred"
    members()
    m = meeting("2026-12-10")
    assert committee.build_agenda(officer(), m) == 1
    item = m.items.get()
    with pytest.raises(EthicsError, match="다른 조치와 함께"):
        committee.decide_item(
            officer(), item, decision="approved", on=D("2026-12-10"), measures=["publication"]
        )
    with pytest.raises(EthicsError, match="2천만원"):
        committee.decide_item(officer(), item, decision="approved", on=D("2026-12-10"), measures=["fine"],
                              fine_amount=20_000_001)  # fmt: skip
    committee.decide_item(
        officer(), item, decision="approved", on=D("2026-12-10"), measures=["warning", "fine", "publication"],
        fine_amount=3_000_000,
    )  # fmt: skip
    review.refresh_from_db()
    assert (review.status, review.measures, review.fine_amount) == (
        "decided",
        ["warning", "fine", "publication"],
        3_000_000,
    )
    reviews.close_review(officer(), review, on=D("2026-12-24"))
    review.refresh_from_db()
    assert review.status == "closed"
    assert committee.build_agenda(officer(), meeting("2026-12-30")) == 0  # nothing left to put


def test_4th_grade_is_reviewed_by_seoul(demo):
    d = declarant(grade="4", unit_name="복지정책과", username="four", name="사급")
    assert d.basis == "grade4"
    filing = d.filings.get(kind="initial")
    roster.record_filed(officer(), filing, filed_on=D("2026-03-10"))
    with pytest.raises(EthicsError, match="서울특별시"):
        reviews.start_review(officer(), filing, on=D("2026-03-16"))


def test_the_office_head_reads_but_cannot_write(demo):
    d = declarant()
    before = snapshot()
    with pytest.raises(Denied):
        roster.defer(user("head"), d, reason="휴직", from_on=D("2026-04-01"))
    with pytest.raises(Denied):
        roster.propose_roster_changes(user("auditor"), on=D("2026-04-01"))
    assert snapshot() == before


def test_disclosure_refusal_decision_clock_extension_and_reexamination(demo):
    d = declarant()
    x = application(d, applied="2026-09-15")
    # 10 days from 09-15: Fri 09-25 추석 → Sat/Sun → Mon 09-28
    assert x.decision_due_on == D("2026-09-28")
    assert x.application_due_on == D("2026-02-19")  # 1 month from 01-15 → Sun 02-15 → 설 연휴 → Thu 02-19
    refusals.extend_decision(officer(), x)
    x.refresh_from_db()
    assert x.decision_due_on == D(
        "2026-10-06"
    )  # + 10 from 09-25 (its own last day) → Mon 10-05 substitute → 10-06
    with pytest.raises(EthicsError, match="한 번"):
        refusals.extend_decision(officer(), x)
    refusals.decide(officer(), x, granted=True, on=D("2026-10-02"))
    x.refresh_from_db()
    assert x.is_permission and x.next_reexamination_on == D("2029-01-01")  # 3rd year: 2028-10-02 … 2029-10-01
    again = refusals.receive_application(
        officer(), d, relation="father", relative_name="", trigger="regular", trigger_on=D("2029-01-01"),
        applied_on=D("2029-01-15"), renews=x,
    )  # fmt: skip
    assert again.kind == "reexamination" and again.application_due_on == D(
        "2029-04-02"
    )  # Sat 03-31 → Mon 04-02
    assert again.decision_due_on == D("2029-11-30")  # 영 제27조⑥: by 30 November, not in 10 days
    with pytest.raises(EthicsError, match="11월 30일"):
        refusals.extend_decision(officer(), again)
    refusals.decide(officer(), again, granted=True, on=D("2029-02-01"))
    x.refresh_from_db()
    assert x.next_reexamination_on == D("2032-01-01")  # the 6th year from the grant
    third = refusals.receive_application(
        officer(), d, relation="father", relative_name="", trigger="regular", trigger_on=D("2032-01-01"),
        applied_on=D("2032-01-10"), renews=x,
    )  # fmt: skip
    refusals.decide(officer(), third, granted=False, on=D("2032-02-01"))
    x.refresh_from_db()
    assert x.ended_on == D("2032-02-01") and not x.is_permission


def test_a_refused_disclosure_extends_the_initial_registration(demo):
    d = declarant(became="2026-01-15")
    x = application(d, applied="2026-02-02", trigger="initial", trigger_on="2026-01-15")
    refusals.decide(officer(), x, granted=False, on=D("2026-03-20"))
    filing = d.filings.get(kind="initial")
    # 영 제27조④: deemed extended 30 days counted from the notice: 03-20 + 30 → Sun 04-19 → Mon 04-20
    assert (filing.extension_days, filing.extended_due_on) == (30, D("2026-04-20"))
    assert "제27조④" in filing.extension_reason


def test_reexaminations_due_this_year(demo, client):
    from gamsa.conftest import verified_login

    d = declarant()
    x = application(d, applied="2023-03-10", trigger="regular", trigger_on="2023-01-01")
    refusals.decide(officer(), x, granted=True, on=D("2023-03-20"))
    verified_login(client, officer())
    page = client.get("/ethics/refusals/reexaminations/?year=2026").content.decode()
    assert x.case_number in page and "아직 없음" in page and "2026. 3. 31." in page
    assert x.case_number not in client.get("/ethics/refusals/reexaminations/?year=2027").content.decode()
    again = refusals.receive_application(
        officer(), d, relation="father", relative_name="", trigger="regular", trigger_on=D("2026-01-01"),
        applied_on=D("2026-01-20"), renews=x,
    )  # fmt: skip
    assert "접수 (결정 전)" in client.get("/ethics/refusals/reexaminations/?year=2026").content.decode()
    refusals.decide(officer(), again, granted=True, on=D("2026-03-05"))
    page = client.get("/ethics/refusals/reexaminations/?year=2026").content.decode()
    assert x.case_number in page and "허가 유지 (다음 2029년)" in page and "아직 없음" not in page
    assert x.case_number in client.get("/ethics/refusals/reexaminations/?year=2029").content.decode()


def test_post_employment_restriction(demo):
    d = declarant()
    roster.leave(officer(), d, left_on=D("2026-06-30"), retired=True)
    r = Restriction.objects.get(declarant=d)
    assert (r.ends_on, r.reminder_from) == (D("2029-06-30"), D("2029-05-01"))
    assert d.filings.get(kind="retirement").due_on == D("2026-08-31")
    check = restrictions.receive_check(
        officer(),
        r,
        kind="confirmation",
        employer="(주)예시건설",
        planned_start_on=D("2026-09-01"),
        applied_on=D("2026-08-05"),
    )
    assert check.apply_by == D("2026-08-01")  # "30일 전까지" read strictly: 08-31 is day 1, 08-02 day 30
    assert Event.objects.filter(verb="ethics.employment_check_received", details__late=True).exists()
    with pytest.raises(EthicsError, match="구분에 맞는"):
        restrictions.decide_check(officer(), check, result="approved", on=D("2026-08-20"))
    restrictions.decide_check(officer(), check, result="allowed", on=D("2026-08-20"))
    restrictions.record_reminder(officer(), r, on=D("2029-05-02"))
    with pytest.raises(EthicsError, match="이미"):
        restrictions.record_reminder(officer(), r, on=D("2029-05-03"))


def test_committee_composition(demo):
    members()
    with pytest.raises(EthicsError, match="7명을 넘을 수 없습니다"):
        committee.appoint_member(officer(), name="여덟째", seat="outside", started_on=D("2026-01-01"))
    assert committee.composition_warnings(list(committee.active_members())) == []
    m = committee.active_members().get(name="내부0")
    committee.end_member(officer(), m, on=D("2026-06-30"))
    with pytest.raises(EthicsError, match="위원장이 이미"):
        committee.appoint_member(officer(), name="둘째위원장", seat="chair", started_on=D("2026-07-01"))
    warnings = committee.composition_warnings(list(committee.active_members()))
    assert warnings and "7명" in warnings[0]


def test_refusal_on_an_agenda_is_decided_by_the_item(demo):
    d = declarant()
    x = application(d)
    members()
    m = meeting("2026-01-28")
    assert committee.build_agenda(officer(), m) == 1
    item = m.items.get()
    assert item.kind == "refusal" and RELATIVE not in item.title and NAME not in item.title
    with pytest.raises(EthicsError, match="허가 또는 불허가"):
        committee.decide_item(officer(), item, decision="approved", on=D("2026-01-28"))
    committee.decide_item(officer(), item, decision="approved", on=D("2026-01-28"), granted=True)
    x.refresh_from_db()
    assert x.status == "granted" and x.next_reexamination_on == D("2029-01-01")
    m.refresh_from_db()
    assert m.held


def test_demo_has_the_2025_shape_and_runs_twice(demo):
    from gamsa.ethics.demo import load
    from gamsa.ethics.models import AgendaItem, Meeting

    assert load() > 390
    assert Review.objects.filter(year=2025).count() == 392
    assert DisclosureRefusal.objects.filter(year=2025).count() == 69
    assert Meeting.objects.filter(year=2025).count() == 2
    assert set(Meeting.objects.values_list("held_on__month", flat=True)) == {5, 12}
    assert AgendaItem.objects.filter(kind="review").count() == 8
    assert RosterProposal.objects.filter(status="pending").count() == 5
    before = (Declarant.objects.count(), Review.objects.count(), Event.objects.count())
    assert load() == 0
    assert (Declarant.objects.count(), Review.objects.count(), Event.objects.count()) == before


def test_the_end_of_a_deferral_opens_its_filing_with_the_due_day(demo):
    """법 제6조의3: 파견·휴직 defers the filings; when it ends the changes are due by the "2개월 말일" rule."""
    d = declarant()
    roster.defer(officer(), d, reason="휴직", from_on=D("2026-02-01"))
    d.refresh_from_db()
    assert d.status == "deferred"
    with pytest.raises(EthicsError, match="유예 시작일보다 빠를 수 없습니다"):
        roster.resume(officer(), d, on=D("2026-01-31"))
    assert not d.filings.filter(kind="deferral_end").exists()
    roster.resume(officer(), d, on=D("2026-08-10"))
    filing = d.filings.get(kind="deferral_end")
    # 10-10 → the end of October is Sat 10-31 → Mon 11-02 (core's calendar, kind property_registration_deferral_end)
    assert (filing.trigger_on, filing.due_on) == (D("2026-08-10"), D("2026-11-02"))
    event = Event.objects.filter(verb="ethics.declarant_resumed").latest("id")
    assert event.details["due_on"] == "2026-11-02"
