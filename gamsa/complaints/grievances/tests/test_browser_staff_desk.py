"""In Debian Chromium at 390 px: the liaison's inbox, the field-complaint board and the public audit results keep
their deadline and status columns (on screen or one labelled swipe away); the inbox sorts by its deadline through
the header link; the assignment form finds a department by typing part of its name and then offers only that
department's staff."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gamsa.complaints.grievances import services as svc
from gamsa.complaints.models import Grievance
from gamsa.conftest import CHROMIUM, staff_login
from gamsa.core.models import OrgUnit, User
from gamsa.core.tests.test_browser_frontdoor import serious_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]

PHONE = {"width": 390, "height": 844}


def user(name):
    return User.objects.get(username=name)


def grievance(title, due_in_days=None, department=None):
    g = svc.receive_grievance(
        user("complaints"),
        channel="phone",
        kind="grievance",
        title=title,
        body=f"{title}: 처리해 주세요.",
        complainant={"name": "김민원", "phone": "010-1111-2222"},
    ).grievance
    if department is not None:
        svc.assign(user("complaints"), g, department=department)
    if due_in_days is not None:
        Grievance.objects.filter(pk=g.pk).update(due_at=timezone.now() + dt.timedelta(days=due_in_days))
    return g


def column_reachable(page, table: str, header: str):
    """The column `header` of `table` exists and is on screen, or its table is a labelled scroll region that brings
    it into view (nothing hidden on a phone)."""
    th = page.locator(f"{table} thead th", has_text=header)
    expect(th).to_have_count(1)
    wrap = page.locator(".krds-table-wrap", has=page.locator(table))
    box = th.bounding_box()
    if box["x"] + box["width"] > PHONE["width"] + 1:
        expect(wrap).to_have_attribute("role", "region")
        expect(wrap).to_have_attribute("aria-label", re.compile(r"\(좌우로 밀어 보기\)$"))
        th.scroll_into_view_if_needed()
    expect(th).to_be_in_viewport()


def test_the_liaison_inbox_at_390_px_keeps_deadline_and_status_and_sorts_by_deadline(page):
    construction = OrgUnit.objects.get(name="건설과")
    cases = [grievance(f"{n}일 뒤 마감 민원", n, construction) for n in (9, 2, 5)]
    staff_login(page, "liaison")
    expect(page.locator('[data-testid="desk-new"]')).to_contain_text(cases[1].case_number)
    page.set_viewport_size(PHONE)
    page.goto(page.base + "/grievances/?sort=number")
    expect(page.locator("h2.gamsa-page-title")).to_have_text("우리 부서 민원함")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    for header in ("처리기한", "상태"):
        column_reachable(page, "table.tbl", header)
    page.locator("table.tbl thead a", has_text="처리기한").click()
    expect(page).to_have_url(re.compile(r"/grievances/\?sort=due$"))
    numbers = page.locator("table.tbl tbody tr td:first-child a")
    expect(numbers).to_have_text([cases[1].case_number, cases[2].case_number, cases[0].case_number])
    expect(page.locator("table.tbl thead th[aria-sort=ascending]")).to_contain_text("처리기한")
    page.locator("table.tbl thead a", has_text="처리기한").click()
    expect(page).to_have_url(re.compile(r"/grievances/\?sort=-due$"))
    expect(numbers).to_have_text([cases[0].case_number, cases[2].case_number, cases[1].case_number])


def test_the_field_complaint_board_at_390_px_keeps_its_deadline_columns(page):
    from gamsa.patrols.fieldcomplaints.demo import load_demo_field_complaints

    load_demo_field_complaints()
    staff_login(page, "patrol")
    page.set_viewport_size(PHONE)
    page.goto(page.base + "/patrols/field/")
    expect(page.locator("[data-testid=field-board]")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    for header in ("처리 중", "기한 경과"):
        column_reachable(page, "[data-testid=board-totals]", header)
    column_reachable(page, "[data-testid=board-departments]", "기한 경과")
    page.goto(page.base + "/patrols/field/list/?sort=number")
    for header in ("처리기한", "상태"):
        column_reachable(page, "table.tbl", header)
    page.locator("table.tbl thead a", has_text="처리기한").click()
    expect(page).to_have_url(re.compile(r"sort=due$"))
    expect(page.locator("table.tbl thead th[aria-sort=ascending]")).to_contain_text("처리기한")


def test_the_public_audit_results_at_390_px_keep_period_and_status(page):
    from gamsa.audits.services import plans as audit_svc
    from gamsa.audits.tests.helpers import engagement, finding_with, moment

    e = engagement(state="resulting", start=dt.date(2026, 6, 1), title="도로 보수공사 특정감사")
    finding_with(e, amount=1_000_000)
    audit_svc.notify_result(user("leader"), e, notified_at=moment(2026, 7, 1))
    audit_svc.publish(
        user("leader"), e, summary="분할 집행을 시정 요구했습니다.", published_on=dt.date(2026, 8, 1)
    )
    page.set_viewport_size(PHONE)
    page.goto(page.base + "/audits/public/")
    for header in ("기간", "상태"):
        column_reachable(page, "[data-testid=public-results]", header)


def test_the_assignment_form_finds_a_department_by_typing_and_narrows_the_handlers(page):
    g = grievance("가로등 고장")
    staff_login(page, "complaints")
    page.goto(page.base + f"/grievances/{g.case_number}/")
    page.locator("details[data-action=assign] summary").click()
    box = page.get_by_role("combobox", name="처리부서")
    expect(box).to_be_visible()
    box.fill("건설")
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options.first).to_be_visible()
    assert serious_violations(page) == []  # the open picker passes axe-core too
    expect(options.filter(has_text="건설과")).to_have_count(1)
    expect(options.filter(has_text="청소과")).to_have_count(0)
    box.fill("건설과")
    box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_value("건설과")
    handler = page.locator("#assign_handler")
    liaison = user("liaison")
    expect(handler.locator(f'option[value="{liaison.pk}"]')).to_have_count(1)  # htmx brought 건설과's staff
    expect(handler.locator(f'option[value="{user("complaints").pk}"]')).to_have_count(0)
    handler.select_option(str(liaison.pk))
    page.locator("details[data-action=assign] button[type=submit]").click()
    expect(page.locator(".krds-alert, [role=status], .gamsa-messages").first).to_contain_text("배정했습니다.")
    g.refresh_from_db()
    assert g.department.name == "건설과" and g.handler == liaison
    assert page.csp_errors == []
