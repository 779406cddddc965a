"""Role × URL matrix for every URL of the human-rights app (with a guard that fails when a URL has no row), nothing
changed on any denial, personal data only where allowed and every reading of it in the access log, and 내 업무."""

from __future__ import annotations

import pytest

from gamsa.core.models import AccessLog, OrgUnit
from gamsa.humanrights import models as m
from gamsa.humanrights.assessments import services as assessments
from gamsa.humanrights.tests.helpers import (
    ENTRANT,
    PARTICIPANT,
    PARTICIPANT_PHONE,
    lead,
    other_liaison,
    planted,
    snapshot,
    user,
)

pytestmark = pytest.mark.django_db

TEAM = {"head", "lead", "investigator"}
READERS = TEAM | {"leader", "council"}
DRAFTERS = {"liaison", "depthead"}  # 건설과, the planted drafts' department
MONITORS = {"monitor", "mate", "other_monitor"}
ROLES = sorted(READERS | DRAFTERS | MONITORS) + [
    "auditor", "complaints", "patrol", "other_liaison", "admin", "citizen", "volunteer",
]  # fmt: skip


def account(role: str):
    special = {
        "lead": lead,
        "other_liaison": other_liaison,
        "monitor": lambda: user("hr_mon"),
        "mate": lambda: user("hr_mate"),
        "other_monitor": lambda: user("hr_other"),
    }
    return special.get(role, lambda: user(role))()


@pytest.fixture
def as_role(client, demo):
    from gamsa.conftest import verified_login

    def _as(role):
        client.logout()
        return verified_login(client, account(role))

    return _as


def body(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode("utf-8", "replace")


def get_rows(p) -> dict:
    """name → (url, who gets 200, who gets 403); everyone else 404."""
    s, mt, d, e = p["session"].public_id, p["meeting"].public_id, p["draft"].case_number, p["entry"].public_id
    a = p["activity"].public_id
    every_department = DRAFTERS | {"other_liaison"}
    return {
        "home": ("/humanrights/", READERS, set()),
        "plans": ("/humanrights/plans/", READERS, set()),
        "plan": ("/humanrights/plans/2026/", READERS, set()),
        "plan_evaluate": ("/humanrights/plans/2026/evaluate/", TEAM, {"leader", "council"}),
        "education": ("/humanrights/education/", READERS, set()),
        "session": (f"/humanrights/education/{s}/", READERS, set()),
        "participants_csv": (f"/humanrights/education/{s}/participants.csv", TEAM, {"leader", "council"}),
        "committee": ("/humanrights/committee/", READERS, set()),
        "meeting": (f"/humanrights/committee/meetings/{mt}/", READERS, set()),
        "minutes_pdf": (f"/humanrights/committee/meetings/{mt}/minutes.pdf", READERS, set()),
        "minutes_hwpx": (f"/humanrights/committee/meetings/{mt}/minutes.hwpx", READERS, set()),
        "monitors": ("/humanrights/monitors/", TEAM, set()),
        "activities": ("/humanrights/monitors/activities/", TEAM, set()),
        "activity": (f"/humanrights/monitors/activities/{a}/", TEAM | {"monitor", "mate"}, set()),
        "monitor_home": ("/humanrights/monitor/", MONITORS, set()),
        "monitor_file": ("/humanrights/monitor/new/", MONITORS, set()),
        "assessments": ("/humanrights/assessments/", READERS | every_department, set()),
        "assessment_create": (
            "/humanrights/assessments/new/",
            TEAM | every_department,
            {"leader", "council"},
        ),
        "checklist": ("/humanrights/assessments/checklist/", READERS | every_department, set()),
        "assessment": (f"/humanrights/assessments/{d}/", READERS | DRAFTERS, set()),
        "contests": ("/humanrights/contests/", READERS, set()),
        "contest": ("/humanrights/contests/2026/", READERS, set()),
        "entry": (f"/humanrights/contests/2026/entries/{e}/", READERS, set()),
        "cardnews": ("/humanrights/cardnews/", READERS, set()),
        "api_plan": ("/api/v1/humanrights/plans/2026", READERS, set()),
        "api_assessments": ("/api/v1/humanrights/assessments?year=2026", READERS | every_department, set()),
        "api_assessment": (f"/api/v1/humanrights/assessments/{d}", READERS | DRAFTERS, set()),
        "api_education": ("/api/v1/humanrights/education/counts?year=2026", READERS, set()),
        "api_figures": ("/api/v1/humanrights/figures?year=2026", READERS, set()),
    }


POST_ONLY = {"measure_add", "participants_add", "participant_remove", "committee_act", "meeting_act", "monitors_act",
             "activity_check", "assessment_act", "contest_act", "entry_scores"}  # fmt: skip


def test_every_url_of_the_app_is_in_the_matrix(demo):
    from gamsa.humanrights.urls import urlpatterns

    names = {p.name for p in urlpatterns}
    covered = {n for n in get_rows(planted()) if not n.startswith("api_")} | POST_ONLY
    assert names <= covered, f"URLs without a row in the access matrix: {names - covered}"


def test_get_matrix(client, as_role):
    p = planted()
    for name, (url, allowed, read_only) in get_rows(p).items():
        for role in ROLES:
            as_role(role)
            status = client.get(url).status_code
            expected = 200 if role in allowed else 403 if role in read_only else 404
            assert status == expected, (name, role, status)


def _new_participant(p):
    session = p["session"]
    return m.Participant.objects.create(session=session, name="지울사람", consent=m.ConsentNotice.objects.get(version=1),
                                        consented_on=session.held_on, retain_until=session.held_on)  # fmt: skip


def post_rows(p) -> list[tuple]:
    """(name, url(p), data(p), who may (302 or 400), who is read-only (403)); everyone else 404."""
    readers_only = {"leader", "council"}
    measure = p["plan"].measures.first()
    criterion = p["contest"].criteria.first()
    return [
        ("plans", lambda: "/humanrights/plans/", {"year": 2030, "title": "계획", "established_on": "2030-03-10"},
         TEAM, readers_only),
        ("measure_add", lambda: "/humanrights/plans/2026/measures/",
         {"area": "교육", "title": "새 사업", "target": 3, "unit": "회", "metric": "manual"}, TEAM, readers_only),
        ("plan_evaluate", lambda: "/humanrights/plans/2026/evaluate/",
         {"evaluated_on": "2026-12-18", "summary": "평가", f"actual_{measure.public_id}": 2}, TEAM, readers_only),
        ("education", lambda: "/humanrights/education/",
         {"audience": "staff", "title": "교육", "held_on": "2026-11-02", "headcount": 10, "hours": 2}, TEAM, readers_only),
        ("participants_add", lambda: f"/humanrights/education/{p['session'].public_id}/participants/",
         {"raw": "새사람, 주민", "consented": "on"}, TEAM, readers_only),
        ("participant_remove",
         lambda: f"/humanrights/education/{p['session'].public_id}/participants/{_new_participant(p).public_id}/remove/",
         {}, TEAM, readers_only),
        ("committee_act", lambda: "/humanrights/committee/act/member/",
         {"term": 6, "name": "새위원", "position": "member", "kind": "appointed"}, TEAM, readers_only),
        ("meeting_act", lambda: f"/humanrights/committee/meetings/{p['meeting'].public_id}/act/agenda/",
         {"kind": "report", "title": "보고 안건"}, TEAM, readers_only),
        ("monitors_act", lambda: "/humanrights/monitors/act/cohort/",
         {"number": 9, "starts_on": "2027-04-01", "ends_on": "2028-12-31"}, TEAM, set()),
        ("activity_check", lambda: f"/humanrights/monitors/activities/{p['activity'].public_id}/check/",
         {"note": "확인"}, TEAM, {"monitor", "mate"}),
        ("monitor_file", lambda: "/humanrights/monitor/new/",
         {"kind": "monitoring", "held_on": "2026-06-01", "place": "공원", "title": "점검", "content": "내용"}, MONITORS,
         set()),
        ("assessment_create", lambda: "/humanrights/assessments/new/",
         {"title": "새 조례안", "legislation_type": "ordinance", "kind": "amend",
          "department": OrgUnit.objects.get(name="건설과").pk, "summary": "요지"},
         TEAM | DRAFTERS | {"other_liaison"}, readers_only),
        ("assessment_act", lambda: f"/humanrights/assessments/{p['pending'].case_number}/act/assess/",
         {"recommendation": "agree", "assessed_on": "2026-11-20"}, TEAM, readers_only | DRAFTERS),
        ("assessment_act", lambda: f"/humanrights/assessments/{p['draft'].case_number}/act/respond/",
         {"response": "accepted", "responded_on": "2026-11-20"}, TEAM | DRAFTERS, readers_only),
        ("contest_act", lambda: "/humanrights/contests/2026/act/juror/", {"name": "심사위원을"}, TEAM, readers_only),
        ("entry_scores", lambda: f"/humanrights/contests/2026/entries/{p['entry'].public_id}/scores/",
         {"juror": p["contest"].jurors.first().pk, f"score_{criterion.pk}": 40}, TEAM, readers_only),
        ("cardnews", lambda: "/humanrights/cardnews/", {"title": "차별 없는 말", "message": "호칭을 존중해요"},
         TEAM, readers_only),
    ]  # fmt: skip


@pytest.mark.parametrize("row", range(17))
def test_post_matrix_nothing_changes_on_denial(client, as_role, row):
    p = planted()
    name, url, data, allowed, read_only = post_rows(p)[row]
    for role in ROLES:
        target = url()
        as_role(role)
        before = snapshot()
        status = client.post(target, data).status_code
        if role in allowed:
            assert status in (302, 400), (name, role, status)
        else:
            assert status == (403 if role in read_only else 404), (name, role, status)
            assert snapshot() == before, (name, role)


def test_personal_data_only_for_the_team_and_every_reading_logged(client, as_role):
    p = planted()
    session = f"/humanrights/education/{p['session'].public_id}/"
    as_role("council")
    html = body(client.get(session))
    assert PARTICIPANT not in html and PARTICIPANT_PHONE not in html and "10명" in html
    assert not AccessLog.objects.filter(target_type="humanrights.session").exists()
    assert ENTRANT not in body(client.get("/humanrights/contests/2026/"))
    assert "010-3333-4444" not in body(client.get("/humanrights/committee/"))
    as_role("investigator")
    assert PARTICIPANT in body(client.get(session))
    view = AccessLog.objects.get(target_type="humanrights.session", action="view")
    assert view.fields == ["성명", "소속", "연락처"] and view.record_count == 1
    assert view.target_id == str(p["session"].public_id) and PARTICIPANT not in view.target_label
    csv_text = body(client.get(f"{session}participants.csv"))
    assert PARTICIPANT_PHONE in csv_text
    assert AccessLog.objects.filter(target_type="humanrights.session", action="export").count() == 1
    assert ENTRANT in body(client.get("/humanrights/contests/2026/"))
    assert "010-3333-4444" in body(client.get("/humanrights/committee/"))
    client.get("/humanrights/monitors/")
    roster = AccessLog.objects.get(target_type="humanrights.cohort")
    assert roster.record_count == 3 and "연락처" in roster.fields
    before = AccessLog.objects.count()
    as_role("auditor")
    assert client.get(session).status_code == 404
    assert AccessLog.objects.count() == before  # a refusal writes no row


def test_a_monitors_screen_shows_their_team_masked(client, as_role):
    p = planted()
    as_role("mate")
    html = body(client.get("/humanrights/monitor/"))
    assert "엘리베이터 점검" in html and "1조 hr_mon" not in html and "1○○○○○○" in html
    as_role("other_monitor")
    assert "엘리베이터 점검" not in body(client.get("/humanrights/monitor/"))
    assert client.get(f"/humanrights/monitors/activities/{p['activity'].public_id}/").status_code == 404


def test_desk_items_for_the_team_and_the_drafting_department(client, as_role):
    p = planted()
    as_role("investigator")
    html = body(client.get("/"))
    assert "인권영향평가 — 영등포구 가로수 조례 일부개정조례안" in html
    assert "구민인권지킴이단 활동 보고 1건 확인" in html
    as_role("liaison")
    assert "인권영향평가 개정 권고 회신 — 영등포구 도로 점용 조례 일부개정조례안" in body(client.get("/"))
    as_role("other_liaison")
    assert "개정 권고 회신" not in body(client.get("/"))
    assessments.respond(user("liaison"), m.Draft.objects.get(pk=p["draft"].pk), response="accepted",
                        responded_on=p["draft"].assessed_on)  # fmt: skip
    as_role("liaison")
    assert "개정 권고 회신" not in body(client.get("/"))


def test_the_department_answers_from_its_desk(client, as_role):
    p = planted()
    url = f"/humanrights/assessments/{p['draft'].case_number}/"
    as_role("liaison")
    html = body(client.get(url))
    assert "위원회 성별 균형 조항 신설 권고" in html and 'data-testid="respond-form"' in html
    response = client.post(
        f"{url}act/respond/", {"response": "declined", "response_text": "", "responded_on": "2026-11-20"}
    )
    assert response.status_code == 400 and "이유" in body(response)
    response = client.post(f"{url}act/respond/", {"response": "declined", "response_text": "상위법 검토 중",
                                                  "responded_on": "2026-11-20"})  # fmt: skip
    assert response.status_code == 302
    draft = m.Draft.objects.get(pk=p["draft"].pk)
    assert (draft.status, draft.response, draft.response_text) == ("answered", "declined", "상위법 검토 중")
