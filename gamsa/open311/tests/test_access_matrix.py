"""Who may do what in Open311: every route of the `open311` namespace × every demo account and anonymous, through the
real HTTP layer (the pattern of gamsa/core/tests/test_permissions.py, helpers in gamsa/core/testing/access_matrix.py).

The GeoReport v2 endpoints do not depend on who is signed in: reads are public and a post is decided by its api_key
alone (a valid key files a field complaint; none or a wrong one is refused, 403, changing nothing). The key page and
revocation are the system administrator's; everyone else gets 404. The statuses are written out by hand; the guard
test fails when a route of the namespace has no row.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from gamsa.core.models import AccessLog, Event, User
from gamsa.core.testing import matrix
from gamsa.open311.models import ApiKey
from gamsa.patrols.models import FieldComplaint, FieldItem, Finding, FindingCategory, Source

pytestmark = pytest.mark.django_db

USERS = matrix.SIGNED_IN
EVERYONE = {status: (status,) * len(USERS) for status in (200, 403)}

#   head  leader auditor invest. compl. patrol liaison dhead volunt. council admin citizen
TABLE = {
    "discovery":         EVERYONE[200],
    "services":          EVERYONE[200],
    "service":           EVERYONE[200],
    "requests":          EVERYONE[200],
    "requests_post":     EVERYONE[200],  # with a valid partner key
    "requests_post_bad": EVERYONE[403],  # with a wrong key
    "request":           EVERYONE[200],
    "token":             EVERYONE[200],
    "keys":              (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "revoke":            (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 302, 404),
    "revoke_legacy":     (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 308, 404),
}  # fmt: skip
EXPECTED = matrix.expectations(TABLE, USERS)
ROUTE = {action: action for action in TABLE} | {
    "requests_post": "requests",
    "requests_post_bad": "requests",
}
PUBLIC = {
    "discovery",
    "services",
    "service",
    "requests",
    "requests_post",
    "requests_post_bad",
    "request",
    "token",
}

SUCCESS = {
    # a field complaint filed under the key (its event and the Open311 receipt); the key notes its last use
    "requests_post": {"complaints": 1, "events": 2, "key_uses": "changed"},
    "revoke": {"keys": "changed", "events": 1},
}
PARKING = "traffic-illegal-parking"
FORM = "application/x-www-form-urlencoded"


def counters() -> dict:
    return {
        "events": Event.objects.count,
        "access_logs": AccessLog.objects.count,
        "complaints": FieldComplaint.objects.count,
        "findings": Finding.objects.count,
        "keys": lambda: list(ApiKey.objects.order_by("pk").values_list("revoked_at")),
        "key_uses": lambda: list(ApiKey.objects.order_by("pk").values_list("last_used_at")),
    }


@pytest.fixture
def demo(demo_module, db):
    return demo_module


@pytest.fixture(autouse=True)
def _isolated(isolated_settings):
    return isolated_settings


@pytest.fixture(scope="module")
def world(demo_module, django_db_blocker):
    """A partner key, a field complaint filed through Open311 and a guardian's report with its token."""
    from gamsa.open311 import services
    from gamsa.patrols.fieldcomplaints.services import create_complaint
    from gamsa.patrols.findings.demo import seed_finding_categories
    from gamsa.patrols.findings.services import create_finding

    with django_db_blocker.unblock():
        seed_finding_categories()
        key, raw = services.create_key(None, name="협력기관 앱")
        complaint = create_complaint(
            None,
            item=FieldItem.objects.get(code=PARKING),
            received_at=timezone.now() - dt.timedelta(hours=1),
            title="횡단보도 불법주차",
            body="",
            address="영등포구 당산로 123",
            latitude="37.526",
            longitude="126.896",
            source=Source.OPEN311,
        )
        report = create_finding(
            User.objects.get(username="patrol"),
            source=Finding.Source.OPEN311,
            category=FindingCategory.objects.get(name="교통"),
            title="신호등 고장",
            address="영등포구 영중로 10",
            open311_token="tok-matrix-1",
        )
    return {"key": key, "raw": raw, "complaint": complaint, "report": report}


def post_body(raw_key: str) -> str:
    return urlencode(
        {
            "api_key": raw_key,
            "service_code": PARKING,
            "lat": "37.526",
            "long": "126.896",
            "description": "횡단보도 위에 차가 세워져 있습니다.",
            "attribute[vehicle_number]": "12가3456",
            "attribute[parking_place]": "crosswalk",
        }
    )


def request_for(action: str, world: dict) -> tuple[str, str, dict]:
    """(method, url, data) of one action; posts to /v2/requests go as a partner's form body."""
    base = "/open311/v2"
    key = world["key"]
    table = {
        "discovery": ("get", f"{base}/discovery.json", {}),
        "services": ("get", f"{base}/services.json", {}),
        "service": ("get", f"{base}/services/{PARKING}.json", {}),
        "requests": ("get", f"{base}/requests.json", {}),
        "requests_post": ("form", f"{base}/requests.json", post_body(world["raw"])),
        "requests_post_bad": ("form", f"{base}/requests.json", post_body("o311_not-a-key")),
        "request": ("get", f"{base}/requests/{world['complaint'].source_id}.json", {}),
        "token": ("get", f"{base}/tokens/{world['report'].open311_token}.json", {}),
        "keys": ("get", "/open311/keys/", {}),
        "revoke": ("post", f"/open311/keys/{key.public_id}/revoke/", {}),
        "revoke_legacy": ("post", f"/open311/keys/{key.pk}/revoke/", {}),
    }
    return table[action]


def send(client, method: str, url: str, data):
    if method == "form":
        return client.post(url, data=data.encode("utf-8"), content_type=FORM)
    return getattr(client, method)(url, data)


def test_the_table_has_a_row_for_every_route_and_every_account():
    """The guard: a route added to the `open311` namespace without a row here fails this test."""
    assert len(USERS) == len(set(USERS)) == 12
    assert set(ROUTE) == set(TABLE) and set(ROUTE.values()) == matrix.route_names("open311")


@pytest.mark.parametrize("username", USERS)
@pytest.mark.parametrize("action", list(TABLE))
def test_role_action_matrix(
    client, login, world, settings, django_capture_on_commit_callbacks, action, username
):
    login(username)
    method, url, data = request_for(action, world)
    before = matrix.counts(counters(), settings.MEDIA_ROOT)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, method, url, data)
    after = matrix.counts(counters(), settings.MEDIA_ROOT)
    label = f"{username} {method.upper()} {url}"
    matrix.assert_outcome(response, EXPECTED[action][username], before, after, SUCCESS.get(action, {}), label)


@pytest.mark.parametrize("action", list(TABLE))
def test_anonymous(client, world, settings, django_capture_on_commit_callbacks, action):
    """The GeoReport endpoints answer anonymous callers as anyone else; the key pages send them to the login."""
    method, url, data = request_for(action, world)
    before = matrix.counts(counters(), settings.MEDIA_ROOT)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, method, url, data)
    after = matrix.counts(counters(), settings.MEDIA_ROOT)
    if action in PUBLIC:
        expected = EXPECTED[action]["citizen"]
        matrix.assert_outcome(response, expected, before, after, SUCCESS.get(action, {}), f"anonymous {url}")
    else:
        assert response.status_code == 302 and response["Location"].startswith("/login/?next=")
        assert matrix.difference(before, after) == {}
