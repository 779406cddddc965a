"""Formula-safe sheets (core/xlsx.py): what people typed comes back as text, in both kinds of workbook."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

from gamsa.core.xlsx import add_sheet, csv_safe, new_sheet, xlsx_bytes

TYPED = ['=HYPERLINK("http://evil.example")', "=1+1", "+82 10", "-", "@SUM(A1)", 42, None, "보통 글"]


def _reloaded(wb):
    return load_workbook(io.BytesIO(xlsx_bytes(wb))).worksheets


def test_write_only_sheet_keeps_formulas_as_text():
    wb, ws = new_sheet("내보내기", ["가", "나"])
    ws.append(TYPED)
    second = add_sheet(wb, "둘째", ["=머리글"])
    second.append(["=A1*2"])
    first, other = _reloaded(wb)
    assert [c.value for c in first[2]] == TYPED
    assert {c.data_type for c in first[2][:5]} == {"s"}  # none of them a formula
    assert other["A1"].value == "=머리글" and other["A2"].data_type == "s"


def test_a_normal_workbook_sheet_too_and_its_styling_reaches_the_worksheet():
    wb = Workbook()
    ws = add_sheet(wb, "부서 순위", ["부서"], first=True)
    ws.append(["=cmd|' /C calc'!A0"])
    ws.column_dimensions["A"].width = 30
    ws[1][0].value = "처리부서"
    (sheet,) = _reloaded(wb)
    assert sheet.title == "부서 순위" and sheet["A1"].value == "처리부서"
    assert sheet["A2"].value == "=cmd|' /C calc'!A0" and sheet["A2"].data_type == "s"
    assert sheet.column_dimensions["A"].width == 30


def test_plain_openpyxl_would_have_made_a_formula():
    """The reason for the sheet: without it, openpyxl stores such a text as a live formula."""
    wb = Workbook()
    wb.active.append(["=1+1"])
    (sheet,) = _reloaded(wb)
    assert sheet["A1"].data_type == "f"


def test_csv_cells_get_an_apostrophe():
    assert [csv_safe(v) for v in ["=1+1", "+82", "-3", "@x", "보통", 5]] == [
        "'=1+1",
        "'+82",
        "'-3",
        "'@x",
        "보통",
        5,
    ]
