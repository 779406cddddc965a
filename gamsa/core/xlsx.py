"""Writing XLSX exports (openpyxl write-only): one place for the sheet, the bytes, dates and formula-safe cells."""

from __future__ import annotations

import datetime as dt
import io

from django.utils import timezone
from openpyxl import Workbook


def new_sheet(title: str, headers: list[str]):
    """A write-only workbook with one sheet whose first row is `headers`: (workbook, sheet)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title)
    ws.append(headers)
    return wb, ws


def xlsx_bytes(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def safe_cell(value):
    """Text that a spreadsheet would read as a formula is written as text (formula injection)."""
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
