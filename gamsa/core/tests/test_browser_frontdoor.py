"""In Debian Chromium: the public front door and the staff pages pass axe-core (vendored, loaded by the test only) with
no serious or critical violation; at 390 px a list keeps its status column one labelled swipe away; a list sorts by
its deadline through the header link; a page printed to PDF carries the office's name and page numbers and no
navigation."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from gamsa.audits.models import Disposition
from gamsa.audits.services import plans as svc
from gamsa.audits.tests.helpers import engagement, finding_with, moment, user
from gamsa.conftest import CHROMIUM, staff_login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]

AXE_URL = (
    "/static/vendor/axe-core/axe.min.js"  # same origin, so the page's CSP (script-src 'self') lets it in
)
PHONE = {"width": 390, "height": 844}


def serious_violations(page) -> list[dict]:
    """axe-core's WCAG 2.x A/AA rules and best practices on the page as it stands; the serious and critical ones."""
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(url=page.base + AXE_URL)
    found = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + n.failureSummary)}));
        }"""
    )
    return [v for v in found if v["impact"] in ("serious", "critical")]


def published_results(count: int = 3):
    """Published audits (each with one 시정 disposition to 건설과, its clock started) and their engagements."""
    made = []
    for i in range(count):
        e = engagement(
            state="resulting", start=dt.date(2026, 6, 1 + 7 * i), title=f"{i + 1}차 도로 보수공사 특정감사"
        )
        finding_with(e, amount=1_000_000 * (i + 1))
        svc.notify_result(user("leader"), e, notified_at=moment(2026, 7, 1 + i))
        svc.publish(
            user("leader"), e, summary="분할 집행을 시정 요구했습니다.", published_on=dt.date(2026, 8, 1 + i)
        )
        made.append(e)
    return made


def test_front_door_passes_axe_and_reaches_every_public_service(page):
    published_results(1)
    page.goto(page.base + "/")
    assert page.locator("[data-testid=front-door]").count() == 1
    expect(page.locator("#krds-masthead")).to_contain_text("이 누리집은 대한민국 공식 전자정부 누리집입니다.")
    assert serious_violations(page) == []
    for code in ("grievance", "status", "petition", "hotline", "audits"):
        assert page.locator(f"[data-testid=service-{code}] a").count() == 1, code
    page.set_viewport_size(PHONE)
    assert serious_violations(page) == []
    page.click("[data-testid=service-audits] a")
    page.wait_for_url(page.base + "/audits/public/")
    assert serious_violations(page) == []
    page.goto(page.base + "/privacy/")
    assert serious_violations(page) == []
    assert page.csp_errors == []


def test_staff_home_a_list_and_a_case_page_pass_axe(page):
    e = published_results(2)[0]
    staff_login(page, "auditor")
    assert serious_violations(page) == [], "home"
    Disposition.objects.update(due_at=moment(2026, 9, 1))  # overdue: rows on the follow-up board
    for url in ("/audits/followups/", f"/audits/engagements/{e.case_number}/", "/org/?sort=-staff"):
        page.goto(page.base + url)
        assert serious_violations(page) == [], url
    assert page.csp_errors == []


def test_at_390_px_the_public_results_keep_their_status_one_labelled_swipe_away(page):
    published_results(2)
    page.set_viewport_size(PHONE)
    page.goto(page.base + "/audits/public/")
    region = page.locator(".krds-table-wrap", has=page.locator("[data-testid=public-results]"))
    page.wait_for_function(
        "() => document.querySelector('.krds-table-wrap').getAttribute('role') === 'region'"
    )
    assert region.get_attribute("tabindex") == "0"
    assert (
        region.get_attribute("aria-label")
        == "공개된 감사결과: 공개일, 감사, 종류, 기간, 상태 (좌우로 밀어 보기)"
    )
    hint = page.locator(".gamsa-scroll-hint").first
    assert hint.is_visible() and hint.inner_text().startswith("좌우로 밀어 보기")
    status_header = page.locator("[data-testid=public-results] thead th", has_text="상태")
    assert status_header.count() == 1  # the column exists: nothing is hidden on a phone
    assert (
        page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    )  # the page itself never scrolls sideways
    region.focus()
    for _ in range(40):  # a keyboard user scrolls the focused region with the arrow key
        page.keyboard.press("ArrowRight")
    page.wait_for_function(  # the browser scrolls smoothly: wait until the region has reached its right end
        "() => { const w = document.querySelector('.krds-table-wrap'); return w.scrollLeft + w.clientWidth >= w.scrollWidth - 1; }"
    )
    box = status_header.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"] + 1
    assert page.locator("[data-testid=public-results] tbody td", has_text="처분 이행 중").first.is_visible()


def test_a_list_sorts_by_its_deadline_through_the_header_link(page):
    published_results(3)
    units_due = {"1차": moment(2026, 9, 20), "2차": moment(2026, 9, 5), "3차": moment(2026, 9, 12)}
    for prefix, due in units_due.items():
        Disposition.objects.filter(finding__engagement__title__startswith=prefix).update(due_at=due)
    staff_login(page, "auditor")
    page.goto(page.base + "/audits/followups/?sort=-reminders")
    rows = page.locator("[data-testid=overdue] tbody tr")

    def order():
        return [rows.nth(i).locator("td").nth(3).inner_text() for i in range(rows.count())]

    page.click("[data-testid=overdue] thead a:has-text('이행 기한')")
    page.wait_for_url("**/audits/followups/?sort=due")
    assert order() == ["2026. 9. 5.(토)", "2026. 9. 12.(토)", "2026. 9. 20.(일)"]
    header = page.locator("[data-testid=overdue] thead th[aria-sort]")
    assert header.get_attribute("aria-sort") == "ascending" and "이행 기한" in header.inner_text()
    page.click("[data-testid=overdue] thead a:has-text('이행 기한')")
    page.wait_for_url("**/audits/followups/?sort=-due")
    assert order() == ["2026. 9. 20.(일)", "2026. 9. 12.(토)", "2026. 9. 5.(토)"]
    page.reload()  # the sort lives in the URL
    assert order()[0] == "2026. 9. 20.(일)"


def pdf_pages(path) -> list[str]:
    count = int(
        re.search(
            r"Pages:\s+(\d+)",
            subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout,
        )[1]
    )
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]


NAVIGATION = (
    "로그아웃", "전체메뉴", "본문 바로가기", "이 누리집은", "개인정보처리방침", "누리집 안내", "API 안내",  # header, footer
    "연간 감사계획", "구민감사관", "조직도", "처리기한 계산기",  # the main menu
    "기한 지남 엑셀", "전체 처분요구 엑셀",  # buttons
)  # fmt: skip


def test_a_printed_list_has_the_office_and_page_numbers_and_no_navigation(page, tmp_path):
    e = engagement(state="resulting", start=dt.date(2026, 6, 1))
    for i in range(36):
        finding_with(e, amount=100_000 * (i + 1))
    svc.notify_result(user("leader"), e, notified_at=moment(2026, 7, 1))
    Disposition.objects.update(due_at=moment(2026, 9, 1))
    staff_login(page, "auditor")
    page.goto(page.base + "/audits/followups/")
    assert all(
        word in page.text_content("body") for word in ("로그아웃", "연간 감사계획", "개인정보처리방침")
    )  # on the page
    pdf = tmp_path / "board.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    pages = pdf_pages(pdf)
    assert len(pages) >= 2
    rows = 0
    for number, text in enumerate(pages, start=1):
        assert text.count("영등포구청 감사담당관") >= 1 and re.search(
            rf"\b{number}\s*/\s*{len(pages)}\b", text
        ), number
        for navigation in NAVIGATION:
            assert navigation not in text, (number, navigation)
        # a row's two lines ("시정 · 일상경비" / "분할 집행") are never split across pages
        assert text.count("AU2026-") == text.count("분할 집행"), number
        rows += text.count("AU2026-")
        if text.count("AU2026-"):
            assert "이행 기한" in text  # the table's header is repeated on every page it continues on
    assert rows == 36
    first = pages[0]
    assert "출력 2026." in first and "처분요구 이행 관리" in first


def test_the_map_draws_the_vendored_dongs_without_tiles_and_its_controls_pass_under_the_header(
    page, settings
):
    settings.GAMSA_MAP_TILE_URL = ""  # the separated internal network: nothing from outside
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    staff_login(page, "patrol")
    page.goto(page.base + "/patrols/map/")
    page.wait_for_selector("#gamsa-map[data-boundaries-loaded=true]")
    labels = page.locator(".gamsa-dong-label")
    assert labels.count() == 18 and "여의동" in page.inner_text("#gamsa-map")
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("통계청 SGIS")
    assert all(url.startswith(page.base) for url in requests), [
        u for u in requests if not u.startswith(page.base)
    ]
    assert page.locator(".leaflet-tile").count() == 0
    # The map is its own stacking context under the header (z-index 70): Leaflet's controls (z-index 1000) cannot
    # rise above the header when the page scrolls beneath it.
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.getElementById('gamsa-map')); return [s.position, s.zIndex]; }"
    )
    assert style == ["relative", "0"]
    zoom = page.locator(".leaflet-control-zoom-in")
    page.evaluate("y => window.scrollTo(0, y)", zoom.bounding_box()["y"] + window_scroll(page) - 20)
    page.mouse.move(600, 600)
    page.mouse.wheel(0, -4)  # a little way up: KRDS brings its header back over the content
    page.wait_for_function(
        "() => document.getElementById('wrap').classList.contains('scroll-up')"
        " && document.querySelector('#krds-header .header-in').getBoundingClientRect().top >= 0"
    )
    head = page.locator("#krds-header .header-in").bounding_box()
    for _ in range(
        5
    ):  # scrolling up (the header stays shown) until the control sits beneath the header's middle
        box = zoom.bounding_box()
        centre = [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2]
        gap = head["y"] + head["height"] / 2 - centre[1]
        if abs(gap) < head["height"] / 4:
            break
        page.evaluate("dy => window.scrollBy(0, dy)", -gap)
        page.wait_for_function("() => document.getElementById('wrap').classList.contains('scroll-up')")
    assert head["y"] <= centre[1] <= head["y"] + head["height"], (
        box,
        head,
    )  # the control is beneath the header
    on_top = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('#krds-header') !== null", centre
    )
    assert on_top  # and the header, not the control, is what is seen and clicked there
    assert page.csp_errors == []


def window_scroll(page) -> float:
    return page.evaluate("() => window.scrollY")
