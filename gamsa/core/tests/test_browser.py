"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against the live server."""

from __future__ import annotations

import re
import shutil

import pytest

from gamsa.conftest import CHROMIUM, log_in_with_totp
from gamsa.core.demo import DEMO_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]


def test_staff_login_with_2fa_reaches_the_korean_home(page):
    log_in_with_totp(page, "auditor")
    page.wait_for_url(page.base + "/")
    assert page.locator("h2.gamsa-page-title").inner_text() == "내 업무"
    assert page.locator("html").get_attribute("lang") == "ko"
    header = page.locator("#krds-header").inner_text()
    for team in ("감사팀", "조사팀", "민원관리팀", "순찰팀"):
        assert team in header
    assert "기한 지남" in page.inner_text("main")
    assert re.search(r"\d{4}\. \d{1,2}\. \d{1,2}\.\([월화수목금토일]\)", page.inner_text("main"))
    # KRDS CSS and the vendored font really loaded (computed style comes from krds.min.css).
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Pretendard GOV" in font
    assert page.csp_errors == []


def test_wrong_code_keeps_the_user_out(page):
    page.goto(page.base + "/login/")
    page.fill("#id_username", "head")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/login/otp/"))
    # Without a device the password leads only to the enrolment-code step: no secret, no QR code.
    assert page.locator("[data-testid=otp-secret]").count() == 0
    page.fill("#id_enrolment_code", "AAAA-BBBB-CCCC")
    page.click("main form button[type=submit].primary")
    assert "등록 코드가 맞지 않거나" in page.inner_text("main")
    assert page.locator("[data-testid=otp-secret]").count() == 0
    page.goto(page.base + "/logs/events/")
    assert "/login/otp/" in page.url


def test_deadline_calculator_updates_in_place(page):
    log_in_with_totp(page, "complaints")
    page.wait_for_url(page.base + "/")
    page.goto(page.base + "/calendar/")
    page.select_option("#id_kind", "grievance")
    page.fill("#id_received_at", "2026-09-23T10:00")
    page.click("#deadline-result >> xpath=preceding-sibling::form//button[@type='submit']")
    result = page.locator("[data-testid=deadline-result]")
    result.wait_for()
    assert "2026. 10. 6.(화) 18:00" in result.inner_text()
    assert page.url.endswith("/calendar/")  # htmx swapped the result without a page load
    assert page.csp_errors == []


def test_links_in_text_look_like_links_and_list_cells_do_not_break(page):
    """KRDS resets links to the text's colour; a plain link in the content is underlined in KRDS's link colour
    (WCAG 1.4.1), the home page's cards stay plain, and a list's case numbers and dates stay on one line."""
    import datetime as dt

    from django.utils import timezone

    from gamsa.complaints.grievances.services import receive_grievance

    receive_grievance(  # received 40 days ago: late, so it is on the complaint team's home page and in the list
        None,
        channel="visit",
        kind="grievance",
        title="보도블록 파손",
        body="보도블록이 깨져 있습니다.",
        complainant={"name": "김민원", "phone": "010-1234-5678"},
        received_at=timezone.now() - dt.timedelta(days=40),
    )
    log_in_with_totp(page, "complaints")
    page.wait_for_url(page.base + "/")
    card = page.locator(".gamsa-work-list a").first
    assert "underline" not in card.evaluate("a => getComputedStyle(a).textDecorationLine")
    page.goto(page.base + "/grievances/")
    number = page.locator("table tbody tr td:first-child a").first
    assert "underline" in number.evaluate("a => getComputedStyle(a).textDecorationLine")
    body_colour = page.evaluate("getComputedStyle(document.body).color")
    assert number.evaluate("a => getComputedStyle(a).color") != body_colour
    assert number.evaluate("a => getComputedStyle(a.closest('td')).whiteSpace") == "nowrap"
    assert page.csp_errors == []
