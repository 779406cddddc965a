"""In Debian Chromium: an auditor uploads the sample XLSX, sees the cuts explained, starts the PDF opinion, watches
its job finish and downloads it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from gamsa.conftest import CHROMIUM, log_in_with_totp
from gamsa.core.tests.pdfcheck import assert_reads
from gamsa.costing.models import CostReview

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]
SAMPLE = Path(__file__).resolve().parents[3] / "docs" / "samples" / "costing" / "sample-sheet.xlsx"


def test_upload_sample_see_cuts_download_pdf(page):
    log_in_with_totp(page, "auditor")
    page.wait_for_url(page.base + "/")
    assert page.locator("a[href='/costing/']").count() >= 1  # the menu entry (in the 감사팀 dropdown)
    page.goto(page.base + "/costing/")
    page.click("main >> text=새 심사")
    page.set_input_files("#id_file", str(SAMPLE))
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/costing/" in url and url.rstrip("/").count("-") == 4)

    review = CostReview.objects.get()
    assert page.inner_text("[data-testid=savings]").startswith(f"{review.savings:,}원")
    findings = page.inner_text("[data-testid=findings]")
    assert "일반관리비" in findings and "상한 초과: 상한율로 감액 (신고 9% → 인정 8%)" in findings
    assert "산업안전보건관리비" in findings and "신고 3.5% → 인정 3.11%" in findings
    row = page.locator("[data-testid=review-table] tr[data-key=general_admin]")
    assert "33,142,784" in row.inner_text() and "29,366,497" in row.inner_text()

    # The button starts a background job; its page shows the progress and then the download link.
    page.click("[data-testid=download-pdf]")
    expect(page).to_have_url(re.compile(r"/jobs/"))
    progress = page.locator("[data-testid=job-progress]")
    link = progress.locator("a", has_text="내려받기")
    expect(link).to_be_visible(timeout=30_000)  # a 2-page opinion takes about 2 s (bench/pdf.py)
    expect(progress).to_contain_text("100%")
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    assert_reads(
        Path(download.path()).read_bytes(),
        "원가계산 제비율 심사 의견서",
        review.title,
        f"{review.savings:,}원",
    )
    assert page.csp_errors == []
