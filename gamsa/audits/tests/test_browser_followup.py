"""In Debian Chromium: the auditor plans an engagement and notifies it, records a finding with a 시정 disposition and notifies the result, the audited
department sees its due date and reports follow-up with evidence, the team verifies, publishes and closes."""

from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest
from PIL import Image
from playwright.sync_api import expect

from gamsa.audits.models import Disposition, Engagement
from gamsa.audits.services import plans as svc
from gamsa.audits.tests.helpers import user
from gamsa.conftest import CHROMIUM, staff_login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]


def test_finding_followup_and_verification(page, isolated_settings, tmp_path):
    # What the browser sent and got, for the failure message.
    page.exchanges = []
    page.on(
        "response",
        lambda r: page.exchanges.append(f"{r.request.method} {r.url[len(page.base) :]} {r.status}"),
    )
    # 0. The auditor plans an engagement in the year's plan and gives the prior notice (7 days are enforced).
    svc.create_plan(user("leader"), year=2026, title="2026년 자체감사계획")
    staff_login(page, "auditor")
    page.goto(page.base + "/audits/plans/2026/")
    page.click("text=감사 추가")
    page.fill("#id_title", "도로 보수공사 특정감사")
    page.select_option("#id_type", value="special")
    page.fill("#id_purpose", "공사 집행 적정성")
    page.select_option("#id_targets", label="건설과")
    page.fill("#id_scope", "2025년 공사")
    page.fill("#id_start_date", "2026-11-02")
    page.fill("#id_end_date", "2026-11-06")
    page.click("main form button[type=submit]")
    expect(page.locator("[data-testid=status]")).to_have_text("계획")
    e = Engagement.objects.get(title="도로 보수공사 특정감사")
    assert e.plan.year == 2026 and list(e.targets.values_list("name", flat=True)) == ["건설과"]
    page.fill("#id_notified_on", "2026-10-28")
    page.click("[data-testid=do-notify]")
    expect(page.locator("[data-testid=action-error]")).to_contain_text("시행령 제12조①")
    expect(page.locator("#id_notified_on")).to_have_value("2026-10-28")  # what was typed stays
    page.fill("#id_notified_on", "2026-10-23")
    page.click("[data-testid=do-notify]")
    expect(page.locator("[data-testid=status]")).to_have_text("통보")
    page.click("[data-testid=do-start]")
    expect(page.locator("[data-testid=status]")).to_have_text("실시")

    # 1. The auditor records a finding with a 시정 disposition, ends the fieldwork and notifies the result.
    page.click("text=지적사항 기록")
    page.fill("#id_title", "자재 구입비 분할 집행")
    page.select_option("#id_unit", label="건설과")
    page.fill("#id_responsible_person", "김민준")
    page.fill("#id_condition", "자재 구입비를 3회로 나누어 집행하여 계약 절차를 피함")
    page.select_option("#id_kind", value="correction")
    page.select_option("#id_target_unit", label="건설과")
    page.fill("#id_demand", "부당 집행액 회수")
    page.fill("#id_amount_recover", "1250000")
    page.click("main form button[type=submit]")
    expect(page.locator("main")).to_contain_text("지적사항과 처분요구를 기록했습니다")
    expect(page.locator("main")).to_contain_text("1,250,000원")
    page.goto(f"{page.base}/audits/engagements/{e.case_number}/")
    page.fill("#id_ended_on", "2026-11-06")
    page.click("[data-testid=do-finish]")
    expect(page.locator("[data-testid=status]")).to_have_text("결과처리")
    page.click("[data-testid=do-notify_result]")
    expect(page.locator("main")).to_contain_text("결재에 올렸습니다")
    # The result notice is sent at the final 결재 (ADR 0021): 감사팀장 검토, 감사담당관 결재.
    from gamsa.audits.approvals import result_approval
    from gamsa.core.approvals import services as approvals
    from gamsa.core.models import User

    approval = result_approval(e)
    approvals.approve(User.objects.get(username="leader"), approval)
    approvals.approve(User.objects.get(username="head"), approval)
    d = Disposition.objects.get(finding__engagement=e)
    assert d.status == "open" and d.due_at is not None

    # 2. The department's liaison sees the due date on its own screen and reports with evidence.
    staff_login(page, "liaison")
    page.goto(page.base + "/audits/my-unit/")
    due = d.due_at.astimezone(dt.timezone(dt.timedelta(hours=9))).date()
    expect(page.locator("main")).to_contain_text(f"{due.year}. {due.month}. {due.day}.")
    page.click("text=시정")
    page.fill("#id_text", "부당 집행액 1,250,000원을 회수하고 분할 집행 금지 교육을 실시함")
    page.fill("#id_recovered_amount", "1250000")
    evidence = tmp_path / "영수증.png"
    buffer = io.BytesIO()
    Image.new("RGB", (30, 30), "green").save(buffer, format="PNG")
    evidence.write_bytes(buffer.getvalue())
    page.set_input_files("#id_evidence", str(evidence))
    page.click("[data-testid=followup-submit]")
    expect(page.locator("main")).to_contain_text("이행결과를 제출했습니다")
    expect(page.locator("[data-testid=status]")).to_have_text("이행결과 제출")

    # 3. The audit team (its leader; each account enrols its authenticator once) verifies; it is done.
    staff_login(page, "leader")
    page.goto(f"{page.base}/audits/dispositions/{d.public_id}/")
    page.select_option("#id_verdict", value="accepted")
    page.fill("#id_note", "영수증 확인")
    page.click("[data-testid=verify-submit]")
    expect(page.locator("[data-testid=status]")).to_have_text("이행 완료")
    expect(page.locator("[data-testid=verdict]")).to_contain_text("확인 (이행 완료)")
    d.refresh_from_db()
    assert d.status == "done" and d.amount_recovered == 1_250_000

    # 4. The team publishes the result and closes the engagement.
    page.goto(f"{page.base}/audits/engagements/{e.case_number}/")
    # A failure says what the page showed and sent.
    page.fill("#id_summary", "도로 보수공사 자재 구입비 분할 집행 1건을 시정 요구했습니다.")
    page.click("[data-testid=do-publish]")
    _expect_status(page, "공개")
    page.click("[data-testid=do-close]")
    _expect_status(page, "종료")
    assert page.csp_errors == []


def _expect_status(page, status: str) -> None:
    try:
        expect(page.locator("[data-testid=status]")).to_have_text(status, timeout=15_000)
    except AssertionError:
        workflow = page.locator("[data-testid=workflow]")
        raise AssertionError(
            f"상태가 {status}(으)로 바뀌지 않음. 다음 단계: {workflow.inner_html()[:1500] if workflow.count() else '-'}"
            f" · 오류: {page.locator('[data-testid=action-error]').all_inner_texts()}"
            f" · 마지막 요청: {[x for x in page.exchanges if '/static/' not in x][-8:]}"
        ) from None
