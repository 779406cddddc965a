"""Shared set-up for the human-rights tests: accounts by role (monitors and a second department made here), one
planted record of every concept, and a snapshot for 'nothing changed'."""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image

from gamsa.core import calendar as legal
from gamsa.core.board.models import Post
from gamsa.core.models import AccessLog, Attachment, Event, OrgUnit, Role, User, UserKind
from gamsa.core.services import add_membership, create_person
from gamsa.humanrights import models as m
from gamsa.humanrights.assessments import services as assessments
from gamsa.humanrights.committee import services as committee
from gamsa.humanrights.contest import services as contest
from gamsa.humanrights.education import services as education
from gamsa.humanrights.monitors import services as monitors
from gamsa.humanrights.plan import services as plans

D = dt.date.fromisoformat
PARTICIPANT = "모지혜"
PARTICIPANT_PHONE = "010-2468-1357"
ENTRANT = "구본희"


def user(name: str) -> User:
    return User.objects.get(username=name)


def lead() -> User:
    return User.objects.get(
        memberships__role=Role.TEAM_LEADER, memberships__unit__office_team="investigation"
    )


def fresh(u: User) -> User:
    """The same account without the role caches a request or service left on the object."""
    return User.objects.get(pk=u.pk)


def other_liaison() -> User:
    """A liaison of 도로과 (a department that did not draft the planted ordinance)."""
    found = User.objects.filter(username="roads_liaison").first()
    if found:
        return found
    unit = OrgUnit.objects.get(name="도로과")
    person = create_person(
        None, username="roads_liaison", kind=UserKind.STAFF, full_name="도로담당", unit=unit
    )
    add_membership(None, user=person, unit=unit, role=Role.DEPT_LIAISON)
    return person


def cohort() -> m.Cohort:
    return m.Cohort.objects.filter(number=7).first() or monitors.create_cohort(
        lead(), number=7, starts_on=D("2025-04-01"), ends_on=D("2027-03-31")
    )


def monitor_account(username: str, team: str) -> User:
    found = User.objects.filter(username=username).first()
    if found:
        return found
    made = monitors.appoint_monitor(
        lead(), cohort(), username=username, full_name=f"{team} {username}", phone="010-1111-2222", team=team,
        appointed_on=D("2025-04-01"), password="x-unused-x",
    )  # fmt: skip
    return made.user


def monitors_trio() -> tuple[User, User, User]:
    """(monitor, a teammate in 1조, a monitor of 2조)."""
    return (
        monitor_account("hr_mon", "1조"),
        monitor_account("hr_mate", "1조"),
        monitor_account("hr_other", "2조"),
    )


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "green").save(out, format="PNG")
    return out.getvalue()


def at(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(D(day), dt.time(hour), legal.SEOUL)


def planted() -> dict:
    """One record of every concept: the 2026 plan, a session with a participant, a committee meeting with minutes,
    a monitor's activity, a 건설과 draft with a 개정 권고 and one being assessed, a contest with an entry."""
    boss = lead()
    plan = plans.create_plan(
        boss, year=2026, title="2026년 인권보장 및 증진 세부추진계획", established_on=D("2026-03-13")
    )
    plans.add_measure(
        boss, plan, area="인권교육", title="전 직원 인권교육", target=2, metric=m.Metric.EDU_STAFF_SESSIONS
    )
    session = education.record_session(boss, audience=m.Audience.RESIDENT, title="주민 인권역량강화", held_on=legal.now().date(),
                                       headcount=10, place="구청")  # fmt: skip
    education.add_participants(
        boss, session, raw=f"{PARTICIPANT}, 신길동 주민, {PARTICIPANT_PHONE}", consented=True
    )
    term = committee.create_term(boss, number=6, starts_on=D("2024-07-01"), ends_on=D("2026-06-30"))
    member = committee.appoint_member(boss, term, name="한위원", affiliation="변호사", phone="010-3333-4444")
    meeting = committee.schedule_meeting(boss, term, held_on=D("2026-03-05"))
    agenda = committee.add_agenda(boss, meeting, title="2026년 세부추진계획(안) 심의")
    committee.record_minutes(boss, meeting, attendees=[member], minutes="계획안을 설명하고 원안 의결함.",
                             recorded_on=D("2026-03-06"))  # fmt: skip
    mon, _mate, _other = monitors_trio()
    activity = monitors.file_activity(fresh(mon), kind=m.ActivityKind.MONITORING, held_on=D("2026-05-13"),
                                      place="당산역", title="엘리베이터 점검", content="점자블록 끊김")  # fmt: skip
    construction = OrgUnit.objects.get(name="건설과")
    draft = assessments.submit_draft(boss, title="영등포구 도로 점용 조례 일부개정조례안", kind="amend",
                                     department=construction, summary="점용료 감면 대상 정비", received_at=at("2026-11-02"))  # fmt: skip
    recommend(draft)
    pending = assessments.submit_draft(boss, title="영등포구 가로수 조례 일부개정조례안", kind="amend",
                                       department=construction, summary="가로수 관리", received_at=at("2026-11-16"))  # fmt: skip
    c = contest.create_contest(
        boss, year=2026, title="2026 인권 공모전", opens_on=D("2026-09-01"), closes_on=D("2026-10-16")
    )
    contest.add_criterion(boss, c, name="주제 적합성", max_score=50)
    contest.add_juror(boss, c, name="심사위원갑")
    entry = contest.register_entry(boss, c, title="모두의 정류장", category="poster", entrant_name=ENTRANT,
                                   entrant_phone="010-5555-6666", submitted_on=D("2026-10-01"))  # fmt: skip
    return {
        "plan": plan, "session": session, "term": term, "member": member, "meeting": meeting, "agenda": agenda,
        "activity": activity, "draft": draft, "pending": pending, "contest": c, "entry": entry,
    }  # fmt: skip


def recommend(draft: m.Draft, on: str = "2026-11-09") -> m.Draft:
    items = list(assessments.checklist_in_force(D(on)).items.all())
    answers = {i.pk: ("concern", "성별 균형 규정 없음") if i.order == 8 else ("fits", "") for i in items}
    return assessments.assess(lead(), draft, answers=answers, recommendation="revise",
                              recommendation_text="위원회 성별 균형 조항 신설 권고", assessed_on=D(on))  # fmt: skip


MODELS = [
    m.Plan, m.Measure, m.Session, m.Participant, m.Term, m.Member, m.Meeting, m.Agenda, m.Cohort, m.Monitor,
    m.Training, m.Activity, m.Draft, m.Answer, m.Contest, m.Criterion, m.Prize, m.Juror, m.Entry, m.Score,
]  # fmt: skip


def snapshot():
    return (
        [model.objects.count() for model in MODELS],
        list(m.Draft.objects.order_by("pk").values_list("status", "recommendation", "response")),
        list(m.Activity.objects.order_by("pk").values_list("status", "office_note")),
        list(m.Agenda.objects.order_by("pk").values_list("decision", "title")),
        list(m.Plan.objects.order_by("pk").values_list("evaluated_on", "title")),
        list(m.Session.objects.order_by("pk").values_list("headcount", "title")),
        list(m.Contest.objects.order_by("pk").values_list("announced_on", "title")),
        list(m.Monitor.objects.order_by("pk").values_list("ended_on", "team")),
        Attachment.objects.count(),
        Event.objects.count(),
        User.objects.count(),
        Post.objects.count(),
    )


def access_rows(**filters):
    return AccessLog.objects.filter(**filters)
