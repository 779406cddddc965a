"""In Debian Chromium: a staff member of 건설과 sees the pledge on 내 업무, signs it in the browser, and the office's
rate for 건설과 moves; the pages load nothing from another origin and break no CSP rule."""

from __future__ import annotations

import shutil

import pytest

from gamsa.conftest import CHROMIUM, settle, staff_login, submit
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
    settle(page)
    assert rate_cell(page) == "0.0%"

    staff_login(page, "liaison")
    assert "청렴서약서 서명" in page.inner_text("main")
    page.click("text=청렴서약서 서명")
    settle(page)
    assert "금품을 받지 않겠습니다." in page.inner_text("[data-testid=pledge-text]")
    page.click("label[for=id_agree]")  # KRDS draws the box on the label
    assert page.is_checked("#id_agree")
    submit(page, "[data-testid=pledge-sign]")
    page.wait_for_selector("[data-testid=pledge-signed]")
    assert "제1판에 서명했습니다" in page.inner_text("[data-testid=pledge-signed]")

    staff_login(page, "leader")
    page.goto(page.base + "/integrity/pledges/")
    settle(page)
    assert rate_cell(page) == "16.7%"  # 1 of 6
    assert page.csp_errors == []
    outside = [u for u in requests if not u.startswith(page.base) and not u.startswith("data:")]
    assert outside == [], outside
