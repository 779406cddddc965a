"""The quarterly handling inspection (처리실태 점검) on concrete dates, its checklist, letter and files."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from gamsa.complaints.grievances import inspection
from gamsa.complaints.grievances import services as svc
from gamsa.complaints.models import Grievance, InspectionRecord
from gamsa.core.calendar import SEOUL, get_calendar
from gamsa.core.models import Event, Job, OrgUnit, User
from gamsa.core.tests.pdfcheck import AMOUNT, MASK, MINISTRY, assert_page_one_drawn, assert_reads


def at(y, m, d, hh=0, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=SEOUL)


def officer():
    return User.objects.get(username="complaints")


def receive(received, title, department):
    g = svc.receive_grievance(
        officer(),
        channel="phone",
        kind="grievance",
        title=title,
        body=f"{title} 내용",
        complainant={"name": "김민원", "phone": "010-1111-2222"},
        received_at=received,
    ).grievance
    return svc.assign(officer(), g, department=department)


@pytest.fixture
def quarter(demo):
    """2026 3분기 for 건설과 (on time, late, open overdue, open not yet due) and 도로과 (transferred)."""
    Grievance.objects.all().delete()
    construction = OrgUnit.objects.get(name="건설과")
    roads = OrgUnit.objects.get(name="도로과")
    a = receive(at(2026, 7, 1, 10), "제때 답변", construction)
    svc.extend_deadline(officer(), a, reason="fact_check", reason_detail="현장 확인이 필요합니다", amount=3)
    svc.answer(
        officer(),
        Grievance.objects.get(pk=a.pk),
        method="document",
        outcome="accepted",
        text="답변",
        now=at(2026, 7, 2, 11),
    )
    b = receive(at(2026, 7, 6, 10), "늦은 답변", construction)
    svc.answer(
        officer(), b, method="document", outcome="accepted", text="답변", now=b.due_at + dt.timedelta(days=1)
    )
    c = receive(at(2026, 8, 3, 10), "아직 처리 중, 기한 지남", construction)
    receive(at(2026, 9, 30, 10), "아직 처리 중, 기한 전", construction)
    receive(at(2026, 10, 1, 10), "다음 분기", construction)
    e = receive(at(2026, 7, 7, 10), "이송", roads)
    svc.transfer(officer(), e, agency="서울특별시", reason="소관 아님", now=at(2026, 7, 7, 11))
    return {"construction": construction, "roads": roads, "b": Grievance.objects.get(pk=b.pk), "c": c}


AS_OF = at(2026, 10, 2, 12)


def test_quarter_bounds():
    assert inspection.quarter_bounds(2026, 3) == (at(2026, 7, 1), at(2026, 10, 1))
    assert inspection.quarter_bounds(2026, 4) == (at(2026, 10, 1), at(2027, 1, 1))
    with pytest.raises(inspection.InspectionError):
        inspection.quarter_bounds(2026, 5)


def test_figures_count_open_overdue_cases_as_late(quarter):
    rows = {f.department: f for f in inspection.figures(2026, 3, as_of=AS_OF)}
    f = rows["건설과"]
    assert f.received == 4  # the October case belongs to the next quarter
    assert (f.finished, f.on_time, f.late, f.open_overdue, f.open_pending) == (2, 1, 2, 1, 1)
    assert f.on_time_rate == 33.3  # 1 on time of 3 judged: the open overdue case is late
    assert (f.extended, f.extensions) == (1, 1)
    b = quarter["b"]
    b_hours = get_calendar().working_hours_between(b.received_at, b.answered_at)
    # 7/1 10:00 → 7/2 11:00 is 2 + 5 + 2 = 9 working hours
    assert f.avg_working_hours == round((9 + b_hours) / 2, 1)
    roads = rows["도로과"]
    assert roads.received == 1 and roads.not_counted == 1 and roads.on_time_rate is None


def test_before_its_due_moment_an_open_case_is_pending_not_late(quarter):
    c = quarter["c"]
    early = c.due_at - dt.timedelta(hours=1)
    f = {x.department: x for x in inspection.figures(2026, 3, as_of=early)}["건설과"]
    assert (f.open_overdue, f.open_pending) == (0, 2)  # C is not late yet; D was not even received
    assert (f.on_time, f.late) == (1, 1)  # A on time, B answered late in July
    assert f.on_time_rate == 50.0


def test_checklist_letter_and_event(quarter):
    f = {x.department: x for x in inspection.figures(2026, 3, as_of=AS_OF)}["건설과"]
    checklist = {
        "deadline": {"ok": False, "note": "기한 경과 2건"},
        "result": {"ok": True, "note": ""},
        "followup": {"ok": None, "note": ""},
    }
    letter = inspection.default_letter(2026, 3, f, checklist)
    assert "기한 준수율 33.3%" in letter and "처리기간 준수: 부적정 — 기한 경과 2건" in letter
    assert "미처리 민원 1건" in letter
    record = inspection.save_inspection(
        officer(),
        year=2026,
        quarter=3,
        department=quarter["construction"],
        checklist=checklist,
        letter=letter,
        figures_snapshot=f.as_dict(),
    )
    assert record.checklist["deadline"] == {"ok": False, "note": "기한 경과 2건"}
    assert record.figures["on_time_rate"] == 33.3
    assert Event.objects.filter(verb="inspection.saved").count() == 1
    # Saving again updates the same record.
    inspection.save_inspection(
        officer(),
        year=2026,
        quarter=3,
        department=quarter["construction"],
        checklist=checklist,
        letter="수정한 통보문",
    )
    assert InspectionRecord.objects.get().letter == "수정한 통보문"
    with pytest.raises(inspection.InspectionError, match="사유"):
        inspection.save_inspection(
            officer(),
            year=2026,
            quarter=3,
            department=quarter["construction"],
            checklist={"result": {"ok": False, "note": ""}},
            letter="",
        )


def test_pages_and_access(quarter, client, login):
    login("complaints")
    page = client.get("/grievances-io/inspection/?year=2026&quarter=3")
    assert page.status_code == 200 and "건설과" in page.content.decode()
    code = quarter["construction"].code
    url = f"/grievances-io/inspection/2026/3/{code}/"
    assert client.get(url).status_code == 200
    bad = client.post(url, {"deadline_ok": "no", "deadline_note": "", "letter": "통보문"})
    assert bad.status_code == 400 and not InspectionRecord.objects.exists()
    ok = client.post(
        url, {"deadline_ok": "no", "deadline_note": "기한 경과", "result_ok": "yes", "letter": "통보문"}
    )
    assert ok.status_code == 302
    record = InspectionRecord.objects.get()
    assert record.checklist["deadline"]["ok"] is False and record.checklist["result"]["ok"] is True
    client.logout()
    login("liaison")
    assert client.get("/grievances-io/inspection/").status_code == 403
    assert client.post(url, {"letter": "x"}).status_code == 403
    assert InspectionRecord.objects.get().letter == "통보문"


LETTER = (
    f"건설과장 귀하\n{MINISTRY} 지침에 따라 기한 경과 민원 2건을 점검했습니다. "
    f"민원인 {MASK}님의 보상금 {AMOUNT} 건은 처리 결과를 다시 알려 주십시오."
)


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_report_files(quarter, client, login, fmt, tmp_path):
    login("complaints")
    inspection.save_inspection(
        officer(), year=2026, quarter=3, department=quarter["construction"], checklist={}, letter=LETTER
    )
    response = client.post(f"/grievances-io/inspection/2026/3/export/{fmt}/")
    assert response.status_code == 302
    job = Job.objects.get(kind="grievance_inspection")
    assert job.status == Job.Status.DONE, job.message
    content = job.result_file.file.read()
    if fmt == "xlsx":
        ws = load_workbook(io.BytesIO(content))["부서별 처리실태"]
        names = [row[0] for row in ws.iter_rows(min_row=3, values_only=True)]
        assert "건설과" in names and "합계" in names
    else:
        # Read back as its reader would: the head, the department, its figures and the letter, word for word.
        figures = next(
            d["figures"]
            for d in inspection.report(2026, 3)["departments"]
            if d["figures"].department == "건설과"
        )
        assert_reads(
            content,
            "2026년 3분기 고충민원 처리실태 점검 결과",
            "기한 경과(미처리)",
            "건설과",
            f"{figures.on_time_rate}%",
            f"{figures.extended}건/{figures.extensions}회",
            *LETTER.splitlines(),
        )
        assert_page_one_drawn(content, tmp_path / "inspection-1.png")
