"""In Debian Chromium, as a visitor: file a grievance, see and print the 접수증 (no PIN on paper unless asked), look
it up; after the department answers 일부 수용, see the remedy notice (행정심판·행정소송) and rate the answer."""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from gamsa.complaints.models import Grievance, SatisfactionSurvey
from gamsa.conftest import CHROMIUM, staff_login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]


def test_visitor_receipt_lookup_remedy_and_survey(page):
    # 1. A visitor files on the public form and gets the 접수증.
    page.goto(page.base + "/minwon/")
    page.fill("#id_name", "정구민")
    page.fill("#id_phone", "010-5555-6666")
    page.fill("#id_address", "서울 영등포구 양평로 22")
    page.fill("#id_title", "양평로 불법 적치물")
    page.fill("#id_body", "양평로 22 앞 인도에 건축 자재가 한 달째 쌓여 있어 지나갈 수 없습니다.")
    page.click("label[for=id_agree]")
    page.click("main form button[type=submit]")
    receipt = page.locator("[data-testid=receipt]")
    expect(receipt).to_be_visible()
    number = page.inner_text("[data-testid=case-number]").strip()
    pin = page.inner_text("[data-testid=pin]").strip()
    assert re.fullmatch(r"\d{4}-\d{6}", number) and re.fullmatch(r"\d{8}", pin)
    expect(page.locator("[data-testid=receipt-title]")).to_have_text("양평로 불법 적치물")
    expect(page.locator("[data-testid=receipt-due]")).to_contain_text("2026.")

    # 2. On paper: no menus or buttons, the office's header, and no PIN unless the visitor ticks the box.
    page.emulate_media(media="print")
    expect(page.locator("#krds-header")).to_be_hidden()
    expect(page.locator(".gamsa-print-head")).to_be_visible()
    expect(page.locator("[data-testid=case-number]")).to_be_visible()
    expect(page.locator("[data-testid=pin]")).to_be_hidden()
    expect(page.locator(".gamsa-receipt-pin-hidden")).to_be_visible()
    page.emulate_media(media="screen")
    page.click("label[for=print-pin]")
    expect(page.locator("#print-pin")).to_be_checked()
    page.emulate_media(media="print")
    expect(page.locator("[data-testid=pin]")).to_be_visible()
    page.emulate_media(media="screen")

    # 3. The visitor looks it up: received, not yet assigned.
    page.click("text=처리 상황 보기")
    page.fill("#id_case_number", number)
    page.fill("#id_pin", pin)
    page.fill("#id_phone_tail", "6666")
    page.click("main form button[type=submit]")
    expect(page.locator("[data-testid=public-status]")).to_have_text("접수")
    expect(page.locator("[data-testid=status-steps]")).to_contain_text("접수")

    # 4. Staff assign it to 건설과 and the liaison answers 일부 수용; the answer goes out at 결재.
    from gamsa.complaints.grievances import services as svc
    from gamsa.complaints.grievances.approvals import answer_approval
    from gamsa.core.approvals import services as approvals
    from gamsa.core.models import OrgUnit, User

    g = Grievance.objects.get(case_number=number)
    svc.assign(User.objects.get(username="complaints"), g, department=OrgUnit.objects.get(name="건설과"))
    staff_login(page, "liaison")
    page.goto(f"{page.base}/grievances/{number}/")
    details = page.locator("details[data-action=answer]")
    details.locator("> summary").click()
    form = details.locator("form")
    form.locator("select[name=method]").select_option("electronic")
    form.locator("select[name=outcome]").select_option("partial")
    form.locator("textarea[name=text]").fill(
        "보도 위 자재는 치우도록 했고, 공사 가림막 설치는 허가 조건이라 유지됩니다."
    )
    form.locator("textarea[name=reasons]").fill("가림막은 건축허가 조건입니다.")
    form.locator("button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("결재에 올렸습니다")
    approval = answer_approval(Grievance.objects.get(case_number=number))
    approvals.approve(User.objects.get(username="teamlead"), approval)
    approvals.approve(User.objects.get(username="depthead"), approval)

    # 5. The visitor, back without a staff session, sees the answer, the remedy notice and the survey.
    page.context.clear_cookies()
    page.goto(page.base + "/minwon/status/")
    page.fill("#id_case_number", number)
    page.fill("#id_pin", pin)
    page.fill("#id_phone_tail", "6666")
    page.click("main form button[type=submit]")
    expect(page.locator("[data-testid=public-status]")).to_have_text("답변완료")
    expect(page.locator("[data-testid=status-department]")).to_have_text("건설과")
    expect(page.locator("[data-testid=public-answer]")).to_contain_text("일부 수용")
    remedy = page.locator("[data-testid=remedy-notice]")
    expect(remedy).to_be_visible()
    expect(remedy).to_contain_text("행정심판")
    expect(remedy).to_contain_text("행정소송")
    survey = page.locator("[data-testid=survey-form]")
    survey.locator("label", has_text="만족 (4점)").click()
    survey.locator("textarea[name=comment]").fill("자재를 빨리 치워 주셔서 다닐 수 있게 되었습니다.")
    survey.locator("button[type=submit]").click()
    expect(page.locator("[data-testid=survey-done]")).to_contain_text("4점")
    expect(page.locator("[data-testid=remedy-notice]")).to_be_visible()
    assert SatisfactionSurvey.objects.get(grievance__case_number=number).score == 4
    assert page.csp_errors == []
