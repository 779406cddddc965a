"""Import from real CSV and XLSX files, the `gamsa grievances` command, and the list export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from gamsa.complaints.grievances import services as svc
from gamsa.complaints.io import importing
from gamsa.complaints.models import Answer, Grievance, Status
from gamsa.core.calendar import SEOUL
from gamsa.core.models import AccessLog, Job, User

HEADER = importing.HEADERS
GOOD = [
    [
        "2026-000101",
        "2026-09-23 10:00",
        "응답소",
        "고충민원",
        "김민원",
        "010-1111-2222",
        "당산로 불법주차",
        "당산로 123 앞 불법주차 단속을 요청합니다.",
        "서울특별시 영등포구 당산로 123",
        "",
        "접수",
        "",
        "",
    ],
    [
        "",
        "2026. 9. 24. 14:30",
        "구청장에게바란다",
        "건의",
        "이구민",
        "010-3333-4444",
        "가로등 고장",
        "도림로 가로등이 꺼져 있습니다.",
        "영등포구 도림로 10",
        "건설과",
        "처리중",
        "",
        "",
    ],
    [
        "2026-000103",
        "2026/09/25 09:10",
        "전화·방문",
        "",
        "박주민",
        "010-5555-6666",
        "보도블록 파손",
        "보도블록이 깨져 있습니다.",
        "영등포구 문래로 5",
        "건설과",
        "답변완료",
        "2026-09-29 16:00",
        "현장을 확인하고 보수했습니다.",
    ],
]
BAD = [
    ["", "", "응답소", "", "최민원", "", "제목만", "내용", "", "", "", "", ""],  # line 5: 접수일시 missing
    ["", "어제쯤", "응답소", "", "최민원", "", "날짜 오류", "내용", "", "", "", "", ""],  # 6: unreadable date
    [
        "",
        "2026-09-26 10:00",
        "비둘기",
        "",
        "최민원",
        "",
        "경로 오류",
        "내용",
        "",
        "",
        "",
        "",
        "",
    ],  # 7: channel
    [
        "",
        "2026-09-26 10:00",
        "응답소",
        "",
        "최민원",
        "",
        "부서 오류",
        "내용",
        "",
        "없는과",
        "",
        "",
        "",
    ],  # 8: dept
    [
        "2026-000101",
        "2026-09-26 11:00",
        "응답소",
        "",
        "최민원",
        "",
        "번호 중복",
        "내용",
        "",
        "",
        "",
        "",
        "",
    ],  # 9
    [
        "",
        "2026-09-26 12:00",
        "응답소",
        "",
        "최민원",
        "",
        "주민번호",
        "제 번호는 900101-1234567 입니다",
        "",
        "",
        "",
        "",
        "",
    ],  # 10: RRN
    [
        "",
        "2026-09-26 13:00",
        "응답소",
        "질의아님",
        "최민원",
        "",
        "종류 오류",
        "내용",
        "",
        "",
        "",
        "",
        "",
    ],  # 11: kind
]


def csv_bytes(rows, encoding="utf-8-sig") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def officer():
    return User.objects.get(username="complaints")


@pytest.fixture
def fresh(demo):
    """The demo without its demo grievances, so the counts below are exact."""
    Grievance.objects.all().delete()
    return demo


def test_good_csv_is_imported_with_clocks_departments_and_answers(fresh):
    report = importing.import_grievances(officer(), csv_bytes(GOOD), source_name="good.csv")
    assert report.ok and report.committed and len(report.created) == 3
    first = Grievance.objects.get(case_number="2026-000101")
    assert first.channel == "eungdapso" and first.status == Status.RECEIVED
    assert first.received_at == dt.datetime(2026, 9, 23, 10, tzinfo=SEOUL)
    assert first.due_at == dt.datetime(2026, 10, 6, 18, tzinfo=SEOUL)  # from the calendar (추석 skipped)
    second = Grievance.objects.get(title="가로등 고장")
    assert (
        second.channel == "mayor_inbox" and second.kind == "proposal" and second.status == Status.IN_PROGRESS
    )
    assert second.department.name == "건설과"
    third = Grievance.objects.get(case_number="2026-000103")
    assert third.channel == "phone" and third.status == Status.ANSWERED
    assert third.answered_at == dt.datetime(2026, 9, 29, 16, tzinfo=SEOUL)
    assert Answer.objects.get(grievance=third).text == "현장을 확인하고 보수했습니다."
    # Kept numbers are never handed out again.
    new = svc.receive_grievance(
        officer(),
        channel="phone",
        kind="grievance",
        title="새 민원",
        body="내용",
        complainant={"name": "새민원"},
        received_at=dt.datetime(2026, 10, 1, 10, tzinfo=SEOUL),
    )
    assert new.grievance.case_number == "2026-000104"


def test_good_xlsx_and_cp949_csv(fresh):
    report = importing.import_grievances(officer(), xlsx_bytes(GOOD))
    assert report.ok and report.committed and len(report.created) == 3
    Grievance.objects.all().delete()
    rows = [r[:] for r in GOOD]
    rows[0][0] = "2026-000201"
    rows[2][0] = "2026-000203"
    rows[1][1] = "2026-09-24 15:00"
    report = importing.import_grievances(officer(), csv_bytes(rows, "cp949"))
    assert report.ok and len(report.created) == 3
    assert Grievance.objects.filter(title="당산로 불법주차").exists()


@pytest.mark.parametrize("maker", [csv_bytes, xlsx_bytes])
def test_every_bad_row_is_reported_and_nothing_is_committed(fresh, maker):
    before = Grievance.objects.count()
    report = importing.import_grievances(officer(), maker(GOOD + BAD))
    assert not report.committed
    assert [e.line for e in report.errors] == [5, 6, 7, 8, 9, 10, 11]
    reasons = dict((e.line, e.reason) for e in report.errors)
    assert "접수일시" in reasons[5] and "읽을 수 없습니다" in reasons[6] and "접수경로" in reasons[7]
    assert "처리부서" in reasons[8] and "2026-000101" in reasons[9] and "주민등록번호" in reasons[10]
    assert "민원종류" in reasons[11]
    assert all(
        line.startswith(f"{e.line}행: ") for line, e in zip(report.lines(), report.errors, strict=True)
    )
    assert Grievance.objects.count() == before


def test_skip_bad_commits_only_the_good_rows(fresh):
    report = importing.import_grievances(officer(), csv_bytes(GOOD + BAD), skip_bad=True)
    assert report.committed and len(report.created) == 3 and len(report.errors) == 7
    assert Grievance.objects.count() == 3


def test_reimport_is_reported_as_duplicates_and_never_doubles(fresh):
    data = xlsx_bytes(GOOD)
    assert importing.import_grievances(officer(), data).committed
    again = importing.import_grievances(officer(), data)
    assert not again.committed and len(again.errors) == 3
    assert all("중복" in e.reason for e in again.errors)
    skipped = importing.import_grievances(officer(), data, skip_bad=True)
    assert skipped.created == [] and Grievance.objects.count() == 3


def test_not_a_table_is_refused(fresh):
    with pytest.raises(importing.ImportFileError):
        importing.import_grievances(officer(), b"%PDF-1.7 not a table")
    with pytest.raises(importing.ImportFileError, match="필수 열"):
        importing.import_grievances(officer(), "제목,내용\n가,나\n".encode())


def test_cli_import_dry_run_skip_bad(fresh, tmp_path):
    path = tmp_path / "grievances.csv"
    path.write_bytes(csv_bytes(GOOD + BAD))
    err = io.StringIO()
    with pytest.raises(CommandError, match="아무것도 등록하지 않았습니다"):
        call_command("grievances", "import", str(path), stderr=err, stdout=io.StringIO())
    assert "5행: " in err.getvalue() and "11행: " in err.getvalue()
    assert Grievance.objects.count() == 0
    out = io.StringIO()
    call_command("grievances", "import", str(path), "--dry-run", stdout=out, stderr=io.StringIO())
    assert "정상 3행" in out.getvalue() and Grievance.objects.count() == 0
    call_command("grievances", "import", str(path), "--skip-bad", stdout=out, stderr=io.StringIO())
    assert Grievance.objects.count() == 3


def test_cli_similar_json_shape(fresh, tmp_path):
    rows = [
        [
            "2026-000301",
            "2026-09-01 10:00",
            "응답소",
            "",
            "김반복",
            "010-7777-8888",
            "당산로 불법주차 단속",
            "당산로 123 앞 불법주차 차량을 단속해 주세요.",
            "서울특별시 영등포구 당산로 123",
            "",
            "",
            "",
            "",
        ],
        [
            "2026-000302",
            "2026-09-15 10:00",
            "응답소",
            "",
            "김반복",
            "010-7777-8888",
            "당산로 불법주차 단속 요청",
            "당산로 123 앞 불법주차 차량을 또 단속해 주세요.",
            "서울특별시 영등포구 당산로 123",
            "",
            "",
            "",
            "",
        ],
        [  # a neighbour about the same matter, in other words, the place only in the text (no category: an import)
            "2026-000303",
            "2026-09-20 10:00",
            "응답소",
            "",
            "박이웃",
            "010.4444.5555",
            "차 좀 빼 주세요",
            "밤마다 당산로 123 앞에 차들이 이중으로 주차돼 있어 지나갈 수가 없습니다.",
            "",
            "",
            "",
            "",
            "",
        ],
    ]
    assert importing.import_grievances(officer(), csv_bytes(rows)).committed
    out = io.StringIO()
    call_command("grievances", "similar", "2026-000302", "--json", "--limit", "5", stdout=out)
    payload = json.loads(out.getvalue())
    assert isinstance(payload, list) and len(payload) == 2
    assert set(payload[0]) == {
        "case_number",
        "kind",
        "score",
        "same_complainant",
        "same_place",
        "place",
        "matter",
        "title",
        "status",
        "received_at",
        "reasons",
    }
    by_number = {p["case_number"]: p for p in payload}
    assert (
        by_number["2026-000301"]["same_complainant"] is True and by_number["2026-000301"]["kind"] == "repeat"
    )
    assert (
        by_number["2026-000303"]["same_complainant"] is False
        and by_number["2026-000303"]["kind"] == "duplicate"
    )
    assert (
        by_number["2026-000303"]["place"] == "당산로 123"
        and by_number["2026-000303"]["matter"] == "불법주정차"
    )
    assert isinstance(payload[0]["score"], float) and isinstance(payload[0]["reasons"], list)
    assert [p["score"] for p in payload] == sorted((p["score"] for p in payload), reverse=True)
    assert "박이웃" not in out.getvalue() and "4444" not in out.getvalue()  # no personal data on the console
    with pytest.raises(CommandError):
        call_command("grievances", "similar", "2099-999999", "--json", stdout=io.StringIO())


# --- pages -------------------------------------------------------------------------------------------------------


def test_upload_check_confirm_through_the_pages(fresh, client, login):
    login("complaints")
    upload = io.BytesIO(csv_bytes(GOOD + BAD))
    upload.name = "민원.csv"
    response = client.post("/grievances-io/import/", {"file": upload})
    assert response.status_code == 302
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "5행" in html and "11행" in html and Grievance.objects.count() == 0
    job = page.context["job"]
    # Without choosing to skip the bad rows, nothing is registered.
    refused = client.post(f"/grievances-io/import/{job.public_id}/confirm/", {})
    assert refused.status_code == 302 and Grievance.objects.count() == 0
    done = client.post(f"/grievances-io/import/{job.public_id}/confirm/", {"skip_bad": "on"})
    assert done.status_code == 302
    result = client.get(done["Location"]).context["job"]
    assert result.status == Job.Status.DONE and result.result["committed"] and Grievance.objects.count() == 3


def test_import_page_access(fresh, client, login):
    login("liaison")
    assert client.get("/grievances-io/import/").status_code == 403
    client.logout()
    assert client.get("/grievances-io/import/").status_code == 302  # to the login page


def _seed(count=3):
    importing.import_grievances(officer(), csv_bytes(GOOD[:count]))


def test_export_counts_and_access_log(fresh, client, login):
    _seed()
    login("complaints")
    response = client.post("/grievances-io/export/", {"status": "", "include_personal": "on"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:6] == ("접수번호", "접수일시", "접수경로", "민원종류", "민원인", "연락처")
    assert len(rows) == 4 and {r[4] for r in rows[1:]} == {"김민원", "이구민", "박주민"}
    log = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert log.record_count == 3 and "연락처" in log.fields

    filtered = client.post("/grievances-io/export/", {"status": "answered"})  # personal data not asked for
    rows = list(load_workbook(io.BytesIO(filtered.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2 and "민원인" not in rows[0] and rows[1][0] == "2026-000103"
    assert AccessLog.objects.filter(action=AccessLog.Action.EXPORT).count() == 1  # no personal data, no log


def test_big_export_runs_as_a_task_with_a_file(fresh, client, login, monkeypatch):
    from gamsa.complaints.io import exporting

    monkeypatch.setattr(exporting, "DIRECT_LIMIT", 1)
    _seed()
    login("complaints")
    response = client.post("/grievances-io/export/", {"status": "", "include_personal": "on"})
    assert response.status_code == 302
    job = Job.objects.get(kind="grievance_export")
    assert job.status == Job.Status.DONE and job.result == {"rows": 3} and job.result_file is not None
    log = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert log.record_count == 3


def test_department_liaison_export_has_no_personal_data(fresh, client, login):
    _seed()
    login("liaison")
    response = client.post("/grievances-io/export/", {})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert "민원인" not in rows[0] and len(rows) == 3  # only 건설과's two grievances
    assert not AccessLog.objects.filter(action=AccessLog.Action.EXPORT).exists()


@pytest.mark.parametrize("username", ["liaison", "depthead", "leader", "council", "admin"])
def test_export_option_for_personal_data_follows_the_role(fresh, client, login, username):
    """Only the complaint team and the office head are offered personal data; a forged request is refused."""
    _seed()
    login(username)
    html = client.get("/grievances/").content.decode()
    assert "엑셀로 내보내기" in html and 'name="include_personal"' not in html
    jobs = Job.objects.count()
    response = client.post("/grievances-io/export/", {"status": "", "include_personal": "on"})
    assert response.status_code == 403
    assert not response.get("Content-Type", "").startswith("application/vnd.openxml")
    assert Job.objects.count() == jobs
    assert not AccessLog.objects.filter(action=AccessLog.Action.EXPORT).exists()


@pytest.mark.parametrize("username", ["complaints", "head"])
def test_export_option_for_personal_data_is_offered_to_the_team(fresh, client, login, username):
    login(username)
    html = client.get("/grievances/").content.decode()
    assert 'name="include_personal"' in html and "개인정보 포함" in html


def test_cli_export(fresh, tmp_path):
    _seed()
    out = tmp_path / "out.xlsx"
    call_command("grievances", "export", "--status", "open", "--out", str(out), stdout=io.StringIO())
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert len(rows) == 3  # header + 접수 + 처리중
    call_command(
        "grievances",
        "export",
        "--with-personal",
        "--user",
        "complaints",
        "--out",
        str(out),
        stdout=io.StringIO(),
    )
    assert AccessLog.objects.get(action=AccessLog.Action.EXPORT).record_count == 3


@pytest.mark.parametrize("name", ["grievances-sample.csv", "grievances-sample.xlsx"])
def test_sample_files_pass_a_dry_run(fresh, name):
    from pathlib import Path

    data = (Path(__file__).resolve().parents[4] / "docs" / "samples" / name).read_bytes()
    report = importing.import_grievances(officer(), data, dry_run=True)
    assert report.ok, report.lines()
    assert len(report.created) == 4 and not report.committed and Grievance.objects.count() == 0


def test_list_page_offers_export_and_team_links(fresh, client, login):
    login("complaints")
    html = client.get("/grievances/?status=open").content.decode()
    assert (
        "엑셀로 내보내기" in html
        and "/grievances-io/export/" in html
        and 'name="status" value="open"' in html
    )
    assert "/grievances-io/import/" in html and "/grievances-io/inspection/" in html
    assert client.get("/grievances-io/import/").status_code == 200
    client.logout()
    login("liaison")
    html = client.get("/grievances/").content.decode()
    assert "엑셀로 내보내기" in html and "/grievances-io/import/" not in html


def test_export_writes_a_typed_formula_as_text(fresh, client, login):
    _seed(1)
    Grievance.objects.update(title='=HYPERLINK("http://evil.example","보기")', body="+82 10 1234 5678")
    login("complaints")
    response = client.post("/grievances-io/export/", {"status": ""})
    ws = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in ws[1]]
    title = ws.cell(2, header.index("제목") + 1)
    body = ws.cell(2, header.index("내용") + 1)
    assert title.value == '=HYPERLINK("http://evil.example","보기")' and title.data_type == "s"
    assert body.value == "+82 10 1234 5678"  # shown exactly as typed, no apostrophe
