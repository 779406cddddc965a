"""Reading the spreadsheets people import (CSV in UTF-8 or CP949, XLSX): one place for the file rules.

The importers (grievances, field complaints) check every row before writing anything and report bad rows as
"N행: 사유", N being the row number a spreadsheet shows (the header is row 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass

from gamsa.core.calendar import SEOUL

# "2026-03-02 14:05", "2026. 3. 2. 14:05", "2026년 3월 2일(월) 14:05", "20260302 1405" …
DATE_PATTERNS = [
    re.compile(
        r"^(\d{4})[-./년]\s*(\d{1,2})[-./월]\s*(\d{1,2})[.일]?"
        r"(?:\s*\([^)]*\))?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
    ),
    re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\s*(\d{2}):?(\d{2})(?::?(\d{2}))?)?$"),
]


class ImportFileError(ValueError):
    """The file as a whole cannot be read (not CSV/XLSX, no header, missing columns). Korean message."""


@dataclass
class RowError:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.line}행: {self.reason}"


def is_xlsx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "xl/workbook.xml" in z.namelist()
    except zipfile.BadZipFile:
        return False


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("글자 인코딩을 알 수 없습니다. CSV는 UTF-8 또는 CP949(엑셀 기본)로 저장하세요.")


def read_table(data: bytes) -> list[tuple[int, list]]:
    """(row number, cells) for every row of the first sheet or the CSV, header included (row 1).

    A CSV cell may hold line breaks, so a row's number is the line it starts on. Tab-separated text works too.
    """
    if not data:
        raise ImportFileError("빈 파일입니다.")
    if is_xlsx(data):
        from python_calamine import CalamineWorkbook

        try:
            sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
            rows = sheet.to_python(skip_empty_area=False)
        except Exception as exc:  # calamine raises its own error types for damaged files
            raise ImportFileError(f"엑셀 파일을 읽을 수 없습니다: {exc.__class__.__name__}") from None
        return list(enumerate(rows, start=1))
    if data.startswith(b"PK") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            "CSV 또는 엑셀(XLSX) 파일만 가져올 수 있습니다. 옛 엑셀(XLS)은 XLSX로 저장해 올리세요."
        )
    text = decode_text(data)
    if "\x00" in text:
        raise ImportFileError("CSV 또는 엑셀(XLSX) 파일만 가져올 수 있습니다.")
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out, start = [], 1
    try:
        for cells in reader:
            out.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFileError(f"{start}행: CSV 형식 오류 ({exc})") from None
    return out


def cell_text(value) -> str:
    """A cell as trimmed text; a whole float (Excel's numbers) without its '.0'."""
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_moment(value, bare_date_at: dt.time = dt.time(0, 0)) -> dt.datetime | None:
    """A date or date-time as Korean offices write it, as an aware datetime in Seoul; None when unreadable.

    A bare date means `bare_date_at` on that day.
    """
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=SEOUL) if value.tzinfo is None else value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, bare_date_at, SEOUL)
    text = cell_text(value)
    if not text:
        return None
    try:
        parsed = dt.datetime.fromisoformat(text)
        if len(text) <= 10:  # a bare ISO date
            return dt.datetime.combine(parsed.date(), bare_date_at, SEOUL)
        return parsed.replace(tzinfo=SEOUL) if parsed.tzinfo is None else parsed
    except ValueError:
        pass
    for pattern in DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            y, mo, d, hh, mm, ss = (int(x) if x else None for x in m.groups())
            try:
                if hh is None:
                    return dt.datetime.combine(dt.date(y, mo, d), bare_date_at, SEOUL)
                return dt.datetime(y, mo, d, hh, mm, ss or 0, tzinfo=SEOUL)
            except ValueError:
                return None
    return None
