"""응답소 import from real XLSX and CSV files; re-import in place; unknown names kept; bad rows; the command."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from gamsa.core.calendar import SEOUL
from gamsa.core.models import Event, OrgUnit
from gamsa.patrols.fieldcomplaints import import_writing, importing
from gamsa.patrols.models import ComplaintStatus, FieldComplaint, FieldItem, UnitAlias

HEADER = importing.HEADERS


@pytest.fixture(autouse=True)
def seeded(db):
    """The 73 items come from a data migration; a browser test's flush elsewhere in the run may have removed them."""
    from gamsa.patrols.models import FieldCategory as _Category
    from gamsa.patrols.models import FieldItem as _Item
    from gamsa.patrols.seeds import seed_field_items

    seed_field_items(_Category, _Item)


def _rows():
    return [
        [
            "2026-0000101",
            "2026-03-02 08:15",
            "교통",
            "불법주정차",
            "상가 앞 불법주정차",
            "이중주차로 통행이 어렵습니다.",
            "서울특별시 영등포구 당산로 123",
            "37.525610",
            "126.895210",
            "주차관리과",
            "처리완료",
            "2026-03-02 09:40",
            "과태료 부과 및 견인",
        ],
        [
            "2026-0000102",
            "2026-03-02 21:05",
            "안전",
            "보안등 고장",
            "골목길 보안등 고장",
            "밤에 어둡습니다.",
            "서울특별시 영등포구 도림로 45길 7",
            "37.508820",
            "126.898940",
            "건설과",
            "처리중",
            "",
            "",
        ],
        [
            "2026-0000103",
            "2026. 3. 3. 10:30",
            "청소",
            "쓰레기 무단투기",
            "전신주 아래 무단투기",
            "",
            "서울특별시 영등포구 문래로 20",
            "",
            "",
            "신길1동주민센터",
            "접수",
            "",
            "",
        ],
    ]


def _xlsx(path, rows, header=HEADER):
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _csv(path, rows, encoding="utf-8-sig"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@pytest.fixture
def units(demo):
    return {u.name: u for u in OrgUnit.objects.all()}


def test_xlsx_import_creates_complaints_with_item_deadlines(units, tmp_path):
    path = _xlsx(tmp_path / "export.xlsx", _rows())
    report = importing.import_field_complaints(None, path.read_bytes(), source_name=path.name)
    assert report.committed and report.created == 3 and not report.errors
    parking = FieldComplaint.objects.get(source_id="2026-0000101")
    assert parking.item.code == "traffic-illegal-parking"
    assert parking.received_at == dt.datetime(2026, 3, 2, 8, 15, tzinfo=SEOUL)
    assert parking.due_at == dt.datetime(2026, 3, 2, 11, 15, tzinfo=SEOUL)  # 3 hours
    assert parking.status == ComplaintStatus.DONE
    assert parking.processed_at == dt.datetime(2026, 3, 2, 9, 40, tzinfo=SEOUL)
    assert parking.unit == units["주차관리과"]
    assert parking.latitude == Decimal("37.525610")
    light = FieldComplaint.objects.get(source_id="2026-0000102")
    assert light.due_at == dt.datetime(2026, 3, 3, 21, 5, tzinfo=SEOUL)  # 24 hours
    assert light.unit == units["건설과"]
    dumped = FieldComplaint.objects.get(source_id="2026-0000103")
    assert dumped.unit.short_name == "신길1동"  # '신길1동주민센터' matches the 동 unit
    assert dumped.latitude is None
    assert Event.objects.filter(verb="fieldcomplaint.imported").count() == 1


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp949"])
def test_csv_import_in_both_encodings(units, tmp_path, encoding):
    path = _csv(tmp_path / "export.csv", _rows(), encoding)
    report = importing.import_field_complaints(None, path.read_bytes())
    assert report.committed and report.created == 3
    assert FieldComplaint.objects.get(source_id="2026-0000102").item.name == "보안등 고장"


def test_reimport_updates_in_place(units, tmp_path):
    rows = _rows()
    importing.import_field_complaints(None, _xlsx(tmp_path / "a.xlsx", rows).read_bytes())
    first = FieldComplaint.objects.get(source_id="2026-0000102")
    again = importing.import_field_complaints(None, _xlsx(tmp_path / "a.xlsx", rows).read_bytes())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    rows[1][10], rows[1][11], rows[1][12] = "처리완료", "2026-03-03 10:00", "보안등 교체"
    changed = importing.import_field_complaints(None, _xlsx(tmp_path / "b.xlsx", rows).read_bytes())
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 2)
    assert FieldComplaint.objects.count() == 3
    light = FieldComplaint.objects.get(source_id="2026-0000102")
    assert light.pk == first.pk and light.public_id == first.public_id
    assert light.status == ComplaintStatus.DONE and light.result == "보안등 교체"
    assert light.processed_at == dt.datetime(2026, 3, 3, 10, 0, tzinfo=SEOUL)


def test_unknown_item_and_department_are_kept_and_flagged(units, tmp_path):
    rows = _rows()
    rows[0][3] = "전동킥보드 방치"  # not in the 73 items
    rows[1][9] = "가로정비과"  # a department the organisation does not have
    report = importing.import_field_complaints(None, _xlsx(tmp_path / "x.xlsx", rows).read_bytes())
    assert report.committed and report.created == 3
    assert report.new_items == ["교통 > 전동킥보드 방치"] and report.new_unit_names == ["가로정비과"]
    item = FieldItem.objects.get(name="전동킥보드 방치")
    assert item.provisional and item.deadline_hours == 24 and item.category.name == "교통"
    kept = FieldComplaint.objects.get(source_id="2026-0000101")
    assert kept.item == item
    assert kept.due_at == kept.received_at + dt.timedelta(hours=24)
    alias = UnitAlias.objects.get(name="가로정비과")
    assert alias.unit is None
    orphan = FieldComplaint.objects.get(source_id="2026-0000102")
    assert orphan.unit is None and orphan.unit_name == "가로정비과"
    # A second import of the same names creates no second item or alias.
    importing.import_field_complaints(None, _xlsx(tmp_path / "x.xlsx", rows).read_bytes())
    assert FieldItem.objects.filter(name="전동킥보드 방치").count() == 1
    assert UnitAlias.objects.filter(name="가로정비과").count() == 1


def test_bad_rows_reported_by_line_and_nothing_committed(units, tmp_path):
    rows = _rows()
    rows.append(
        ["", "2026-03-04 09:00", "교통", "불법주정차", "번호 없음", "", "", "", "", "", "접수", "", ""]
    )
    rows.append(
        ["2026-0000105", "어제 저녁", "교통", "불법주정차", "날짜 오류", "", "", "", "", "", "접수", "", ""]
    )
    rows.append(
        [
            "2026-0000106",
            "2026-03-04 09:00",
            "교통",
            "불법주정차",
            "좌표",
            "",
            "",
            "35.1",
            "140.2",
            "",
            "접수",
            "",
            "",
        ]
    )
    rows.append(
        ["2026-0000101", "2026-03-04 09:00", "교통", "불법주정차", "중복", "", "", "", "", "", "접수", "", ""]
    )
    report = importing.import_field_complaints(None, _xlsx(tmp_path / "bad.xlsx", rows).read_bytes())
    assert not report.committed
    assert [e.line for e in report.errors] == [5, 6, 7, 8]
    reasons = report.lines()
    assert reasons[0] == "5행: 접수번호가 없습니다"
    assert reasons[1] == "6행: 접수일시를 읽을 수 없습니다"
    assert "국내 범위" in reasons[2]
    assert "2행과 중복" in reasons[3]
    assert FieldComplaint.objects.count() == 0
    assert (
        not UnitAlias.objects.exists() and not Event.objects.filter(verb="fieldcomplaint.imported").exists()
    )


def test_skip_bad_commits_the_good_rows(units, tmp_path):
    rows = _rows() + [
        ["", "2026-03-04 09:00", "교통", "불법주정차", "번호 없음", "", "", "", "", "", "", "", ""]
    ]
    report = importing.import_field_complaints(
        None, _xlsx(tmp_path / "bad.xlsx", rows).read_bytes(), skip_bad=True
    )
    assert report.committed and report.created == 3 and [e.line for e in report.errors] == [5]
    assert FieldComplaint.objects.count() == 3


def test_missing_required_column_is_a_file_error(units, tmp_path):
    path = _xlsx(tmp_path / "x.xlsx", [r[:2] for r in _rows()], header=HEADER[:2])
    with pytest.raises(importing.ImportFileError, match="세부항목"):
        importing.import_field_complaints(None, path.read_bytes())


def test_not_a_spreadsheet_is_rejected(units):
    with pytest.raises(importing.ImportFileError):
        importing.import_field_complaints(None, b"%PDF-1.7 not a table\x00\x01")


def test_command_imports_and_fails_loudly_on_bad_rows(units, tmp_path):
    good = _csv(tmp_path / "good.csv", _rows())
    out = io.StringIO()
    call_command("fieldcomplaints", "import", str(good), stdout=out)
    assert "새로 3건" in out.getvalue()
    bad = _csv(tmp_path / "bad.csv", [*_rows(), ["", "x", "", "", "", "", "", "", "", "", "", "", ""]])
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("fieldcomplaints", "import", str(bad), stdout=io.StringIO(), stderr=err)
    assert "5행" in err.getvalue()
    assert FieldComplaint.objects.count() == 3


def test_sample_file_in_docs_imports(units):
    from pathlib import Path

    sample = Path(__file__).resolve().parents[3] / "docs/samples/fieldcomplaints/fieldcomplaints-sample.csv"
    report = importing.import_field_complaints(None, sample.read_bytes())
    assert report.committed and report.created == 5 and not report.errors


def test_sample_xlsx_in_docs_imports(units):
    from pathlib import Path

    sample = Path(__file__).resolve().parents[3] / "docs/samples/fieldcomplaints/fieldcomplaints-sample.xlsx"
    report = importing.import_field_complaints(None, sample.read_bytes())
    assert report.committed and report.created == 5 and not report.errors
    assert FieldComplaint.objects.get(source_id="2026-0000105").unit.short_name == "신길1동"


def test_known_item_under_another_field_name_is_matched_not_duplicated(units, tmp_path):
    rows = _rows()
    rows[0][2] = "주차"  # the portal's 분야 label differs; the item name is unique
    rows[1][2], rows[1][3] = "", "보안등고장"  # no 분야, no space
    report = importing.import_field_complaints(None, _xlsx(tmp_path / "x.xlsx", rows).read_bytes())
    assert report.committed and report.new_items == []
    assert FieldComplaint.objects.get(source_id="2026-0000101").item.code == "traffic-illegal-parking"
    assert FieldComplaint.objects.get(source_id="2026-0000102").item.code == "safety-security-light"


def test_native_excel_cells_leading_blank_rows_and_working_hour_items(units, tmp_path):
    """Dates as Excel date cells, numbers as numbers, two blank rows above the header: line numbers stay the
    sheet's, a working-hours item is counted by the calendar (over 추석 2026), a fraction of a second is kept."""
    working_item = FieldItem.objects.filter(deadline_basis="working_hours", deadline_hours=40).first()
    wb = Workbook()
    ws = wb.active
    ws.append([])
    ws.append([])
    ws.append(HEADER)  # row 3
    ws.append(  # row 4
        [
            20260101,
            dt.datetime(2026, 9, 23, 20, 30),
            working_item.category.name,
            working_item.name,
            "제목",
            "내용",
            "주소",
            37.5256,
            126.8952,
            "건설과",
            "처리중",
            None,
            None,
        ]
    )
    ws.append(  # row 5: a fraction of a second
        [
            "A-2",
            dt.datetime(2026, 3, 2, 8, 15, 7, 250000),
            "교통",
            "불법주정차",
            "",
            "",
            "",
            None,
            None,
            "",
            "접수",
            None,
            None,
        ]
    )
    ws.append(
        ["A-3", "어제쯤", "교통", "불법주정차", "", "", "", 40.1, 126.9, "", "접수", None, None]
    )  # row 6: bad
    path = tmp_path / "native.xlsx"
    wb.save(path)
    report = importing.import_field_complaints(None, path.read_bytes())
    assert not report.committed
    assert report.lines() == [
        "6행: 접수일시를 읽을 수 없습니다, 좌표가 국내 범위(위도 33–39, 경도 124–132)를 벗어났습니다"
    ]
    assert FieldComplaint.objects.count() == 0

    report = importing.import_field_complaints(None, path.read_bytes(), skip_bad=True)
    assert report.committed and report.created == 2
    first = FieldComplaint.objects.get(source_id="20260101")
    assert first.received_at == dt.datetime(2026, 9, 23, 20, 30, tzinfo=SEOUL)
    # 40 working hours (5 days) from Wednesday evening: 추석 9/24–26 and the weekend are skipped, so the days
    # are 9/28, 9/29, 9/30, 10/1, 10/2 and it is due at 18:00 on Friday 10/2.
    assert first.due_at == dt.datetime(2026, 10, 2, 18, 0, tzinfo=SEOUL)
    assert first.latitude == Decimal("37.525600") and first.title == "제목"
    second = FieldComplaint.objects.get(source_id="A-2")
    assert second.received_at == dt.datetime(2026, 3, 2, 8, 15, 7, 250000, tzinfo=SEOUL)
    assert second.title == "불법주정차"  # no 제목: the item's name
    assert second.due_at == dt.datetime(2026, 3, 2, 11, 15, 7, 250000, tzinfo=SEOUL)

    again = importing.import_field_complaints(None, path.read_bytes(), skip_bad=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_a_damaged_workbook_is_refused_with_a_message(units):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:  # looks like XLSX (workbook.xml) but has no sheet
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(importing.ImportFileError, match="엑셀 파일을 읽을 수 없습니다"):
        importing.import_field_complaints(None, buffer.getvalue())
    assert FieldComplaint.objects.count() == 0


def _schema():
    """Every index and constraint of the field-complaint table, by name, as the database describes it."""
    from django.db import connection

    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, FieldComplaint._meta.db_table)
    return {
        name: (tuple(info["columns"]), info["unique"], info["foreign_key"]) for name, info in found.items()
    }


def test_a_first_load_builds_indexes_and_keys_after_the_rows(units, tmp_path, monkeypatch):
    monkeypatch.setattr(
        import_writing, "REBUILD_INDEXES_FROM", 1
    )  # a year's file does it; three rows stand in
    before = _schema()
    assert len([n for n, (_, unique, fk) in before.items() if not unique and not fk]) >= 6
    path = _xlsx(tmp_path / "export.xlsx", _rows())
    report = importing.import_field_complaints(None, path.read_bytes())
    assert report.committed and report.created == 3
    assert _schema() == before  # every index and foreign key is back, under its own name
    complaint = FieldComplaint.objects.get(source_id="2026-0000101")
    assert complaint.unit == units["주차관리과"] and complaint.item.code == "traffic-illegal-parking"


def test_a_first_load_that_fails_leaves_the_table_and_its_indexes_as_they_were(units, tmp_path, monkeypatch):
    monkeypatch.setattr(import_writing, "REBUILD_INDEXES_FROM", 1)
    before = _schema()

    def broken():
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing.evaluation, "invalidate", broken)  # fails after the rows and the rebuild
    path = _xlsx(tmp_path / "export.xlsx", _rows())
    with pytest.raises(RuntimeError):
        importing.import_field_complaints(None, path.read_bytes())
    assert FieldComplaint.objects.count() == 0
    assert _schema() == before


def test_a_later_load_keeps_the_indexes_in_place(units, tmp_path, monkeypatch):
    monkeypatch.setattr(import_writing, "REBUILD_INDEXES_FROM", 1)
    path = _xlsx(tmp_path / "export.xlsx", _rows()[:1])
    importing.import_field_complaints(None, path.read_bytes())
    dropped = []
    monkeypatch.setattr(import_writing, "_set_indexes_aside", lambda connection: dropped.append(1) or [])
    path = _xlsx(tmp_path / "more.xlsx", _rows()[1:])
    assert importing.import_field_complaints(None, path.read_bytes()).created == 2
    assert dropped == []  # the table was not empty: indexes are kept up row by row


def test_progress_is_reported_between_writes_and_can_touch_the_database(units, tmp_path, monkeypatch):
    """The web import reports progress by updating its job on the same connection. On PostgreSQL that must happen
    between two COPY statements, never during one (the connection is busy until its COPY ends: it would hang)."""
    from django.db import connection

    monkeypatch.setattr(import_writing, "COPY_BATCH", 1)
    monkeypatch.setattr(import_writing, "BATCH", 1)
    monkeypatch.setattr(import_writing, "ROWS_PER_INSERT", 1)
    seen = []

    def progress(done, total):
        if connection.vendor == "postgresql":
            seen.append(
                connection.connection.info.transaction_status.name
            )  # INTRANS between writes, ACTIVE in one
        seen.append(
            (done, total, Event.objects.filter(verb="none").count())
        )  # a query on the same connection

    path = _xlsx(tmp_path / "export.xlsx", _rows())
    report = importing.import_field_complaints(None, path.read_bytes(), progress=progress)
    assert report.committed and report.created == 3
    steps = [s for s in seen if isinstance(s, tuple)]
    assert [done for done, _, _ in steps][:3] == [1, 2, 3] and steps[-1][:2] == (3, 3)
    assert "ACTIVE" not in seen


@pytest.mark.parametrize(
    "rows_per_insert", [500, 2]
)  # SQLite: one short statement; a full one and a short one
def test_every_value_arrives_as_written_and_a_second_import_finds_nothing_changed(
    units, tmp_path, monkeypatch, rows_per_insert
):
    """The write path (binary COPY on PostgreSQL, multi-row INSERTs on SQLite): awkward text, coordinates to the sixth
    place, moments, empty values and the generated ids come back exactly; re-importing then changes nothing."""
    monkeypatch.setattr(import_writing, "ROWS_PER_INSERT", rows_per_insert)
    rows = _rows()
    awkward = 'a "quoted", comma\nnew line\ttab \\ backslash 😀 한글'
    rows[0][4], rows[0][5], rows[0][12] = awkward, awkward * 3, "결과\n둘째 줄"
    rows[0][7], rows[0][8] = "37.000001", "126.999999"
    rows[0][1] = "2026-03-02 08:15:30.25"  # a fraction of a second must compare equal when re-imported
    before = dt.datetime.now(dt.UTC)
    report = importing.import_field_complaints(None, _xlsx(tmp_path / "a.xlsx", rows).read_bytes())
    assert report.created == 3
    first = FieldComplaint.objects.get(source_id="2026-0000101")
    assert (first.title, first.body, first.result) == (awkward, awkward * 3, "결과\n둘째 줄")
    assert (first.latitude, first.longitude) == (Decimal("37.000001"), Decimal("126.999999"))
    assert first.received_at == dt.datetime(2026, 3, 2, 8, 15, 30, 250000, tzinfo=SEOUL)
    assert first.processed_at == dt.datetime(2026, 3, 2, 9, 40, tzinfo=SEOUL)
    assert first.reporter_name == first.reporter_phone == first.device_id == "" and first.import_job is None
    assert before <= first.created_at == first.updated_at <= dt.datetime.now(dt.UTC)
    third = FieldComplaint.objects.get(source_id="2026-0000103")
    assert third.latitude is None and third.longitude is None and third.processed_at is None
    ids = list(FieldComplaint.objects.values_list("public_id", flat=True))
    assert len(set(ids)) == 3 and all(
        uid.version == 4 and uid.variant == "specified in RFC 4122" for uid in ids
    )
    again = importing.import_field_complaints(None, _xlsx(tmp_path / "a.xlsx", rows).read_bytes())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
