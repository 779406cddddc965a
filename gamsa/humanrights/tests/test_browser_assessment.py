"""In Debian Chromium: 건설과 sends a draft ordinance for its 인권영향평가 and sees the calendar's due date; the 조사팀
investigator opens it from 내 업무, assesses it against the checklist (a first try without the recommendation's text is
refused and keeps what was typed) and recommends a revision; the department's liaison finds the answer to give on
its own 내 업무 and answers 일부 수용 with its reasons."""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from gamsa.conftest import CHROMIUM, staff_login
from gamsa.core.calendar import format_moment
from gamsa.humanrights.models import Draft
from gamsa.humanrights.seeds import seed_all

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]

TITLE = "서울특별시 영등포구 도로 점용허가 조례 일부개정조례안"


def test_draft_assessed_with_a_revision_recommendation_and_the_department_answers(page):
    from django.apps import apps

    seed_all(
        apps
    )  # the checklist and the deadline rule (a transactional test starts from a flushed database)

    # 1. The drafting department's liaison sends the draft; the page shows the due date from core's calendar.
    staff_login(page, "liaison")
    page.goto(page.base + "/humanrights/assessments/new/")
    page.fill("#id_title", TITLE)
    page.select_option("#id_kind", value="amend")
    assert page.locator("#id_department option:checked").inner_text() == "건설과"  # their only unit, chosen
    page.fill("#id_summary", "도로 점용료 감면 대상에 장애인 편의시설을 더하고 점용허가 심의위원회를 신설함.")
    page.click("main form[data-testid=draft-form] button[type=submit]")
    page.wait_for_url(re.compile(r"/humanrights/assessments/HR-\d{4}-\d{6}/$"))
    draft = Draft.objects.get(title=TITLE)
    expect(page.locator("[data-testid=status]")).to_have_text("평가 중")
    assert format_moment(draft.due_at) in page.inner_text("[data-testid=due]")  # e.g. 2026. 12. 21.(월) 18:00
    assert page.locator("[data-testid=assess-form]").count() == 0  # the department cannot assess

    # 2. The investigator opens it from 내 업무 and assesses it.
    staff_login(page, "investigator")
    page.click(f"text=인권영향평가 — {TITLE}")
    page.wait_for_url(re.compile(rf"/humanrights/assessments/{draft.case_number}/$"))
    items = page.locator("[data-testid=check-item]")
    assert items.count() == 9
    for index in range(items.count()):
        value = "concern" if index == 7 else "fits"
        items.nth(index).locator(f"input[type=radio][value={value}]").check(force=True)
    page.locator("[data-testid=check-item]").nth(7).locator("input[type=text]").fill(
        "신설 위원회에 성별 균형 규정이 없음"
    )
    page.locator("input[name=recommendation][value=revise]").check(force=True)
    page.fill("#id_assessed_on", draft.received_at.astimezone().date().isoformat())
    page.click("[data-testid=do-assess]")
    expect(page.locator("[data-testid=action-error]")).to_contain_text("권고 내용을(를) 입력하세요")
    # what was typed stays
    assert (
        page.locator("[data-testid=check-item]")
        .nth(7)
        .locator("input[type=text]")
        .input_value()
        .startswith("신설")
    )
    assert page.locator("input[name=recommendation][value=revise]").is_checked()
    page.fill(
        "#id_recommendation_text",
        "제5조의2 신설 위원회의 위촉직 위원 중 특정 성별이 10분의 6을 넘지 않도록 규정할 것",
    )
    page.click("[data-testid=do-assess]")
    page.wait_for_url(re.compile(rf"/humanrights/assessments/{draft.case_number}/$"))
    expect(page.locator("[data-testid=status]")).to_have_text("개정 권고 (부서 회신 대기)")
    expect(page.locator("[data-testid=recommendation]")).to_contain_text("10분의 6")
    draft.refresh_from_db()
    assert (draft.status, draft.recommendation, draft.answers.filter(result="concern").count()) == (
        "recommended",
        "revise",
        1,
    )

    # 3. The liaison sees the recommendation on 내 업무 and answers it.
    staff_login(page, "liaison")
    page.click(f"text=인권영향평가 개정 권고 회신 — {TITLE}")
    page.wait_for_url(re.compile(rf"/humanrights/assessments/{draft.case_number}/$"))
    page.locator("input[name=response][value=partly]").check(force=True)
    page.fill(
        "#id_response_text",
        "성별 균형 규정은 반영하고, 위원 수는 상위 조례와 맞추어 다음 개정 때 반영하겠습니다.",
    )
    page.click("[data-testid=do-respond]")
    page.wait_for_url(re.compile(rf"/humanrights/assessments/{draft.case_number}/$"))
    expect(page.locator("[data-testid=status]")).to_have_text("개정 권고 (부서 회신 완료)")
    expect(page.locator("[data-testid=response]")).to_contain_text("일부 수용")
    draft.refresh_from_db()
    assert (draft.status, draft.response, draft.responded_by.username) == ("answered", "partly", "liaison")
    assert page.csp_errors == []
