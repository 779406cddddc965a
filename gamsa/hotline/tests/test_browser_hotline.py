"""In Debian Chromium at phone width: report anonymously with a file, receive the receipt, a handler is assigned
and answers, the reporter reads the answer with the receipt; the pages load nothing from another origin."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from gamsa.conftest import CHROMIUM
from gamsa.hotline import services as svc
from gamsa.hotline.demo import set_up_members
from gamsa.hotline.models import Report
from gamsa.hotline.tests.conftest import private, user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]


def test_anonymous_report_on_a_phone_and_the_answer(page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    set_up_members()
    page.set_viewport_size({"width": 390, "height": 844})
    requests = []
    page.on("request", lambda r: requests.append(r.url))

    page.goto(page.base + "/hotline/")
    expect(page.locator("[data-testid=office-warning]")).to_contain_text("사무실 컴퓨터")
    page.click('[data-testid=categories] a:text-is("갑질")')
    page.fill("#id_q_what", "팀장이 주말마다 개인 이사를 도우라고 합니다.")
    evidence = tmp_path / "메모.txt"
    evidence.write_text("3월 14일 오전 지시 내용 기록", encoding="utf-8")
    page.set_input_files("#id_files", str(evidence))
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-testid=receipt]")
    receipt = page.inner_text("[data-testid=receipt]").strip()
    assert len(receipt.split()) == 7

    report = Report.objects.get()
    assert report.attachments.count() == 1
    svc.assign(user("head"), private("head"), report, user("investigator"))
    svc.acknowledge(
        user("investigator"), private("investigator"), report, "접수했습니다. 사실을 확인하겠습니다."
    )

    page.goto(page.base + "/hotline/mine/")
    page.fill("#id_receipt", receipt)
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-testid=messages]")
    expect(page.locator("[data-testid=messages]")).to_contain_text("사실을 확인하겠습니다")
    expect(page.locator("main")).to_contain_text("메모.txt")
    expect(page.locator("[data-testid=status]")).to_have_text("처리 중")
    assert page.csp_errors == []
    outside = [url for url in requests if not url.startswith(page.base) and not url.startswith("data:")]
    assert outside == [], outside
