"""In Debian Chromium: a staff member of 건설과 sees the pledge on 내 업무, signs it in the browser, and the office's
rate for 건설과 moves; the pages load nothing from another origin and break no CSP rule."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from gamsa.conftest import CHROMIUM, staff_login
from gamsa.integrity.pledges import services as svc
from gamsa.integrity.tests.helpers import D, staff, user
from gamsa.integrity.viewkit import today

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]


def rate_cell(page) -> str:
    return page.inner_text('[data-testid=rate-row][data-unit="건설과"] .rate').strip()


def test_staff_member_signs_and_the_department_rate_moves(page):
    year = today().year
    svc.publish_text(
        user("leader"),
        year=year,
        title=f"{year}년 청렴서약서",
        body="금품을 받지 않겠습니다.",
        effective_from=D(f"{year}-01-02"),
    )
    staff(3, "건설과", prefix="br")  # 건설과: liaison, teamlead, depthead and three more: 0 of 6 signed
    requests = []
    page.on("request", lambda r: requests.append(r.url))

    staff_login(page, "leader")
    page.goto(page.base + "/integrity/pledges/")
    assert rate_cell(page) == "0.0%"

    staff_login(page, "liaison")
    expect(page.locator("main")).to_contain_text("청렴서약서 서명")
    page.click("text=청렴서약서 서명")
    expect(page.locator("[data-testid=pledge-text]")).to_contain_text("금품을 받지 않겠습니다.")
    page.click("label[for=id_agree]")  # KRDS draws the box on the label
    assert page.is_checked("#id_agree")
    page.click("[data-testid=pledge-sign]")
    page.wait_for_selector("[data-testid=pledge-signed]")
    expect(page.locator("[data-testid=pledge-signed]")).to_contain_text("제1판에 서명했습니다")

    staff_login(page, "leader")
    page.goto(page.base + "/integrity/pledges/")
    assert rate_cell(page) == "16.7%"  # 1 of 6
    assert page.csp_errors == []
    outside = [u for u in requests if not u.startswith(page.base) and not u.startswith("data:")]
    assert outside == [], outside
