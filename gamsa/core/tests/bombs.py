"""Hostile and year-sized spreadsheets, written piece by piece into real XLSX packages (for tests and bench/).

No Django import here: bench/import_precheck.py uses the same files as gamsa/core/tests/test_zip_bombs.py.
"""

from __future__ import annotations

import os
import random
import zipfile
from pathlib import Path

MB = 1 << 20

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b"</Types>"
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    b'Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = b"</sheetData></worksheet>"


def write_xlsx(path: Path, pieces) -> Path:
    """An XLSX whose one sheet's <sheetData> is `pieces`, streamed into the archive (never whole in memory)."""
    tmp = path.with_suffix(f".{os.getpid()}.part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_HEAD)
            for piece in pieces:
                sheet.write(piece)
            sheet.write(SHEET_TAIL)
    os.replace(tmp, path)  # atomic: parallel test workers may build the same file
    return path


def bomb_pieces():
    """One cell holding a gibibyte of the letter A: the sheet XML inflates past 1 GiB."""
    yield b'<row r="1"><c r="A1" t="inlineStr"><is><t>'
    chunk = b"A" * MB
    for _ in range(1024):
        yield chunk
    yield b"</t></is></c></row>"


def million_rows(plain: bool, prefix: bytes = b""):
    """A million rows: `plain` as Excel writes them (with references), else bare ones, optionally with a namespace
    prefix (the smallest file: 1.5 MB). Random digits keep the compression ratio that of a real sheet (about 1:18)."""
    rng = random.Random(15)
    for start in range(1, 1_000_001, 10_000):
        if plain:
            yield "".join(
                f'<row r="{n}"><c r="A{n}"><v>{n % 10}</v></c></row>' for n in range(start, start + 10_000)
            ).encode()
        else:
            yield b"".join(
                b"<%srow><%sc><%sv>%d</%sv></%sc></%srow>"
                % (prefix, prefix, prefix, rng.randrange(100), prefix, prefix, prefix)
                for _ in range(10_000)
            )


def year_of_field_complaints(headers: list[str], rows: int = 66_228):
    """A year of 응답소 field complaints (13 columns of Korean text, inline strings as openpyxl writes them)."""

    def cell(ref: str, text: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'

    def rows_():
        yield (
            '<row r="1">' + "".join(cell(f"{chr(65 + i)}1", h) for i, h in enumerate(headers)) + "</row>"
        ).encode()
        for start in range(2, rows + 2, 5_000):
            out = []
            for n in range(start, min(start + 5_000, rows + 2)):
                values = [
                    f"2025-{n:07d}",
                    f"2025-{1 + n % 12:02d}-{1 + n % 28:02d} {n % 24:02d}:{n % 60:02d}",
                    "교통",
                    "불법주정차",
                    f"영등포동 불법주정차 신고 {n}",
                    "국회대로 부근 불법주정차 관련 현장 조치 요청드립니다.",
                    f"서울특별시 영등포구 국회대로 {n % 300}",
                    f"{37.52 + (n % 600) / 10000:.6f}",
                    f"{126.90 + (n % 800) / 10000:.6f}",
                    "주차관리과",
                    "처리완료",
                    f"2025-{1 + n % 12:02d}-{1 + n % 28:02d} 23:00",
                    "현장 확인 후 조치하였습니다.",
                ]
                out.append(
                    f'<row r="{n}">' + "".join(cell(f"{chr(65 + i)}{n}", v) for i, v in enumerate(values))
                )
                out.append("</row>")
            yield "".join(out).encode()

    return rows_()
