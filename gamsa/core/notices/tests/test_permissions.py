"""Role × action over every URL of the notices app, through the real HTTP layer; a denied request changes nothing.
Expected outcomes are written by hand (not derived from gamsa.core.notices.permissions)."""

from __future__ import annotations

import datetime as dt

import pytest

from gamsa.complaints.grievances import services as svc
from gamsa.core.models import Event, OrgUnit, User
from gamsa.core.notices import rendering, services
from gamsa.core.notices.models import CitizenChoice, Delivery, NoticeTemplate, StaffNoticePreference, Status

pytestmark = pytest.mark.django_db

USERS = [
    "head", "leader", "auditor", "investigator", "complaints", "patrol",
    "liaison", "depthead", "volunteer", "council", "admin", "citizen",
]  # fmt: skip

#   head  leader auditor invest. compl. patrol liaison dhead volunt. council admin citizen
TABLE = {
    "templates":       (200, 200, 200, 200, 200, 200, 404, 404, 404, 404, 200, 404),
    "template_create": (302, 403, 403, 403, 302, 403, 404, 404, 404, 404, 302, 404),
    "preference":      (302, 302, 302, 302, 302, 302, 302, 302, 403, 403, 302, 403),
    "case_channel":    (302, 403, 403, 403, 302, 403, 302, 302, 404, 403, 403, 404),
    "resend":          (302, 403, 403, 403, 302, 403, 302, 302, 404, 403, 403, 404),
}  # fmt: skip
EXPECTED = {action: dict(zip(USERS, row, strict=True)) for action, row in TABLE.items()}
SUCCESS_DELTA = {
    "template_create": {"templates": 1, "events": 1},
    "preference": {"events": 1, "preferences": 1},
    "case_channel": {"events": 1, "choice_email": 1},
    "resend": {"events": 1, "failed": -1},
}


@pytest.fixture
def demo(demo_module, db):
    return demo_module


@pytest.fixture(autouse=True)
def _isolated(isolated_settings):
    isolated_settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "imports", "reports"],
        }
    }
    return isolated_settings


@pytest.fixture
def world(demo):
    officer = User.objects.get(username="complaints")
    receipt = svc.receive_grievance(
        officer, channel="phone", kind="grievance", title="권한 시험 민원", body="내용",
        complainant={"name": "권한시험", "phone": "010-9999-0000", "email": "perm@example.org"},
    )  # fmt: skip
    g = receipt.grievance
    svc.assign(officer, g, department=OrgUnit.objects.get(name="건설과"))
    services.record_choice(officer, g, channel="sms", consent=True, how="전화")
    failed = Delivery.objects.create(
        kind="receipt", channel="sms", target_type="complaints.grievance", target_id=g.case_number,
        recipient="010-9999-0000", recipient_masked="010-****-0000", subject="s", body="b",
        status=Status.FAILED, attempts=4, last_error="solapi:http5xx",
    )  # fmt: skip
    return {"g": g, "failed": failed}


def request_for(action, world):
    g = world["g"]
    return {
        "templates": ("get", "/notices/templates/", {}),
        "template_create": (
            "post",
            "/notices/templates/",
            {
                "kind": "receipt",
                "effective_from": "2027-01-01",
                "subject": "[#{기관명}] 접수",
                "body": "#{접수번호} 접수",
            },
        ),
        "preference": ("post", "/notices/preference/", {"channel": "sms"}),
        "case_channel": (
            "post",
            f"/notices/case/complaints.grievance/{g.case_number}/channel/",
            {"channel": "email", "consent": "on", "how": "전화 확인"},
        ),
        "resend": ("post", f"/notices/{world['failed'].public_id}/resend/", {}),
    }[action]


def snapshot():
    return {
        "events": Event.objects.count(),
        "templates": NoticeTemplate.objects.count(),
        "preferences": StaffNoticePreference.objects.count(),
        "choice_email": CitizenChoice.objects.filter(channel="email").count(),
        "failed": Delivery.objects.filter(status=Status.FAILED).count(),
        "deliveries": Delivery.objects.count(),
    }


def test_table_covers_every_url_of_the_app():
    from gamsa.core.notices.urls import urlpatterns

    assert {p.name for p in urlpatterns} == {"templates", "preference", "case_channel", "resend"}
    assert set(TABLE) >= {"templates", "template_create", "preference", "case_channel", "resend"}


@pytest.mark.parametrize("username", USERS)
@pytest.mark.parametrize("action", list(TABLE))
def test_role_action_matrix(client, login, world, action, username):
    login(username)
    method, url, data = request_for(action, world)
    before = snapshot()
    response = getattr(client, method)(url, data)
    after = snapshot()
    assert response.status_code == EXPECTED[action][username], f"{username} {method} {url}"
    delta = {k: after[k] - before[k] for k in before if after[k] != before[k]}
    if response.status_code in (403, 404):
        assert delta == {}, f"a denied request changed the database: {delta}"
    elif method == "post":
        assert delta == SUCCESS_DELTA[action]


def test_template_with_an_unknown_mark_is_refused_and_keeps_what_was_typed(client, login, world):
    login("complaints")
    before = NoticeTemplate.objects.count()
    response = client.post(
        "/notices/templates/",
        {
            "kind": "receipt",
            "effective_from": "2027-01-01",
            "subject": "접수 안내",
            "body": "#{주민번호} 확인 바랍니다",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "쓸 수 없는 항목" in page and "#{주민번호}" in page and "확인 바랍니다" in page
    assert NoticeTemplate.objects.count() == before


def test_new_wording_applies_from_its_effective_date(world):
    officer = User.objects.get(username="complaints")
    services.create_template(
        officer, kind="receipt", effective_from=dt.date(2031, 3, 1), subject="[#{기관명}] 새 접수 안내",
        body="접수번호 #{접수번호}로 접수했습니다.",
    )  # fmt: skip
    assert services.template_for("receipt", dt.date(2031, 2, 28)).subject == "[#{기관명}] 민원 접수 안내"
    assert services.template_for("receipt", dt.date(2031, 3, 1)).subject == "[#{기관명}] 새 접수 안내"
    now = dt.datetime(2031, 3, 2, 10, tzinfo=dt.UTC)
    [delivery] = services.dispatch("receipt", "complaints.grievance", world["g"].case_number, now=now)
    assert delivery.body == f"접수번호 {world['g'].case_number}로 접수했습니다."
    assert delivery.recipient_masked == "010-****-0000"


def test_masks():
    assert rendering.mask_phone("010-1234-5678") == "010-****-5678"
    assert rendering.mask_email("hong@example.org") == "h***@example.org"
    assert rendering.render("#{접수번호} · #{없는항목}", {"접수번호": "2026-000001"}) == "2026-000001 ·"
