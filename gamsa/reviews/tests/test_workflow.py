"""Opinion workflow, contract results and savings, the ledgers as XLSX, and the desk."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from gamsa.core.calendar import SEOUL
from gamsa.core.models import Event, OrgUnit, User
from gamsa.reviews import selectors
from gamsa.reviews.hooks import review_work
from gamsa.reviews.models import ContractReview, PreExecutionReview, QuarterlyExemptionReport
from gamsa.reviews.proactive.hooks import proactive_work
from gamsa.reviews.services import requests as svc


@pytest.fixture
def people(demo):
    return {
        "liaison": User.objects.get(username="liaison"),
        "auditor": User.objects.get(username="auditor"),
        "unit": OrgUnit.objects.get(name="건설과"),
        "other": OrgUnit.objects.get(name="주택과"),
    }


def _pre(p, **kw):
    data = dict(
        title="보도 정비공사",
        field="contract",
        category="works_general",
        estimated_price=420_000_000,
        estimated_amount=470_000_000,
    )
    data.update(kw)
    return svc.file_pre_execution(p["liaison"], kw.pop("unit", p["unit"]), **data)


def _contract(p, designed, *, unit=None, filed_at=None, kind="contract", category="works"):
    return svc.file_contract_review(
        p["liaison"],
        unit or p["unit"],
        review_kind=kind,
        title=f"공사 {designed}",
        category=category,
        designed_amount=designed,
        filed_at=filed_at,
    )


def test_opinion_workflow(people):
    review = _pre(people)
    assert review.required and review.status == "filed"
    svc.assign_reviewer(people["auditor"], review, people["auditor"])
    assert review.status == "assigned"
    with pytest.raises(svc.ReviewError, match="사유"):
        svc.record_opinion(people["auditor"], review, opinion="inappropriate", text=" ")
    review.refresh_from_db()
    assert review.status == "assigned" and review.opinion == ""
    svc.record_opinion(people["auditor"], review, opinion="conditional", text="가설공사비 근거 보완 조건")
    review.refresh_from_db()
    assert (review.status, review.opinion, review.get_opinion_display()) == (
        "done",
        "conditional",
        "조건부 적정",
    )
    assert review.completed_at is not None
    with pytest.raises(svc.ReviewError):
        svc.record_opinion(people["auditor"], review, opinion="appropriate", text="")
    verbs = list(
        Event.objects.filter(target_id=review.case_number).order_by("id").values_list("verb", flat=True)
    )
    assert verbs == ["pre_review.filed", "pre_review.assigned", "pre_review.opinion"]


def test_contract_result_records_savings(people):
    review = _contract(people, 312_400_000)
    svc.record_contract_result(people["auditor"], review, reviewed_amount=297_810_000, note="제경비율 조정")
    review.refresh_from_db()
    assert (review.reviewed_amount, review.savings, review.savings_rate) == (297_810_000, 14_590_000, 4.67)
    with pytest.raises(svc.ReviewError):
        svc.record_contract_result(people["auditor"], review, reviewed_amount=1)


def test_yearly_savings_totals_by_type_and_department(people):
    at = dt.datetime(2026, 3, 3, 10, tzinfo=SEOUL)
    for designed, reviewed, unit, kind, cat in [
        (100_000_000, 95_000_000, people["unit"], "contract", "works"),
        (50_000_000, 48_000_000, people["unit"], "contract", "works"),
        (30_000_000, 29_000_000, people["other"], "contract", "services"),
        (80_000_000, 78_500_000, people["unit"], "completion", "works"),
    ]:
        r = _contract(people, designed, unit=unit, filed_at=at, kind=kind, category=cat)
        svc.record_contract_result(people["auditor"], r, reviewed_amount=reviewed)
    _contract(people, 70_000_000, filed_at=at)  # not reviewed yet: not in the totals
    last_year = _contract(people, 10_000_000, filed_at=dt.datetime(2025, 12, 30, 10, tzinfo=SEOUL))
    svc.record_contract_result(people["auditor"], last_year, reviewed_amount=5_000_000)

    totals = selectors.savings_totals(ContractReview.objects.all(), 2026)
    by_type = {(r["review_kind"], r["category"]): (r["count"], r["savings"]) for r in totals["by_type"]}
    assert by_type == {
        ("completion", "works"): (1, 1_500_000),
        ("contract", "services"): (1, 1_000_000),
        ("contract", "works"): (2, 7_000_000),
    }
    by_unit = {r["unit__name"]: (r["count"], r["savings"]) for r in totals["by_unit"]}
    assert by_unit == {"건설과": (3, 8_500_000), "주택과": (1, 1_000_000)}
    assert (totals["total"]["count"], totals["total"]["savings"], totals["total"]["rate"]) == (
        4,
        9_500_000,
        3.65,
    )


def test_ledger_xlsx_has_the_filtered_rows(people, login):
    a = _pre(people, title="보도 정비공사")
    _pre(
        people, title="제설제 구매", category="goods", estimated_price=18_000_000, estimated_amount=19_800_000
    )
    svc.record_opinion(people["auditor"], a, opinion="appropriate", text="")
    client = login("auditor")
    response = client.get("/reviews/pre/", {"required": "yes", "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:4] == ("접수번호", "요청일", "요청부서", "사업명")
    assert len(rows) == 2  # header + the one required request
    assert rows[1][0] == a.case_number and rows[1][3] == "보도 정비공사"
    assert rows[1][6] == 420_000_000 and rows[1][8] == "대상" and rows[1][12] == "적정"


def test_contract_ledger_and_savings_xlsx(people, login):
    r = _contract(people, 48_600_000, category="services")
    svc.record_contract_result(people["auditor"], r, reviewed_amount=46_100_000)
    client = login("auditor")
    ws = load_workbook(io.BytesIO(client.get("/reviews/contracts/", {"format": "xlsx"}).content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1][0] == r.case_number and rows[1][6:9] == (48_600_000, 46_100_000, 2_500_000)
    year = r.filed_at.astimezone(SEOUL).year
    book = load_workbook(
        io.BytesIO(client.get("/reviews/contracts/savings/", {"year": year, "format": "xlsx"}).content)
    )
    sheet = book.worksheets[0]
    assert list(sheet.iter_rows(values_only=True))[-1][:6] == (
        "합계",
        None,
        1,
        48_600_000,
        46_100_000,
        2_500_000,
    )
    assert "2,500,000원" in client.get("/reviews/contracts/savings/", {"year": year}).content.decode()


def test_desk_shows_open_requests_and_the_quarterly_report(people):
    review = _pre(people)
    now = dt.datetime(2026, 10, 5, 9, tzinfo=SEOUL)
    items = review_work(people["auditor"], now)
    assert any(i.reference == review.case_number for i in items)
    report = [i for i in proactive_work(people["auditor"], now) if i.reference == "2026-Q3"]
    assert report and report[0].due_at == dt.datetime(2026, 10, 12, 18, tzinfo=SEOUL)
    QuarterlyExemptionReport.objects.create(
        year=2026, quarter=3, submitted_at=now, submitted_by=people["auditor"], case_count=0
    )
    assert not [i for i in proactive_work(people["auditor"], now) if i.reference == "2026-Q3"]
    assert review_work(people["liaison"], now) == proactive_work(people["liaison"], now) == []


def test_filing_form_tells_the_department_at_once(people, login):
    client = login("liaison")
    partial = client.get(
        "/reviews/thresholds/check/", {"category": "services", "estimated_price": "70000000"}
    ).content.decode()
    assert "심사 대상입니다" in partial and "70,000,000원" in partial and "용산구" in partial
    bad = client.post(
        "/reviews/pre/new/",
        {
            "unit": people["unit"].pk,
            "title": "용역",
            "field": "contract",
            "category": "services",
            "estimated_amount": "90000000",
        },
    )
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "추정가격을 입력하세요" in body and 'value="90000000"' in body
    assert not PreExecutionReview.objects.exists()
    ok = client.post(
        "/reviews/pre/new/",
        {
            "unit": people["unit"].pk,
            "title": "용역",
            "field": "contract",
            "category": "services",
            "estimated_price": "60000000",
        },
        follow=True,
    )
    review = PreExecutionReview.objects.get()
    assert review.required is False and "대상이 아닙니다" in ok.content.decode()
