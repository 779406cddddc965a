"""In Debian Chromium: an investigator bundles two items into a bulletin and posts it; a 건설과 staff member finds it
on 내 업무, reads it on the board, and the bulletin's read rate for 건설과 moves. No CSP error."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from playwright.sync_api import expect

from gamsa.conftest import CHROMIUM, staff_login
from gamsa.core.models import OrgUnit, User
from gamsa.investigations.bulletins import services as svc

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]


def test_a_bulletin_is_posted_read_on_the_board_and_counted(page):
    investigator = User.objects.get(username="investigator")
    for title in ("○○구 공무원 음주운전 적발", "업체서 상품권 수수 — 정직 3개월"):
        svc.create_item(
            investigator,
            kind="press",
            title=title,
            source="연합뉴스",
            published_on=dt.date(2026, 3, 2),
            tags=["음주운전"],
            departments=[OrgUnit.objects.get(name="건설과")],
        )

    staff_login(page, "investigator")
    page.goto(page.base + "/investigations/bulletins/new/")
    page.fill("#id_title", "음주운전·금품수수 징계 사례")
    for label in page.locator("[data-testid=checks-items] label").all():
        label.click()  # KRDS draws the box on the label
    expect(page.locator("[data-testid=checks-items] input:checked")).to_have_count(2)
    page.click("form.gamsa-card button[type=submit]")
    expect(page.get_by_test_id("bulletin-title")).to_have_text("2026년 제1호 음주운전·금품수수 징계 사례")
    expect(page.get_by_test_id("entry-row")).to_have_count(2)
    page.get_by_role("button", name="직원 게시판에 게시").click()
    expect(page.get_by_test_id("read-total")).to_contain_text("명 중 0명이 읽었습니다")
    detail = page.url

    staff_login(page, "liaison")
    page.get_by_role("link", name="[비위 사례 공유] 2026년 제1호 음주운전·금품수수 징계 사례").click()
    expect(page.get_by_test_id("post-body")).to_contain_text("○○구 공무원 음주운전 적발")

    staff_login(page, "investigator")
    page.goto(detail)
    expect(page.get_by_test_id("read-total")).to_contain_text("명 중 1명이 읽었습니다")
    row = page.get_by_test_id("read-row").filter(has_text="건설과")
    expect(row.locator("td").nth(1)).to_have_text("1명")
    assert page.csp_errors == []
