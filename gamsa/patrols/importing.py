"""Importing 응답소 field complaints (현장민원) from the portal's XLSX or CSV export.

Columns (Korean headers, row 1): 접수번호*, 접수일시*, 분야, 세부항목, 제목, 내용, 주소, 위도, 경도, 처리부서,
처리상태, 처리일시, 처리내용 (* required in every row).

How it works (docs/adr/0013):
1. The whole file is read (python-calamine for XLSX; the csv module for CSV in UTF-8 with or without BOM, or CP949)
   and EVERY row is checked before anything is written. Bad rows (no 접수번호, unreadable date, coordinates outside
   Korea, unknown status, the same 접수번호 twice in the file) are reported as "N행: 사유" (N as a spreadsheet
   shows it: the header is row 1).
2. Nothing is written when any row is bad, unless the user chose `skip_bad` (then the good rows are written and the
   bad ones reported). A dry run writes nothing.
3. The good rows are written in ONE transaction, in batches (bulk_create / bulk_update). Re-importing updates in
   place keyed by 접수번호: unchanged rows are not touched, changed rows are updated, nothing is duplicated.
4. Names the system does not know are kept, never dropped: an unknown 세부항목 becomes a provisional FieldItem with
   the default deadline, an unknown 처리부서 a UnitAlias without a unit; both appear on the admin mapping screens.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from gamsa.core.calendar import get_calendar
from gamsa.core.models import OrgUnit, User
from gamsa.core.services import record_event
from gamsa.core.tabular import ImportFileError, RowError, cell_text, read_table
from gamsa.core.tabular import parse_moment as tabular_moment
from gamsa.patrols import evaluation
from gamsa.patrols.clock import complaint_due_at
from gamsa.patrols.models import (
    OPEN_COMPLAINT_STATUSES,
    ComplaintStatus,
    FieldCategory,
    FieldComplaint,
    FieldItem,
    Source,
    UnitAlias,
)
from gamsa.patrols.seeds import PROVISIONAL_DEADLINE
from gamsa.patrols.services.fieldcomplaints import LAT_RANGE, LNG_RANGE, schedule_duplicate_scan

HEADERS = [
    "접수번호",
    "접수일시",
    "분야",
    "세부항목",
    "제목",
    "내용",
    "주소",
    "위도",
    "경도",
    "처리부서",
    "처리상태",
    "처리일시",
    "처리내용",
]
REQUIRED_COLUMNS = ["접수번호", "접수일시", "세부항목"]
BATCH = 2000
MAX_ERRORS_KEPT = 2000
UNCLASSIFIED = "미분류"
# The fields an import writes (and compares on re-import).
IMPORTED_FIELDS = [
    "received_at",
    "item_id",
    "title",
    "body",
    "address",
    "latitude",
    "longitude",
    "unit_name",
    "unit_id",
    "status",
    "due_at",
    "processed_at",
    "result",
]


def _key(text) -> str:
    """Labels compared without spaces and punctuation: '보안등 고장' ~ '보안등고장', '도로 파임(포트홀)' ~ '도로파임포트홀'."""
    return re.sub(r"[\s·ㆍ.,\-_/()]+", "", str(text or "")).lower()


STATUS_LABELS = {
    **{_key(value): value for value in ComplaintStatus.values},
    **{_key(label): value for value, label in ComplaintStatus.choices},
    "신규": ComplaintStatus.RECEIVED,
    "접수완료": ComplaintStatus.RECEIVED,
    "배정": ComplaintStatus.RECEIVED,
    "부서배정": ComplaintStatus.RECEIVED,
    "미처리": ComplaintStatus.RECEIVED,
    "처리중": ComplaintStatus.PROCESSING,
    "진행중": ComplaintStatus.PROCESSING,
    "현장확인중": ComplaintStatus.PROCESSING,
    "완료": ComplaintStatus.DONE,
    "처리완료": ComplaintStatus.DONE,
    "답변완료": ComplaintStatus.DONE,
    "종결": ComplaintStatus.DONE,
    "이송": ComplaintStatus.TRANSFERRED,
    "이첩": ComplaintStatus.TRANSFERRED,
    "타기관이첩": ComplaintStatus.TRANSFERRED,
    "취소": ComplaintStatus.CANCELLED,
    "반려": ComplaintStatus.CANCELLED,
    "취하": ComplaintStatus.CANCELLED,
    "중복": ComplaintStatus.DUPLICATE,
    "중복민원": ComplaintStatus.DUPLICATE,
}


@dataclass
class ImportReport:
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    new_items: list[str] = field(default_factory=list)
    new_unit_names: list[str] = field(default_factory=list)
    committed: bool = False
    dry_run: bool = False
    skip_bad: bool = False
    new_source_ids: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [str(e) for e in self.errors]

    def as_dict(self) -> dict:
        return {
            "total": self.total,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "error_count": len(self.errors),
            "errors": [[e.line, e.reason] for e in self.errors[:MAX_ERRORS_KEPT]],
            "new_items": self.new_items,
            "new_unit_names": self.new_unit_names,
            "committed": self.committed,
            "dry_run": self.dry_run,
            "skip_bad": self.skip_bad,
        }

    def summary(self) -> str:
        if self.dry_run:
            return (
                f"검사를 마쳤습니다: 정상 {self.total - len(self.errors):,}행, 오류 {len(self.errors):,}행."
            )
        if not self.committed:
            return f"잘못된 행 {len(self.errors):,}개가 있어 아무것도 반영하지 않았습니다."
        text = f"새로 {self.created:,}건, 갱신 {self.updated:,}건, 변경 없음 {self.unchanged:,}건."
        if self.errors:
            text += f" 잘못된 행 {len(self.errors):,}개는 건너뛰었습니다."
        return text


# --- reading -----------------------------------------------------------------------------------------------------

_text = cell_text
parse_moment = tabular_moment  # a bare date means 00:00


def _coordinate(value) -> Decimal | None | str:
    """A decimal, None when empty, or "bad" when unreadable."""
    if value is None or value == "":
        return None
    try:
        return Decimal(_text(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        return "bad"


# --- name resolution ---------------------------------------------------------------------------------------------


class Names:
    """Resolves 분야/세부항목 and 처리부서 names; collects names it has to create (written only on commit)."""

    def __init__(self):
        self.items: dict[tuple[str, str], FieldItem] = {}
        self.items_by_name: dict[str, list[FieldItem]] = {}
        for item in FieldItem.objects.select_related("category", "alias_of"):
            self.items[(_key(item.category.name), _key(item.name))] = item
            self.items_by_name.setdefault(_key(item.name), []).append(item)
        self.categories = {_key(c.name): c for c in FieldCategory.objects.all()}
        self.aliases = {_key(a.name): a for a in UnitAlias.objects.all()}
        self.units: dict[str, OrgUnit] = {}
        for unit in OrgUnit.objects.filter(active=True).only("pk", "name", "short_name"):
            for label in (unit.name, unit.short_name):
                if label:
                    self.units.setdefault(_key(label), unit)
        self.new_items: dict[tuple[str, str], tuple[str, str]] = {}  # key → (category name, item name)
        self.new_aliases: dict[str, tuple[str, OrgUnit | None]] = {}  # key → (name, unit)
        self._item_memo: dict[tuple[str, str], tuple[str, str]] = {}
        self._unit_memo: dict[str, tuple[str, OrgUnit | None]] = {}

    def item_key(self, category: str, name: str) -> tuple[str, str]:
        """The key of the item the row means (an existing one, or a new provisional one to create)."""
        memo = self._item_memo.get((category, name))
        if memo is None:
            memo = self._item_memo[(category, name)] = self._item_key(category, name)
        return memo

    def _item_key(self, category: str, name: str) -> tuple[str, str]:
        name = name or UNCLASSIFIED
        key = (_key(category), _key(name))
        if key in self.items:
            return key
        # The portal sometimes files an item under another 분야 name: a unique item name is enough.
        same = self.items_by_name.get(_key(name), [])
        if len(same) == 1:
            return (_key(same[0].category.name), _key(same[0].name))
        if not category:
            key = (_key(UNCLASSIFIED), _key(name))
            if key in self.items:
                return key
            category = UNCLASSIFIED
        self.new_items.setdefault(key, (category, name))
        return key

    def unit_for(self, name: str) -> tuple[str, OrgUnit | None]:
        """(department name as written, our unit or None). Unknown names become unmapped aliases."""
        memo = self._unit_memo.get(name)
        if memo is None:
            memo = self._unit_memo[name] = self._unit_for(name)
        return memo

    def _unit_for(self, name: str) -> tuple[str, OrgUnit | None]:
        if not name:
            return "", None
        key = _key(name)
        alias = self.aliases.get(key)
        if alias is not None:
            return name, alias.unit
        if key in self.new_aliases:
            return name, self.new_aliases[key][1]
        unit = self.units.get(key)
        if unit is None and key.endswith("주민센터"):
            unit = self.units.get(key.removesuffix("주민센터"))
        self.new_aliases[key] = (name, unit)
        return name, unit

    def create_missing(self) -> tuple[list[str], list[str]]:
        """Create provisional items and department aliases met in the file (inside the import's transaction)."""
        made_items = []
        hours, basis = PROVISIONAL_DEADLINE
        for key, (category_name, item_name) in self.new_items.items():
            category = self.categories.get(key[0])
            if category is None:
                category = FieldCategory.objects.create(name=category_name[:60], sort_order=999)
                self.categories[key[0]] = category
            item = FieldItem.objects.create(
                category=category,
                name=item_name[:100],
                code=_new_code(),
                deadline_hours=hours,
                deadline_basis=basis,
                provisional=True,
                open311=False,
                basis_note="가져오기 중 새로 발견된 항목: 관리자 확인 전까지 기본 기한 적용",
                sort_order=999,
            )
            item.category = category
            self.items[key] = item
            made_items.append(f"{category.name} > {item.name}")
        made_units = []
        for key, (name, unit) in self.new_aliases.items():
            self.aliases[key] = UnitAlias.objects.create(name=name[:100], unit=unit)
            if unit is None:
                made_units.append(name)
        self.new_items, self.new_aliases = {}, {}
        return made_items, made_units


def _new_code() -> str:
    import uuid

    return slugify(f"new-{uuid.uuid4().hex[:12]}")


# --- checking ----------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Row:
    line: int
    source_id: str
    received_at: dt.datetime
    item_key: tuple[str, str]
    title: str
    body: str
    address: str
    latitude: Decimal | None
    longitude: Decimal | None
    unit_name: str
    unit: OrgUnit | None
    status: str
    processed_at: dt.datetime | None
    result: str


def _header_map(header: list) -> dict[str, int]:
    names = [_text(h).replace(" ", "").lstrip("\ufeff").rstrip("*") for h in header]
    index = {col: names.index(col) for col in HEADERS if col in names}
    missing = [c for c in REQUIRED_COLUMNS if c not in index]
    if missing:
        raise ImportFileError(
            f"1행(머리글)에 필수 열이 없습니다: {', '.join(missing)}. 머리글은 {', '.join(HEADERS)} 입니다."
        )
    return index


def check_rows(table: list[tuple[int, list]], names: Names) -> tuple[list[Row], list[RowError]]:
    """Check every row without writing. Returns the good rows and every bad row with its reason(s)."""
    if not table:
        raise ImportFileError("머리글 행이 없습니다.")
    index = _header_map(table[0][1])
    width = max(index.values()) + 1
    cols = [index.get(c) for c in HEADERS]
    good: list[Row] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    status_memo: dict[str, str | None] = {"": ComplaintStatus.RECEIVED}
    for line, cells in table[1:]:
        if len(cells) < width:
            cells = list(cells) + [""] * (width - len(cells))
        values = [cells[i] if i is not None else "" for i in cols]
        if all(v is None or v == "" for v in values):
            continue  # blank line
        (
            number,
            received,
            category,
            item,
            title,
            body,
            address,
            lat,
            lng,
            unit,
            status,
            processed,
            result,
        ) = values
        reasons = []
        source_id = _text(number)
        if not source_id:
            reasons.append("접수번호가 없습니다")
        elif source_id in seen:
            reasons.append(f"접수번호 {source_id}가 {seen[source_id]}행과 중복됩니다")
        else:
            seen[source_id] = line
        received_at = parse_moment(received)
        if received_at is None:
            reasons.append("접수일시를 읽을 수 없습니다" if _text(received) else "접수일시가 없습니다")
        latitude, longitude = _coordinate(lat), _coordinate(lng)
        if latitude == "bad" or longitude == "bad":
            reasons.append("위도·경도를 숫자로 읽을 수 없습니다")
        elif (latitude is None) != (longitude is None):
            reasons.append("위도와 경도 중 하나만 있습니다")
        elif latitude is not None and not (
            LAT_RANGE[0] <= latitude <= LAT_RANGE[1] and LNG_RANGE[0] <= longitude <= LNG_RANGE[1]
        ):
            reasons.append("좌표가 국내 범위(위도 33–39, 경도 124–132)를 벗어났습니다")
        status_text = _text(status)
        state = status_memo.get(status_text)
        if state is None:
            state = status_memo[status_text] = STATUS_LABELS.get(_key(status_text))
        if state is None:
            reasons.append(f"처리상태 '{status_text[:20]}'를 알 수 없습니다")
        processed_at = parse_moment(processed)
        if processed_at is None and _text(processed):
            reasons.append("처리일시를 읽을 수 없습니다")
        elif processed_at is None and state == ComplaintStatus.DONE:
            reasons.append("처리완료인데 처리일시가 없습니다")
        if reasons:
            errors.append(RowError(line, ", ".join(reasons)))
            continue
        item_name = _text(item)
        unit_name, unit_obj = names.unit_for(_text(unit))
        good.append(
            Row(
                line=line,
                source_id=source_id[:40],
                received_at=received_at,
                item_key=names.item_key(_text(category), item_name),
                title=(_text(title) or item_name or UNCLASSIFIED)[:300],
                body=_text(body),
                address=_text(address)[:300],
                latitude=latitude,
                longitude=longitude,
                unit_name=unit_name[:100],
                unit=unit_obj,
                status=state,
                processed_at=processed_at if state not in OPEN_COMPLAINT_STATUSES else None,
                result=_text(result),
            )
        )
    return good, errors


# --- writing -----------------------------------------------------------------------------------------------------


# Creating and updating tens of thousands of rows goes through plain batched SQL (executemany): the ORM's
# bulk_create/bulk_update spend most of their time compiling per-value SQL (bench/fieldcomplaints_import.py).
CREATE_FIELDS = [
    "source_id",
    "source",
    "public_id",
    *IMPORTED_FIELDS,
    "reporter_name",
    "reporter_phone",
    "reporter_email",
    "device_id",
    "import_job_id",
    "created_at",
    "updated_at",
]


COORDINATE_POSITIONS = [IMPORTED_FIELDS.index("latitude"), IMPORTED_FIELDS.index("longitude")]
MOMENT_POSITIONS = [IMPORTED_FIELDS.index(n) for n in ("received_at", "due_at", "processed_at")]


def _columns(names: list[str]) -> list[str]:
    meta = FieldComplaint._meta
    fks = {"item_id", "unit_id", "import_job_id"}
    return [meta.get_field(n.removesuffix("_id") if n in fks else n).column for n in names]


class _Adapter:
    """Database values for the raw statements: naive UTC text for SQLite, native values for PostgreSQL."""

    def __init__(self, connection):
        self.sqlite = connection.vendor == "sqlite"

    def moment(self, value):
        if value is None or not self.sqlite:
            return value
        return str(value.astimezone(dt.UTC).replace(tzinfo=None))

    def uuid(self, value):
        return value.hex if self.sqlite else value

    def comparable(self, values) -> tuple:
        """IMPORTED_FIELDS values (as written or as read raw) in one form: coordinates as floats, moments as text."""
        out = list(values)
        for i in COORDINATE_POSITIONS:
            if out[i] is not None:
                out[i] = round(float(out[i]), 6)
        for i in MOMENT_POSITIONS:
            value = out[i]
            if value is None or isinstance(value, str):
                continue
            # SQLite hands back naive UTC datetimes (Django's converter), PostgreSQL aware ones.
            out[i] = str(value if value.tzinfo is None else value.astimezone(dt.UTC).replace(tzinfo=None))
        return tuple(out)


def _existing(source_ids: list[str], adapt: _Adapter, connection) -> dict[str, tuple]:
    """source_id → (pk, *comparable IMPORTED_FIELDS values) of the complaints on file, read raw (no converters)."""
    q = connection.ops.quote_name
    cols = ", ".join(q(c) for c in _columns(["source_id", "id", *IMPORTED_FIELDS]))
    table = q(FieldComplaint._meta.db_table)
    found: dict[str, tuple] = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # one round trip with an array parameter
            cursor.execute(f"SELECT {cols} FROM {table} WHERE {q('source_id')} = ANY(%s)", [source_ids])  # noqa: S608
            for row in cursor.fetchall():
                found[row[0]] = (row[1], *adapt.comparable(row[2:]))
            return found
        for start in range(0, len(source_ids), 900):
            chunk = source_ids[start : start + 900]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"SELECT {cols} FROM {table} WHERE {q('source_id')} IN ({marks})", chunk)  # noqa: S608
            for row in cursor.fetchall():
                found[row[0]] = (row[1], *adapt.comparable(row[2:]))
    return found


def _write(rows: list[Row], names: Names, job, progress) -> tuple[int, int, int, list[str]]:
    """Insert new rows and update changed ones in batches. Returns (created, updated, unchanged, new ids)."""
    import uuid

    calendar = get_calendar()
    connection = transaction.get_connection()
    adapt = _Adapter(connection)
    existing = _existing([r.source_id for r in rows], adapt, connection)
    table = FieldComplaint._meta.db_table
    q = connection.ops.quote_name
    insert_sql = (
        f"INSERT INTO {q(table)} ({', '.join(q(c) for c in _columns(CREATE_FIELDS))}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(CREATE_FIELDS))})"
    )
    update_cols = _columns([*IMPORTED_FIELDS, "import_job_id", "updated_at"])
    update_sql = (
        f"UPDATE {q(table)} SET {', '.join(f'{q(c)} = %s' for c in update_cols)} WHERE {q('id')} = %s"  # noqa: S608
    )
    now = adapt.moment(timezone.now())
    job_id = job.pk if job is not None else None
    restore_cache = _grow_sqlite_cache(connection)
    to_create: list[tuple] = []
    to_update: list[tuple] = []
    created = updated = unchanged = 0
    created_ids: list[str] = []
    total = len(rows)
    cursor = connection.cursor()

    copy_sql = (
        f"COPY {q(table)} ({', '.join(q(c) for c in _columns(CREATE_FIELDS))}) FROM STDIN"  # noqa: S608
        if connection.vendor == "postgresql"
        else None
    )

    def flush():
        nonlocal to_create, to_update, created, updated
        if to_create:
            if copy_sql:  # PostgreSQL: COPY is several times faster than batched INSERTs
                with cursor.cursor.copy(copy_sql) as copy:
                    for values in to_create:
                        copy.write_row(values)
            else:
                cursor.executemany(insert_sql, to_create)
            created += len(to_create)
            to_create = []
        if to_update:
            cursor.executemany(update_sql, to_update)
            updated += len(to_update)
            to_update = []

    items = {key: item.effective for key, item in names.items.items()}
    for done, row in enumerate(rows, start=1):
        item = items[row.item_key]
        due = complaint_due_at(item, row.received_at, calendar)
        values = (
            row.received_at,
            item.pk,
            row.title,
            row.body,
            row.address,
            row.latitude,
            row.longitude,
            row.unit_name,
            row.unit.pk if row.unit else None,
            row.status,
            due,
            row.processed_at,
            row.result,
        )
        old = existing.get(row.source_id)
        db_values = (
            adapt.moment(row.received_at),
            *values[1:10],
            adapt.moment(due),
            adapt.moment(row.processed_at),
            row.result,
        )
        if old is None:
            to_create.append(
                (
                    row.source_id,
                    Source.EUNGDAPSO,
                    adapt.uuid(uuid.uuid4()),
                    *db_values,
                    "",
                    "",
                    "",
                    "",
                    job_id,
                    now,
                    now,
                )
            )
            created_ids.append(row.source_id)
        elif old[1:] != adapt.comparable(db_values):
            to_update.append((*db_values, job_id, now, old[0]))
        else:
            unchanged += 1
        if len(to_create) >= BATCH or len(to_update) >= BATCH:
            flush()
            if progress:
                progress(done, total)
    flush()
    if restore_cache is not None:
        cursor.execute(f"PRAGMA cache_size = {int(restore_cache)}")
    if progress:
        progress(total, total)
    return created, updated, unchanged, created_ids


def _grow_sqlite_cache(connection) -> int | None:
    """SQLite's default page cache (2 MB) makes the table's ten indexes thrash on a year's import; use 64 MB for
    the import and return the previous value to restore (PostgreSQL: nothing to do)."""
    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute("PRAGMA cache_size = -65536")
    return previous


def _ids_of(source_ids: list[str]) -> list[int]:
    ids: list[int] = []
    for start in range(0, len(source_ids), 900):
        chunk = source_ids[start : start + 900]
        ids.extend(FieldComplaint.objects.filter(source_id__in=chunk).values_list("pk", flat=True))
    return ids


def scan_new_for_duplicates(report: ImportReport) -> int:
    """Run the near-duplicate scan for the complaints an import created (0 when patrols.duplicates is absent)."""
    try:
        from gamsa.patrols.duplicates import scan_complaints
    except ImportError:
        return 0
    return scan_complaints(_ids_of(report.new_source_ids)) if report.new_source_ids else 0


def import_field_complaints(
    actor: User | None,
    data: bytes,
    *,
    skip_bad: bool = False,
    dry_run: bool = False,
    job=None,
    source_name: str = "",
    progress: Callable[[int, int], None] | None = None,
    scan_duplicates: bool = True,
) -> ImportReport:
    """Check the whole file, then write every good row in one transaction (see the module docstring)."""
    table = read_table(data)
    names = Names()
    rows, errors = check_rows(table, names)
    report = ImportReport(total=len(rows) + len(errors), errors=errors, dry_run=dry_run, skip_bad=skip_bad)
    report.new_items = [f"{c} > {n}" for c, n in names.new_items.values()]
    report.new_unit_names = [n for n, unit in names.new_aliases.values() if unit is None]
    if dry_run or (errors and not skip_bad):
        return report
    with transaction.atomic():
        report.new_items, report.new_unit_names = names.create_missing()
        report.created, report.updated, report.unchanged, report.new_source_ids = _write(
            rows, names, job, progress
        )
        evaluation.invalidate()  # the rows went in by raw SQL: no save signals
        record_event(
            actor,
            "fieldcomplaint.imported",
            job,
            file=source_name[:100],
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
            skipped=len(errors),
            new_items=len(report.new_items),
            new_unit_names=len(report.new_unit_names),
        )
        if scan_duplicates and report.new_source_ids:
            schedule_duplicate_scan(_ids_of(report.new_source_ids))
    report.committed = True
    return report
