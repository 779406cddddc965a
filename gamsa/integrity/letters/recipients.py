"""Reading the recipients' list (XLSX or CSV: 성명, 주소, 우편번호, 업무 구분, 처리 부서, 처리일, and optionally
전자우편). Every bad row is reported as "N행: 사유"; the rows keep the file's order."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from gamsa.core.tabular import ImportFileError, cell_text, normalise_header, parse_moment, read_table

COLUMNS = {
    "name": ("성명", "이름", "민원인"),
    "address": ("주소",),
    "postal_code": ("우편번호",),
    "business_type": ("업무구분", "업무"),
    "handling_unit": ("처리부서", "부서"),
    "handled_on": ("처리일", "처리일자"),
    "email": ("전자우편", "이메일", "전자메일", "메일"),
}
OPTIONAL = {"email"}
POSTAL = re.compile(r"^\d{5}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class Row:
    line: int
    name: str
    address: str
    postal_code: str
    business_type: str
    handling_unit: str
    handled_on: dt.date
    email: str = ""


def _index(header: list) -> dict[str, int]:
    names = [normalise_header(h) for h in header]
    index = {}
    for key, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in names:
                index[key] = names.index(alias)
                break
    missing = [COLUMNS[k][0] for k in COLUMNS if k not in index and k not in OPTIONAL]
    if missing:
        raise ImportFileError(
            f"머리글 행에 필요한 열이 없습니다: {', '.join(missing)} (필요한 열: 성명, 주소, 우편번호, 업무 구분, 처리 부서, 처리일)"
        )
    return index


def count_rows(data: bytes) -> int:
    """Rows under the header; a file without the columns is refused here, at the upload (nothing stored)."""
    table = read_table(data)
    if not table:
        raise ImportFileError("머리글 행이 없습니다.")
    _index(table[0][1])
    return len(table) - 1


def read_recipients(data: bytes) -> tuple[list[Row], list[list]]:
    """(rows in the file's order, [[line, reason], …])."""
    table = read_table(data)
    if not table:
        raise ImportFileError("머리글 행이 없습니다.")
    index = _index(table[0][1])
    rows, errors = [], []
    for line, cells in table[1:]:
        if not any(cell_text(c) for c in cells):
            continue

        def cell(key, cells=cells):
            i = index.get(key)
            return cell_text(cells[i]) if i is not None and i < len(cells) else ""

        reasons = []
        name, address = cell("name"), cell("address")
        postal = cell("postal_code").replace("-", "")
        if postal.isdigit() and len(postal) == 4:
            postal = "0" + postal  # a spreadsheet dropped the leading zero (07260 → 7260)
        if not name:
            reasons.append("성명이 비어 있습니다")
        elif len(name) > 50:
            reasons.append("성명이 너무 깁니다(50자 이하)")
        if not address:
            reasons.append("주소가 비어 있습니다")
        if not POSTAL.match(postal):
            reasons.append("우편번호는 숫자 5자리여야 합니다")
        if not cell("business_type"):
            reasons.append("업무 구분이 비어 있습니다")
        if not cell("handling_unit"):
            reasons.append("처리 부서가 비어 있습니다")
        i = index["handled_on"]
        moment = parse_moment(cells[i] if i < len(cells) else "")
        if moment is None:
            reasons.append("처리일을 읽을 수 없습니다(예: 2026-03-15)")
        email = cell("email")
        if email and not EMAIL.match(email):
            reasons.append("전자우편 주소 형식이 올바르지 않습니다")
        if reasons:
            errors.append([line, ", ".join(reasons)])
            continue
        rows.append(
            Row(
                line=line,
                name=name,
                address=address[:200],
                postal_code=postal,
                business_type=cell("business_type")[:100],
                handling_unit=cell("handling_unit")[:100],
                handled_on=moment.date(),
                email=email[:254],
            )
        )
    return rows, errors
