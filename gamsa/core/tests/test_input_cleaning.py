"""The input-cleaning layer (gamsa/core/inputs.py) and the sane date window (gamsa/core/validators.py), through every
entry path: the grievance and field-complaint imports, forms, the JSON API and Open311. Each of these answered 500
(or stored a date PostgreSQL cannot give back) before the layer existed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from gamsa.audits.models import AuditPlan
from gamsa.complaints.io import importing
from gamsa.complaints.models import Grievance
from gamsa.core.forms import ClosureForm
from gamsa.core.models import Closure, User
from gamsa.core.services import issue_api_token
from gamsa.core.validators import MAX_INT, latest_date

BC_DAY = "0001-01-01"


def bearer(username: str) -> dict:
    _, raw = issue_api_token(User.objects.get(username=username), name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def grievance_csv(received: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(importing.HEADERS)
    row = {h: "" for h in importing.HEADERS}
    row.update(
        {
            "접수일시": "2026-09-23 10:00",
            "접수경로": "응답소",
            "민원인": "김민원",
            "연락처": "010-1111-2222",
            "제목": "당산로 불법주차",
            "내용": "당산로 123 앞 불법주차 단속을 요청합니다.",
            "상태": "접수",
        }
    )
    writer.writerow([row[h] for h in importing.HEADERS])
    row.update({"접수일시": received, "제목": "날짜가 이상한 민원"})
    writer.writerow([row[h] for h in importing.HEADERS])
    return out.getvalue().encode("utf-8-sig")


# --- the date window through the imports -------------------------------------------------------------------------


@pytest.mark.parametrize("received", [BC_DAY, "0001-01-01 00:00", "9999-12-31 23:59", "1989-12-31"])
def test_grievance_import_refuses_dates_out_of_the_window_by_row(demo, received):
    before = Grievance.objects.count()
    report = importing.import_grievances(
        User.objects.get(username="complaints"), grievance_csv(received), source_name="bad.csv"
    )
    assert not report.committed and Grievance.objects.count() == before
    assert [e.line for e in report.errors] == [3]
    assert report.lines()[0].startswith("3행: 접수일시는 1990. 1. 1.부터 ")


def test_imported_bc_date_no_longer_takes_the_desk_down(demo, client):
    """The reported case: one row dated 0001-01-01 made `/`, `/grievances/overdue/` and the export answer 500 on
    PostgreSQL. Now the row is refused, the good row imported, and the pages answer."""
    complaints = User.objects.get(username="complaints")
    report = importing.import_grievances(complaints, grievance_csv(BC_DAY), skip_bad=True)
    assert report.committed and len(report.created) == 1 and len(report.errors) == 1
    assert not Grievance.objects.filter(received_at__year__lt=1990).exists()
    from gamsa.conftest import verified_login

    for username in ("complaints", "head"):
        verified_login(client, User.objects.get(username=username))
        for url in ("/", "/grievances/overdue/", "/grievances/"):
            assert client.get(url).status_code == 200, (username, url)
        export = client.post("/grievances-io/export/", {})
        assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxml")


def field_csv(received: str, processed: str) -> bytes:
    from gamsa.patrols.fieldcomplaints import importing as field_importing

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(field_importing.HEADERS)
    base = dict.fromkeys(field_importing.HEADERS, "")
    base.update(
        {
            "접수번호": "2026-0000101",
            "접수일시": "2026-03-02 08:15",
            "분야": "교통",
            "세부항목": "불법주정차",
            "제목": "상가 앞 불법주정차",
            "처리상태": "접수",
        }
    )
    writer.writerow([base[h] for h in field_importing.HEADERS])
    bad = {
        **base,
        "접수번호": "2026-0000102",
        "접수일시": received,
        "처리상태": "처리완료",
        "처리일시": processed,
    }
    writer.writerow([bad[h] for h in field_importing.HEADERS])
    nul = {**base, "접수번호": "2026-0000103", "제목": "제목\x1b[31m"}
    writer.writerow([nul[h] for h in field_importing.HEADERS])
    return out.getvalue().encode("utf-8")


def test_field_import_refuses_dates_out_of_the_window_and_control_characters(demo):
    from gamsa.patrols.fieldcomplaints import importing as field_importing
    from gamsa.patrols.models import FieldCategory, FieldComplaint, FieldItem
    from gamsa.patrols.seeds import seed_field_items

    seed_field_items(FieldCategory, FieldItem)
    data = field_csv(BC_DAY, "9999-12-31 10:00")
    report = field_importing.import_field_complaints(None, data, source_name="bad.csv")
    assert not report.committed and FieldComplaint.objects.count() == 0
    lines = report.lines()
    assert [e.line for e in report.errors] == [3, 4]
    assert lines[0].startswith("3행: 접수일시는 1990. 1. 1.부터 ")
    assert "처리일시는 1990. 1. 1.부터 " in lines[0]
    assert lines[1].startswith("4행: ") and "제어 문자" in lines[1]


# --- forms ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("day", [BC_DAY, "9999-12-31", "1989-12-31"])
def test_form_dates_out_of_the_window_are_field_errors(demo, day):
    form = ClosureForm(data={"date": day, "name": "임시 휴무", "kind": "temporary", "basis": "", "note": ""})
    assert not form.is_valid()
    assert "1990. 1. 1.부터" in " ".join(form.errors["date"])
    assert form["date"].value() == day  # what was typed is kept


def test_form_date_inside_the_window_is_accepted(demo):
    form = ClosureForm(data={"date": latest_date().isoformat(), "name": "임시 휴무", "kind": "temporary"})
    form.is_valid()
    assert "date" not in form.errors


# --- the API -----------------------------------------------------------------------------------------------------


PAYLOAD = {
    "channel": "phone",
    "kind": "grievance",
    "title": "신길로 가로등 고장",
    "body": "신길로 20 앞 가로등이 일주일째 꺼져 있습니다.",
    "name": "최민원",
    "phone": "010-2222-3333",
    "received_at": "0001-01-01T00:00:00+09:00",
}


@pytest.mark.parametrize("received", ["0001-01-01T00:00:00+09:00", "9999-12-31T23:59:59+09:00"])
def test_api_grievance_with_a_date_out_of_the_window_is_a_korean_400(demo, client, received):
    before = Grievance.objects.count()
    response = client.post(
        "/api/v1/grievances",
        {**PAYLOAD, "received_at": received},
        content_type="application/json",
        **bearer("complaints"),
    )
    assert response.status_code == 400
    assert "received_at는 1990. 1. 1.부터" in response.json()["detail"]
    assert Grievance.objects.count() == before


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("/api/v1/events?verb=%00", "제어 문자"),
        ("/api/v1/grievances?q=a%00b", "제어 문자"),
        ("/api/v1/grievances/2026%00/similar", "제어 문자"),
        (f"/api/v1/events?offset={10**30}", "너무 큽니다"),
        ("/api/v1/audits/engagements?year=10000", "연도"),
        ("/api/v1/reviews/contracts?year=-51", "연도"),
        ("/api/v1/calendar/days/9999-12-31", "1990. 1. 1.부터"),
        (f"/api/v1/fieldcomplaints?unit={MAX_INT + 1}", "너무 큽니다"),
    ],
)
def test_api_hostile_input_is_a_korean_400(demo, client, url, reason):
    response = client.get(url, **bearer("head"))
    assert response.status_code == 400
    assert reason in response.json()["detail"]


@pytest.mark.parametrize("body", [{"year": 40000}, {"year": -1}, {"year": 0}, {"year": 2026, "title": ""}])
def test_api_audit_plan_year_and_title_are_checked(demo, client, body):
    AuditPlan.objects.filter(year=2026).delete()
    before = AuditPlan.objects.count()
    payload = {"title": "연간 감사계획", **body}
    response = client.post(
        "/api/v1/audits/plans", payload, content_type="application/json", **bearer("leader")
    )
    assert response.status_code == 400
    assert response.json()["detail"]
    assert AuditPlan.objects.count() == before


def test_api_multipart_without_its_file_is_a_korean_400(demo, client):
    response = client.post(
        "/api/v1/costing/reviews",
        b"--x--\r\n",
        content_type="multipart/form-data; boundary=x",
        **bearer("auditor"),
    )
    assert response.status_code == 400
    assert "file" in response.json()["detail"]


def test_api_org_units_answers_with_uuid_ids(demo, client):
    response = client.get("/api/v1/org/units?limit=5", **bearer("head"))
    assert response.status_code == 200
    items = response.json()["items"]
    assert len(items) == 5 and all(len(item["id"]) == 36 for item in items)


def test_openapi_documents_refusals_and_distinct_finding_schemas(client):
    schema = client.get("/api/v1/openapi.json").json()
    names = schema["components"]["schemas"]
    assert "AuditFindingOut" in names and "PatrolFindingOut" in names and "FindingOut" not in names
    assert "ErrorOut" in names
    audit_ref = schema["paths"]["/api/v1/audits/findings/{public_id}"]["get"]["responses"]["200"]
    assert "AuditFindingOut" in json.dumps(audit_ref)
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert "400" in operation["responses"], (method, path)
            assert "404" in operation["responses"], (method, path)


def test_every_api_schema_name_is_used_once():
    """django-ninja names an OpenAPI component after its class, so two schemas of one name overwrite each other and
    one app's documented response becomes another's (the audit plans were once checked against the human-rights
    plan). Every schema class in gamsa has a name of its own."""
    from ninja import Schema

    import gamsa.api  # noqa: F401  (imports every app's router and its schemas)

    seen: dict[str, set[str]] = {}

    def walk(cls):
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("gamsa.") and ".tests." not in sub.__module__:
                seen.setdefault(sub.__name__, set()).add(sub.__module__)
            walk(sub)

    walk(Schema)
    assert len(seen) > 50
    assert {name: modules for name, modules in seen.items() if len(modules) > 1} == {}


# --- HTML pages and Open311 --------------------------------------------------------------------------------------


def test_html_page_with_nul_or_bad_year_is_a_korean_400(demo, client):
    from gamsa.conftest import verified_login

    verified_login(client, User.objects.get(username="complaints"))
    before = Closure.objects.count()
    for url in ("/grievances/?q=%00", "/calendar/?year=10000", "/calendar/?year=-51", "/grievances/a%00b/"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "요청을 처리할 수 없습니다" in response.content.decode()
    response = client.post("/calendar/closures/", {"name": "휴무\x00", "date": "2026-12-24"})
    assert response.status_code == 400
    assert Closure.objects.count() == before


def test_open311_nul_and_far_dates_answer_its_own_error_format(demo, client):
    response = client.get("/open311/v2/requests.json?service_request_id=%00")
    assert response.status_code == 400
    assert "제어 문자" in response.json()[0]["description"]
    response = client.get("/open311/v2/requests.xml?start_date=9999-01-01T00:00:00Z")
    assert response.status_code == 400
    assert b"<errors>" in response.content
    response = client.post("/open311/v2/requests.json", {"api_key": "x", "description": "NUL\x00"})
    assert response.status_code == 400


def test_dates_inside_the_window_pass(demo, client):
    response = client.get(f"/api/v1/calendar/days/{dt.date(2026, 12, 25).isoformat()}")
    assert response.status_code == 200
    assert response.json()["working_day"] is False
