"""Rate table export and import in one XLSX layout (one row per version; row 1 holds the column codes).

Import is all or nothing: every bad row is reported by its line number and reason and nothing is saved. Rows equal to
an existing version (same key, conditions and effective date) are skipped, so the same file can be loaded twice.
"""

from __future__ import annotations

import datetime as dt
import io

from django.db import transaction

from gamsa.costing import services
from gamsa.costing.forms import RateVersionForm
from gamsa.costing.models import RateVersion

COLUMNS = [
    ("key", "비목 코드"),
    ("check_kind", "심사 방식(legal·cap·reference)"),
    ("rate_percent", "요율(%)"),
    ("base_amount", "기초액(원)"),
    ("base", "적용 기준"),
    ("effective_from", "적용 시작일"),
    ("sheet_kind", "구분(works·services·빈칸)"),
    ("variant", "공사종류·용역종류"),
    ("band_min", "구간 하한"),
    ("band_max", "구간 상한"),
    ("duration_min", "기간 하한(일)"),
    ("duration_max", "기간 상한(일)"),
    ("source", "근거"),
    ("confidence", "신뢰도(A·B·C)"),
    ("active", "사용(1·0)"),
    ("note", "비고"),
]
IDENTITY = (
    "key",
    "sheet_kind",
    "variant",
    "band_min",
    "band_max",
    "duration_min",
    "duration_max",
    "effective_from",
)


class ImportFailed(ValueError):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def export_rates(queryset=None) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "요율표"
    ws.append([code for code, _ in COLUMNS])
    ws.append([label for _, label in COLUMNS])
    for r in queryset if queryset is not None else RateVersion.objects.order_by("key", "effective_from"):
        ws.append(
            [
                r.key,
                r.check_kind,
                float(r.rate * 100),
                r.base_amount,
                r.base,
                r.effective_from,
                r.sheet_kind,
                r.variant,
                r.band_min,
                r.band_max,
                r.duration_min,
                r.duration_max,
                r.source,
                r.confidence,
                1 if r.active else 0,
                r.note,
            ]
        )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _form_data(row: dict) -> dict:
    data = {}
    for code, _ in COLUMNS:
        value = row.get(code)
        if value is None:
            value = ""
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            value = value.isoformat()
        if code == "active":
            value = "on" if str(value).strip() in ("1", "True", "true", "사용", "on") else ""
        if isinstance(value, float) and value.is_integer() and code != "rate_percent":
            value = int(value)
        data[code] = str(value).strip()
    return data


def import_rates(actor, content: bytes, *, dry_run: bool = False) -> dict:
    """Load rate versions. Returns {"created": n, "skipped": n}; raises ImportFailed listing every bad row."""
    import openpyxl

    from gamsa.core.filecheck import FileRejected
    from gamsa.costing.upload import check_workbook

    try:
        check_workbook(content)
    except FileRejected as exc:
        raise ImportFailed([str(exc)]) from None
    try:
        wb = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # a damaged or foreign file
        raise ImportFailed(["엑셀(XLSX) 파일을 열 수 없습니다."]) from exc
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    if not rows:
        raise ImportFailed(["빈 파일입니다."])
    header = [str(c).strip() if c is not None else "" for c in rows[0]]
    missing = [code for code, _ in COLUMNS if code not in header and code not in ("note", "active")]
    if missing:
        raise ImportFailed([f"1행: 필요한 열이 없습니다: {', '.join(missing)}"])
    errors, valid = [], []
    for number, values in enumerate(rows[1:], start=2):
        row = dict(zip(header, values, strict=False))
        if all(v in (None, "") for v in values) or str(row.get("key") or "").strip() == "비목 코드":
            continue
        form = RateVersionForm(_form_data(row))
        if not form.is_valid():
            for field, messages in form.errors.items():
                label = form.fields[field].label if field in form.fields else "행"
                errors += [f"{number}행 {label}: {m}" for m in messages]
            continue
        valid.append((number, form.rate_fields()))
    if errors:
        raise ImportFailed(errors)
    created = skipped = 0
    with transaction.atomic():
        for _, fields in valid:
            if RateVersion.objects.filter(**{k: fields[k] for k in IDENTITY}).exists():
                skipped += 1
                continue
            services.add_rate_version(actor, **fields)
            created += 1
        if dry_run:
            transaction.set_rollback(True)
    return {"created": created, "skipped": skipped}
