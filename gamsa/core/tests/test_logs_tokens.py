"""The event log, the personal-data access log (view, filters, retention, XLSX export) and personal API tokens."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from gamsa.core import services
from gamsa.core.models import (
    AccessLog,
    Agency,
    ApiToken,
    Closure,
    Event,
    Job,
    Membership,
    OrgUnit,
    Role,
    User,
)

pytestmark = pytest.mark.django_db

HANGUL = re.compile(r"[가-힣]")
TOKEN_RE = re.compile(r'data-testid="new-token">(gms_[A-Za-z0-9_\-]+)<')


@pytest.fixture
def demo(demo_module, db):
    return demo_module


@pytest.fixture(autouse=True)
def _isolated(isolated_settings):
    return isolated_settings


def person(username: str) -> User:
    return User.objects.get(username=username)


# --- one event per service call ---------------------------------------------------------------------------------


def _add_closure(admin):
    closure = services.add_closure(
        admin, date=dt.date(2031, 5, 13), name="개청기념일", kind=Closure.Kind.LOCAL
    )
    return "closure.added", str(closure.pk)


def _remove_closure(admin):
    closure = Closure.objects.create(date=dt.date(2031, 5, 14), name="임시", kind=Closure.Kind.TEMPORARY)
    pk = closure.pk
    services.remove_closure(admin, closure)
    assert not Closure.objects.filter(pk=pk).exists()
    return "closure.removed", str(pk)


def _issue_token(admin):
    token, raw = services.issue_api_token(admin, name="t")
    assert raw.startswith("gms_") and raw not in json.dumps(
        list(Event.objects.values_list("details", flat=True))
    )
    return "api_token.issued", str(token.public_id)


def _revoke_token(admin):
    token = ApiToken.objects.create(user=admin, name="t", prefix="gms_x", key_hash="0" * 64)
    services.revoke_api_token(admin, token)
    return "api_token.revoked", str(token.public_id)


def _create_unit(admin):
    agency = Agency.objects.get(code="3180000")
    root = OrgUnit.objects.get(agency=agency, code="ydp")
    unit = services.create_unit(
        admin, agency=agency, parent=root, code="new-unit", name="신설과", kind="department"
    )
    assert unit.path == "/ydp/new-unit/"
    return "unit.created", str(unit.public_id)


def _add_membership(admin):
    user = person("citizen")
    unit = OrgUnit.objects.get(code="audit-audit")
    services.add_membership(admin, user=user, unit=unit, role=Role.VOLUNTEER)
    return "membership.added", str(user.public_id)


@pytest.mark.parametrize(
    "call", [_add_closure, _remove_closure, _issue_token, _revoke_token, _create_unit, _add_membership]
)
def test_each_service_call_writes_exactly_one_event(demo, call):
    admin = person("admin")
    before = Event.objects.count()
    verb, target_id = call(admin)
    assert Event.objects.count() == before + 1
    event = Event.objects.latest("id")
    assert (event.verb, event.target_id, event.actor_id) == (verb, target_id, admin.pk)
    assert event.actor_label.endswith("(admin)")


def test_add_membership_twice_writes_one_event(demo):
    admin, user = person("admin"), person("citizen")
    unit = OrgUnit.objects.get(code="audit-audit")
    before = Event.objects.count()
    services.add_membership(admin, user=user, unit=unit, role=Role.VOLUNTEER)
    services.add_membership(admin, user=user, unit=unit, role=Role.VOLUNTEER)
    assert Event.objects.count() == before + 1
    assert Membership.objects.filter(user=user, unit=unit, role=Role.VOLUNTEER).count() == 1


def test_create_person_event_carries_no_name_or_phone(demo):
    admin = person("admin")
    user = services.create_person(
        admin,
        username="newcomer",
        full_name="남궁옥분",
        phone="010-9876-5432",
        email="nk@example.kr",
        kind="citizen",
    )
    event = Event.objects.get(verb="person.created", target_id=str(user.public_id))
    stored = json.dumps(event.details, ensure_ascii=False) + event.target_label
    # Fragments of the phone long enough not to turn up by chance in the random public id the label carries.
    for secret in ("010-9876-5432", "01098765432", "9876-5432", "98765432", "남궁옥분", "nk@example.kr"):
        assert secret not in stored
    assert event.details == {"kind": "citizen", "unit": None}


def test_update_person_event_names_the_field_not_the_value(demo):
    admin, volunteer = person("admin"), person("volunteer")
    services.update_person(admin, volunteer, phone="010-5555-4444", full_name="바뀐이름")
    event = Event.objects.get(verb="person.updated", target_id=str(volunteer.public_id))
    assert sorted(event.details["changed"]) == ["full_name", "phone"]
    stored = json.dumps(event.details, ensure_ascii=False) + event.target_label
    assert "010-5555-4444" not in stored and "바뀐이름" not in stored


def test_no_event_of_the_demo_holds_anyones_phone_or_name_in_details(demo):
    people = User.objects.exclude(phone="", full_name="")
    secrets = {p.phone for p in people if p.phone} | {p.full_name for p in people if p.full_name}
    assert "010-0000-0002" in secrets and "홍길동" in secrets
    for event in Event.objects.all():
        stored = json.dumps(event.details, ensure_ascii=False) + event.target_label
        leaked = [s for s in secrets if s in stored]
        assert not leaked, f"{event.verb} {event.target_id} holds {leaked}"


# --- access log of person records -------------------------------------------------------------------------------


def test_viewing_another_persons_record_writes_one_access_log_row(client, login):
    login("head")
    target = person("auditor")
    url = f"/people/{target.public_id}/"
    before = AccessLog.objects.count()
    response = client.get(url)
    assert response.status_code == 200
    assert target.phone in response.content.decode()
    assert AccessLog.objects.count() == before + 1
    row = AccessLog.objects.latest("id")
    assert row.user == person("head")
    assert row.action == "view"
    assert row.target_type == "core.user"
    assert row.target_id == str(target.public_id)
    assert "연락처" in row.fields
    assert row.path == url
    assert row.ip_address == "127.0.0.1"
    # The log identifies the person by public id, never by name.
    assert target.full_name not in row.target_label


def test_viewing_ones_own_record_is_not_logged(client, login):
    login("auditor")
    before = AccessLog.objects.count()
    response = client.get(f"/people/{person('auditor').public_id}/")
    assert response.status_code == 200
    assert AccessLog.objects.count() == before


# --- filters of the log pages ------------------------------------------------------------------------------------


def _at(model, obj, when: dt.datetime):
    model.objects.filter(pk=obj.pk).update(at=when)


SEOUL = dt.timezone(dt.timedelta(hours=9))


@pytest.fixture
def dated_logs(demo):
    head, admin, auditor = person("head"), person("admin"), person("auditor")
    e1 = services.record_event(head, "test.head_january")
    e2 = services.record_event(admin, "test.admin_january")
    e3 = services.record_event(head, "test.head_march")
    _at(Event, e1, dt.datetime(2025, 1, 15, 10, tzinfo=SEOUL))
    _at(Event, e2, dt.datetime(2025, 1, 31, 23, 30, tzinfo=SEOUL))  # late on the last day: still in January
    _at(Event, e3, dt.datetime(2025, 3, 1, 0, 5, tzinfo=SEOUL))
    a1 = services.log_access(head, auditor, ["연락처"], reason="jan-head")
    a2 = services.log_access(admin, auditor, ["연락처"], reason="jan-admin")
    a3 = services.log_access(head, auditor, ["연락처"], reason="mar-head")
    _at(AccessLog, a1, dt.datetime(2025, 1, 15, 10, tzinfo=SEOUL))
    _at(AccessLog, a2, dt.datetime(2025, 1, 31, 23, 30, tzinfo=SEOUL))
    _at(AccessLog, a3, dt.datetime(2025, 3, 1, 0, 5, tzinfo=SEOUL))
    return {"events": (e1, e2, e3), "access": (a1, a2, a3)}


def _ids(response) -> set[int]:
    return {row.pk for row in response.context["page"].object_list}


def test_event_page_filters_by_actor_and_dates(client, login, dated_logs):
    e1, e2, e3 = dated_logs["events"]
    login("head")
    january = client.get("/logs/events/", {"since": "2025-01-01", "until": "2025-01-31"})
    assert january.status_code == 200
    assert _ids(january) == {e1.pk, e2.pk}
    assert "test.head_january" in january.content.decode()
    assert "test.head_march" not in january.content.decode()
    heads_january = client.get(
        "/logs/events/", {"actor": "(head)", "since": "2025-01-01", "until": "2025-01-31"}
    )
    assert _ids(heads_january) == {e1.pk}
    since_feb = client.get("/logs/events/", {"actor": "(head)", "since": "2025-02-01"})
    assert e3.pk in _ids(since_feb) and e1.pk not in _ids(since_feb)


def test_access_log_page_filters_by_actor_and_dates(client, login, dated_logs):
    a1, a2, a3 = dated_logs["access"]
    login("admin")
    january = client.get("/logs/access/", {"since": "2025-01-01", "until": "2025-01-31"})
    assert january.status_code == 200
    assert _ids(january) == {a1.pk, a2.pk}
    admins = client.get("/logs/access/", {"actor": "(admin)", "until": "2025-12-31"})
    assert _ids(admins) == {a2.pk}
    march = client.get("/logs/access/", {"since": "2025-03-01", "until": "2025-03-01"})
    assert _ids(march) == {a3.pk}


@pytest.mark.parametrize("url", ["/logs/events/", "/logs/access/"])
def test_since_after_until_is_a_korean_error_and_shows_nothing(client, login, dated_logs, url):
    login("head")
    response = client.get(url, {"since": "2025-02-01", "until": "2025-01-01"})
    assert response.status_code == 200
    assert "시작일이 종료일보다 늦습니다" in response.content.decode()
    assert _ids(response) == set()


# --- retention ---------------------------------------------------------------------------------------------


def test_prune_keeps_two_years_exactly(demo, settings):
    settings.GAMSA_ACCESS_LOG_RETENTION_DAYS = 100  # a shorter setting must never shorten the legal minimum
    now = timezone.now()
    auditor = person("auditor")
    old = services.log_access(None, auditor, ["연락처"], reason="old")
    kept = services.log_access(None, auditor, ["연락처"], reason="kept")
    fresh = services.log_access(None, auditor, ["연락처"], reason="fresh")
    _at(AccessLog, old, now - dt.timedelta(days=730, minutes=1))
    _at(AccessLog, kept, now - dt.timedelta(days=729))
    events_before = Event.objects.count()
    assert services.prune_access_log(now) == 1
    assert set(AccessLog.objects.values_list("pk", flat=True)) == {kept.pk, fresh.pk}
    assert Event.objects.count() == events_before + 1
    assert Event.objects.latest("id").details == {"deleted": 1, "retention_days": 730}


def test_prune_with_nothing_to_delete_writes_no_event(demo):
    services.log_access(None, person("auditor"), ["연락처"])
    before = (AccessLog.objects.count(), Event.objects.count())
    assert services.prune_access_log() == 0
    assert (AccessLog.objects.count(), Event.objects.count()) == before


# --- export -------------------------------------------------------------------------------------------------


def _export(client, data: dict) -> Job:
    response = client.post("/logs/access/export/", data)
    assert response.status_code == 302
    job = Job.objects.latest("id")
    assert response["Location"] == f"/jobs/{job.public_id}/"
    return job


def _xlsx_rows(job: Job) -> list[tuple]:
    with job.result_file.file.open("rb") as fh:
        sheet = load_workbook(io.BytesIO(fh.read()), read_only=True).active
        return list(sheet.iter_rows(values_only=True))


def test_export_matches_the_filtered_page(client, login, dated_logs):
    login("head")
    filters = {"actor": "(head)", "since": "2025-01-01", "until": "2025-12-31"}
    page = client.get("/logs/access/", filters)
    expected = page.context["page"].paginator.count
    assert expected == 2
    export_rows_before = AccessLog.objects.filter(action="export").count()

    job = _export(client, filters)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert job.owner == person("head")
    assert job.result == {"rows": expected}
    assert job.result_file is not None and job.result_file.kind == "xlsx"
    rows = _xlsx_rows(job)
    assert rows[0][:3] == ("일시", "열람자", "행위")
    assert len(rows) - 1 == expected
    assert {r[9] for r in rows[1:]} == {"jan-head", "mar-head"}

    exports = AccessLog.objects.filter(action="export")
    assert exports.count() == export_rows_before + 1
    export_row = exports.latest("id")
    assert export_row.user == person("head") and export_row.record_count == expected

    page = client.get(f"/jobs/{job.public_id}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<progress" in html and 'data-testid="job-progress"' in html
    assert 'value="100"' in html
    assert f"/files/{job.result_file.public_id}/" in html
    # The owner may download the result file.
    download = client.get(f"/files/{job.result_file.public_id}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:2] == b"PK"


def test_job_page_for_htmx_renders_only_the_progress_fragment(client, login, demo):
    login("head")
    job = services.create_job(person("head"), kind="x", label="작업")
    services.job_progress(job, done=3, total=10)
    response = client.get(f"/jobs/{job.public_id}/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="job-')
    assert 'value="30"' in html and "hx-get" in html
    assert "<html" not in html


def test_export_with_text_filter_matches_the_page(client, login, dated_logs):
    login("head")
    filters = {"q": "core.user"}  # the page searches target_type too
    expected = client.get("/logs/access/", filters).context["page"].paginator.count
    assert expected >= 3
    job = _export(client, filters)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert len(_xlsx_rows(job)) - 1 == expected


def test_export_with_an_invalid_date_is_refused_without_a_job(client, login, demo):
    login("head")
    before = Job.objects.count()
    response = client.post("/logs/access/export/", {"since": "2025-02-30"})
    assert response.status_code == 400
    assert Job.objects.count() == before


# --- API tokens ---------------------------------------------------------------------------------------------


def _issue_through_page(client, login, username: str, days: str = "90") -> str:
    login(username)
    response = client.post("/account/", {"name": "스크립트용", "days": days})
    assert response.status_code == 200
    html = response.content.decode()
    assert "gms_" in html
    match = TOKEN_RE.search(html)
    assert match, "the new token is shown on the page"
    return match.group(1)


def _bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_token_is_shown_once_and_only_its_hash_is_stored(client, login):
    raw = _issue_through_page(client, login, "auditor")
    token = ApiToken.objects.get(user__username="auditor")
    assert raw not in token.key_hash and token.prefix == raw[:10]
    assert raw not in client.get("/account/").content.decode()


def test_api_me_with_token(client, login):
    raw = _issue_through_page(client, login, "head")
    api = Client()  # no session: the token alone authenticates
    response = api.get("/api/v1/me", **_bearer(raw))
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "head"
    assert body["roles"] == ["office_head"]
    assert body["kind"] == "staff"
    assert ApiToken.objects.get(user__username="head").last_used_at is not None


def test_api_me_lists_every_role(client, login):
    raw = _issue_through_page(client, login, "admin")
    body = Client().get("/api/v1/me", **_bearer(raw)).json()
    assert body["roles"] == ["sysadmin"]


def test_revoked_token_gets_401_in_korean(client, login):
    raw = _issue_through_page(client, login, "head")
    token = ApiToken.objects.get(user__username="head")
    api = Client()
    assert api.get("/api/v1/me", **_bearer(raw)).status_code == 200
    assert client.post(f"/account/tokens/{token.public_id}/revoke/").status_code == 302
    response = api.get("/api/v1/me", **_bearer(raw))
    assert response.status_code == 401
    assert HANGUL.search(response.json()["detail"])


def test_expired_token_gets_401_in_korean(client, login):
    raw = _issue_through_page(client, login, "head", days="30")
    ApiToken.objects.filter(user__username="head").update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = Client().get("/api/v1/me", **_bearer(raw))
    assert response.status_code == 401
    assert HANGUL.search(response.json()["detail"])


def test_token_of_deactivated_user_gets_401(client, login):
    raw = _issue_through_page(client, login, "head")
    User.objects.filter(username="head").update(is_active=False)
    assert Client().get("/api/v1/me", **_bearer(raw)).status_code == 401


@pytest.mark.parametrize("raw", ["", "gms_not-a-real-token", "Token abc", "gms_" + "A" * 43])
def test_unknown_tokens_get_401(demo, raw):
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401
    assert HANGUL.search(response.json()["detail"])


def test_api_events_for_head_and_not_for_liaison(client, login):
    head_raw = _issue_through_page(client, login, "head")
    liaison_raw = _issue_through_page(client, login, "liaison")
    api = Client()
    ok = api.get("/api/v1/events", {"verb": "api_token.issued"}, **_bearer(head_raw))
    assert ok.status_code == 200
    body = ok.json()
    assert body["count"] == 2
    assert {item["verb"] for item in body["items"]} == {"api_token.issued"}
    denied = api.get("/api/v1/events", **_bearer(liaison_raw))
    assert denied.status_code == 404
    assert HANGUL.search(denied.json()["detail"])


def test_openapi_lists_the_public_deadline_endpoint(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "/api/v1/calendar/deadline" in response.json()["paths"]


def test_healthz(db):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["status"] == "ok"
