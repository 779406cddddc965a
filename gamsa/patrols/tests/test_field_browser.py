"""In Debian Chromium: the patrol team uploads a 응답소 export, watches the job to the end, and opens the board."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from gamsa.conftest import CHROMIUM, log_in_with_totp
from gamsa.patrols.fieldcomplaints import importing
from gamsa.patrols.models import FieldCategory, FieldComplaint, FieldItem
from gamsa.patrols.seeds import seed_field_items

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]


def test_web_import_with_progress_and_board(page, tmp_path):
    seed_field_items(FieldCategory, FieldItem)
    path = tmp_path / "응답소_현장민원.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(importing.HEADERS)
    start = dt.datetime(2026, 3, 2, 9, 0)
    for i in range(350):  # more than DIRECT_IMPORT_ROWS: goes through the task and the job page
        ws.append(
            [
                f"B-{i:05d}",
                start + dt.timedelta(minutes=i),
                "교통",
                "불법주정차",
                "불법주정차 신고",
                "",
                "",
                37.52,
                126.9,
                "주차관리과",
                "접수",
                None,
                "",
            ]
        )
    ws.append(
        [
            "B-new",
            start,
            "교통",
            "전동킥보드 방치",
            "킥보드",
            "",
            "",
            None,
            None,
            "가로정비과",
            "접수",
            None,
            "",
        ]
    )
    wb.save(path)

    log_in_with_totp(page, "patrol")
    page.wait_for_url(page.base + "/")
    page.goto(page.base + "/patrols/field/import/")
    page.set_input_files("#id_file", str(path))
    page.click("[data-testid=import-form] button[type=submit]")
    page.wait_for_selector("[data-testid=import-result]")
    assert page.locator("progress.gamsa-progress").get_attribute("value") == "100"
    text = page.inner_text("[data-testid=import-result]")
    assert "새로 351건" in text and "반영했습니다" in text
    assert "교통 > 전동킥보드 방치" in text and "가로정비과" in text
    assert FieldComplaint.objects.filter(source_id__startswith="B-").count() == 351

    page.goto(page.base + "/patrols/field/")
    expect(page.locator("[data-testid=total-open]")).to_have_text("351")
    expect(page.locator("[data-testid=field-board]")).to_contain_text("주차관리과")
    assert page.csp_errors == []
