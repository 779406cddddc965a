"""Who may do what: a role × action matrix over every restricted view of core, through the real HTTP layer.

The expected outcome of every (action, account) pair is written out below by hand, from the rules in the brief
(outsiders 404, read-only users 403, anonymous users sent to the login page). It is deliberately NOT derived
from gamsa.core.permissions, so a wrong rule there makes these tests fail.

Every request is checked twice: the status code, and the change in the database (row counts of every table a
view could write, plus the files under MEDIA_ROOT). A denied request must change nothing at all.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from gamsa.core import services
from gamsa.core.models import AccessLog, ApiToken, Attachment, Closure, Event, Job, Membership, User

pytestmark = pytest.mark.django_db

USERS = [
    "head", "leader", "auditor", "investigator", "complaints", "patrol",
    "liaison", "depthead", "volunteer", "council", "admin", "citizen",
]  # fmt: skip

# Each row lists the status for the accounts in the order of USERS:
#   head  leader auditor invest. compl. patrol liaison dhead volunt. council admin citizen
TABLE = {
    "home":             (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "team":             (200, 200, 200, 200, 200, 200, 200, 200, 404, 200, 200, 404),
    "org":              (200, 200, 200, 200, 200, 200, 200, 200, 404, 200, 200, 404),
    "calendar":         (200, 200, 200, 200, 200, 200, 200, 200, 404, 200, 200, 404),
    "closure_add":      (403, 403, 403, 403, 403, 403, 403, 403, 404, 403, 302, 404),
    "closure_delete":   (403, 403, 403, 403, 403, 403, 403, 403, 404, 403, 302, 404),
    "closure_delete_old": (403, 403, 403, 403, 403, 403, 403, 403, 404, 403, 308, 404),
    "events":           (200, 200, 404, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "access_log":       (200, 404, 404, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "access_export":    (302, 404, 404, 404, 404, 404, 404, 404, 404, 404, 302, 404),
    "job_of_head":      (200, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "files":            (200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 200, 404),
    "files_upload":     (302, 302, 302, 302, 302, 302, 302, 302, 302, 404, 302, 404),
    "download_auditor": (404, 404, 200, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "token_issue":      (200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 200, 403),
    "token_revoke":     (404, 302, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "token_revoke_old": (404, 308, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "person_auditor":   (200, 200, 200, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "person_volunteer": (200, 200, 404, 404, 404, 404, 404, 404, 200, 404, 200, 404),
    "person_citizen":   (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 200, 200),
}  # fmt: skip
EXPECTED = {action: dict(zip(USERS, row, strict=True)) for action, row in TABLE.items()}

# What a successful request changes (everything not listed must stay the same).
SUCCESS_DELTA = {
    "closure_add": {"closures": 1, "events": 1},
    "closure_delete": {"closures": -1, "events": 1},
    # job.created, attachment.stored, job.finished; the XLSX is stored; the export itself is access-logged.
    "access_export": {"jobs": 1, "attachments": 1, "media_files": 1, "access_logs": 1, "events": 3},
    "files_upload": {"attachments": 1, "media_files": 1, "events": 1},
    "download_auditor": {"access_logs": 1},
    "token_issue": {"tokens": 1, "events": 1},
    "token_revoke": {"revoked_tokens": 1, "events": 1},
    # Viewing another person's record is access-logged; one's own is not (see test below).
    "person_auditor": {"access_logs": 1},
    "person_volunteer": {"access_logs": 1},
    "person_citizen": {"access_logs": 1},
}
SELF_VIEW = {("person_auditor", "auditor"), ("person_volunteer", "volunteer"), ("person_citizen", "citizen")}

# Staff roles must pass the OTP step; the others (volunteer, council viewer, citizen) need not.
NEEDS_OTP = {
    "head",
    "leader",
    "auditor",
    "investigator",
    "complaints",
    "patrol",
    "liaison",
    "depthead",
    "admin",
}


@pytest.fixture
def demo(demo_module, db):
    return demo_module


@pytest.fixture(autouse=True)
def _isolated(isolated_settings):
    return isolated_settings


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def snapshot(media_root: Path) -> dict[str, int]:
    return {
        "events": Event.objects.count(),
        "closures": Closure.objects.count(),
        "tokens": ApiToken.objects.count(),
        "revoked_tokens": ApiToken.objects.filter(revoked_at__isnull=False).count(),
        "attachments": Attachment.objects.count(),
        "jobs": Job.objects.count(),
        "access_logs": AccessLog.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "media_files": sum(1 for p in Path(media_root).rglob("*") if p.is_file())
        if Path(media_root).exists()
        else 0,
    }


def closure_day() -> str:
    """A day about half a year ahead: inside the date window every form accepts (at most a year ahead)."""
    return (timezone.localdate() + dt.timedelta(days=190)).isoformat()


@pytest.fixture
def world(demo):
    """Objects the actions work on, created by their rightful owners."""
    people = {u.username: u for u in User.objects.filter(username__in=USERS)}
    closure = services.add_closure(
        people["admin"], date="2031-05-13", name="구 개청기념일", kind=Closure.Kind.LOCAL
    )
    closure.refresh_from_db()  # its date as a date, as the pages see it
    job = services.create_job(people["head"], kind="access_log_export", label="개인정보 접근기록 내보내기")
    attachment = services.store_attachment(people["auditor"], data=png_bytes(), original_name="현장사진.png")
    token, _raw = services.issue_api_token(people["leader"], name="leader-token")
    return {"people": people, "closure": closure, "job": job, "attachment": attachment, "token": token}


def request_for(action: str, world: dict) -> tuple[str, str, dict]:
    """(method, url, data) of one action."""
    people = world["people"]
    upload = None
    if action == "files_upload":
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("사진.png", png_bytes(), content_type="image/png")
    table = {
        "home": ("get", "/", {}),
        "team": ("get", "/teams/audit/", {}),
        "org": ("get", "/org/", {}),
        "calendar": ("get", "/calendar/", {}),
        "closure_add": (
            "post",
            "/calendar/closures/",
            {"date": closure_day(), "name": "임시 휴무", "kind": "temporary"},
        ),
        "closure_delete": ("post", f"/calendar/closures/{world['closure'].date.isoformat()}/delete/", {}),
        "closure_delete_old": ("post", f"/calendar/closures/{world['closure'].pk}/delete/", {}),
        "events": ("get", "/logs/events/", {}),
        "access_log": ("get", "/logs/access/", {}),
        "access_export": ("post", "/logs/access/export/", {}),
        "job_of_head": ("get", f"/jobs/{world['job'].public_id}/", {}),
        "files": ("get", "/files/", {}),
        "files_upload": ("post", "/files/", {"file": upload}),
        "download_auditor": ("get", f"/files/{world['attachment'].public_id}/", {}),
        "token_issue": ("post", "/account/", {"name": "내 토큰", "days": "90"}),
        "token_revoke": ("post", f"/account/tokens/{world['token'].public_id}/revoke/", {}),
        "token_revoke_old": ("post", f"/account/tokens/{world['token'].pk}/revoke/", {}),
        "person_auditor": ("get", f"/people/{people['auditor'].public_id}/", {}),
        "person_volunteer": ("get", f"/people/{people['volunteer'].public_id}/", {}),
        "person_citizen": ("get", f"/people/{people['citizen'].public_id}/", {}),
    }
    return table[action]


def test_table_covers_every_account_and_every_core_url():
    """The matrix must name each demo account once and touch every restricted route of core/urls.py."""
    from gamsa.core.urls import urlpatterns

    assert len(USERS) == len(set(USERS)) == 12
    covered_routes = {
        "home", "team", "org", "calendar", "closure_add", "closure_delete", "events", "access_log",
        "access_log_export", "job", "files", "download", "account", "token_revoke", "person",
        "closure_delete_legacy", "token_revoke_legacy",
    }  # fmt: skip
    public = {"login", "otp", "logout", "healthz", "privacy", "site_guide"}
    assert {p.name for p in urlpatterns} == covered_routes | public


@pytest.mark.parametrize("username", USERS)
@pytest.mark.parametrize("action", list(TABLE))
def test_role_action_matrix(client, login, world, settings, action, username):
    expected = EXPECTED[action][username]
    login(username)
    method, url, data = request_for(action, world)
    before = snapshot(settings.MEDIA_ROOT)
    response = getattr(client, method)(url, data)
    after = snapshot(settings.MEDIA_ROOT)

    assert response.status_code == expected, f"{username} {method.upper()} {url}"
    delta = {key: after[key] - before[key] for key in before if after[key] != before[key]}
    if expected in (403, 404):
        assert delta == {}, f"a denied request changed the database: {delta}"
    elif (action, username) in SELF_VIEW:
        assert delta == {}, "viewing one's own record is not an access to someone else's data"
    else:
        assert delta == SUCCESS_DELTA.get(action, {})


def test_closure_add_by_admin_stores_the_closure_and_redirects_to_its_year(client, login, world):
    login("admin")
    day = closure_day()
    response = client.post("/calendar/closures/", {"date": day, "name": "임시 휴무", "kind": "temporary"})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('core:calendar')}?year={day[:4]}"
    closure = Closure.objects.get(date=day)
    event = Event.objects.filter(verb="closure.added").latest("id")
    assert (closure.name, event.actor.username) == ("임시 휴무", "admin")


def test_closure_delete_of_unknown_pk_is_404_for_admin(client, login, world):
    login("admin")
    before = Closure.objects.count()
    response = client.post("/calendar/closures/999999/delete/")
    assert response.status_code == 404
    assert Closure.objects.count() == before


@pytest.mark.parametrize("url", ["/calendar/closures/", "/logs/access/export/", "/account/tokens/1/revoke/"])
def test_post_only_views_refuse_get(client, login, world, url):
    login("admin")
    before = snapshot(Path("/nonexistent"))
    assert client.get(url).status_code == 405
    assert snapshot(Path("/nonexistent")) == before


def test_token_revoke_by_owner_sets_revoked_at(client, login, world):
    login("leader")
    token = world["token"]
    response = client.post(f"/account/tokens/{token.public_id}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_old_addresses_by_database_id_redirect_permanently_to_the_public_ones(client, login, world):
    """308 keeps the POST: a form from a page opened before the change still works, checked again at the end."""
    login("leader")
    token = world["token"]
    old = client.post(f"/account/tokens/{token.pk}/revoke/")
    assert old.status_code == 308 and old["Location"] == f"/account/tokens/{token.public_id}/revoke/"
    token.refresh_from_db()
    assert token.revoked_at is None  # the redirect itself changes nothing
    followed = client.post(f"/account/tokens/{token.pk}/revoke/", follow=True)
    token.refresh_from_db()
    assert followed.status_code == 200 and token.revoked_at is not None
    client.logout()
    login("admin")
    closure = world["closure"]
    old = client.post(f"/calendar/closures/{closure.pk}/delete/")
    assert (
        old.status_code == 308 and old["Location"] == f"/calendar/closures/{closure.date.isoformat()}/delete/"
    )
    assert Closure.objects.filter(pk=closure.pk).exists()
    assert client.post("/calendar/closures/not-a-date/delete/").status_code == 404


def test_token_issue_shows_the_new_token_once(client, login, world):
    login("auditor")
    response = client.post("/account/", {"name": "스크립트", "days": "30"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user__username="auditor", name="스크립트")
    assert b'data-testid="new-token"' in response.content
    assert token.prefix.encode() in response.content
    # Shown once: the next visit of the page does not show it again.
    again = client.get("/account/")
    assert b'data-testid="new-token"' not in again.content


def test_download_by_uploader_returns_the_bytes(client, login, world):
    login("auditor")
    response = client.get(f"/files/{world['attachment'].public_id}/")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body == world["attachment"].file.open("rb").read()


# --- anonymous users ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("action", [action for action in TABLE if action != "home"])
def test_anonymous_is_sent_to_login(client, world, settings, action):
    method, url, data = request_for(action, world)
    before = snapshot(settings.MEDIA_ROOT)
    response = getattr(client, method)(url, data)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")
    assert snapshot(settings.MEDIA_ROOT) == before


def test_anonymous_home_is_the_public_front_door(client, world, settings):
    """`/` without a session is the residents' front door (test_front_door.py), never a desk or a login loop."""
    before = snapshot(settings.MEDIA_ROOT)
    response = client.get("/")
    assert response.status_code == 200 and 'data-testid="front-door"' in response.content.decode()
    assert snapshot(settings.MEDIA_ROOT) == before


def test_anonymous_api_me_is_401(client, db):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["detail"]


# --- the OTP step ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("username", USERS)
def test_home_without_otp_step(client, demo, username):
    """force_login only (password passed, OTP not): staff are sent to /login/otp/, the others see home."""
    client.force_login(User.objects.get(username=username))
    response = client.get("/")
    if username in NEEDS_OTP:
        assert response.status_code == 302
        assert response["Location"] == "/login/otp/?next=%2F"
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("username", sorted(NEEDS_OTP))
def test_api_me_without_otp_step_is_403_json(client, demo, username):
    client.force_login(User.objects.get(username=username))
    response = client.get("/api/v1/me")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert "2단계 인증" in response.json()["detail"]


@pytest.mark.parametrize("url", ["/org/", "/logs/events/", "/files/", "/account/"])
def test_staff_without_otp_step_sees_no_page(client, demo, url):
    before = snapshot(Path("/nonexistent"))
    client.force_login(User.objects.get(username="admin"))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/otp/?next=")
    assert snapshot(Path("/nonexistent")) == before


def test_citizen_without_otp_step_sees_home(client, demo):
    client.force_login(User.objects.get(username="citizen"))
    response = client.get("/")
    assert response.status_code == 200
    assert response.wsgi_request.user.username == "citizen"
