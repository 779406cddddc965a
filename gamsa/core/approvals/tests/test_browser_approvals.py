"""In Debian Chromium: (1) an answer goes 담당 → 팀장 → 과장 with a 반려 in between and then reaches the citizen;
(2) 전결: a rule entered on the 위임전결규정 screen lets the 팀장 sign an answer the 과장 signs by default, and the
결재란 (on the screen and in the PDF, read back with pdftotext) shows 전결 with the 과장's box empty."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from gamsa.complaints.grievances import services as gsvc
from gamsa.complaints.grievances.tests.test_browser_grievance import open_action
from gamsa.complaints.models import Grievance
from gamsa.conftest import CHROMIUM, staff_login
from gamsa.core.approvals.models import Approval, DelegationRule, NumberFormat
from gamsa.core.approvals.seeds import seed_rules
from gamsa.core.models import OrgUnit, User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]


def _case():
    seed_rules(DelegationRule, NumberFormat)
    officer = User.objects.get(username="complaints")
    receipt = gsvc.receive_grievance(
        officer,
        channel="phone",
        kind="grievance",
        title="도림로 보도블록 파손",
        body="도림로 10 앞 보도블록이 깨져 넘어질 뻔했습니다.",
        complainant={"name": "이구민", "phone": "010-3333-4444"},
        with_pin=True,
    )
    gsvc.assign(officer, receipt.grievance, department=OrgUnit.objects.get(name="건설과"))
    return receipt.grievance.case_number, receipt.pin


def _draft_answer(page, number, text, title_button="결재 올리기"):
    page.goto(f"{page.base}/grievances/{number}/")
    form = open_action(page, "answer")
    form.locator("select[name=method]").select_option("electronic")
    form.locator("select[name=outcome]").select_option("accepted")
    form.locator("textarea[name=text]").fill(text)
    form.locator("button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("결재에 올렸습니다")


def _open_from_desk(page, panel):
    """From 내 업무, open the first document of a panel (결재할 문서 / 반려된 문서)."""
    page.goto(page.base + "/")
    page.locator(f"[data-testid=panel-{panel}] a").first.click()


def test_answer_through_teamlead_and_depthead_with_a_return_then_the_citizen_reads_it(page):
    number, pin = _case()

    # 1. The liaison (담당) drafts the answer: it goes to 결재, not to the citizen.
    staff_login(page, "liaison")
    _draft_answer(page, number, "보도블록을 교체하겠습니다.")
    expect(page.locator("[data-testid=answer-approval]")).to_contain_text("결재 중")
    assert Grievance.objects.get(case_number=number).status != "answered"

    # 2. The team leader (팀장) finds it on 내 업무 and returns it with a reason.
    staff_login(page, "teamlead")
    _open_from_desk(page, "approvals-waiting")
    assert page.inner_text("[data-testid=current-step]").startswith("검토 · 도로관리팀장")
    form = open_action(page, "return")
    form.locator("textarea[name=reason]").fill("교체 일정과 담당 부서 연락처를 적으세요.")
    form.locator("button[type=submit]").click()
    expect(page.locator("[data-testid=approval-status]")).to_have_text("반려")

    # 3. The liaison sees it under 반려된 문서, revises the kept draft and sends it up again.
    staff_login(page, "liaison")
    _open_from_desk(page, "approvals-returned")
    expect(page.locator("[data-testid=return-reason]")).to_contain_text("교체 일정과 담당 부서 연락처")
    page.goto(f"{page.base}/grievances/{number}/")
    form = open_action(page, "answer")
    assert form.locator("textarea[name=text]").input_value() == "보도블록을 교체하겠습니다."
    form.locator("textarea[name=text]").fill("12월 10일까지 보도블록을 교체합니다. 문의: 건설과 02-2670-3500")
    form.locator("button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("결재에 올렸습니다")

    # 4. 팀장 검토, then 과장 결재.
    staff_login(page, "teamlead")
    _open_from_desk(page, "approvals-waiting")
    open_action(page, "approve").locator("button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("다음 결재자에게")
    assert Grievance.objects.get(case_number=number).status != "answered"
    staff_login(page, "depthead")
    _open_from_desk(page, "approvals-waiting")
    open_action(page, "approve").locator("button[type=submit]").click()
    expect(page.locator("[data-testid=approval-status]")).to_have_text("결재 완료")
    block = page.inner_text("[data-testid=signature-block]")
    assert "도로관리팀장" in block and "건설과장" in block and "전결" in block
    assert page.inner_text("[data-testid=document-number]").startswith("문서번호 건설과-1")

    # 5. Only now does the citizen read the answer on the public status page.
    page.context.clear_cookies()
    page.goto(page.base + "/minwon/status/")
    page.fill("#id_case_number", number)
    page.fill("#id_pin", pin)
    page.fill("#id_phone_tail", "4444")
    page.click("main form button[type=submit]")
    expect(page.locator("[data-testid=public-status]")).to_have_text("답변완료")
    expect(page.locator("[data-testid=public-answer]")).to_contain_text("12월 10일까지 보도블록을 교체합니다")
    approval = Approval.objects.get()
    assert approval.round == 2 and approval.steps.filter(round=1, action="returned").count() == 1
    assert page.csp_errors == []


def test_delegation_rule_lets_the_team_leader_sign_and_the_signature_block_shows_jeongyeol(page, tmp_path):
    number, _pin = _case()

    # 1. The office head enters a new rule version: 고충민원 답변 → 팀장 전결.
    staff_login(page, "head")
    page.goto(page.base + "/approvals/rules/")
    page.select_option("#id_kind", value="grievance_answer")
    page.select_option("#id_signer_rank", value="team_lead")
    page.fill("#id_effective_from", "2021-01-01")
    page.fill("#id_note", "시험: 단순 답변 팀장 전결")
    page.click("[data-testid=add-rule]")
    expect(page.locator("main")).to_contain_text("위임전결규정을 등록했습니다")

    # 2. The liaison's answer now goes straight to the 팀장, who signs it with 전결.
    staff_login(page, "liaison")
    _draft_answer(page, number, "현장을 확인하고 보도블록을 교체했습니다.")
    staff_login(page, "teamlead")
    _open_from_desk(page, "approvals-waiting")
    assert page.inner_text("[data-testid=current-step]").startswith("결재 · 도로관리팀장")
    open_action(page, "approve").locator("button[type=submit]").click()
    expect(page.locator("[data-testid=approval-status]")).to_have_text("결재 완료")
    boxes = page.locator("[data-testid=sign-box]")
    assert boxes.count() == 3
    assert "전결" in boxes.nth(1).inner_text()
    assert boxes.nth(2).get_attribute("data-empty") == "1" and boxes.nth(2).inner_text().strip() == ""
    assert Grievance.objects.get(case_number=number).status == "answered"

    # 3. The PDF's 결재란 read back with pdftotext.
    approval = Approval.objects.get()
    response = page.request.get(f"{page.base}/approvals/{approval.public_id}/pdf/")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True
    ).stdout.decode()
    assert "도로관리팀장" in text and "건설과장" in text and "전결" in text
    assert f"문서번호 {approval.number}" in text and approval.number == "건설과-1"
    day = approval.approved_at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Seoul")).date()
    assert f"{day.year}. {day.month}. {day.day}." in text
    assert page.csp_errors == []
