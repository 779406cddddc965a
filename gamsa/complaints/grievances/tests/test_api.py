"""The grievance API through the real HTTP layer with personal tokens."""

import pytest

from gamsa.complaints.models import Grievance
from gamsa.core.models import AccessLog, OrgUnit, User
from gamsa.core.services import issue_api_token


def bearer(username):
    _, raw = issue_api_token(User.objects.get(username=username), name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


PAYLOAD = {
    "channel": "phone",
    "kind": "grievance",
    "title": "신길로 가로등 고장",
    "body": "신길로 20 앞 가로등이 일주일째 꺼져 있습니다.",
    "name": "최민원",
    "phone": "010-2222-3333",
    "place_address": "서울 영등포구 신길로 20",
    "received_at": "2026-09-23T10:00:00+09:00",
}


@pytest.fixture
def api(client, demo):
    return client


def test_create_list_detail_transition_similar(api):
    head = bearer("complaints")
    created = api.post("/api/v1/grievances", PAYLOAD, content_type="application/json", **head)
    assert created.status_code == 201, created.content
    body = created.json()
    number = body["case_number"]
    assert body["due_at"] == "2026-10-06T18:00:00+09:00"
    assert body["complainant"]["phone"] == "010-2222-3333"
    assert AccessLog.objects.filter(target_id=number, action="api").count() == 1

    listing = api.get("/api/v1/grievances", {"q": "가로등"}, **head).json()
    assert listing["count"] == 1 and listing["items"][0]["case_number"] == number

    dept = OrgUnit.objects.get(name="건설과")
    moved = api.post(
        f"/api/v1/grievances/{number}/transitions",
        {"action": "assign", "data": {"department": dept.pk}},
        content_type="application/json",
        **head,
    )
    assert moved.status_code == 200 and moved.json()["status"] == "assigned"

    refused = api.post(
        f"/api/v1/grievances/{number}/transitions",
        {"action": "extend", "data": {"reason": "absence", "reason_detail": "휴가", "amount": 2}},
        content_type="application/json",
        **bearer("liaison"),
    )
    assert refused.status_code == 400 and "제21조②" in refused.json()["detail"]
    assert Grievance.objects.get(case_number=number).extension_count == 0

    similar = api.get(f"/api/v1/grievances/{number}/similar", **head)
    assert similar.status_code == 200 and similar.json() == []


def test_outsiders_and_read_only_users(api):
    number = api.post(
        "/api/v1/grievances", PAYLOAD, content_type="application/json", **bearer("complaints")
    ).json()["case_number"]
    before = Grievance.objects.count()
    assert (
        api.post(
            "/api/v1/grievances", PAYLOAD, content_type="application/json", **bearer("council")
        ).status_code
        == 403
    )
    assert Grievance.objects.count() == before
    assert (
        api.get(f"/api/v1/grievances/{number}", **bearer("liaison")).status_code == 404
    )  # not their department
    council = api.get(f"/api/v1/grievances/{number}", **bearer("council"))
    assert council.status_code == 200 and council.json()["complainant"] is None
    assert api.get("/api/v1/grievances").status_code == 401


def test_a_department_searches_its_grievances_by_keyword(api, client):
    """A department's view joins the grievance table again (re-filed cases): the keyword search still names its
    column unambiguously (it failed on PostgreSQL with 'column reference "search_tsv" is ambiguous')."""
    from gamsa.complaints.grievances import services as svc
    from gamsa.conftest import verified_login

    number = api.post(
        "/api/v1/grievances", PAYLOAD, content_type="application/json", **bearer("complaints")
    ).json()["case_number"]
    svc.assign(
        User.objects.get(username="complaints"),
        Grievance.objects.get(case_number=number),
        department=OrgUnit.objects.get(name="건설과"),
    )
    listing = api.get("/api/v1/grievances", {"q": "가로등"}, **bearer("liaison"))
    assert listing.status_code == 200 and [i["case_number"] for i in listing.json()["items"]] == [number]
    verified_login(client, User.objects.get(username="liaison"))
    page = client.get("/grievances/", {"q": "가로등"})
    assert page.status_code == 200 and number in page.content.decode()
    export = client.post("/grievances-io/export/", {"q": "가로등"})
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
