"""A cost sheet read from JSON (a dict) or from the standard XLSX layout, validated with Korean messages.

A line is a plain amount in won, or {"rate": r} with an optional "amount" (the sheet's own figure).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

WORKS, SERVICES = "works", "services"
SHEET_KINDS = {WORKS: "공사", SERVICES: "용역"}
WORK_TYPES = ("건축", "토목", "중건설", "특수건설")
SERVICE_TYPES = ("폐기물", "시설관리", "행사", "여행운송", "장비유지", "기타")

# Line keys in the formula order, with their Korean names. "amount" lines carry won; the others a rate.
AMOUNT_LINES = {
    "material_direct": "직접재료비",
    "material_indirect": "간접재료비",
    "scrap_credit": "작업설·부산물 환입(공제)",
    "labor_direct": "직접노무비",
    "machinery": "기계경비",
    "direct_expenses": "기타 직접계상 경비",
}
RATE_LINES = {
    "labor_indirect": "간접노무비",
    "industrial_accident_insurance": "산재보험료",
    "employment_insurance": "고용보험료",
    "health_insurance": "국민건강보험료",
    "long_term_care_insurance": "노인장기요양보험료",
    "national_pension": "국민연금보험료",
    "retirement_mutual_aid": "건설근로자 퇴직공제부금비",
    "safety_health": "산업안전보건관리비",
    "environment": "환경보전비",
    "other_expenses": "기타경비",
    "general_admin": "일반관리비",
    "profit": "이윤",
    "vat": "부가가치세",
}
LINE_ORDER = [
    "material_direct",
    "material_indirect",
    "scrap_credit",
    "labor_direct",
    "labor_indirect",
    "machinery",
    "direct_expenses",
    "industrial_accident_insurance",
    "employment_insurance",
    "health_insurance",
    "long_term_care_insurance",
    "national_pension",
    "retirement_mutual_aid",
    "safety_health",
    "environment",
    "other_expenses",
    "general_admin",
    "profit",
    "vat",
]
LABELS = {**AMOUNT_LINES, **RATE_LINES}
# Lines that may also be written as a plain amount (no rate): reference-rate lines.
AMOUNT_OR_RATE = {"labor_indirect", "environment", "other_expenses"}
EXPENSE_KEYS = (
    "machinery",
    "direct_expenses",
    "industrial_accident_insurance",
    "employment_insurance",
    "health_insurance",
    "long_term_care_insurance",
    "national_pension",
    "retirement_mutual_aid",
    "safety_health",
    "environment",
    "other_expenses",
)
FIELD_LABELS = {
    "title": "공사명",
    "kind": "구분",
    "work_type": "공사종류",
    "service_type": "용역종류",
    "base_date": "기준일",
    "duration_days": "공사기간(일)",
    "estimated_amount": "추정금액",
    "total_works_amount": "총공사금액",
    "employment_grade": "고용보험 등급",
}
MAX_AMOUNT = 10**15  # 1,000조원: anything larger is a typo


class SheetError(ValueError):
    """The sheet has bad fields. `errors` lists {"field", "message"} in Korean, one per bad field."""

    def __init__(self, errors: list[dict]):
        self.errors = [{**e, "label": e.get("label") or field_label(e["field"])} for e in errors]
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))


def field_label(name: str) -> str:
    """The Korean name of a field path: "lines.profit.rate" → "이윤 요율"; "12행 (base_date)" → "12행 기준일"."""
    row = ""
    if "행 (" in name and name.endswith(")"):
        row, name = name.split(" (", 1)
        row, name = row + " ", name[:-1]
    parts = name.split(".")
    if parts[0] == "lines" and len(parts) > 1:
        label = LABELS.get(parts[1], parts[1])
        suffix = {"rate": " 요율", "amount": " 금액"}.get(parts[2], "") if len(parts) > 2 else ""
        return f"{row}{label}{suffix}"
    return f"{row}{FIELD_LABELS.get(name, '비목' if name == 'lines' else name)}"


@dataclass
class Line:
    amount: int | None = None  # the sheet's own amount (None: not written)
    rate: Decimal | None = None  # the stated rate as a fraction (None: an amount line)


@dataclass
class Sheet:
    title: str
    kind: str
    base_date: dt.date
    work_type: str = ""
    service_type: str = ""
    duration_days: int | None = None
    estimated_amount: int | None = None
    total_works_amount: int | None = None
    employment_grade: int | None = None
    lines: dict[str, Line] = field(default_factory=dict)

    def amount(self, key: str) -> int:
        line = self.lines.get(key)
        return line.amount or 0 if line is not None else 0


def _to_decimal(value) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        result = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        return None
    return result if result.is_finite() else None


def _int(
    value, field_name: str, errors: list, *, required: bool, minimum: int = 0, maximum: int = MAX_AMOUNT
):
    label = FIELD_LABELS.get(field_name, field_name)
    if value is None or value == "":
        if required:
            errors.append({"field": field_name, "message": f"{label}을(를) 적어야 합니다."})
        return None
    number = _to_decimal(value)
    if number is None or number != number.to_integral_value():
        errors.append({"field": field_name, "message": f"{label}은(는) 정수여야 합니다. 받은 값: {value!r}"})
        return None
    if not minimum <= number <= maximum:
        errors.append(
            {"field": field_name, "message": f"{label}은(는) {minimum:,} 이상 {maximum:,} 이하여야 합니다."}
        )
        return None
    return int(number)


def _rate(value, field_name: str, errors: list) -> Decimal | None:
    number = _to_decimal(value)
    if number is None or not Decimal(0) <= number < Decimal(1):
        errors.append(
            {
                "field": field_name,
                "message": f"요율은 0 이상 1 미만의 소수여야 합니다(예: 3.56% → 0.0356). 받은 값: {value!r}",
            }
        )
        return None
    return number


def parse_sheet(data) -> Sheet:
    """Validate a JSON-shaped dict into a Sheet. Raises SheetError listing every bad field."""
    errors: list[dict] = []
    if not isinstance(data, dict):
        raise SheetError([{"field": "(전체)", "message": "원가계산서는 JSON 객체여야 합니다."}])
    known = set(FIELD_LABELS) | {"lines"}
    for name in data:
        if name not in known:
            errors.append({"field": name, "message": "알 수 없는 항목입니다."})
    title = data.get("title") or ""
    if not isinstance(title, str) or len(title) > 200:
        errors.append({"field": "title", "message": "공사명은 200자 이하의 문자열이어야 합니다."})
        title = ""
    kind = data.get("kind")
    if kind not in SHEET_KINDS:
        errors.append(
            {"field": "kind", "message": "구분은 'works'(공사) 또는 'services'(용역)이어야 합니다."}
        )
    works = kind == WORKS
    work_type = data.get("work_type") or ""
    if works and work_type not in WORK_TYPES:
        errors.append(
            {"field": "work_type", "message": f"공사종류는 {'·'.join(WORK_TYPES)} 중 하나여야 합니다."}
        )
    service_type = data.get("service_type") or ("기타" if kind == SERVICES else "")
    if kind == SERVICES and service_type not in SERVICE_TYPES:
        errors.append(
            {"field": "service_type", "message": f"용역종류는 {'·'.join(SERVICE_TYPES)} 중 하나여야 합니다."}
        )
    base_date = None
    raw_date = data.get("base_date")
    if isinstance(raw_date, dt.datetime):
        base_date = raw_date.date()
    elif isinstance(raw_date, dt.date):
        base_date = raw_date
    else:
        try:
            base_date = dt.date.fromisoformat(str(raw_date or "").strip())
        except ValueError:
            errors.append({"field": "base_date", "message": "기준일은 2026-03-02 형식의 날짜여야 합니다."})
    duration = _int(data.get("duration_days"), "duration_days", errors, required=works, maximum=36500)
    estimated = _int(data.get("estimated_amount"), "estimated_amount", errors, required=works)
    total_works = _int(data.get("total_works_amount"), "total_works_amount", errors, required=False)
    grade = _int(
        data.get("employment_grade"), "employment_grade", errors, required=works, minimum=1, maximum=99
    )

    lines: dict[str, Line] = {}
    raw_lines = data.get("lines")
    if not isinstance(raw_lines, dict):
        errors.append({"field": "lines", "message": "비목(lines)은 JSON 객체여야 합니다."})
        raw_lines = {}
    for key, value in raw_lines.items():
        name = f"lines.{key}"
        if key not in LABELS:
            errors.append({"field": name, "message": "알 수 없는 비목입니다."})
            continue
        if key in AMOUNT_LINES:
            if isinstance(value, dict):
                value = value.get("amount")
            amount = _int(value, name, errors, required=True)
            if amount is not None:
                lines[key] = Line(amount=amount)
            continue
        if not isinstance(value, dict):
            if key in AMOUNT_OR_RATE:
                amount = _int(value, name, errors, required=True)
                if amount is not None:
                    lines[key] = Line(amount=amount)
            else:
                errors.append({"field": name, "message": '요율 비목은 {"rate": 0.0356} 형식이어야 합니다.'})
            continue
        extra = set(value) - {"rate", "amount"}
        if extra:
            errors.append({"field": name, "message": f"알 수 없는 값: {', '.join(sorted(extra))}"})
        if "rate" not in value:
            if key in AMOUNT_OR_RATE:
                amount = _int(value.get("amount"), f"{name}.amount", errors, required=True)
                if amount is not None:
                    lines[key] = Line(amount=amount)
            else:
                errors.append({"field": f"{name}.rate", "message": "요율을 적어야 합니다."})
            continue
        rate = _rate(value["rate"], f"{name}.rate", errors)
        amount = _int(value.get("amount"), f"{name}.amount", errors, required=False)
        if rate is not None:
            lines[key] = Line(amount=amount, rate=rate)
    if errors:
        raise SheetError(errors)
    return Sheet(
        title=title.strip(),
        kind=kind,
        base_date=base_date,
        work_type=work_type if works else "",
        service_type=service_type if kind == SERVICES else "",
        duration_days=duration,
        estimated_amount=estimated,
        total_works_amount=total_works,
        employment_grade=grade,
        lines=lines,
    )


def sheet_to_dict(sheet: Sheet) -> dict:
    """The JSON form of a parsed sheet (rates as numbers, amounts as integers)."""
    data = {"title": sheet.title, "kind": sheet.kind, "base_date": sheet.base_date.isoformat()}
    for name in ("work_type", "service_type", "duration_days", "estimated_amount", "total_works_amount"):
        value = getattr(sheet, name)
        if value not in (None, ""):
            data[name] = value
    if sheet.employment_grade is not None:
        data["employment_grade"] = sheet.employment_grade
    lines = {}
    for key in LINE_ORDER:
        line = sheet.lines.get(key)
        if line is None:
            continue
        if line.rate is None:
            lines[key] = line.amount
        else:
            lines[key] = {"rate": float(line.rate)}
            if line.amount is not None:
                lines[key]["amount"] = line.amount
    data["lines"] = lines
    return data


# --- the standard XLSX layout --------------------------------------------------------------------------------------
# Sheet "원가계산서". Column A: the Korean name; column B: the code (a field name or a line key); column C: the rate
# in percent (3.56 = 3.56 %); column D: the amount in won. Rows are found by their code in column B, so rows may be
# moved, and rows whose code is empty or starts with "=" (subtotals such as 재료비 계) are ignored.

XLSX_SHEET = "원가계산서"
HEADER_CODES = {"코드", "code"}
KIND_WORDS = {"공사": WORKS, "용역": SERVICES, WORKS: WORKS, SERVICES: SERVICES}


def _cell_value(ws_rows):
    for index, row in enumerate(ws_rows, start=1):
        cells = list(row) + [None] * 4
        yield index, cells[:4]


def xlsx_to_dict(content: bytes) -> tuple[dict, dict[str, int]]:
    """Read the standard layout into the JSON shape. Returns (data, row number of each field) for messages."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged or foreign file
        raise SheetError([{"field": "파일", "message": "엑셀(XLSX) 파일을 열 수 없습니다."}]) from exc
    try:
        ws = wb[XLSX_SHEET] if XLSX_SHEET in wb.sheetnames else wb.worksheets[0]
        data: dict = {"lines": {}}
        rows: dict[str, int] = {}
        for number, (_label, code, rate, amount) in _cell_value(ws.iter_rows(values_only=True)):
            code = str(code).strip() if code is not None else ""
            if not code or code.startswith("=") or code in HEADER_CODES:
                continue
            if code in FIELD_LABELS:
                value = amount if amount is not None else rate
                if code == "kind" and isinstance(value, str):
                    value = KIND_WORDS.get(value.strip(), value)
                if isinstance(value, dt.datetime):
                    value = value.date().isoformat()
                elif isinstance(value, dt.date):
                    value = value.isoformat()
                data[code] = value
                rows[code] = number
            elif code in LABELS:
                rows[f"lines.{code}"] = number
                if rate in (None, ""):
                    if amount in (None, ""):
                        continue
                    data["lines"][code] = amount
                else:
                    pct = _to_decimal(rate)
                    line = {"rate": (pct / 100) if pct is not None else rate}
                    if amount not in (None, ""):
                        line["amount"] = amount
                    data["lines"][code] = line
            else:
                data.setdefault("_unknown", []).append((number, code))
        return data, rows
    finally:
        wb.close()


def parse_xlsx(content: bytes) -> tuple[Sheet, dict]:
    """(Sheet, its JSON form) from an XLSX file in the standard layout. Messages name the row of each bad field."""
    data, rows = xlsx_to_dict(content)
    unknown = data.pop("_unknown", [])
    errors = [{"field": f"{n}행", "message": f"알 수 없는 코드 '{code}'입니다."} for n, code in unknown]
    for line in data["lines"].values():
        if isinstance(line, dict) and isinstance(line.get("rate"), Decimal):
            line["rate"] = float(line["rate"])
    try:
        sheet = parse_sheet(data)
    except SheetError as exc:
        for error in exc.errors:
            name = error["field"]
            base = name.rsplit(".", 1)[0] if name.endswith((".rate", ".amount")) else name
            row = rows.get(name) or rows.get(base)
            errors.append({**error, "field": f"{row}행 ({name})" if row else name})
        raise SheetError(errors) from None
    if errors:
        raise SheetError(errors)
    return sheet, sheet_to_dict(sheet)
