"""Read an uploaded sheet (XLSX in the standard layout, or JSON), checked by content and size; write the sample."""

from __future__ import annotations

import io
import json

from gamsa.core.filecheck import FileRejected, Limits, check_archive, sniff
from gamsa.costing.engine.sheet import LABELS, SheetError, parse_xlsx, xlsx_to_dict  # noqa: F401

MAX_BYTES = 2 * 1024 * 1024  # a cost sheet is a few kilobytes; 2 MB leaves room for formatting
# A cost sheet has about 40 rows and 4 columns, a rate table a few hundred rows: openpyxl need never read more.
MAX_ROWS = 5_000
MAX_CELLS = 200_000


def check_workbook(content: bytes) -> None:
    """Refuse, before openpyxl opens it, a workbook past the costing limits (zip bombs, huge sheets)."""
    if content.startswith(b"PK"):
        check_archive(content, Limits.from_settings(rows=MAX_ROWS, cells=MAX_CELLS))


def read_upload(content: bytes) -> tuple[dict, str]:
    """(sheet JSON, kind "xlsx" | "json") from the file's bytes, whatever its name. Raises SheetError."""
    if len(content) > MAX_BYTES:
        raise SheetError([{"field": "파일", "message": "파일이 너무 큽니다(2MB 이하)."}])
    if not content.strip():
        raise SheetError([{"field": "파일", "message": "빈 파일입니다."}])
    try:
        check_workbook(content)
    except FileRejected as exc:
        raise SheetError([{"field": "파일", "message": str(exc)}]) from None
    if sniff(content) == "xlsx":
        _, data = parse_xlsx(content)
        return data, "xlsx"
    return read_json(content), "json"


def read_json(content: bytes | str) -> dict:
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise SheetError(
                [{"field": "파일", "message": "엑셀(XLSX) 또는 UTF-8 JSON 파일만 받을 수 있습니다."}]
            ) from None
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        raise SheetError(
            [{"field": "JSON", "message": f"JSON 형식이 아닙니다 ({exc.lineno}행 {exc.colno}열)."}]
        ) from None
    if not isinstance(data, dict):
        raise SheetError([{"field": "JSON", "message": "원가계산서는 JSON 객체여야 합니다."}])
    return data


# --- the standard layout, as a sample ---------------------------------------------------------------------------

SAMPLE_INFO = [
    ("공사명", "title", "○○동 주민센터 리모델링 공사"),
    ("구분(공사/용역)", "kind", "공사"),
    ("공사종류(건축·토목·중건설·특수건설)", "work_type", "건축"),
    ("기준일(입찰공고일)", "base_date", "2026-03-02"),
    ("공사기간(일)", "duration_days", 120),
    ("추정금액(원)", "estimated_amount", 512_000_000),
    ("고용보험 등급", "employment_grade", 7),
]
SAMPLE_LINES = [
    ("material_direct", None, 180_000_000),
    ("material_indirect", None, 12_000_000),
    ("scrap_credit", None, 1_500_000),
    ("=재료비 계", None, None),
    ("labor_direct", None, 110_000_000),
    ("labor_indirect", 15.2, None),
    ("=노무비 계", None, None),
    ("machinery", None, 6_000_000),
    ("industrial_accident_insurance", 3.56, None),
    ("employment_insurance", 1.01, None),
    ("health_insurance", 3.595, None),
    ("long_term_care_insurance", 13.14, None),
    ("national_pension", 4.75, None),
    ("retirement_mutual_aid", 2.3, None),
    ("safety_health", 3.5, None),
    ("other_expenses", 5.2, None),
    ("=경비 계", None, None),
    ("=순공사원가", None, None),
    ("general_admin", 9.0, None),
    ("profit", 15.0, None),
    ("=총원가", None, None),
    ("vat", 10.0, None),
    ("=합계", None, None),
]


def sample_xlsx(info=None, lines=None) -> bytes:
    """The standard 원가계산서 layout filled with a sample sheet (used for docs/samples and the download)."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "원가계산서"
    ws["A1"] = "공사원가계산서"
    ws["A1"].font = Font(size=16, bold=True)
    ws["A2"] = (
        "B열의 코드로 행을 찾습니다. 요율은 % 단위(3.56 = 3.56%), 금액은 원 단위. '='로 시작하는 코드는 소계(무시)."
    )
    ws.append([])
    ws.append(["항목", "코드", "", "값", ""])
    for label, code, value in info or SAMPLE_INFO:
        ws.append([label, code, None, value])
    ws.append([])
    header = ["비목", "코드", "요율(%)", "금액(원)", "비고"]
    ws.append(header)
    head_row = ws.max_row
    for cell in ws[head_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF1F5")
    for code, rate, amount in lines or SAMPLE_LINES:
        label = code[1:] if code.startswith("=") else LABELS.get(code, code)
        ws.append([label, code, rate, amount, ""])
    for column, width in zip("ABCDE", (36, 32, 12, 18, 30), strict=True):
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows(min_row=head_row + 1):
        row[3].number_format = "#,##0"
        row[2].alignment = Alignment(horizontal="right")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
