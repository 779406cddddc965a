"""In Debian Chromium: 건설과 files a contract cost review and a 일상감사 request, told at once that each must be
reviewed; the auditor records the reviewed amount, and the ledger shows the savings."""

from __future__ import annotations

import shutil

import pytest

from gamsa.conftest import CHROMIUM, staff_login
from gamsa.reviews.models import ContractReview

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]


def test_department_files_auditor_reviews_ledger_shows_savings(page):
    staff_login(page, "liaison")
    page.goto(page.base + "/reviews/contracts/new/")
    page.select_option("#id_review_kind", "contract")
    page.select_option("#id_category", "works")
    page.fill("#id_title", "신길로 하수관로 정비공사")
    page.fill("#id_designed_amount", "312400000")
    page.locator("#id_designed_amount").dispatch_event("change")
    check = page.locator("[data-testid=threshold-check]")
    check.filter(has_text="심사 대상입니다").wait_for()
    assert "30,000,000원" in check.inner_text() and "용산구" in check.inner_text()
    page.click("[data-testid=contract-form] button[type=submit]")
    number = page.inner_text("[data-testid=case-number]").strip()
    assert number.startswith("CR-")

    staff_login(page, "auditor")
    page.goto(f"{page.base}/reviews/contracts/{number}/")
    page.fill("[data-testid=result-form] input[name=reviewed_amount]", "297810000")
    page.fill("[data-testid=result-form] textarea[name=note]", "품셈 적용 오류와 제경비율 조정")
    page.click("[data-testid=result-form] button[type=submit]")
    assert page.inner_text("[data-testid=savings]").startswith("14,590,000원")
    assert ContractReview.objects.get(case_number=number).savings == 14_590_000

    page.goto(page.base + "/reviews/contracts/")
    row = page.locator(f"[data-testid=contract-ledger] tr[data-case='{number}']")
    assert "14,590,000원" in row.locator("[data-testid=savings]").inner_text()
    assert page.csp_errors == []


def test_department_files_pre_execution_request_marked_mandatory(page):
    """A 일상감사 request for a 3.5억 general works contract: the 용산구 threshold (3억, 추정가격) marks it mandatory
    while the department types, and the filed request keeps that decision and the rule it came from."""
    from gamsa.reviews.models import PreExecutionReview

    staff_login(page, "liaison")
    page.goto(page.base + "/reviews/pre/new/")
    page.select_option("#id_field", "contract")
    page.select_option("#id_category", "works_general")
    page.fill("#id_title", "대림로 보도 정비공사")
    page.fill("#id_estimated_price", "350000000")
    page.locator("#id_estimated_price").dispatch_event("change")
    check = page.locator("[data-testid=threshold-check]")
    check.filter(has_text="심사 대상입니다").wait_for()
    assert "300,000,000원" in check.inner_text() and "용산구" in check.inner_text()
    page.click("[data-testid=pre-form] button[type=submit]")
    page.wait_for_url(lambda url: "/reviews/pre/" in url and not url.endswith("/new/"))

    review = PreExecutionReview.objects.get(title="대림로 보도 정비공사")
    assert review.required is True and review.rule is not None
    assert review.rule.min_amount == 300_000_000
    assert review.case_number in page.content()
    assert page.csp_errors == []
