"""Every write of the investigation screens × every account: the receipt form, 대상자 추가 and each workflow action
of `act/<action>/` (views.FORMS), through the real HTTP layer (helpers in gamsa/core/testing/matrix.py).

The statuses are written out by hand from the rules (permissions.py): the office head (`head`) and the investigation
team leader (`lead`) open every case; the investigator assigned to the cases (`investigator`) opens them; a second
investigator of the team who is not assigned (`other_investigator`), the audit team leader (`leader`) and everyone
else get 404. Among those who open a case: 배정·조치·징계·종결 are the team leader's and the head's, the investigation
steps (개시, 진술, 증거, 일지, 통보, 결과 보고) the assigned investigator's and the team leader's; the others get 403.
A refused request changes nothing (tables and uploaded files); an allowed one changes exactly what its row says.
Each case of the world waits in the state its action needs; every test rolls back what it did.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gamsa.core.models import AccessLog, Event, OrgUnit, User
from gamsa.core.testing import matrix
from gamsa.investigations import services as svc
from gamsa.investigations import views
from gamsa.investigations.models import (
    Allegation,
    AllegationType,
    Assignment,
    Case,
    CaseKey,
    CaseKeyGrant,
    DiaryEntry,
    EvidenceFile,
    Statement,
    Subject,
)
from gamsa.investigations.tests.helpers import D, png

pytestmark = pytest.mark.django_db

ACCOUNTS = matrix.SIGNED_IN + ("lead", "other_investigator")
# Statuses in the order of ACCOUNTS:
#   head leader auditor invest. compl. patrol liaison dhead volunt. council admin citizen lead other_inv.
TABLE = {
    "create":        (302, 404, 404, 403, 404, 404, 404, 404, 404, 404, 404, 404, 302, 403),
    "add_subjects":  (302, 404, 404, 302, 404, 404, 404, 404, 404, 404, 404, 404, 302, 404),
    "assign":        (302, 404, 404, 403, 404, 404, 404, 404, 404, 404, 404, 404, 302, 404),
    "start":         (403, 404, 404, 302, 404, 404, 404, 404, 404, 404, 404, 404, 302, 404),
    "statement":     (403, 404, 404, 302, 404, 404, 404, 404, 404, 404, 404, 404, 302, 404),
    "evidence":      (403, 404, 404, 302, 404, 404, 404, 404, 404, 404, 404, 404, 302, 404),
    "diary":         (403, 404, 404, 302, 404, 404, 404, 404, 404, 404, 404, 404, 302, 404),
    "block":         (403, 404, 404, 302, 404, 404, 404, 404, 404, 404, 404, 404, 302, 404),
    "block_end":     (403, 404, 404, 302, 404, 404, 404, 404, 404, 404, 404, 404, 302, 404),
    "notice":        (403, 404, 404, 302, 404, 404, 404, 404, 404, 404, 404, 404, 302, 404),
    "report":        (403, 404, 404, 302, 404, 404, 404, 404, 404, 404, 404, 404, 302, 404),
    "action":        (302, 404, 404, 403, 404, 404, 404, 404, 404, 404, 404, 404, 302, 404),
    "discipline":    (302, 404, 404, 403, 404, 404, 404, 404, 404, 404, 404, 404, 302, 404),
    "decision":      (302, 404, 404, 403, 404, 404, 404, 404, 404, 404, 404, 404, 302, 404),
    "disposition":   (302, 404, 404, 403, 404, 404, 404, 404, 404, 404, 404, 404, 302, 404),
    "close":         (302, 404, 404, 403, 404, 404, 404, 404, 404, 404, 404, 404, 302, 404),
}  # fmt: skip
EXPECTED = matrix.expectations(TABLE, ACCOUNTS)
ACT = {row: row for row in views.FORMS} | {"block_end": "block"}  # the row → the `act/<action>/` it posts

# What an allowed request changes (counters below), exactly.
SUCCESS = {
    "create": {
        "events": 1, "cases": "changed", "subjects": "changed", "allegations": "changed", "case_keys": 1,
    },
    # 음주운전 on 2025-11-01 → 2028-11-01, nearer than the case's 2029-05-10: the board's date moves too
    "add_subjects": {"events": 1, "subjects": "changed", "allegations": "changed", "cases": "changed"},
    "assign": {"events": 1, "assignments": 1},
    "start": {"events": 1, "cases": "changed"},
    "statement": {"events": 1, "statements": 1},
    "evidence": {"events": 1, "evidence": 1, "media_files": 1},
    "diary": {"events": 1, "diary": 1},
    "block": {"events": 1, "cases": "changed"},
    # the end notice of a 수사 with under a month left: every 징계시효 of the case moves (제73조의2②)
    "block_end": {"events": 1, "cases": "changed", "allegations": "changed"},
    "notice": {"events": 1, "subjects": "changed"},
    "report": {"events": 1, "cases": "changed", "subjects": "changed"},
    "action": {"events": 1, "cases": "changed", "subjects": "changed"},
    "discipline": {"events": 1, "cases": "changed", "subjects": "changed"},
    "decision": {"events": 1, "subjects": "changed"},
    "disposition": {"events": 1, "cases": "changed", "subjects": "changed"},
    "close": {"events": 1, "cases": "changed"},
}  # fmt: skip


def counters() -> dict:
    return {
        "events": Event.objects.count,
        "access_logs": AccessLog.objects.count,
        "cases": lambda: list(
            Case.objects.order_by("pk").values_list(
                "status",
                "investigation_started_on",
                "reported_on",
                "report_text",
                "closed_on",
                "blocking_body",
                "block_started_on",
                "block_ended_on",
                "nearest_expiry",
            )
        ),
        "subjects": lambda: list(
            Subject.objects.order_by("pk").values_list(
                "name",
                "finding",
                "action",
                "discipline_requested_on",
                "decision",
                "disposed_on",
                "start_notice_on",
                "end_notice_on",
            )
        ),
        "allegations": lambda: list(Allegation.objects.order_by("pk").values_list("expires_on", "act_date")),
        "assignments": lambda: Assignment.objects.filter(ended_on__isnull=True).count(),
        "statements": Statement.objects.count,
        "evidence": EvidenceFile.objects.count,
        "diary": DiaryEntry.objects.count,
        "case_keys": CaseKey.objects.count,
        "key_grants": CaseKeyGrant.objects.count,
    }


def _lead() -> User:
    return User.objects.get(memberships__role="team_leader", memberships__unit__office_team="investigation")


def _other_investigator() -> User:
    return (
        User.objects.filter(memberships__role="investigator", memberships__unit__office_team="investigation")
        .exclude(username="investigator")
        .order_by("username")
        .first()
    )


def _account(name: str) -> User:
    return {"lead": _lead, "other_investigator": _other_investigator}.get(
        name, lambda: User.objects.get(username=name)
    )()


@pytest.fixture
def demo(demo_module, db):
    return demo_module


@pytest.fixture(autouse=True)
def _isolated(isolated_settings):
    return isolated_settings


RECEIVED = D("2026-03-02")
ACT_ON = D("2024-05-10")  # 금품 수수 → 5 years: 2029-05-10


def _case(lead, investigator, *, kind="bribery", act=ACT_ON, received=RECEIVED) -> Case:
    case = svc.receive_case(
        lead,
        title="업무 관련 금품 수수",
        summary="경찰 수사 결과 통보",
        source="external",
        external_body="police",
        document_number="수사과-1",
        document_date=received - dt.timedelta(days=2),
        received_on=received,
        subjects=[
            {
                "name": "피조사",
                "unit": OrgUnit.objects.get(name="건설과"),
                "grade": "6",
                "allegations": [{"type": kind, "act_date": act}],
            }
        ],
    )
    svc.assign(lead, case, [investigator], received)
    return case


@pytest.fixture(scope="module")
def world(demo_module, django_db_blocker):
    """One case per state an action needs, all assigned to `investigator` (statuses 배정 → 종결 대기)."""
    with django_db_blocker.unblock():
        lead, inv, head = (
            _lead(),
            User.objects.get(username="investigator"),
            User.objects.get(username="head"),
        )
        on = RECEIVED + dt.timedelta(days=1)
        assigned = _case(lead, inv)

        def investigating(**kw):
            case = _case(lead, inv, **kw)
            svc.start_investigation(inv, case, on)
            return case

        open_case = investigating()
        # 직무 태만 (3 years) on 2023-03-20 → 2026-03-20; a 수사 from 2026-01-10 whose end notice comes on 2026-03-05
        # with 15 days left: the 징계시효 becomes a month after the notice (지방공무원법 제73조의2②)
        blocked = investigating(kind="neglect", act=D("2023-03-20"), received=D("2026-01-05"))
        svc.record_block(inv, blocked, body="criminal", started_on=D("2026-01-10"))

        def reported():
            case = investigating()
            subject = case.subjects.get()
            svc.report_findings(
                inv, case, on=on, report="비위 확인", findings={str(subject.public_id): "금품 수수 확인"}
            )
            return case, subject

        reported_case, _ = reported()
        heavy, heavy_subject = reported()
        svc.decide_action(lead, heavy_subject, action="heavy", on=on)
        requested, requested_subject = reported()
        svc.decide_action(lead, requested_subject, action="heavy", on=on)
        svc.request_discipline(lead, requested_subject, on=on)
        decided, decided_subject = reported()
        svc.decide_action(lead, decided_subject, action="light", on=on)
        svc.request_discipline(lead, decided_subject, on=on)
        svc.record_decision(head, decided_subject, decision="reprimand", received_on=on)
        disposed, disposed_subject = reported()
        svc.decide_action(lead, disposed_subject, action="light", on=on)
        svc.request_discipline(lead, disposed_subject, on=on)
        svc.record_decision(head, disposed_subject, decision="reprimand", received_on=on)
        svc.record_disposition(head, disposed_subject, on=on)

        def ids(case):
            return {"number": case.case_number, "subject": str(case.subjects.get().public_id)}

        return {
            "assigned": ids(assigned),
            "investigating": ids(open_case),
            "blocked": ids(blocked),
            "reported": ids(reported_case),
            "heavy": ids(heavy),
            "requested": ids(requested),
            "decided": ids(decided),
            "disposed": ids(disposed),
            "other_investigator": _other_investigator().username,
            "unit": OrgUnit.objects.get(name="주택과").pk,
            "drunk": AllegationType.objects.get(code="drunk_driving").pk,
        }


def request_for(action: str, w: dict) -> tuple[str, dict]:
    """(url, data) of one row; the data of a fresh upload each time."""
    day = "2026-03-06"
    if action == "create":
        return "/investigations/new/", {
            "title": "음주운전 적발 통보",
            "summary": "경찰서 통보",
            "source": "external",
            "external_body": "police",
            "external_body_name": "영등포경찰서",
            "document_number": "교통과-77",
            "document_date": "2026-03-01",
            "received_on": "2026-03-03",
            "subject_name": "나신규",
            "subject_unit": w["unit"],
            "subject_grade": "7",
            "allegation_type": w["drunk"],
            "act_date": "2026-02-01",
        }
    if action == "add_subjects":
        case = w["investigating"]["number"]
        return f"/investigations/{case}/subjects/new/", {
            "subjects-TOTAL_FORMS": "1",
            "subjects-INITIAL_FORMS": "0",
            "subjects-0-name": "추가대상",
            "subjects-0-unit": w["unit"],
            "subjects-0-grade": "8",
            "subjects-0-allegation_type": w["drunk"],
            "subjects-0-act_date": "2025-11-01",
        }
    state, data = {
        "assign": ("assigned", {"investigators": [w["other_investigator"]], "on": day}),
        "start": ("assigned", {"on": day}),
        "statement": ("investigating", {"taken_on": day, "kind": "문답서", "text": "참고인 진술"}),
        "evidence": (
            "investigating",
            {"file": SimpleUploadedFile("증거.png", png(), content_type="image/png")},
        ),
        "diary": ("investigating", {"on": day, "text": "출석 요구서 발송"}),
        "block": ("investigating", {"body": "bai", "started_on": day}),
        "block_end": (
            "blocked",
            {"body": "criminal", "started_on": "2026-01-10", "ended_on": "2026-03-05"},
        ),
        "notice": ("investigating", {"kind": "start", "on": day}),
        "report": ("investigating", {"on": day, "report": "비위 확인"}),
        "action": ("reported", {"action": "heavy", "on": day}),
        "discipline": ("heavy", {"on": day}),
        "decision": ("requested", {"decision": "pay_cut", "received_on": day}),
        "disposition": ("decided", {"on": day}),
        "close": ("disposed", {"on": day}),
    }[action]
    case = w[state]
    if action in ("notice", "action", "discipline", "decision", "disposition"):
        data["subject"] = case["subject"]
    if action == "report":
        data[f"finding_{case['subject']}"] = "금품 수수 확인"
    return f"/investigations/{case['number']}/act/{ACT[action]}/", data


def test_every_write_has_a_row():
    """The guard: a workflow action added to views.FORMS (or a POST screen) without a row here fails."""
    assert set(views.FORMS) <= set(TABLE)
    assert set(TABLE) == set(SUCCESS) == set(views.FORMS) | {"create", "add_subjects", "block_end"}
    assert len(ACCOUNTS) == len(set(ACCOUNTS)) == 14


@pytest.mark.parametrize("account", ACCOUNTS)
@pytest.mark.parametrize("action", list(TABLE))
def test_post_matrix(client, world, settings, django_capture_on_commit_callbacks, action, account):
    from gamsa.conftest import verified_login

    verified_login(client, _account(account))
    url, data = request_for(action, world)
    before = matrix.counts(counters(), settings.MEDIA_ROOT)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    after = matrix.counts(counters(), settings.MEDIA_ROOT)
    if response.status_code == 400:  # show the form's message rather than a bare status
        print(response.content.decode()[:3000])
    matrix.assert_outcome(
        response, EXPECTED[action][account], before, after, SUCCESS[action], f"{account} POST {url}"
    )


@pytest.mark.parametrize("action", list(TABLE))
def test_anonymous_is_sent_to_login(client, world, settings, action):
    url, data = request_for(action, world)
    before = matrix.counts(counters(), settings.MEDIA_ROOT)
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=")
    assert matrix.difference(before, matrix.counts(counters(), settings.MEDIA_ROOT)) == {}


def test_the_end_notice_moves_the_limitation_by_the_one_month_rule(client, world):
    """The block_end row's change, in dates: 2026-03-20 becomes a month after the 2026-03-05 notice."""
    from gamsa.conftest import verified_login

    verified_login(client, User.objects.get(username="investigator"))
    url, data = request_for("block_end", world)
    assert client.post(url, data).status_code == 302
    allegation = Allegation.objects.get(subject__case__case_number=world["blocked"]["number"])
    assert allegation.expires_on == D("2026-04-06")  # 2026-04-05 is a Sunday → Monday (민법 제161조)
