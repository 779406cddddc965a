"""The handler's side in Debian Chromium: the investigation team leader, a hotline handler, signs in, is granted a
report by intake, unlocks their key, reads the report, acknowledges and answers it, and converts it into an
investigation case from the form (nothing copied but what they type); the case shows where it came from. The
reporter then reads the answer and the result with the receipt at phone width. No page requests another origin."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from playwright.sync_api import expect

from gamsa.conftest import CHROMIUM, staff_login
from gamsa.core.models import User
from gamsa.hotline import keys
from gamsa.hotline import services as svc
from gamsa.hotline.demo import DEMO_PASSPHRASE, set_up_members
from gamsa.hotline.models import Member
from gamsa.hotline.tests.conftest import private, user
from gamsa.investigations.models import AllegationType, Case

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]

WHAT = "건설과 주무관이 업체에서 상품권을 받았다는 이야기를 들었습니다. 지난 3월 초입니다."
WHO = "건설과 도로팀 주무관 zqNOTCOPIED"


def _lead() -> User:
    return User.objects.get(memberships__role="team_leader", memberships__unit__office_team="investigation")


def test_handler_reads_answers_and_converts_then_the_reporter_reads_on_a_phone(page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    set_up_members()
    lead = _lead()
    Member.objects.create(user=lead, is_handler=True)
    keys.set_up_key(lead, DEMO_PASSPHRASE)
    report, receipt = svc.submit(category_code="gifts", answers={"what": WHAT, "who": WHO})
    svc.assign(
        user("head"), private("head"), report, lead
    )  # intake grants the report: the key is sealed to them
    requests = []
    page.on("request", lambda r: requests.append(r.url))

    staff_login(page, lead.username)
    page.goto(page.base + "/hotline-office/key/")
    page.fill("#id_passphrase", DEMO_PASSPHRASE)
    page.click("[data-testid=unlock]")
    page.wait_for_selector("text=열쇠를 열었습니다")
    page.goto(page.base + "/hotline-office/")
    page.click(f"text={report.case_number}")
    page.wait_for_selector("[data-testid=answers]")
    assert WHAT in page.inner_text("[data-testid=answers]")

    page.fill("[data-action=acknowledge] textarea", "신고를 접수했습니다. 사실을 확인하겠습니다.")
    page.click("[data-action=acknowledge] button")
    page.wait_for_selector("[data-action=message]")
    page.fill("[data-action=message] textarea", "상품권을 받은 날짜를 기억하시나요? 조사에 착수합니다.")
    page.click("[data-action=message] button")
    page.wait_for_selector("text=신고자에게 메시지를 보냈습니다")

    page.click("[data-action=convert] summary")
    page.select_option("#id_investigator", "investigator")
    page.fill("#id_title", "업무 관련 상품권 수수 의혹")
    page.fill("#id_summary", "청렴톡 신고: 건설과 주무관의 업체 상품권 수수 의혹(2026년 3월 초).")
    page.fill("#id_subject_name", "탁재현")
    page.select_option("#id_subject_unit", label="건설과")
    page.select_option("#id_subject_grade", "7")
    page.select_option("#id_allegation_type", label=AllegationType.objects.get(code="bribery").label)
    page.fill("#id_act_date", (dt.date.today().replace(day=1) - dt.timedelta(days=20)).isoformat())
    page.click("[data-action=convert] button[type=submit]")
    page.wait_for_selector("[data-testid=case-link]")
    case = Case.objects.get()
    assert case.source == "hotline" and case.hotline_report_id == report.pk
    assert "zqNOTCOPIED" not in case.summary + case.title
    expect(page.locator("[data-testid=status]")).to_have_text("조사 사건으로 전환")
    page.click("[data-testid=case-link] a")
    page.wait_for_selector("[data-testid=hotline-source]")
    assert report.case_number in page.inner_text("[data-testid=hotline-source]")
    assert "zqNOTCOPIED" not in page.inner_text("main")
    assert re.search(r"조사 사건 IV-\d{4}-\d+", page.inner_text("main"))

    # The reporter, on a phone, with the receipt only.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "/hotline/mine/")
    page.fill("#id_receipt", receipt)
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-testid=messages]")
    messages = page.inner_text("[data-testid=messages]")
    assert "사실을 확인하겠습니다" in messages and "조사에 착수합니다" in messages
    expect(page.locator("main")).to_contain_text("조사 사건으로 넘겨")
    expect(page.locator("[data-testid=status]")).to_have_text("조사 사건으로 전환")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert page.csp_errors == []
    outside = [url for url in requests if not url.startswith(page.base) and not url.startswith("data:")]
    assert outside == [], outside
