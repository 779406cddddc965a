"""In Debian Chromium: a case notified by the police is received by the investigation team leader, assigned to an
investigator, who starts the investigation, records a statement, uploads an evidence file through the page and
reports the result; the team leader decides 경징계 요구 and requests discipline from the 인사위원회. Another
investigator of the office who is not assigned, and an auditor of the office, get 404 on the case's URL."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil

import pytest
from PIL import Image
from playwright.sync_api import expect

from gamsa.conftest import CHROMIUM, staff_login
from gamsa.core.calendar import now
from gamsa.core.models import User
from gamsa.investigations.models import Case, EvidenceFile, Statement

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]

SUBJECT = "변사무관"
STATEMENT = "업체 대표에게서 식사 접대를 받은 사실을 인정함"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (24, 24), "red").save(out, format="PNG")
    return out.getvalue()


def _lead() -> User:
    return User.objects.get(memberships__role="team_leader", memberships__unit__office_team="investigation")


def _other_investigator() -> User:
    return (
        User.objects.filter(memberships__role="investigator", memberships__unit__office_team="investigation")
        .exclude(username="investigator")
        .order_by("username")
        .first()
    )


def test_notified_case_to_a_discipline_request_and_404_for_the_unassigned(page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    today = now().date()
    lead, investigator = _lead(), User.objects.get(username="investigator")
    status = page.locator("[data-testid=status]")

    # 접수: the team leader registers the police notice
    staff_login(page, lead.username)
    page.goto(page.base + "/investigations/new/")
    page.fill("#id_title", "업무 관련 향응 수수 (경찰 통보)")
    page.fill("#id_summary", "영등포경찰서 수사 결과 통보: 건설과 직원의 업체 향응 수수.")
    page.select_option("#id_source", "external")
    page.select_option("#id_external_body", "police")
    page.fill("#id_external_body_name", "영등포경찰서")
    page.fill("#id_document_number", "수사과-4821")
    page.fill("#id_document_date", (today - dt.timedelta(days=3)).isoformat())
    page.fill("#id_subject_name", SUBJECT)
    page.select_option("#id_subject_unit", label="건설과")
    page.select_option("#id_subject_grade", "7")
    page.fill("#id_subject_position", "주무관")
    page.select_option("#id_allegation_type", label="금품·향응 수수")
    page.fill("#id_act_date", (today - dt.timedelta(days=120)).isoformat())
    page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/investigations/IV-\d{4}-\d+/$"))
    expect(status).to_have_text("접수")
    case_url = page.url
    expect(page.locator("[data-testid=subject]")).to_contain_text(SUBJECT)
    expect(page.locator("[data-testid=expiry]")).to_contain_text("일 남음")

    # 배정: the investigator's box is ticked on its label (KRDS draws the box there)
    page.locator("[data-action=assign] label", has_text=investigator.display_name).click()
    page.click("[data-action=assign] button[type=submit]")
    expect(status).to_have_text("배정")
    expect(page.locator("main")).to_contain_text(f"{investigator.display_name}(주)")

    # 조사: the investigator starts, records a statement, uploads an evidence file and reports
    staff_login(page, "investigator")
    page.goto(case_url)
    page.click("[data-action=start] button[type=submit]")
    expect(status).to_have_text("조사 중")
    page.select_option("[data-action=statement] select[name=subject]", label="대상자 1")
    page.fill("[data-action=statement] textarea[name=text]", STATEMENT)
    page.click("[data-action=statement] button[type=submit]")
    expect(page.locator("main")).to_contain_text("진술을 기록했습니다.")
    expect(page.locator("main")).to_contain_text("문답서 (대상자)")
    page.set_input_files(
        "[data-action=evidence] input[type=file]",
        {"name": "식사영수증.png", "mimeType": "image/png", "buffer": _png()},
    )
    page.click("[data-action=evidence] button[type=submit]")
    expect(page.locator("main")).to_contain_text("증거 파일을 등록했습니다.")
    expect(page.locator("[data-testid=evidence] li")).to_have_count(1)
    expect(page.locator("[data-testid=evidence]")).to_contain_text("PNG")
    page.fill("[data-action=report] textarea[name=report]", "향응 수수 사실이 확인되었습니다.")
    page.fill("[data-action=report] textarea[name^=finding_]", "업체 대표로부터 식사 접대 2회 수수.")
    page.click("[data-action=report] button[type=submit]")
    expect(status).to_have_text("결과 보고")

    # 조치 and 징계의결 요구: the team leader; a 7급 goes to the district's own committee (법 제72조①)
    staff_login(page, lead.username)
    page.goto(case_url)
    page.select_option("[data-action=action] select[name=action]", "light")
    page.click("[data-action=action] button[type=submit]")
    expect(status).to_have_text("조치")
    expect(page.locator("[data-testid=action]")).to_contain_text("경징계 요구")
    page.click("[data-action=discipline] button[type=submit]")
    expect(status).to_have_text("징계 진행")
    expect(page.locator("[data-testid=discipline]")).to_contain_text("구 인사위원회")

    case = Case.objects.get()
    assert case.status == "discipline" and case.external_body == "police"
    subject = case.subjects.get()
    assert (subject.action, subject.committee, subject.discipline_requested_on) == (
        "light",
        "district",
        today,
    )
    assert (
        Statement.objects.filter(case=case).count() == 1
        and EvidenceFile.objects.filter(case=case).count() == 1
    )

    # Office staff who are not assigned: 404, and nothing of the case on the page
    for username in (_other_investigator().username, "auditor"):
        staff_login(page, username)
        response = page.goto(case_url)
        assert response is not None and response.status == 404, username
        expect(page.locator("main")).to_contain_text("요청한 화면을 찾을 수 없습니다")
        expect(page.locator("body")).not_to_contain_text(SUBJECT)
    assert page.csp_errors == []
