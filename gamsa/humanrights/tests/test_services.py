"""The programme's services on the real database: every write leaves one Event, refusals leave nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gamsa.core.models import Event, OrgUnit
from gamsa.humanrights import models as m
from gamsa.humanrights import stats
from gamsa.humanrights.assessments import services as assessments
from gamsa.humanrights.committee import services as committee
from gamsa.humanrights.common import Denied, HumanRightsError
from gamsa.humanrights.contest import services as contest
from gamsa.humanrights.education import services as education
from gamsa.humanrights.monitors import services as monitors
from gamsa.humanrights.plan import services as plans
from gamsa.humanrights.tests.helpers import (
    PARTICIPANT,
    D,
    at,
    fresh,
    lead,
    monitors_trio,
    planted,
    png,
    snapshot,
    user,
)

pytestmark = pytest.mark.django_db


def events(verb: str) -> int:
    return Event.objects.filter(verb=verb).count()


def test_plan_measures_and_the_december_evaluation_against_targets(demo):
    boss = lead()
    plan = plans.create_plan(boss, year=2025, title="2025년 계획", established_on=D("2025-03-14"))
    staff = plans.add_measure(
        boss, plan, area="교육", title="전 직원 인권교육", target=2, metric="edu_staff_sessions"
    )
    cards = plans.add_measure(boss, plan, area="홍보", title="카드뉴스", target=6, unit="회")
    for day, people in (("2025-05-21", 80), ("2025-09-17", 73)):
        education.record_session(boss, audience="staff", title="전 직원", held_on=D(day), headcount=people)
    assert stats.metric_value("edu_staff_sessions", 2025) == 2
    assert stats.metric_value("edu_staff_people", 2025) == 153
    with pytest.raises(HumanRightsError, match="카드뉴스"):
        plans.evaluate_plan(boss, plan, evaluated_on=D("2025-12-19"), summary="평가",
                            results={str(staff.public_id): (2, "")})  # fmt: skip
    assert m.Plan.objects.get(pk=plan.pk).evaluated_on is None
    plans.evaluate_plan(boss, plan, evaluated_on=D("2025-12-19"), summary="대체로 달성",
                        results={str(staff.public_id): (2, "달성"), str(cards.public_id): (3, "하반기 미게시")})  # fmt: skip
    staff.refresh_from_db()
    cards.refresh_from_db()
    assert (staff.achievement, staff.achieved) == (100, True)
    assert (cards.achievement, cards.achieved) == (50, False)
    event = Event.objects.get(verb="humanrights.plan_evaluated")
    assert event.details["achieved"] == 1 and event.details["measures"] == 2
    with pytest.raises(HumanRightsError, match="종합평가를 마친"):
        plans.add_measure(boss, plan, area="x", title="y", target=1)
    with pytest.raises(HumanRightsError, match="이미 있습니다"):
        plans.create_plan(boss, year=2025, title="again", established_on=D("2025-03-01"))
    with pytest.raises(Denied):
        plans.create_plan(user("auditor"), year=2027, title="x", established_on=D("2027-03-01"))


def test_participants_need_consent_report_every_bad_row_and_commit_nothing(demo):
    boss = lead()
    session = education.record_session(
        boss, audience="resident", title="주민 교육", held_on=D("2026-11-19"), headcount=3
    )
    before = snapshot()
    with pytest.raises(HumanRightsError, match="동의"):
        education.add_participants(boss, session, raw="홍길동, 주민, 010-1234-5678", consented=False)
    raw = "김하나, 신길동, 010-1234-5678\n, 대림동\n박둘, 문래동, 전화없음\n\n최셋, 당산동, 010-2222-3333, 더"
    with pytest.raises(education.ParticipantRowsError) as caught:
        education.add_participants(boss, session, raw=raw, consented=True)
    assert caught.value.errors == [
        "2행: 성명이 비어 있습니다.",
        "3행: 연락처 '전화없음'의 형식이 올바르지 않습니다.",
        "5행: 칸이 너무 많습니다. '성명, 소속, 연락처' 순서로 적어 주세요.",
    ]
    assert snapshot() == before
    rows = "\n".join(f"참여자{i}, 주민, 010-1000-{i:04d}" for i in range(5))
    added = education.add_participants(boss, session, raw=rows, consented=True)
    session.refresh_from_db()
    assert len(added) == 5 and session.headcount == 5  # the list is longer than the headcount typed
    notice = m.ConsentNotice.objects.get(version=1)
    assert {(p.consent_id, p.consented_on, p.retain_until) for p in added} == {
        (notice.pk, D("2026-11-19"), D("2027-11-19"))
    }


def test_participant_lists_are_deleted_after_the_retention(demo):
    boss = lead()
    session = education.record_session(
        boss, audience="staff", title="직원 교육", held_on=dt.date.today(), headcount=2
    )
    education.add_participants(boss, session, raw=f"{PARTICIPANT}, 총무과\n이둘, 세무1과", consented=True)
    retain = m.Participant.objects.filter(session=session).first().retain_until
    assert education.purge_expired(retain) == 0  # the last day is still kept
    assert education.purge_expired(retain + dt.timedelta(days=1)) == 2
    assert not m.Participant.objects.filter(session=session).exists()
    session.refresh_from_db()
    assert session.headcount == 2  # the count stays for the yearly report
    assert Event.objects.get(verb="humanrights.participants_purged").details["deleted"] == 2


def test_committee_terms_members_meetings_decisions_minutes(demo):
    boss = lead()
    term = committee.create_term(boss, number=6, starts_on=D("2024-07-01"), ends_on=D("2026-06-30"))
    chair = committee.appoint_member(boss, term, name="가위원장", position="chair")
    member = committee.appoint_member(boss, term, name="나위원", kind="ex_officio")
    with pytest.raises(HumanRightsError, match="이미 위원장"):
        committee.appoint_member(boss, term, name="다위원", position="chair")
    with pytest.raises(HumanRightsError, match="임기"):
        committee.appoint_member(boss, term, name="라위원", ends_on=D("2027-01-01"))
    with pytest.raises(HumanRightsError, match="임기 밖"):
        committee.schedule_meeting(boss, term, held_on=D("2026-08-01"))
    first = committee.schedule_meeting(boss, term, held_on=D("2025-03-06"))
    second = committee.schedule_meeting(boss, term, held_on=D("2025-11-20"), kind="extra")
    assert (first.number, second.number) == (1, 2)
    deliberation = committee.add_agenda(boss, first, title="세부추진계획(안)")
    report = committee.add_agenda(boss, first, title="추진상황", kind="report")
    with pytest.raises(HumanRightsError, match="보고 접수"):
        committee.decide_agenda(boss, report, decision="adopted")
    with pytest.raises(HumanRightsError, match="수정한 내용"):
        committee.decide_agenda(boss, deliberation, decision="amended")
    committee.decide_agenda(boss, deliberation, decision="amended", decision_text="공모전 분야 추가")
    committee.decide_agenda(boss, report, decision="noted")
    committee.end_member(boss, member, left_on=D("2025-06-30"))
    with pytest.raises(HumanRightsError, match="해촉"):
        committee.record_minutes(
            boss, second, attendees=[chair, member], minutes="회의", recorded_on=D("2025-11-21")
        )
    committee.record_minutes(boss, second, attendees=[chair], minutes="회의", recorded_on=D("2025-11-21"))
    assert list(second.attendees.all()) == [chair]
    assert stats.committee_counts(2025) == {"term": 6, "meetings": 2, "members": 1}
    for verb in ("term_created", "member_appointed", "meeting_scheduled", "agenda_added", "agenda_decided",
                 "member_left", "minutes_recorded"):  # fmt: skip
        assert events(f"humanrights.{verb}") >= 1, verb
    assert "가위원장" not in str(list(Event.objects.values_list("details", flat=True)))


def test_monitors_file_reports_and_see_their_own_and_their_teams(demo):
    from gamsa.humanrights import permissions as perms

    mon, mate, other = monitors_trio()
    assert fresh(mon).volunteer_programme == "rights_monitor" and perms.is_monitor(fresh(mon))
    mine = monitors.file_activity(fresh(mon), kind="monitoring", held_on=D("2026-05-13"), place="당산역",
                                  title="점검", content="내용", photo=(png(), "p.png"))  # fmt: skip
    theirs = monitors.file_activity(fresh(other), kind="campaign", held_on=D("2026-10-21"), place="광장",
                                    title="캠페인", content="내용", reached=150)  # fmt: skip
    with pytest.raises(HumanRightsError, match="참여·홍보 인원"):
        monitors.file_activity(
            fresh(mon), kind="campaign", held_on=D("2026-10-21"), place="광장", title="t", content="c"
        )
    with pytest.raises(Denied):
        monitors.file_activity(user("volunteer"), kind="monitoring", held_on=D("2026-05-13"), place="p", title="t",
                               content="c")  # fmt: skip
    seen = lambda u: set(perms.visible_activities(fresh(u), m.Activity.objects.all()))  # noqa: E731
    assert seen(mon) == {mine} and seen(mate) == {mine} and seen(other) == {theirs}
    assert seen(lead()) == {mine, theirs}
    monitors.check_activity(lead(), mine, note="확인함")
    with pytest.raises(HumanRightsError, match="이미 확인"):
        monitors.check_activity(lead(), mine)
    monitors.end_monitor(lead(), m.Monitor.objects.get(user=mon), ended_on=D("2026-12-01"))
    assert not perms.is_monitor(fresh(mon))  # the volunteer role on the team ended too
    assert stats.monitor_counts(2026)["monitoring"] == 1 and stats.monitor_counts(2026)["campaigns"] == 1


def test_assessment_deadline_checklist_recommendation_and_the_departments_answer(demo):
    construction = OrgUnit.objects.get(name="건설과")
    draft = assessments.submit_draft(user("liaison"), title="도로 조례 개정안", kind="amend", department=construction,
                                     summary="요지", received_at=at("2026-09-21"))  # fmt: skip
    assert draft.case_number.startswith("HR-2026-")
    assert draft.due_at == dt.datetime(
        2026, 10, 7, 18, 0, tzinfo=draft.due_at.tzinfo
    )  # 추석·개천절 대체 휴일
    with pytest.raises(HumanRightsError, match="우리 부서"):
        assessments.submit_draft(user("liaison"), title="x", kind="amend", department=OrgUnit.objects.get(name="도로과"),
                                 summary="s")  # fmt: skip
    items = list(assessments.checklist_in_force(D("2026-09-21")).items.all())
    concern = {i.pk: ("concern", "성별 균형 규정 없음") if i.order == 8 else ("fits", "") for i in items}
    with pytest.raises(HumanRightsError, match="개정 권고를 하세요"):
        assessments.assess(
            lead(), draft, answers=concern, recommendation="agree", assessed_on=D("2026-09-30")
        )
    with pytest.raises(HumanRightsError, match="권고 내용"):
        assessments.assess(
            lead(), draft, answers=concern, recommendation="revise", assessed_on=D("2026-09-30")
        )
    with pytest.raises(Denied):
        assessments.assess(user("liaison"), draft, answers=concern, recommendation="revise",
                           recommendation_text="x", assessed_on=D("2026-09-30"))  # fmt: skip
    assert m.Answer.objects.count() == 0
    assessments.assess(lead(), draft, answers=concern, recommendation="revise", recommendation_text="조항 신설",
                       assessed_on=D("2026-09-30"))  # fmt: skip
    draft.refresh_from_db()
    assert (
        draft.status == "recommended" and draft.checklist.version == 1 and draft.answers.count() == len(items)
    )
    with pytest.raises(HumanRightsError, match="이유"):
        assessments.respond(user("liaison"), draft, response="declined", responded_on=D("2026-10-05"))
    with pytest.raises(Denied):
        from gamsa.humanrights.tests.helpers import other_liaison

        assessments.respond(other_liaison(), draft, response="accepted", responded_on=D("2026-10-05"))
    assessments.respond(
        user("liaison"), draft, response="partly", response_text="일부 반영", responded_on=D("2026-10-05")
    )
    draft.refresh_from_db()
    assert (draft.status, draft.response, draft.responded_by.username) == ("answered", "partly", "liaison")
    assert Event.objects.get(verb="humanrights.draft_answered").details["by_department"] is True
    agreed = assessments.submit_draft(lead(), title="x", kind="enact", department=construction, summary="s",
                                      received_at=at("2026-10-12"))  # fmt: skip
    fits = {i.pk: ("fits", "") for i in items}
    assessments.assess(lead(), agreed, answers=fits, recommendation="agree", assessed_on=D("2026-10-14"))
    assert stats.assessment_counts(2026) == {"assessed": 2, "revision_recommended": 1, "received": 2, "pending": 0,
                                             "answered": 1}  # fmt: skip


def test_contest_scores_per_juror_and_criterion_rank_the_winners(demo):
    boss = lead()
    c = contest.create_contest(
        boss, year=2026, title="공모전", opens_on=D("2026-09-01"), closes_on=D("2026-10-16")
    )
    theme = contest.add_criterion(boss, c, name="주제", max_score=60)
    craft = contest.add_criterion(boss, c, name="완성도", max_score=40)
    contest.add_prize(boss, c, label="대상")
    contest.add_prize(boss, c, label="우수상", count=1)
    a, b = contest.add_juror(boss, c, name="갑"), contest.add_juror(boss, c, name="을")
    with pytest.raises(HumanRightsError, match="접수 기간"):
        contest.register_entry(
            boss, c, title="늦은 작품", category="poster", entrant_name="x", submitted_on=D("2026-10-20")
        )
    e1, e2, e3 = (contest.register_entry(boss, c, title=t, category="video", entrant_name=f"응모{t}",
                                         submitted_on=D("2026-10-01")) for t in ("가", "나", "다"))  # fmt: skip
    sheets = {e1: ((50, 30), (40, 30)), e2: ((55, 35), (50, 36)), e3: ((50, 30), (40, 30))}
    for entry, (sa, sb) in sheets.items():
        contest.record_scores(boss, entry, juror=a, scores={theme.pk: sa[0], craft.pk: sa[1]})
        if entry is not e3:
            contest.record_scores(boss, entry, juror=b, scores={theme.pk: sb[0], craft.pk: sb[1]})
    with pytest.raises(HumanRightsError, match="0점에서 40점"):
        contest.record_scores(boss, e3, juror=b, scores={theme.pk: 40, craft.pk: 41})
    with pytest.raises(HumanRightsError, match="모든 심사위원"):
        contest.announce_winners(boss, c, on=D("2026-10-30"))
    contest.record_scores(boss, e3, juror=b, scores={theme.pk: 40, craft.pk: 30})
    ranked, complete = contest.ranking(c)
    assert complete and [e.title for e in ranked] == [
        "나",
        "가",
        "다",
    ]  # 가 and 다 tie at 75.00: the earlier first
    assert [e.computed_total for e in ranked] == [Decimal("88.00"), Decimal("75.00"), Decimal("75.00")]
    winners = contest.announce_winners(boss, c, on=D("2026-10-30"))
    assert [(w.title, w.rank, w.prize) for w in winners] == [("나", 1, "대상"), ("가", 2, "우수상")]
    assert m.Entry.objects.get(pk=e3.pk).prize == "" and m.Entry.objects.get(pk=e3.pk).rank == 3
    with pytest.raises(HumanRightsError, match="발표한"):
        contest.record_scores(boss, e3, juror=b, scores={theme.pk: 60, craft.pk: 40})
    assert stats.contest_counts(2026)["winners"] == 2


def test_yearly_figures_and_the_demo_are_shaped_like_the_seed_and_idempotent(demo):
    from gamsa.humanrights import demo as hr_demo

    hr_demo.load()
    before = snapshot()
    hr_demo.load()
    assert snapshot() == before
    f = stats.yearly_figures(2025)
    assert [(e["count"], e["participants"]) for e in f["education"]] == [(2, 153), (3, 68), (6, 126), (4, 70)]
    assert (f["assessments"]["assessed"], f["assessments"]["revision_recommended"]) == (41, 9)
    assert (f["monitors"]["cohort"], f["monitors"]["members"]) == (7, 22)
    assert f["committee"]["term"] == 6 and f["plan"]["evaluated_on"] == D("2025-12-19")
    assert stats.contest_counts(2026)["winners"] == 7


def test_planted_records_cover_every_concept(demo):
    p = planted()
    assert p["draft"].status == "recommended" and p["pending"].status == "received"
    assert p["session"].participants.count() == 1 and p["meeting"].minutes


def test_the_purge_command(demo):
    from io import StringIO

    from django.core.management import call_command

    boss = lead()
    session = education.record_session(
        boss, audience="staff", title="직원 교육", held_on=dt.date.today(), headcount=1
    )
    education.add_participants(boss, session, raw=PARTICIPANT, consented=True)
    out = StringIO()
    call_command(
        "humanrights", "purge", "--on", (dt.date.today() + dt.timedelta(days=800)).isoformat(), stdout=out
    )
    assert "1명의 명단을 지웠습니다" in out.getvalue()
    assert not m.Participant.objects.exists()
