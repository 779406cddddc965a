"""/api/v1/audits/...: plans, engagements, findings, dispositions, follow-ups; permission-checked."""

import datetime as dt

import pytest

from gamsa.audits.models import AuditPlan, Engagement, FollowUpReport
from gamsa.audits.services import plans as svc
from gamsa.audits.tests.helpers import engagement, finding_with, moment, user
from gamsa.core.services import issue_api_token
from gamsa.core.validators import latest_year

pytestmark = pytest.mark.django_db


def test_team_creates_plan_engagement_and_finding(client, login, demo):
    login("auditor")
    r = client.post(
        "/api/v1/audits/plans",
        {"year": 2027, "title": "2027년 자체감사계획"},
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["year"] == 2027
    r = client.post(
        "/api/v1/audits/engagements",
        {
            "plan_year": 2027,
            "title": "민간위탁 운영 실태",
            "type": "special",
            "purpose": "위탁 사무 점검",
            "targets": ["safety-04"],
            "scope": "민간위탁 협약",
            "start_date": "2027-03-08",
            "end_date": "2027-03-12",
            "headcount": 3,
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == "planned" and body["targets"] == ["건설과"] and body["plan_year"] == 2027
    bad = client.post(
        "/api/v1/audits/engagements",
        {
            "title": "x",
            "type": "special",
            "purpose": "x",
            "targets": ["safety-04"],
            "scope": "x",
            "start_date": "2027-03-12",
            "end_date": "2027-03-08",
        },
        content_type="application/json",
    )
    assert bad.status_code == 400 and "종료일" in bad.json()["detail"]
    e = Engagement.objects.get(case_number=body["case_number"])
    svc.notify_engagement(user("leader"), e, notified_on=dt.date(2027, 2, 26))
    svc.start_fieldwork(user("leader"), e)
    r = client.post(
        f"/api/v1/audits/engagements/{e.case_number}/findings",
        {
            "title": "협약 미갱신",
            "condition": "협약 만료 후 갱신 없이 위탁",
            "unit": "safety-04",
            "kind": "correction",
            "target_unit": "safety-04",
            "demand": "협약 갱신",
            "amount_recover": 0,
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    assert r.json()["dispositions"][0]["kind"] == "correction"
    assert client.get("/api/v1/audits/plans/2027").json()["engagements"] == 1


def test_department_api_sees_own_dispositions_and_reports(client, login, demo):
    e = engagement(state="resulting", start=dt.date(2026, 6, 15), targets=("건설과", "도로과"))
    mine = finding_with(e, unit_name="건설과").dispositions.get()
    other = finding_with(e, unit_name="도로과").dispositions.get()
    svc.notify_result(user("leader"), e, notified_at=moment(2026, 8, 3))
    _, token = issue_api_token(user("liaison"), name="test")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    items = client.get("/api/v1/audits/dispositions?overdue=true", **auth).json()["items"]
    assert [i["public_id"] for i in items] == [str(mine.public_id)]
    assert items[0]["due_at"].startswith("2026-10-06") and items[0]["overdue"] is True
    assert client.get(f"/api/v1/audits/dispositions/{other.public_id}", **auth).status_code == 404
    assert client.get("/api/v1/audits/plans", **auth).status_code == 404
    r = client.post(
        f"/api/v1/audits/dispositions/{other.public_id}/followups",
        {"text": "x"},
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 404 and not FollowUpReport.objects.exists()
    r = client.post(
        f"/api/v1/audits/dispositions/{mine.public_id}/followups",
        {"text": "회수 완료", "recovered_amount": 1250000},
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 201
    assert (
        client.get(f"/api/v1/audits/dispositions/{mine.public_id}/followups", **auth).json()[0]["text"]
        == "회수 완료"
    )
    findings = client.get("/api/v1/audits/findings", **auth).json()["items"]
    assert len(findings) == 1 and findings[0]["unit"] == "건설과"


def test_read_only_and_citizen_cannot_write(client, login, demo):
    login("council")
    year = (
        latest_year()
    )  # a year the plan could have (a year out of the window is a 400 before any role check)
    AuditPlan.objects.filter(year=year).delete()
    r = client.post("/api/v1/audits/plans", {"year": year, "title": "x"}, content_type="application/json")
    assert r.status_code == 403 and not AuditPlan.objects.filter(year=year).exists()
    assert client.get("/api/v1/audits/engagements").status_code == 200
    client.logout()
    login("citizen")
    assert client.get("/api/v1/audits/engagements").json()["items"] == []
    assert client.get("/api/v1/audits/plans").status_code == 404
    client.logout()
    assert client.get("/api/v1/audits/engagements").status_code == 401


def test_exports_and_yearly_counts(client, login, demo):
    import io

    from openpyxl import load_workbook

    e = engagement(state="resulting", start=dt.date(2026, 6, 15))
    f = finding_with(e)
    f.dispositions.update(demand='=HYPERLINK("http://x")')
    svc.notify_result(user("leader"), e, notified_at=moment(2026, 8, 3))
    login("council")
    r = client.get("/audits/dispositions.xlsx?overdue=1")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    sheet = load_workbook(io.BytesIO(r.content)).active
    rows = list(sheet.values)
    assert rows[0][3] == "처분" and rows[1][3] == "시정" and rows[1][12] == "예"
    assert rows[1][5] == '=HYPERLINK("http://x")' and sheet.cell(2, 6).data_type == "s"  # text, not a formula
    r = client.get("/audits/engagements.xlsx?year=2026")
    rows = list(load_workbook(io.BytesIO(r.content)).active.values)
    assert rows[1][0] == e.case_number and rows[1][3] == "특정감사"
    stats = client.get("/api/v1/audits/stats/yearly").json()
    assert stats == [
        {
            "year": 2026,
            "engagements": {"special": 1},
            "dispositions": {"correction": 1},
            "amount_recover": 1250000,
            "amount_recovered": 0,
        }
    ]
    client.logout()
    login("liaison")
    assert client.get("/audits/dispositions.xlsx").status_code == 404
    assert client.get("/api/v1/audits/stats/yearly").status_code == 404


def test_openapi_lists_the_audit_endpoints(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/audits/plans",
        "/api/v1/audits/engagements",
        "/api/v1/audits/findings",
        "/api/v1/audits/dispositions",
        "/api/v1/audits/dispositions/{public_id}/followups",
        "/api/v1/audits/stats/yearly",
    ):
        assert path in paths, path
