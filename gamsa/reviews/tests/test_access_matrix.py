"""Who may do what in reviews (일상감사, 계약심사, the thresholds) and 적극행정: every route of the `reviews` namespace ×
every demo account and anonymous, through the real HTTP layer (the pattern of gamsa/core/tests/test_permissions.py,
helpers in gamsa/core/testing/access_matrix.py).

The statuses are written out by hand from the rules: the audit team (`head`, `leader`, `auditor`) reviews and runs
적극행정; the council viewer reads (403 on writes); 건설과 (`liaison`, `depthead`) files for its own unit and sees
only its own records (the "theirs" records are 주택과's); the department head nominates; the thresholds are read by
all of them and the system administrator, and changed by the administrator and the office head; everyone else gets
404. A refused request changes nothing; an allowed one changes exactly what its row says. The guard test fails when
a route of the namespace has no row.
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from gamsa.core.models import AccessLog, Event, Membership, OrgUnit, Role, User
from gamsa.core.notices.models import Delivery
from gamsa.core.testing import matrix
from gamsa.reviews.models import (
    CommitteeMember,
    ContractReview,
    ExemptionCase,
    Nomination,
    PreConsulting,
    PreExecutionReview,
    QuarterlyExemptionReport,
    SelectionRound,
    ThresholdRule,
)

pytestmark = pytest.mark.django_db

USERS = matrix.SIGNED_IN
# Statuses in the order of USERS:
#   head  leader auditor invest. compl. patrol liaison dhead volunt. council admin citizen
TABLE = {
    # --- 일상감사 and 계약심사 -------------------------------------------------------------------------------------
    "index":              (200, 200, 200, 404, 404, 404, 200, 200, 404, 200, 404, 404),
    "pre_list":           (200, 200, 200, 404, 404, 404, 200, 200, 404, 200, 404, 404),
    "pre_create":         (403, 403, 403, 404, 404, 404, 200, 200, 404, 403, 404, 404),
    "pre_create_post":    (403, 403, 403, 404, 404, 404, 302, 302, 404, 403, 404, 404),
    "pre_detail_mine":    (200, 200, 200, 404, 404, 404, 200, 200, 404, 200, 404, 404),
    "pre_detail_theirs":   (200, 200, 200, 404, 404, 404, 404, 404, 404, 200, 404, 404),
    "pre_opinion":        (302, 302, 302, 404, 404, 404, 403, 403, 404, 403, 404, 404),
    "contract_list":      (200, 200, 200, 404, 404, 404, 200, 200, 404, 200, 404, 404),
    "contract_create":    (403, 403, 403, 404, 404, 404, 200, 200, 404, 403, 404, 404),
    "contract_create_post": (403, 403, 403, 404, 404, 404, 302, 302, 404, 403, 404, 404),
    "savings":            (200, 200, 200, 404, 404, 404, 200, 200, 404, 200, 404, 404),
    "contract_detail_mine": (200, 200, 200, 404, 404, 404, 200, 200, 404, 200, 404, 404),
    "contract_detail_theirs": (200, 200, 200, 404, 404, 404, 404, 404, 404, 200, 404, 404),
    "contract_result":    (302, 302, 302, 404, 404, 404, 403, 403, 404, 403, 404, 404),
    "assign":             (302, 302, 302, 404, 404, 404, 403, 403, 404, 403, 404, 404),
    "assign_theirs":       (302, 302, 302, 404, 404, 404, 404, 404, 404, 403, 404, 404),
    # --- thresholds ------------------------------------------------------------------------------------------------
    "thresholds":         (200, 200, 200, 404, 404, 404, 200, 200, 404, 200, 200, 404),
    "threshold_create":   (200, 403, 403, 404, 404, 404, 403, 403, 404, 403, 200, 404),
    "threshold_create_post": (302, 403, 403, 404, 404, 404, 403, 403, 404, 403, 302, 404),
    "check":              (200, 200, 200, 404, 404, 404, 200, 200, 404, 200, 200, 404),
    # --- 적극행정 ---------------------------------------------------------------------------------------------------
    "proactive":          (200, 200, 200, 404, 404, 404, 200, 200, 404, 200, 404, 404),
    "round_create":       (302, 302, 302, 404, 404, 404, 403, 403, 404, 403, 404, 404),
    "round_detail":       (200, 200, 200, 404, 404, 404, 404, 404, 404, 200, 404, 404),
    "round_action":       (302, 302, 302, 404, 404, 404, 404, 404, 404, 403, 404, 404),
    "nominate":           (200, 200, 200, 404, 404, 404, 403, 200, 404, 403, 404, 404),
    "nominate_post":      (302, 302, 302, 404, 404, 404, 403, 302, 404, 403, 404, 404),
    "consulting_create":  (403, 403, 403, 404, 404, 404, 200, 200, 404, 403, 404, 404),
    "consulting_create_post": (403, 403, 403, 404, 404, 404, 302, 302, 404, 403, 404, 404),
    "consulting_detail_mine": (200, 200, 200, 404, 404, 404, 200, 200, 404, 200, 404, 404),
    "consulting_detail_theirs": (200, 200, 200, 404, 404, 404, 404, 404, 404, 200, 404, 404),
    "consulting_answer":  (302, 302, 302, 404, 404, 404, 403, 403, 404, 403, 404, 404),
    "exemption_create":   (200, 200, 200, 404, 404, 404, 200, 200, 404, 403, 404, 404),
    "exemption_create_post": (302, 302, 302, 404, 404, 404, 302, 302, 404, 403, 404, 404),
    "exemption_detail":   (200, 200, 200, 404, 404, 404, 200, 200, 404, 200, 404, 404),
    "exemption_decide":   (302, 302, 302, 404, 404, 404, 403, 403, 404, 403, 404, 404),
    "quarterly_report":   (200, 200, 200, 404, 404, 404, 404, 404, 404, 200, 404, 404),
    "quarterly_report_post": (302, 302, 302, 404, 404, 404, 404, 404, 404, 403, 404, 404),
}  # fmt: skip
EXPECTED = matrix.expectations(TABLE, USERS)

ROUTE = {action: action for action in TABLE} | {
    "pre_create_post": "pre_create",
    "pre_detail_mine": "pre_detail",
    "pre_detail_theirs": "pre_detail",
    "contract_create_post": "contract_create",
    "contract_detail_mine": "contract_detail",
    "contract_detail_theirs": "contract_detail",
    "assign_theirs": "assign",
    "threshold_create_post": "threshold_create",
    "nominate_post": "nominate",
    "consulting_create_post": "consulting_create",
    "consulting_detail_mine": "consulting_detail",
    "consulting_detail_theirs": "consulting_detail",
    "consulting_answer": "consulting_detail",
    "exemption_create_post": "exemption_create",
    "exemption_decide": "exemption_detail",
    "quarterly_report_post": "quarterly_report",
}

SUCCESS = {
    "pre_create_post": {"pre_reviews": "changed", "events": 1},
    "pre_opinion": {"pre_reviews": "changed", "events": 1},
    "contract_create_post": {"contract_reviews": "changed", "events": 1},
    "contract_result": {"contract_reviews": "changed", "events": 1},
    "assign": {"pre_reviews": "changed", "events": 1},
    "assign_theirs": {"pre_reviews": "changed", "events": 1},
    "threshold_create_post": {"thresholds": 1, "events": 1},
    "round_create": {"rounds": 1, "events": 1},
    "round_action": {"members": 1, "events": 1},
    "nominate_post": {"nominations": 1, "events": 1},
    "consulting_create_post": {"consultings": "changed", "events": 1},
    "consulting_answer": {"consultings": "changed", "events": 1},
    "exemption_create_post": {"exemptions": "changed", "events": 1},
    "exemption_decide": {"exemptions": "changed", "events": 1},
    "quarterly_report_post": {"reports": 1, "events": 1},
}
# The round page shows the selection committee's names: each view is access-logged.
LOGGED_READS = {"round_detail": {"head", "leader", "auditor", "council"}}


def counters() -> dict:
    return {
        "events": Event.objects.count,
        "access_logs": AccessLog.objects.count,
        "deliveries": Delivery.objects.count,
        "pre_reviews": lambda: list(
            PreExecutionReview.objects.order_by("pk").values_list("status", "reviewer_id", "opinion")
        ),
        "contract_reviews": lambda: list(
            ContractReview.objects.order_by("pk").values_list("status", "reviewer_id", "reviewed_amount")
        ),
        "thresholds": ThresholdRule.objects.count,
        "rounds": SelectionRound.objects.count,
        "members": CommitteeMember.objects.count,
        "nominations": Nomination.objects.count,
        "consultings": lambda: list(PreConsulting.objects.order_by("pk").values_list("status", "advice")),
        "exemptions": lambda: list(
            ExemptionCase.objects.order_by("pk").values_list("decision", "decision_reason")
        ),
        "reports": QuarterlyExemptionReport.objects.count,
    }


@pytest.fixture
def demo(demo_module, db):
    return demo_module


@pytest.fixture(autouse=True)
def _isolated(isolated_settings):
    return isolated_settings


@pytest.fixture(scope="module")
def world(demo_module, django_db_blocker):
    """Requests and 적극행정 records of 건설과 (filed by its liaison) and of 주택과 (filed by a 주택과 liaison)."""
    from gamsa.reviews.proactive import services as pro
    from gamsa.reviews.services import requests as svc

    with django_db_blocker.unblock():
        people = {u.username: u for u in User.objects.filter(username__in=USERS)}
        mine, other = OrgUnit.objects.get(name="건설과"), OrgUnit.objects.get(name="주택과")
        housing = User.objects.create_user("housing", full_name="주택과 담당")
        Membership.objects.create(user=housing, unit=other, role=Role.DEPT_LIAISON)

        def pre(user, unit):
            return svc.file_pre_execution(
                user, unit, title="보도 정비공사", field="contract", category="services",
                estimated_price=80_000_000, estimated_amount=88_000_000,
            )  # fmt: skip

        def consulting(user, unit):
            return pro.request_consulting(
                user, unit, subject="긴급 보수 수의계약", question="수의계약이 가능한지 묻습니다."
            )

        auditor = people["auditor"]
        rnd = pro.open_round(auditor, year=timezone.localdate().year, half=1, quota=8)
        pro.add_member(auditor, rnd, name="송재원", affiliation="부구청장", external=False)
        world = {
            "people": people,
            "unit": mine,
            "pre_mine": pre(people["liaison"], mine),
            "pre_theirs": pre(housing, other),
            "contract_mine": svc.file_contract_review(
                people["liaison"],
                mine,
                review_kind="contract",
                title="하수관로 공사",
                category="works",
                designed_amount=100_000_000,
            ),  # fmt: skip
            "contract_theirs": svc.file_contract_review(
                housing,
                other,
                review_kind="contract",
                title="주택 보수",
                category="works",
                designed_amount=100_000_000,
            ),  # fmt: skip
            "round": rnd,
            "consulting_mine": consulting(people["liaison"], mine),
            "consulting_theirs": consulting(housing, other),
            "exemption": pro.file_exemption(
                people["liaison"],
                mine,
                applicant_name="김도현",
                matter="수의계약 주의 요구의 면책 신청",
                public_interest=True,
            ),  # fmt: skip
        }
    return world


def request_for(action: str, world: dict) -> tuple[str, str, dict]:
    """(method, url, data) of one action."""
    w, unit = world, world["unit"].pk
    pre, con = w["pre_mine"].case_number, w["contract_mine"].case_number
    rnd = w["round"].public_id
    last_year = timezone.localdate().year - 1
    table = {
        "index": ("get", "/reviews/", {}),
        "pre_list": ("get", "/reviews/pre/", {}),
        "pre_create": ("get", "/reviews/pre/new/", {}),
        "pre_create_post": (
            "post",
            "/reviews/pre/new/",
            {"unit": unit, "title": "교량 보수 용역", "field": "contract", "category": "services",
             "estimated_price": "90000000", "estimated_amount": "99000000"},
        ),
        "pre_detail_mine": ("get", f"/reviews/pre/{pre}/", {}),
        "pre_detail_theirs": ("get", f"/reviews/pre/{w['pre_theirs'].case_number}/", {}),
        "pre_opinion": ("post", f"/reviews/pre/{pre}/opinion/", {"opinion": "appropriate", "text": ""}),
        "contract_list": ("get", "/reviews/contracts/", {}),
        "contract_create": ("get", "/reviews/contracts/new/", {}),
        "contract_create_post": (
            "post",
            "/reviews/contracts/new/",
            {"unit": unit, "review_kind": "contract", "title": "보도 포장공사", "category": "works",
             "designed_amount": "120000000"},
        ),
        "savings": ("get", "/reviews/contracts/savings/", {}),
        "contract_detail_mine": ("get", f"/reviews/contracts/{con}/", {}),
        "contract_detail_theirs": ("get", f"/reviews/contracts/{w['contract_theirs'].case_number}/", {}),
        "contract_result": (
            "post", f"/reviews/contracts/{con}/result/", {"reviewed_amount": "95000000", "note": "조정"}
        ),
        "assign": ("post", f"/reviews/assign/pre/{pre}/", {"reviewer": w["people"]["auditor"].pk}),
        "assign_theirs": (
            "post", f"/reviews/assign/pre/{w['pre_theirs'].case_number}/", {"reviewer": w["people"]["auditor"].pk}
        ),
        "thresholds": ("get", "/reviews/thresholds/", {}),
        "threshold_create": ("get", "/reviews/thresholds/new/", {}),
        "threshold_create_post": (
            "post",
            "/reviews/thresholds/new/",
            {"review_kind": "pre_execution", "category": "services", "basis": "estimated_price",
             "min_amount": "50000000", "applies": "on", "effective_from": f"{last_year + 3}-01-01",
             "source": "구 일상감사 규칙 별표 1"},
        ),
        "check": ("get", "/reviews/thresholds/check/", {"category": "services", "estimated_price": "90000000"}),
        "proactive": ("get", "/reviews/proactive/", {}),
        "round_create": ("post", "/reviews/proactive/rounds/new/", {"year": last_year, "half": "2", "quota": "8"}),
        "round_detail": ("get", f"/reviews/proactive/rounds/{rnd}/", {}),
        "round_action": (
            "post", f"/reviews/proactive/rounds/{rnd}/member/", {"name": "홍미경", "affiliation": "변호사"}
        ),
        "nominate": ("get", f"/reviews/proactive/rounds/{rnd}/nominate/", {}),
        "nominate_post": (
            "post",
            f"/reviews/proactive/rounds/{rnd}/nominate/",
            {"nominee_name": "김도현", "nominee_unit": unit, "achievement": "침수 도로 선제 정비",
             "description": "우기 전에 정비했습니다."},
        ),
        "consulting_create": ("get", "/reviews/proactive/consulting/new/", {}),
        "consulting_create_post": (
            "post",
            "/reviews/proactive/consulting/new/",
            {"unit": unit, "subject": "점용 허가 연장", "question": "연장 범위를 묻습니다."},
        ),
        "consulting_detail_mine": ("get", f"/reviews/proactive/consulting/{w['consulting_mine'].case_number}/", {}),
        "consulting_detail_theirs": (
            "get", f"/reviews/proactive/consulting/{w['consulting_theirs'].case_number}/", {}
        ),
        "consulting_answer": (
            "post", f"/reviews/proactive/consulting/{w['consulting_mine'].case_number}/", {"advice": "가능합니다."}
        ),
        "exemption_create": ("get", "/reviews/proactive/exemptions/new/", {}),
        "exemption_create_post": (
            "post",
            "/reviews/proactive/exemptions/new/",
            {"unit": unit, "applicant_name": "이건우", "matter": "지체상금 미부과 건", "public_interest": "on"},
        ),
        "exemption_detail": ("get", f"/reviews/proactive/exemptions/{w['exemption'].case_number}/", {}),
        "exemption_decide": (
            "post",
            f"/reviews/proactive/exemptions/{w['exemption'].case_number}/",
            {"decision": "granted", "reason": "공익을 위한 처리"},
        ),
        "quarterly_report": ("get", "/reviews/proactive/exemption-report/", {}),
        "quarterly_report_post": ("post", f"/reviews/proactive/exemption-report/?year={last_year}&quarter=4", {}),
    }  # fmt: skip
    return table[action]


def test_the_table_has_a_row_for_every_route_and_every_account():
    """The guard: a route added to the `reviews` namespace without a row here fails this test."""
    assert len(USERS) == len(set(USERS)) == 12
    assert set(ROUTE) == set(TABLE) and set(ROUTE.values()) == matrix.route_names("reviews")
    assert set(SUCCESS) <= set(TABLE) and set(LOGGED_READS) <= set(TABLE)


@pytest.mark.parametrize("username", USERS)
@pytest.mark.parametrize("action", list(TABLE))
def test_role_action_matrix(
    client, login, world, settings, django_capture_on_commit_callbacks, action, username
):
    login(username)
    method, url, data = request_for(action, world)
    before = matrix.counts(counters(), settings.MEDIA_ROOT)
    with django_capture_on_commit_callbacks(execute=True):  # side effects after the commit count too
        response = getattr(client, method)(url, data)
    after = matrix.counts(counters(), settings.MEDIA_ROOT)
    success = dict(SUCCESS.get(action, {}))
    if username in LOGGED_READS.get(action, ()):
        success["access_logs"] = 1
    expected = EXPECTED[action][username]
    matrix.assert_outcome(response, expected, before, after, success, f"{username} {method.upper()} {url}")


@pytest.mark.parametrize("action", list(TABLE))
def test_anonymous_is_sent_to_login(client, world, settings, action):
    method, url, data = request_for(action, world)
    before = matrix.counts(counters(), settings.MEDIA_ROOT)
    response = getattr(client, method)(url, data)
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=")
    assert matrix.difference(before, matrix.counts(counters(), settings.MEDIA_ROOT)) == {}
