"""Browser-form paths (real HTTP client) of the opinion, pre-consulting, exemption and quarterly report, with
denials that change nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from gamsa.core.models import Event, OrgUnit, User
from gamsa.reviews.models import (
    ExemptionCase,
    PreConsulting,
    PreExecutionReview,
    QuarterlyExemptionReport,
)
from gamsa.reviews.proactive import services as pro
from gamsa.reviews.services import requests as svc


@pytest.fixture
def unit(demo):
    return OrgUnit.objects.get(name="건설과")


def test_opinion_form_keeps_text_on_error_and_records(unit, login):
    review = svc.file_pre_execution(
        User.objects.get(username="liaison"),
        unit,
        title="보도 정비",
        field="contract",
        category="works_general",
        estimated_price=400_000_000,
        estimated_amount=440_000_000,
    )
    liaison = login("liaison")
    assert (
        liaison.post(f"/reviews/pre/{review.case_number}/opinion/", {"opinion": "appropriate"}).status_code
        == 403
    )
    auditor = login("auditor")
    bad = auditor.post(
        f"/reviews/pre/{review.case_number}/opinion/", {"opinion": "inappropriate", "text": ""}
    )
    assert bad.status_code == 400 and "사유" in bad.content.decode()
    ok = auditor.post(
        f"/reviews/pre/{review.case_number}/opinion/",
        {"opinion": "inappropriate", "text": "타당성 검토 누락"},
    )
    assert ok.status_code == 302
    review.refresh_from_db()
    assert (review.opinion, review.opinion_text, review.status) == (
        "inappropriate",
        "타당성 검토 누락",
        "done",
    )
    page = login("liaison").get(f"/reviews/pre/{review.case_number}/").content.decode()
    assert "부적정" in page and "타당성 검토 누락" in page


def test_consulting_and_exemption_through_the_forms(unit, login):
    liaison = login("liaison")
    response = liaison.post(
        "/reviews/proactive/consulting/new/",
        {"unit": unit.pk, "subject": "긴급 보수 수의계약", "question": "가능한가요?"},
    )
    assert response.status_code == 302
    consulting = PreConsulting.objects.get()
    events = Event.objects.count()
    assert (
        liaison.post(
            f"/reviews/proactive/consulting/{consulting.case_number}/", {"advice": "가능"}
        ).status_code
        == 403
    )
    assert Event.objects.count() == events and PreConsulting.objects.get().status == "requested"
    assert (
        login("auditor")
        .post(f"/reviews/proactive/consulting/{consulting.case_number}/", {"advice": "긴급 복구로 가능"})
        .status_code
        == 302
    )
    liaison = login("liaison")
    wrong = liaison.post(
        "/reviews/proactive/exemptions/new/",
        {
            "unit": unit.pk,
            "applicant_name": "김도현",
            "matter": "주의 요구 면책",
            "consulting": "PC-1999-000001",
        },
    )
    assert wrong.status_code == 400 and "사전컨설팅 접수번호" in wrong.content.decode()
    assert not ExemptionCase.objects.exists()
    liaison.post(
        "/reviews/proactive/exemptions/new/",
        {
            "unit": unit.pk,
            "applicant_name": "김도현",
            "matter": "주의 요구 면책",
            "consulting": consulting.case_number,
        },
    )
    case = ExemptionCase.objects.get()
    assert case.presumed and not case.ex_officio
    detail = liaison.get(f"/reviews/proactive/exemptions/{case.case_number}/").content.decode()
    assert "제15조④" in detail
    assert (
        login("council")
        .post(f"/reviews/proactive/exemptions/{case.case_number}/", {"decision": "granted", "reason": "x"})
        .status_code
        == 403
    )
    assert ExemptionCase.objects.get().decision == ""
    login("auditor").post(
        f"/reviews/proactive/exemptions/{case.case_number}/",
        {"decision": "granted", "reason": "의견대로 처리"},
    )
    assert ExemptionCase.objects.get().decision == "granted"


def test_a_department_cannot_open_another_units_consulting(unit, client):
    consulting = pro.request_consulting(User.objects.get(username="liaison"), unit, subject="s", question="q")
    other = User.objects.create_user("housing")
    from gamsa.core.models import Membership, Role

    Membership.objects.create(user=other, unit=OrgUnit.objects.get(name="주택과"), role=Role.DEPT_LIAISON)
    from gamsa.conftest import verified_login

    client = verified_login(client, other)
    assert client.get(f"/reviews/proactive/consulting/{consulting.case_number}/").status_code == 404


def test_quarterly_report_page_and_submission(unit, login):
    auditor = login("auditor")
    page = auditor.get("/reviews/proactive/exemption-report/", {"year": 2026, "quarter": 3}).content.decode()
    assert "2026. 10. 12." in page
    assert (
        login("council").post("/reviews/proactive/exemption-report/?year=2026&quarter=3").status_code == 403
    )
    assert not QuarterlyExemptionReport.objects.exists()
    future = timezone.now().year + 1
    login("auditor").post(f"/reviews/proactive/exemption-report/?year={future}&quarter=1")
    assert not QuarterlyExemptionReport.objects.exists()  # the quarter has not ended
    login("auditor").post("/reviews/proactive/exemption-report/?year=2026&quarter=3")
    assert QuarterlyExemptionReport.objects.filter(year=2026, quarter=3).exists()


def test_ledger_filters(unit, login):
    liaison = User.objects.get(username="liaison")
    for title, category, price in [
        ("가 공사", "works_general", 500_000_000),
        ("나 물품", "goods", 1_000_000),
    ]:
        svc.file_pre_execution(
            liaison,
            unit,
            title=title,
            field="contract",
            category=category,
            estimated_price=price,
            estimated_amount=price,
        )
    client = login("auditor")
    year = timezone.now().year
    body = client.get("/reviews/pre/", {"category": "goods", "year": year}).content.decode()
    assert "나 물품" in body and "가 공사" not in body
    body = client.get("/reviews/pre/", {"required": "no"}).content.decode()
    assert "나 물품" in body and "가 공사" not in body
    assert "가 공사" not in client.get("/reviews/pre/", {"year": 2001}).content.decode()
    assert PreExecutionReview.objects.count() == 2
