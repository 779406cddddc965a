"""In Debian Chromium: a guardian reports with a photo and the phone's location; the patrol team routes it to
건설과; the department's liaison answers with an after-photo; the patrol team closes; the map shows the marker."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from PIL import Image
from playwright.sync_api import expect

from gamsa.conftest import CHROMIUM, staff_login
from gamsa.core.demo import DEMO_PASSWORD, load_demo
from gamsa.patrols.findings.demo import seed_finding_categories
from gamsa.patrols.guardians.demo import ensure_guardian_account
from gamsa.patrols.models import Finding, FindingStatus, Photo

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]

HERE = {"latitude": 37.52641, "longitude": 126.89622, "accuracy": 10}


def photo_file(tmp_path, name, colour):
    path = tmp_path / name
    image = Image.new("RGB", (64, 48), colour)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


@pytest.fixture
def located(browser, live_server, transactional_db, settings, tmp_path):
    """A phone-sized page whose browser reports a location (permission granted), on the demo district."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GAMSA_MAP_TILE_URL = ""  # no network in tests: markers on a blank background
    load_demo()
    seed_finding_categories()
    ensure_guardian_account()
    context = browser.new_context(
        locale="ko-KR",
        timezone_id="Asia/Seoul",
        viewport={"width": 412, "height": 900},
        geolocation=HERE,
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.csp_errors = []
    page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_errors.append(m.text))
    page.js_errors = []
    page.on("pageerror", lambda e: page.js_errors.append(str(e)))
    page.base = live_server.url
    yield page
    context.close()


def test_guardian_report_to_closed_and_on_the_map(located, tmp_path):
    page = located

    # 1. The guardian signs in (no 2FA for volunteers) and reports from the phone with a photo.
    page.goto(page.base + "/login/")
    page.fill("#id_username", "guardian")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(page.base + "/")
    page.goto(page.base + "/patrols/guardian/report/")
    page.wait_for_selector("form[data-located=true]")
    assert page.locator("input[name=latitude]").input_value() == "37.526410"
    assert page.locator("input[type=file][capture=environment]").count() == 1
    page.select_option("#id_category", label="가로정비")
    page.fill("#id_title", "보도블록이 들떠 있어요")
    page.fill("#id_description", "영등포로 150 앞 보도블록이 들떠 걸려 넘어질 뻔했습니다.")
    page.set_input_files("#id_photo", photo_file(tmp_path, "before.jpg", "orange"))
    page.click("main form[data-testid=guardian-form] button[type=submit]")
    page.wait_for_url(re.compile(r"/patrols/guardian/mine/"))
    expect(page.locator("[data-testid=my-reports]")).to_contain_text("보도블록이 들떠 있어요")
    finding = Finding.objects.get(title="보도블록이 들떠 있어요")
    assert finding.status == FindingStatus.REPORTED
    assert (
        str(finding.latitude) == "37.526410" and finding.photos.filter(stage=Photo.Stage.BEFORE).count() == 1
    )
    url = f"{page.base}/patrols/findings/{finding.case_number}/"

    # 2. The patrol team routes it to 건설과.
    staff_login(page, "patrol")
    page.goto(url)
    section = page.locator("[data-testid=route-section]")
    section.locator("select[name=route-unit]").select_option(label="건설과")
    section.locator("textarea[name=route-requested_action]").fill("보도블록 재시공 바랍니다.")
    section.locator("button[type=submit]").click()
    page.wait_for_url(url)
    expect(page.locator("[data-testid=finding-status]")).to_have_text("부서 통보")
    expect(page.locator("[data-testid=unit]")).to_have_text("건설과")

    # 3. The department's liaison answers with an after-photo.
    staff_login(page, "liaison")
    page.goto(page.base + "/patrols/findings/")
    page.click(f"text={finding.case_number}")
    page.wait_for_url(url)
    section = page.locator("[data-testid=answer-section]")
    section.locator("textarea[name=answer-answer]").fill("보도블록 12장을 새로 깔았습니다.")
    section.locator("input[name=answer-photo]").set_input_files(photo_file(tmp_path, "after.jpg", "green"))
    section.locator("button[type=submit]").click()
    page.wait_for_url(url)
    expect(page.locator("[data-testid=finding-status]")).to_have_text("부서 조치 완료")
    expect(page.locator("[data-testid=photos]")).to_contain_text("조치 후")

    # 4. The patrol team verifies and closes.
    staff_login(page, "patrol")
    page.goto(url)
    section = page.locator("[data-testid=close-section]")
    section.locator("textarea[name=close-note]").fill("현장 확인 완료")
    section.locator("button[type=submit]").click()
    page.wait_for_url(url)
    expect(page.locator("[data-testid=finding-status]")).to_have_text("확인 종결")
    finding.refresh_from_db()
    assert finding.status == FindingStatus.CLOSED
    assert finding.photos.filter(stage=Photo.Stage.AFTER).count() == 1

    # 5. The map shows its marker (data loaded by the page; the marker or its cluster is drawn).
    with page.expect_response(re.compile(r"/patrols/map/data\.json")) as info:
        page.goto(page.base + "/patrols/map/?what=findings&status=closed")
    data = info.value.json()
    assert finding.case_number in [p[1] for p in data["points"]]
    page.wait_for_selector("#gamsa-map[data-loaded=true]")
    assert int(page.get_attribute("#gamsa-map", "data-count")) >= 1
    page.wait_for_selector("#gamsa-map .gamsa-marker, #gamsa-map .marker-cluster")
    expect(page.locator("[data-testid=no-tiles]")).to_contain_text("배경 없이")
    assert page.csp_errors == [] and page.js_errors == []
