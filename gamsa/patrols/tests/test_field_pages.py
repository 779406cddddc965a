"""Field-complaint pages and API over real HTTP: access by role (denials change nothing), the detail page's
access log, site checks, the web import with its job, mappings, evaluation download."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from gamsa.core.models import AccessLog, Job, OrgUnit
from gamsa.patrols.clock import complaint_due_at
from gamsa.patrols.fieldcomplaints import importing
from gamsa.patrols.models import ComplaintStatus, FieldComplaint, FieldItem, SiteCheck, UnitAlias


@pytest.fixture(autouse=True)
def seeded(db):
    """The 73 items come from a data migration; a browser test's flush elsewhere in the run may have removed them."""
    from gamsa.patrols.models import FieldCategory as _Category
    from gamsa.patrols.models import FieldItem as _Item
    from gamsa.patrols.seeds import seed_field_items

    seed_field_items(_Category, _Item)


@pytest.fixture
def cases(demo, isolated_settings):
    units = {u.name: u for u in OrgUnit.objects.all()}
    parking = FieldItem.objects.get(code="traffic-illegal-parking")
    now = timezone.now()

    def make(source_id, unit, hours_ago, **extra):
        received = now - dt.timedelta(hours=hours_ago)
        return FieldComplaint.objects.create(
            source_id=source_id,
            item=parking,
            unit=unit,
            unit_name=unit.name,
            received_at=received,
            due_at=complaint_due_at(parking, received),
            title=f"{unit.name} 불법주정차",
            **extra,
        )

    return {
        "own": make("C-1", units["건설과"], 5, reporter_name="김신고", reporter_phone="010-1234-5678"),
        "other": make("C-2", units["주차관리과"], 1),
    }


def test_board_and_list_for_the_patrol_team(login, cases):
    client = login("patrol")
    page = client.get(reverse("patrols:field_board"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="total-overdue">1<' in html and 'data-testid="total-open">2<' in html
    partial = client.get(reverse("patrols:field_board"), headers={"HX-Request": "true"})
    assert (
        partial.status_code == 200 and b"<html" not in partial.content and b"field-board" in partial.content
    )
    listing = client.get(reverse("patrols:field_list"), {"state": "overdue"})
    assert listing.status_code == 200
    assert b"C-1" in listing.content and b"C-2" not in listing.content


def test_department_sees_only_its_own_unit(login, cases):
    client = login("liaison")  # 건설과
    listing = client.get(reverse("patrols:field_list"))
    assert b"C-1" in listing.content and b"C-2" not in listing.content
    assert client.get(reverse("patrols:field_detail", args=["C-2"])).status_code == 404


def test_detail_shows_reporter_to_the_department_and_logs_it(login, cases):
    client = login("liaison")
    before = AccessLog.objects.count()
    page = client.get(reverse("patrols:field_detail", args=["C-1"]))
    assert page.status_code == 200 and "010-1234-5678" in page.content.decode()
    log = AccessLog.objects.latest("pk")
    assert AccessLog.objects.count() == before + 1 and log.target_id == str(cases["own"].public_id)
    assert "reporter_phone" in log.fields


def test_council_reads_without_personal_data_and_cannot_write(login, cases):
    client = login("council")
    page = client.get(reverse("patrols:field_detail", args=["C-1"]))
    assert page.status_code == 200 and "010-1234-5678" not in page.content.decode()
    assert not AccessLog.objects.filter(target_id=str(cases["own"].public_id)).exists()
    response = client.post(reverse("patrols:field_site_check", args=["C-1"]), {"result": "confirmed"})
    assert response.status_code == 403
    response = client.post(reverse("patrols:field_status", args=["C-1"]), {"status": "done", "result": "x"})
    assert response.status_code == 403
    cases["own"].refresh_from_db()
    assert cases["own"].status == ComplaintStatus.RECEIVED and not SiteCheck.objects.exists()


def test_outsiders_get_404_and_change_nothing(login, cases):
    for username in ("volunteer", "citizen"):
        client = login(username)
        assert client.get(reverse("patrols:field_board")).status_code == 404
        assert client.get(reverse("patrols:field_detail", args=["C-1"])).status_code == 404
        assert (
            client.post(
                reverse("patrols:field_site_check", args=["C-1"]), {"result": "confirmed"}
            ).status_code
            == 404
        )
        client.logout()
    assert not SiteCheck.objects.exists()


def test_department_cannot_answer_another_units_complaint(login, cases):
    client = login("depthead")
    response = client.post(reverse("patrols:field_status", args=["C-2"]), {"status": "done", "result": "x"})
    assert response.status_code == 404
    cases["other"].refresh_from_db()
    assert cases["other"].status == ComplaintStatus.RECEIVED


def test_department_answers_and_patrol_records_a_site_check(login, cases):
    client = login("liaison")
    response = client.post(
        reverse("patrols:field_status", args=["C-1"]), {"status": "done", "result": "견인 조치"}
    )
    assert response.status_code == 302
    cases["own"].refresh_from_db()
    assert cases["own"].status == ComplaintStatus.DONE and cases["own"].processed_at is not None
    # The department may not record site checks (the patrol team does).
    assert (
        client.post(reverse("patrols:field_site_check", args=["C-1"]), {"result": "confirmed"}).status_code
        == 403
    )
    client.logout()
    client = login("patrol")
    bad = client.post(reverse("patrols:field_site_check", args=["C-1"]), {"result": "", "note": "메모"})
    assert bad.status_code == 400 and "메모" in bad.content.decode()  # the form keeps what was typed
    ok = client.post(
        reverse("patrols:field_site_check", args=["C-1"]), {"result": "not_done", "note": "차량 그대로"}
    )
    assert ok.status_code == 302
    check = SiteCheck.objects.get()
    assert check.result == "not_done" and check.complaint == cases["own"]


def _xlsx(rows: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(importing.HEADERS)
    start = dt.datetime(2026, 3, 2, 9, 0)
    for i in range(rows):
        ws.append(
            [
                f"W-{i:05d}",
                start + dt.timedelta(minutes=i),
                "교통",
                "불법주정차",
                "제목",
                "",
                "",
                37.52,
                126.9,
                "주차관리과",
                "접수",
                None,
                "",
            ]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("rows", [5, 400])  # 400 rows go through the background task (immediate backend here)
def test_web_import_runs_as_a_job_and_reports(login, cases, rows):
    client = login("patrol")
    upload = io.BytesIO(_xlsx(rows))
    upload.name = "응답소.xlsx"
    response = client.post(reverse("patrols:field_import"), {"file": upload})
    assert response.status_code == 302
    job = Job.objects.get(kind="fieldcomplaint_import")
    assert job.status == Job.Status.DONE and job.result["created"] == rows
    page = client.get(response["Location"])
    assert page.status_code == 200 and "반영했습니다" in page.content.decode()
    assert FieldComplaint.objects.filter(source_id__startswith="W-").count() == rows


def test_web_import_of_bad_rows_commits_nothing_and_lists_them(login, cases):
    client = login("patrol")
    wb = Workbook()
    ws = wb.active
    ws.append(importing.HEADERS)
    ws.append(["W-1", "2026-03-02 09:00", "교통", "불법주정차", "제목", "", "", "", "", "", "접수", "", ""])
    ws.append(["", "2026-03-02 09:00", "교통", "불법주정차", "제목", "", "", "", "", "", "접수", "", ""])
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "bad.xlsx"
    response = client.post(reverse("patrols:field_import"), {"file": out})
    page = client.get(response["Location"]).content.decode()
    assert "3행" in page and "접수번호가 없습니다" in page and "아무것도 반영하지 않았습니다" in page
    assert not FieldComplaint.objects.filter(source_id="W-1").exists()


def test_import_is_refused_to_departments_and_council(login, cases):
    for username, code in (("liaison", 403), ("council", 403), ("volunteer", 404)):
        client = login(username)
        upload = io.BytesIO(_xlsx(2))
        upload.name = "x.xlsx"
        assert client.post(reverse("patrols:field_import"), {"file": upload}).status_code == code
        client.logout()
    assert not Job.objects.exists() and not FieldComplaint.objects.filter(source_id__startswith="W-").exists()


def test_unit_mapping_screen_repoints(login, cases):
    alias = UnitAlias.objects.create(name="가로정비과")
    FieldComplaint.objects.filter(pk=cases["other"].pk).update(unit=None, unit_name="가로정비과")
    construction = OrgUnit.objects.get(name="건설과")
    denied = login("liaison").post(
        reverse("patrols:field_map_unit", args=[alias.public_id]), {"unit": construction.pk}
    )
    assert denied.status_code == 404
    old = login("liaison").post(f"/patrols/field/mappings/units/{alias.pk}/", {"unit": construction.pk})
    assert old.status_code == 404  # the old address by database id: the same check
    alias.refresh_from_db()
    assert alias.unit is None
    client = login("admin")
    moved = client.post(f"/patrols/field/mappings/units/{alias.pk}/", {"unit": construction.pk})
    assert moved.status_code == 308 and moved["Location"] == reverse(
        "patrols:field_map_unit", args=[alias.public_id]
    )
    alias.refresh_from_db()
    assert alias.unit is None
    assert client.get(reverse("patrols:field_mappings")).status_code == 200
    response = client.post(
        reverse("patrols:field_map_unit", args=[alias.public_id]), {"unit": construction.pk}
    )
    assert response.status_code == 302
    cases["other"].refresh_from_db()
    assert cases["other"].unit == construction


def test_evaluation_page_and_xlsx(login, cases):
    client = login("council")
    year = timezone.localdate().year
    page = client.get(reverse("patrols:field_evaluation"), {"year": year, "min_count": 1})
    assert page.status_code == 200 and "건설과" in page.content.decode()
    response = client.get(reverse("patrols:field_evaluation_xlsx"), {"year": year, "min_count": 1})
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    names = [row[1] for row in wb["부서 순위"].iter_rows(min_row=4, values_only=True)]
    assert set(names) == {"건설과", "주차관리과"}
    assert login("liaison").get(reverse("patrols:field_evaluation")).status_code == 404


# --- API --------------------------------------------------------------------------------------------------------


def test_api_list_detail_and_board(login, cases):
    client = login("patrol")
    listing = client.get("/api/v1/fieldcomplaints", {"state": "overdue"}).json()
    assert [c["source_id"] for c in listing["items"]] == ["C-1"] and listing["items"][0]["overdue"] is True
    detail = client.get("/api/v1/fieldcomplaints/C-1").json()
    assert detail["reporter"]["phone"] == "010-1234-5678" and detail["item_code"] == "traffic-illegal-parking"
    assert AccessLog.objects.filter(target_id=str(cases["own"].public_id)).exists()
    counts = client.get("/api/v1/fieldcomplaints/board").json()
    assert counts["totals"] == {"open": 2, "due_soon": 1, "overdue": 1}
    assert client.get("/api/v1/fieldcomplaints", {"state": "nonsense"}).status_code == 400


def test_api_respects_units_and_hides_reporters(login, cases):
    client = login("depthead")
    listing = client.get("/api/v1/fieldcomplaints").json()
    assert [c["source_id"] for c in listing["items"]] == ["C-1"]
    assert client.get("/api/v1/fieldcomplaints/C-2").status_code == 404
    client.logout()
    council = login("council")
    assert council.get("/api/v1/fieldcomplaints/C-1").json()["reporter"] is None
    council.logout()
    assert login("volunteer").get("/api/v1/fieldcomplaints").status_code == 404
