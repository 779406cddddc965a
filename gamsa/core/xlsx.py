"""Writing XLSX exports (openpyxl): one place for the formula-safe sheet, the bytes and dates."""

from __future__ import annotations

import datetime as dt
import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet


class SafeSheet:
    """A worksheet whose rows are written formula-safe: every export of text people typed (a citizen's title, a
    URL in the access log, a department name from an import) goes through it. openpyxl stores a text starting with
    "=" as a formula, so a complaint titled =HYPERLINK(…) would become a live link in the office's Excel; here such
    a text is stored as text, shown exactly as typed. Other cells pass through unchanged."""

    def __init__(self, ws):
        self._ws = ws
        self._cell = WriteOnlyCell if isinstance(ws, WriteOnlyWorksheet) else Cell

    def append(self, row) -> None:
        self._ws.append([self._text(v) if isinstance(v, str) and v.startswith("=") else v for v in row])

    def _text(self, value: str):
        cell = self._cell(self._ws, value=value)
        cell.data_type = "s"
        return cell

    def __getattr__(self, name):  # column widths, freeze panes, title…: the worksheet's own
        return getattr(self._ws, name)

    def __getitem__(self, key):  # a row or a cell, to style it
        return self._ws[key]


def add_sheet(wb, title: str, headers: list[str] | None = None, *, first: bool = False) -> SafeSheet:
    """A formula-safe sheet in `wb` (`first`: the workbook's own first sheet, for a normal workbook)."""
    if first:
        ws = wb.active
        ws.title = title
    else:
        ws = wb.create_sheet(title)
    sheet = SafeSheet(ws)
    if headers is not None:
        sheet.append(headers)
    return sheet


def new_sheet(title: str, headers: list[str]):
    """A write-only workbook with one formula-safe sheet whose first row is `headers`: (workbook, sheet)."""
    wb = Workbook(write_only=True)
    return wb, add_sheet(wb, title, headers)


def xlsx_bytes(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def csv_safe(value):
    """For CSV, which has no cell types: text a spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def local_date(value) -> str:
    """A date, or a moment as its local (Seoul) date, as YYYY-MM-DD; "" when empty."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d")
    return value.strftime("%Y-%m-%d")
