"""In Debian Chromium: a citizen files, staff assign, the department answers, the citizen reads the answer;
an extension with a forbidden reason is refused."""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from gamsa.complaints.models import Extension, Grievance
from gamsa.conftest import CHROMIUM, staff_login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]


def open_action(page, action):
    """Unfold one action on the case screen the way a user does: click its summary."""
    details = page.locator(f"details[data-action={action}]")
    details.locator("> summary").click()
    expect(details).to_have_attribute("open", "")
    return details.locator("form")


def test_citizen_to_department_and_back(page):
    # 1. A citizen files on the public form, without an account.
    page.goto(page.base + "/minwon/")
    page.fill("#id_name", "이구민")
    page.fill("#id_phone", "010-3333-4444")
    page.fill("#id_address", "서울 영등포구 도림로 10")
    page.fill("#id_title", "도림로 보도블록 파손")
    page.fill("#id_body", "도림로 10 앞 보도블록이 깨져 넘어질 뻔했습니다. 고쳐 주세요.")
    page.click("label[for=id_agree]")  # KRDS draws the box on the label, as a user clicks it
    expect(page.locator("#id_agree")).to_be_checked()
    page.click("main form button[type=submit]")
    number = page.inner_text("[data-testid=case-number]").strip()
    pin = page.inner_text("[data-testid=pin]").strip()
    assert re.fullmatch(r"\d{4}-\d{6}", number) and re.fullmatch(r"\d{8}", pin)

    # 2. The complaint officer assigns it to 건설과.
    staff_login(page, "complaints")
    page.goto(f"{page.base}/grievances/{number}/")
    form = open_action(page, "assign")
    picker = form.get_by_role("combobox", name="처리부서")  # the searchable picker over the department select
    picker.fill("건설과")
    picker.press("Enter")  # the one department left in the list
    expect(form.locator("select[name=department] option:checked")).to_have_text("건설과")
    form.locator("button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("배정했습니다")
    expect(page.locator("[data-testid=status]")).to_have_text("배정")

    # 3. The department liaison tries a forbidden extension reason: refused, with the article and the input kept.
    staff_login(page, "liaison")
    page.goto(f"{page.base}/grievances/{number}/")
    form = open_action(page, "extend")
    form.locator("select[name=reason]").select_option("workload")
    form.locator("textarea[name=reason_detail]").fill("처리할 민원이 많습니다")
    form.locator("input[name=amount]").fill("3")
    form.locator("button[type=submit]").click()
    expect(page.locator("[data-testid=action-error]")).to_contain_text("시행령 제21조②")
    assert (
        page.locator("details[data-action=extend] textarea[name=reason_detail]").input_value()
        == "처리할 민원이 많습니다"
    )
    assert not Extension.objects.exists()

    # 4. The liaison answers.
    page.goto(f"{page.base}/grievances/{number}/")
    form = open_action(page, "answer")
    form.locator("select[name=method]").select_option("electronic")
    form.locator("select[name=outcome]").select_option("accepted")
    form.locator("textarea[name=text]").fill("현장을 확인하고 보도블록을 교체했습니다.")
    form.locator("button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("결재에 올렸습니다")
    # The answer reaches the citizen after 결재 (담당 → 팀장 → 과장, ADR 0021; the browser steps of the line are
    # in core/approvals/tests/test_browser_approvals.py).
    from gamsa.complaints.grievances.approvals import answer_approval
    from gamsa.core.approvals import services as approvals
    from gamsa.core.models import User

    approval = answer_approval(Grievance.objects.get(case_number=number))
    approvals.approve(User.objects.get(username="teamlead"), approval)
    approvals.approve(User.objects.get(username="depthead"), approval)
    page.goto(f"{page.base}/grievances/{number}/")
    expect(page.locator("[data-testid=status]")).to_have_text("답변완료")
    assert Grievance.objects.get(case_number=number).status == "answered"

    # 5. The citizen reads the answer with the receipt number and PIN.
    page.context.clear_cookies()
    page.goto(page.base + "/minwon/status/")
    page.fill("#id_case_number", number)
    page.fill("#id_pin", pin)
    page.fill("#id_phone_tail", "4444")
    page.click("main form button[type=submit]")
    expect(page.locator("[data-testid=public-status]")).to_have_text("답변완료")
    expect(page.locator("[data-testid=public-answer]")).to_contain_text("보도블록을 교체했습니다")
    assert page.csp_errors == []
