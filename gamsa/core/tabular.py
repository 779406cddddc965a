"""Reading the spreadsheets people import (CSV in UTF-8 or CP949, XLSX): one place for the file rules.

The importers (grievances, field complaints) check every row before writing anything and report bad rows as
"N행: 사유", N being the row number a spreadsheet shows (the header is row 1).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass

from gamsa.core.calendar import SEOUL
from gamsa.core.filecheck import FileRejected, Limits, check_archive

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


def text_encoding(data: bytes) -> str:
    """UTF-8 (with or without BOM) or CP949, checked over the whole file a piece at a time (no copy of it kept)."""
    for encoding in ("utf-8-sig", "cp949"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for at in range(0, len(data), 1 << 20):
                decoder.decode(data[at : at + (1 << 20)])
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise ImportFileError("글자 인코딩을 알 수 없습니다. CSV는 UTF-8 또는 CP949(엑셀 기본)로 저장하세요.")


def decode_text(data: bytes) -> str:
    return data.decode(text_encoding(data))


def check_size(data: bytes, limits: Limits | None = None) -> Limits:
    """Refuse, before any reader opens it, a file larger than the import limits (zip bombs, millions of rows).

    An XLSX is measured by `core.filecheck.check_archive` (inflated size, ratio, rows and cells of every sheet);
    a CSV's size here, and its rows and cells as `read_table` reads them. Returns the limits that apply.
    """
    limits = limits or Limits.from_settings()
    if not data:
        raise ImportFileError("빈 파일입니다.")
    if data.startswith(b"PK"):
        try:
            check_archive(data, limits)
        except FileRejected as exc:
            raise ImportFileError(str(exc)) from None
    elif len(data) > limits.uncompressed:
        raise ImportFileError(
            f"파일이 너무 큽니다({limits.uncompressed // (1024 * 1024):,}MB 초과). 기간을 나누어 올리세요."
        )
    return limits


def read_table(data: bytes, *, checked: Limits | None = None) -> list[tuple[int, list]]:
    """(row number, cells) for every row of the first sheet or the CSV, header included (row 1).

    A CSV cell may hold line breaks, so a row's number is the line it starts on. Tab-separated text works too.
    The file is measured first (`check_size`) unless the caller did it and passes the limits as `checked`.
    """
    limits = checked or check_size(data)
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
    encoding = text_encoding(data)
    if b"\x00" in data:  # in UTF-8 and CP949 a NUL byte is a NUL character
        raise ImportFileError("CSV 또는 엑셀(XLSX) 파일만 가져올 수 있습니다.")
    sample = data[:16384].decode(encoding, errors="ignore")[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    # Read from the bytes as they come: no decoded copy of the whole file beside the rows (the CSV's memory is the
    # rows read, which stop at the limits).
    reader = csv.reader(
        io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline=""), delimiter=delimiter
    )
    out, start, count = [], 1, 0
    try:
        for cells in reader:
            out.append((start, cells))
            start = reader.line_num + 1
            count += len(cells)
            if len(out) > limits.rows:
                raise ImportFileError(
                    f"행이 너무 많습니다. 한 번에 {limits.rows:,}행까지 가져올 수 있습니다. 기간을 나누어 올리세요."
                )
            if count > limits.cells:
                raise ImportFileError(
                    f"표가 너무 큽니다. 모두 {limits.cells:,}칸 이하여야 합니다. 쓰지 않는 열을 지우거나 나누어 올리세요."
                )
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


# --- columnar reading (large imports) -------------------------------------------------------------------------


def normalise_header(value) -> str:
    """A header cell as the importers compare it: no spaces, no BOM, no trailing '*' (required-column marks)."""
    return cell_text(value).replace(" ", "").lstrip("\ufeff").rstrip("*")


@dataclass
class Columns:
    """A sheet read column by column: each wanted column as a pyarrow string array (trimmed, "" for empty).

    `lines[i]` is the spreadsheet row number of row i (the header is the first line). `present` names the wanted
    columns the header has; an absent column reads as all "".
    """

    arrays: dict[str, object]
    lines: object
    present: set[str]

    def __len__(self) -> int:
        return len(self.lines)


def _first_used_row(data: bytes) -> int:
    """The row where the first sheet's used range starts (its <dimension>), which a columnar reader starts at."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            workbook = z.read("xl/workbook.xml")
            rels = z.read("xl/_rels/workbook.xml.rels")
            rid = re.search(rb"<(?:\w+:)?sheet\b[^>]*?\b(?:\w+:)?id=\"([^\"]+)\"", workbook)
            target = rid and re.search(
                rb"<Relationship\b[^>]*?Id=\"" + re.escape(rid.group(1)) + rb"\"[^>]*?Target=\"([^\"]+)\"",
                rels,
            )
            if not target:
                target = rid and re.search(
                    rb"<Relationship\b[^>]*?Target=\"([^\"]+)\"[^>]*?Id=\""
                    + re.escape(rid.group(1))
                    + rb"\"",
                    rels,
                )
            if not target:
                return 1
            path = target.group(1).decode().lstrip("/")
            path = path if path.startswith("xl/") else f"xl/{path}"
            with z.open(path) as sheet:
                head = sheet.read(8192)
    except (KeyError, zipfile.BadZipFile, OSError):
        return 1
    found = re.search(rb"<(?:\w+:)?dimension\s+ref=\"\$?[A-Z]+\$?(\d+)", head)
    return int(found.group(1)) if found else 1


def read_columns(data: bytes, wanted: list[str]) -> Columns:
    """Read the first sheet (or the CSV) column by column, every cell as trimmed text.

    XLSX goes through fastexcel straight into Arrow arrays (no Python object per cell), which is what lets a
    year of 응답소 rows be checked and written in about the time a plain read takes; CSV, and any workbook
    fastexcel cannot read, go through `read_table` (which names the problem when the file is really damaged). Dates from Excel come as "YYYY-MM-DD HH:MM:SS[.fff]" text, numbers as their shortest text.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    def text(array):
        return pc.fill_null(pc.utf8_trim_whitespace(array.cast(pa.string())), "")

    limits = check_size(data)
    table = None
    if is_xlsx(data):
        import fastexcel

        try:
            table = fastexcel.read_excel(data).load_sheet(0, header_row=0, dtypes="string").to_arrow()
        except Exception:  # noqa: BLE001  fastexcel's own error types: the row reader below reads it or says why
            table = None
    if table is not None:
        by_name: dict[str, int] = {}
        for i, name in enumerate(table.column_names):
            by_name.setdefault(normalise_header(name), i)
        first = _first_used_row(data)
        arrays = {}
        for name in wanted:
            if name in by_name:
                column = table.column(by_name[name])  # a RecordBatch's Array (a Table's would be chunked)
                arrays[name] = text(column.combine_chunks() if hasattr(column, "combine_chunks") else column)
        n = table.num_rows
        lines = pa.array(range(first + 1, first + 1 + n), pa.int64())
    else:
        rows = read_table(data, checked=limits)
        if not rows:
            raise ImportFileError("머리글 행이 없습니다.")
        header = [normalise_header(h) for h in rows[0][1]]
        index = {}
        for i, name in enumerate(header):
            index.setdefault(name, i)
        arrays = {}
        for name in wanted:
            if name in index:
                i = index[name]
                arrays[name] = text(
                    pa.array(
                        [cell_text(cells[i]) if i < len(cells) else "" for _, cells in rows[1:]], pa.string()
                    )
                )
        n = len(rows) - 1
        lines = pa.array([line for line, _ in rows[1:]], pa.int64())
    present = set(arrays)
    empty = pa.array([""] * n, pa.string()) if len(present) < len(wanted) else None
    for name in wanted:
        arrays.setdefault(name, empty)
    return Columns(arrays=arrays, lines=lines, present=present)
