"""Role × action: departments see only their own unit; the audit team reviews; council viewers read only.
Every denial asserts that nothing changed. And the JSON API."""

from __future__ import annotations

import datetime as dt

import pytest

from gamsa.core.models import Event, Membership, OrgUnit, Role, User
from gamsa.reviews.models import ContractReview, PreExecutionReview, ThresholdRule
from gamsa.reviews.services import requests as svc


@pytest.fixture
def setup(demo):
    liaison = User.objects.get(username="liaison")
    unit = OrgUnit.objects.get(name="건설과")
    other_unit = OrgUnit.objects.get(name="주택과")
    other = User.objects.create_user("housing", full_name="주택과 담당")
    Membership.objects.create(user=other, unit=other_unit, role=Role.DEPT_LIAISON)
    mine = svc.file_contract_review(
        liaison,
        unit,
        review_kind="contract",
        title="하수관로 공사",
        category="works",
        designed_amount=100_000_000,
    )
    theirs = svc.file_pre_execution(
        other,
        other_unit,
        title="주택 용역",
        field="contract",
        category="services",
        estimated_price=80_000_000,
        estimated_amount=88_000_000,
    )
    return {"mine": mine, "theirs": theirs}


def _snapshot():
    return (
        list(ContractReview.objects.order_by("id").values_list("status", "reviewed_amount", "reviewer_id")),
        list(PreExecutionReview.objects.order_by("id").values_list("status", "opinion", "reviewer_id")),
        ThresholdRule.objects.count(),
        Event.objects.count(),
    )


def test_department_sees_only_its_own_unit(setup, login):
    client = login("liaison")
    ledger = client.get("/reviews/pre/").content.decode()
    assert setup["theirs"].case_number not in ledger
    assert client.get(f"/reviews/pre/{setup['theirs'].case_number}/").status_code == 404
    assert client.get(f"/reviews/contracts/{setup['mine'].case_number}/").status_code == 200
    api = client.get("/api/v1/reviews/pre-execution").json()
    assert api["count"] == 0


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("liaison", 403),
        ("depthead", 403),
        ("council", 403),
        ("citizen", 404),
        ("volunteer", 404),
        ("complaints", 404),
    ],
)
def test_only_the_audit_team_records_results(setup, login, username, status):
    before = _snapshot()
    client = login(username)
    number = setup["mine"].case_number
    response = client.post(f"/reviews/contracts/{number}/result/", {"reviewed_amount": "1"})
    assert response.status_code == status
    response = client.post(
        f"/reviews/assign/contract/{number}/", {"reviewer": User.objects.get(username="auditor").pk}
    )
    assert response.status_code == status
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("username", "status"), [("council", 403), ("auditor", 403), ("liaison", 403), ("citizen", 404)]
)
def test_only_administrators_change_thresholds(setup, login, username, status):
    before = _snapshot()
    response = login(username).post(
        "/reviews/thresholds/new/",
        {
            "review_kind": "contract",
            "category": "works",
            "basis": "estimated_amount",
            "min_amount": "1",
            "applies": "on",
            "effective_from": "2027-01-01",
            "source": "x",
        },
    )
    assert response.status_code == status
    assert _snapshot() == before


def test_council_reads_but_cannot_file(setup, login):
    client = login("council")
    assert client.get(f"/reviews/pre/{setup['theirs'].case_number}/").status_code == 200
    before = _snapshot()
    response = client.post(
        "/reviews/pre/new/", {"title": "x", "field": "contract", "category": "goods", "estimated_price": "1"}
    )
    assert response.status_code == 403
    assert _snapshot() == before


def test_auditor_records_and_admin_versions_in_the_browser_forms(setup, login):
    auditor = login("auditor")
    number = setup["mine"].case_number
    response = auditor.post(
        f"/reviews/contracts/{number}/result/", {"reviewed_amount": "95000000", "note": "조정"}
    )
    assert response.status_code == 302
    assert ContractReview.objects.get(case_number=number).savings == 5_000_000
    admin = login("admin")
    response = admin.post(
        "/reviews/thresholds/new/",
        {
            "review_kind": "contract",
            "category": "works",
            "basis": "estimated_amount",
            "min_amount": "10000000",
            "applies": "on",
            "effective_from": "2027-01-01",
            "source": "구 계약심사 규칙 별표 (개정)",
        },
    )
    assert response.status_code == 302
    assert ThresholdRule.objects.filter(review_kind="contract", category="works").count() == 2


def test_cost_sheet_review_fills_the_reviewed_amount(setup, login):
    from gamsa.costing.models import CostReview

    sheet = CostReview.objects.create(
        title="하수관로 공사",
        kind="works",
        base_date=dt.date(2026, 11, 1),
        sheet={},
        result={},
        stated_total=100_000_000,
        allowed_total=96_400_000,
        savings=3_600_000,
    )
    review = setup["mine"]
    svc.record_contract_result(User.objects.get(username="auditor"), review, cost_review=sheet)
    review.refresh_from_db()
    assert (review.reviewed_amount, review.savings, review.cost_review_id) == (
        96_400_000,
        3_600_000,
        sheet.pk,
    )


def test_api_create_list_detail_and_check(setup, login):
    client = login("liaison")
    response = client.post(
        "/api/v1/reviews/pre-execution",
        {
            "title": "보도 정비",
            "field": "contract",
            "category": "works_general",
            "estimated_price": 300_000_000,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["required"] is True and body["case_number"].startswith("PE-")
    assert client.get(f"/api/v1/reviews/pre-execution/{body['case_number']}").json()["title"] == "보도 정비"
    assert client.get(f"/api/v1/reviews/pre-execution/{setup['theirs'].case_number}").status_code == 404
    contracts = client.get("/api/v1/reviews/contracts").json()
    assert [c["case_number"] for c in contracts["items"]] == [setup["mine"].case_number]
    bad = client.post(
        "/api/v1/reviews/contracts",
        {"title": "x", "category": "works", "designed_amount": 0},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "설계금액" in bad.json()["detail"]

    check = client.get(
        "/api/v1/reviews/thresholds/check", {"kind": "services", "amount": 70_000_000, "date": "2026-11-26"}
    ).json()
    assert check["required"] is True and check["rule"]["min_amount"] == 70_000_000
    assert check["rule"]["basis"] == "estimated_price"
    check = client.get(
        "/api/v1/reviews/thresholds/check",
        {"kind": "goods", "amount": 4_999_999, "date": "2026-11-26", "review": "contract"},
    ).json()
    assert check["required"] is False and check["rule"]["min_amount"] == 5_000_000
    assert client.get("/api/v1/reviews/thresholds/check", {"kind": "nope", "amount": 1}).status_code == 400
    auditor = login("auditor")
    assert auditor.get("/api/v1/reviews/pre-execution").json()["count"] == 2
    assert (
        auditor.post(
            "/api/v1/reviews/contracts",
            {"title": "x", "category": "works", "designed_amount": 5},
            content_type="application/json",
        ).status_code
        == 403
    )
