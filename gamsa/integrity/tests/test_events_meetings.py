"""Events with participants (access-logged), the December awards (criteria as versioned data, the scoring sheet,
the decision), status-meeting minutes (PDF read back, HWPX XML), card news posted to the board."""

from __future__ import annotations

import io
import subprocess
import zipfile

import openpyxl
import pytest

from gamsa.core.board.models import Post
from gamsa.core.models import AccessLog
from gamsa.integrity.events import services as svc
from gamsa.integrity.events.models import AwardCriterion, Nominee
from gamsa.integrity.meetings import services as meetings
from gamsa.integrity.tests.helpers import D, staff, unit, user


def test_event_participants_are_logged_when_listed(client, as_user, demo):
    people = staff(2, "건설과", prefix="ev")
    event = svc.create_event(
        user("leader"), kind="golden_bell", title="골든벨", held_on=D("2026-10-22"), other_count=5
    )
    added = svc.add_participants(
        user("leader"),
        event,
        staff_lines=f"{people[0].employee_number}, 90\n{people[1].employee_number}",
        other_kind="student",
        other_lines="학생일, 영등포고, 100, 최후의 1인",
    )
    assert added == 3
    with pytest.raises(svc.EventError, match="명부에 없습니다"):
        svc.add_participants(user("leader"), event, staff_lines="00000000")
    as_user("auditor")
    body = client.get(f"/integrity/events/{event.public_id}/").content.decode()
    assert "학생일" in body and "최후의 1인" in body and "8명" in body
    assert AccessLog.objects.filter(target_id=str(event.public_id)).count() == 1
    as_user("council")
    body = client.get(f"/integrity/events/{event.public_id}/").content.decode()
    assert "학생일" not in body and "8명" in body


def test_award_scoring_sheet_and_decision(client, as_user, demo):
    award = svc.open_round(user("leader"), year=2026, kind="department", judged_on=D("2026-12-05"), winners=1)
    criteria = svc.criteria_for("department", award.judged_on)
    assert [c.name for c in criteria][:2] == ["청렴 시책 참여도", "부패취약분야 개선"]
    a = svc.nominate(user("leader"), award, unit=unit("건설과"))
    b = svc.nominate(user("leader"), award, unit=unit("도로과"))
    svc.score(user("leader"), a, {criteria[0].pk: "25", criteria[1].pk: "20.5"})
    svc.score(user("leader"), b, {criteria[0].pk: "28", criteria[1].pk: "29"})
    with pytest.raises(svc.EventError, match="0부터 30"):
        svc.score(user("leader"), a, {criteria[0].pk: "31"})
    svc.decide(user("leader"), award)
    assert list(Nominee.objects.filter(round=award, selected=True).values_list("unit__name", flat=True)) == [
        "도로과"
    ]
    with pytest.raises(svc.EventError):
        svc.score(user("leader"), a, {criteria[0].pk: "30"})
    as_user("auditor")
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/integrity/awards/{award.public_id}/sheet.xlsx").content)
    ).active
    rows = list(sheet.values)
    assert rows[0][2].startswith("청렴 시책 참여도") and rows[1][1] == "도로과" and rows[1][-2] == "선정"
    assert rows[2][1] == "건설과" and rows[2][-3] == 45.5
    # a new set of criteria from next year does not change this year's sheet
    AwardCriterion.objects.create(
        kind="department", effective_from=D("2027-01-01"), name="새 기준", max_points=100
    )
    assert [c.name for c in svc.criteria_for("department", award.judged_on)] == [c.name for c in criteria]
    assert [c.name for c in svc.criteria_for("department", D("2027-12-01"))] == ["새 기준"]


def test_status_meeting_minutes_pdf_and_hwpx(client, as_user, demo):
    meeting = meetings.create_meeting(
        user("leader"), held_on=D("2026-06-20"), title="2026년 반부패 추진상황 보고회", chair="부구청장"
    )
    meetings.add_item(
        user("leader"),
        meeting,
        title="수의계약 편중 해소",
        unit=unit("건설과"),
        summary="현황 점검",
        decision="업체 순환",
    )
    meetings.record_minutes(user("leader"), meeting, minutes="하반기 중점 과제를 정했다.")
    as_user("council")
    pdf = client.get(f"/integrity/meetings/{meeting.public_id}/minutes.pdf").content
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert (
        "2026년 반부패 추진상황 보고회 회의록" in text
        and "수의계약 편중 해소" in text
        and "업체 순환" in text
    )
    hwpx = client.get(f"/integrity/meetings/{meeting.public_id}/minutes.hwpx").content
    with zipfile.ZipFile(io.BytesIO(hwpx)) as z:
        section = z.read("Contents/section0.xml").decode()
    assert "수의계약 편중 해소 (건설과)" in section and "하반기 중점 과제" in section


def test_card_news_is_posted_with_pdf_and_png(client, as_user, demo, isolated_settings):
    as_user("auditor")
    response = client.post(
        "/integrity/cardnews/",
        {
            "title": "명절 선물 안 받기",
            "message": "직무 관련자의 선물은 받지 않습니다.",
            "actions": "돌려주기",
        },
    )
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.category == "integrity" and post.audience_all
    from gamsa.core.board.services import attachments_of

    files = {a.kind: a for a in attachments_of(post)}
    assert set(files) == {"pdf", "png"}
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=files["pdf"].file.read(), capture_output=True, check=True
    ).stdout.decode()
    assert "청렴 카드뉴스" in text and "명절 선물 안 받기" in text and "돌려주기" in text
