"""Importing 응답소 field complaints (현장민원) from the portal's XLSX or CSV export.

Columns (Korean headers, row 1): 접수번호*, 접수일시*, 분야, 세부항목, 제목, 내용, 주소, 위도, 경도, 처리부서,
처리상태, 처리일시, 처리내용 (* required in every row).

How it works (docs/adr/0013):
1. The whole file is read column by column (`core.tabular.read_columns`: fastexcel into Arrow for XLSX; the csv
   module for CSV in UTF-8 with or without BOM, or CP949) and EVERY row is checked, whole columns at a time, before
   anything is written. Bad rows (no 접수번호, unreadable date, coordinates outside Korea, unknown status, the same
   접수번호 twice in the file) are reported as "N행: 사유" (N as a spreadsheet shows it: the header is row 1).
2. Nothing is written when any row is bad, unless the user chose `skip_bad` (then the good rows are written and the
   bad ones reported). A dry run writes nothing.
3. The good rows are written in ONE transaction (executemany on SQLite, one COPY on PostgreSQL). Re-importing updates in
   place keyed by 접수번호: unchanged rows are not touched, changed rows are updated, nothing is duplicated.
4. Names the system does not know are kept, never dropped: an unknown 세부항목 becomes a provisional FieldItem with
   the default deadline, an unknown 처리부서 a UnitAlias without a unit; both appear on the admin mapping screens.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import islice, repeat

import pyarrow as pa
import pyarrow.compute as pc
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from gamsa.core.calendar import SEOUL, get_calendar
from gamsa.core.models import OrgUnit, User
from gamsa.core.services import record_event
from gamsa.core.tabular import Columns, ImportFileError, RowError, read_columns
from gamsa.core.tabular import parse_moment as tabular_moment
from gamsa.patrols import evaluation
from gamsa.patrols.clock import complaint_due_at
from gamsa.patrols.models import (
    OPEN_COMPLAINT_STATUSES,
    ComplaintStatus,
    DeadlineBasis,
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
# A first load of at least this many rows into an empty table builds the indexes (and PostgreSQL's foreign keys)
# after the rows (see _set_indexes_aside); smaller files keep them up row by row.
REBUILD_INDEXES_FROM = 5000
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


# --- checking (column by column) ---------------------------------------------------------------------------------

MOMENT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]  # Excel's own text first; the rest in Python


def _moments(text):
    """Seoul-local text → (timestamp[us, UTC] array with nulls, mask of non-empty cells that could not be read)."""
    filled = pc.not_equal(text, "")
    parsed = pc.strptime(text, format=MOMENT_FORMATS[0], unit="us", error_is_null=True)
    for fmt in MOMENT_FORMATS[1:]:
        if not pc.any(pc.and_(pc.is_null(parsed), filled)).as_py():
            break
        parsed = pc.coalesce(parsed, pc.strptime(text, format=fmt, unit="us", error_is_null=True))
    rest = pc.indices_nonzero(pc.and_(pc.is_null(parsed), filled)).to_pylist()
    if rest:  # "2026. 3. 2. 14:05", "2026년 3월 2일", fractions of a second …: the shared parser
        values = parsed.to_pylist()
        for i, cell in zip(rest, text.take(rest).to_pylist(), strict=True):
            moment = tabular_moment(cell)
            values[i] = moment.astimezone(SEOUL).replace(tzinfo=None) if moment else None
        parsed = pa.array(values, pa.timestamp("us"))
    unreadable = pc.and_(pc.is_null(parsed), filled)
    local = pc.assume_timezone(parsed, "Asia/Seoul", ambiguous="earliest", nonexistent="earliest")
    return local.cast(pa.timestamp("us", tz="UTC")), unreadable


def _coordinates(text):
    """Text → (float64 array rounded to 6 places, nulls for empty; mask of unreadable cells)."""
    cells = pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)
    try:
        return pc.round(cells.cast(pa.float64()), 6), pa.array([False] * len(text))
    except pa.ArrowInvalid:
        values, bad = [], []
        for cell in cells.to_pylist():
            try:
                number = None if cell is None else float(Decimal(cell))
                bad.append(number is not None and number != number)  # NaN
            except (InvalidOperation, ValueError):
                number = None
                bad.append(True)
            values.append(number)
        return pc.round(pa.array(values, pa.float64()), 6), pa.array(bad)


def _mapped(text, lookup: Callable[[str], object], kind=None):
    """Map each distinct value once (statuses, names): a column of results."""
    encoded = text.dictionary_encode()
    results = [lookup(value) for value in encoded.dictionary.to_pylist()]
    if kind is None:
        return [results[i] for i in encoded.indices.to_pylist()]
    return pa.array(results, kind).take(encoded.indices)


@dataclass
class Checked:
    """The good rows, column by column (same order everywhere), ready to write."""

    lines: list[int]
    source_ids: list[str]
    received: object  # timestamp[us, UTC]
    item_keys: list[tuple[str, str]]
    titles: list[str]
    bodies: list[str]
    addresses: list[str]
    latitudes: list[float | None]
    longitudes: list[float | None]
    unit_names: list[str]
    unit_ids: list[int | None]
    statuses: list[str]
    processed: object  # timestamp[us, UTC] with nulls
    results: list[str]

    def __len__(self) -> int:
        return len(self.lines)


def check_columns(columns: Columns, names: Names) -> tuple[Checked, list[RowError]]:
    """Check every row without writing: the good rows, and every bad row with its reason(s) in one message."""
    missing = [c for c in REQUIRED_COLUMNS if c not in columns.present]
    if missing:
        raise ImportFileError(
            f"1행(머리글)에 필수 열이 없습니다: {', '.join(missing)}. 머리글은 {', '.join(HEADERS)} 입니다."
        )
    col = columns.arrays
    blank = None
    for name in columns.present:
        empty = pc.equal(col[name], "")
        blank = empty if blank is None else pc.and_(blank, empty)
    keep = pc.invert(blank)
    if not pc.all(keep).as_py():
        col = {name: array.filter(keep) for name, array in col.items()}
        lines = columns.lines.filter(keep)
    else:
        lines = columns.lines
    source = col["접수번호"]
    received, received_bad = _moments(col["접수일시"])
    processed, processed_bad = _moments(col["처리일시"])
    latitude, latitude_bad = _coordinates(col["위도"])
    longitude, longitude_bad = _coordinates(col["경도"])
    state = _mapped(
        col["처리상태"], lambda s: STATUS_LABELS.get(_key(s)) if s else ComplaintStatus.RECEIVED, pa.string()
    )

    lat_ok = pc.and_(
        pc.greater_equal(latitude, float(LAT_RANGE[0])), pc.less_equal(latitude, float(LAT_RANGE[1]))
    )
    lng_ok = pc.and_(
        pc.greater_equal(longitude, float(LNG_RANGE[0])), pc.less_equal(longitude, float(LNG_RANGE[1]))
    )
    checks = [  # (mask, reason); for one row, the first of each group applies
        ("source", pc.equal(source, ""), "접수번호가 없습니다"),
        ("received", received_bad, "접수일시를 읽을 수 없습니다"),
        ("received", pc.is_null(received), "접수일시가 없습니다"),
        ("coordinates", pc.or_(latitude_bad, longitude_bad), "위도·경도를 숫자로 읽을 수 없습니다"),
        (
            "coordinates",
            pc.not_equal(pc.is_null(latitude), pc.is_null(longitude)),
            "위도와 경도 중 하나만 있습니다",
        ),
        (
            "coordinates",
            pc.fill_null(pc.invert(pc.and_(lat_ok, lng_ok)), False),
            "좌표가 국내 범위(위도 33–39, 경도 124–132)를 벗어났습니다",
        ),
        ("status", pc.is_null(state), None),
        ("processed", processed_bad, "처리일시를 읽을 수 없습니다"),
        (
            "processed",
            pc.and_(pc.is_null(processed), pc.fill_null(pc.equal(state, ComplaintStatus.DONE), False)),
            "처리완료인데 처리일시가 없습니다",
        ),
    ]
    bad = None
    for _, mask, _ in checks:
        bad = mask if bad is None else pc.or_(bad, mask)
    bad_rows = set(pc.indices_nonzero(bad).to_pylist())
    line_list = lines.to_pylist()
    duplicates: dict[int, str] = {}
    if pc.count_distinct(source).as_py() < len(source):  # rare: find which rows repeat a number
        seen: dict[str, int] = {}
        for i, number in enumerate(source.to_pylist()):
            if number:
                first = seen.setdefault(number, i)
                if first != i:
                    duplicates[i] = f"접수번호 {number}가 {line_list[first]}행과 중복됩니다"
    errors: list[RowError] = []
    for i in sorted(bad_rows | set(duplicates)):
        reasons, groups = [], set()
        if i in duplicates:
            reasons.append(duplicates[i])
            groups.add("source")
        for group, mask, reason in checks:
            if group not in groups and mask[i].as_py():
                groups.add(group)
                reasons.append(reason or f"처리상태 '{col['처리상태'][i].as_py()[:20]}'를 알 수 없습니다")
        errors.append(RowError(line_list[i], ", ".join(reasons)))
    errors.sort(key=lambda e: e.line)

    if errors:
        good = pa.array([i not in bad_rows and i not in duplicates for i in range(len(line_list))])
        col = {name: array.filter(good) for name, array in col.items()}
        received, processed = received.filter(good), processed.filter(good)
        latitude, longitude, state = latitude.filter(good), longitude.filter(good), state.filter(good)
        lines = lines.filter(good)
    item_names = col["세부항목"]
    titles = pc.if_else(
        pc.equal(col["제목"], ""), pc.if_else(pc.equal(item_names, ""), UNCLASSIFIED, item_names), col["제목"]
    )
    item_keys = _mapped(  # per distinct (field, item) pair, joined by a unit separator no cell holds
        pc.binary_join_element_wise(col["분야"], item_names, "\x1f"),
        lambda pair: names.item_key(*pair.split("\x1f", 1)),
    )
    statuses = state.to_pylist()
    open_rows = pc.is_in(state, pa.array(list(OPEN_COMPLAINT_STATUSES), pa.string()))
    processed = pc.if_else(open_rows, pa.scalar(None, processed.type), processed)
    return (
        Checked(
            lines=lines.to_pylist(),
            source_ids=pc.utf8_slice_codeunits(col["접수번호"], 0, 40).to_pylist(),
            received=received,
            item_keys=item_keys,
            titles=pc.utf8_slice_codeunits(titles, 0, 300).to_pylist(),
            bodies=col["내용"].to_pylist(),
            addresses=pc.utf8_slice_codeunits(col["주소"], 0, 300).to_pylist(),
            latitudes=latitude.to_pylist(),
            longitudes=longitude.to_pylist(),
            unit_names=_mapped(col["처리부서"], lambda text: names.unit_for(text)[0][:100]),
            unit_ids=_mapped(col["처리부서"], lambda text: getattr(names.unit_for(text)[1], "pk", None)),
            statuses=statuses,
            processed=processed,
            results=col["처리내용"].to_pylist(),
        ),
        errors,
    )


# --- writing -----------------------------------------------------------------------------------------------------


# Creating and updating tens of thousands of rows goes through plain batched SQL (executemany; COPY on
# PostgreSQL): the ORM's bulk_create/bulk_update spend most of their time compiling per-value SQL.
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


def moment_texts(moments, suffix: str = "") -> list[str | None]:
    """timestamp[us, UTC] → UTC text as Django writes it to SQLite ("2026-03-02 05:40:00[.123000]") + suffix."""
    naive = moments.cast(pa.timestamp("us"))  # the same instants, as UTC wall time
    seconds = naive.cast(pa.timestamp("s"), safe=False)
    whole = seconds.cast(pa.string())  # a cast, not strftime: many times faster
    fraction = pc.not_equal(seconds.cast(pa.timestamp("us")), naive)
    if pc.any(fraction).as_py():
        whole = pc.if_else(fraction, naive.cast(pa.string()), whole)
    if suffix:
        whole = pc.binary_join_element_wise(whole, suffix, "")
    return whole.to_pylist()


def comparable(values, suffix: str = "") -> tuple:
    """IMPORTED_FIELDS values as read raw from either database, in the form the import writes them."""
    out = list(values)
    for i in COORDINATE_POSITIONS:
        if out[i] is not None:
            out[i] = round(float(out[i]), 6)
    for i in MOMENT_POSITIONS:
        value = out[i]
        if value is None or isinstance(value, str):
            continue
        # PostgreSQL hands back aware datetimes; SQLite's raw values are already text.
        out[i] = (
            str(value if value.tzinfo is None else value.astimezone(dt.UTC).replace(tzinfo=None)) + suffix
        )
    return tuple(out)


def _table_is_empty(connection) -> bool:
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(FieldComplaint._meta.db_table)
        cursor.execute(f"SELECT 1 FROM {table} LIMIT 1")  # noqa: S608
        return cursor.fetchone() is None


def _set_indexes_aside(connection) -> list[str]:
    """A first load into an empty table: drop the table's secondary indexes (and on PostgreSQL its foreign keys) and
    return the statements that build them again once the rows are in, the bulk-load recipe of PostgreSQL's manual
    ("Populating a Database"). Over a year's 66,228 rows, SQLite's seven indexes kept up row by row cost 0.6 s and
    0.3 s built once; PostgreSQL's foreign-key checks cost 0.54 s row by row and a few milliseconds as one query
    when the constraint is added back (ADR 0013). Unique indexes stay (they are constraints), and so do partial ones
    (they take few rows of a load, and each rebuild would read the whole table). The drops are part of
    the import's transaction on both databases: a failed import rolls them back with the rows, and readers see the
    old table, indexes included, until the commit (on PostgreSQL they wait for it: the table is empty)."""
    table = FieldComplaint._meta.db_table
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass"
                " AND contype = 'f'",
                [table],
            )
            foreign_keys = cursor.fetchall()
            cursor.execute(
                "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i"
                " JOIN pg_class c ON c.oid = i.indexrelid"
                " WHERE i.indrelid = %s::regclass AND NOT i.indisprimary AND NOT i.indisunique"
                " AND i.indpred IS NULL",
                [table],
            )
            indexes = cursor.fetchall()
            # PostgreSQL alters no table with deferred checks pending (rows the transaction wrote earlier: new items,
            # the job's progress): run them now, as the commit would, and defer again after.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for name, _ in foreign_keys:
                cursor.execute(f"ALTER TABLE {q(table)} DROP CONSTRAINT {q(name)}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            foreign_keys = []  # SQLite cannot drop a constraint without rebuilding the table
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL"
                " AND sql NOT LIKE '%% WHERE %%'",
                [table],
            )
            indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {q(name)}")
    keys = [
        f"ALTER TABLE {q(table)} ADD CONSTRAINT {q(name)} {definition}" for name, definition in foreign_keys
    ]
    if keys:
        keys = ["SET CONSTRAINTS ALL IMMEDIATE", *keys, "SET CONSTRAINTS ALL DEFERRED"]
    return [sql for _, sql in indexes] + keys


def _existing(source_ids: list[str], connection, suffix: str) -> dict[str, tuple]:
    """source_id → (pk, *comparable IMPORTED_FIELDS values) of the complaints on file, read raw (no converters)."""
    q = connection.ops.quote_name
    table = q(FieldComplaint._meta.db_table)
    found: dict[str, tuple] = {}
    with connection.cursor() as cursor:
        cols = ", ".join(q(c) for c in _columns(["source_id", "id", *IMPORTED_FIELDS]))
        if connection.vendor == "postgresql":  # one round trip with an array parameter
            cursor.execute(f"SELECT {cols} FROM {table} WHERE {q('source_id')} = ANY(%s)", [source_ids])  # noqa: S608
            for row in cursor.fetchall():
                found[row[0]] = (row[1], *comparable(row[2:], suffix))
            return found
        for start in range(0, len(source_ids), 900):
            chunk = source_ids[start : start + 900]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"SELECT {cols} FROM {table} WHERE {q('source_id')} IN ({marks})", chunk)  # noqa: S608
            for row in cursor.fetchall():
                found[row[0]] = (row[1], *comparable(row[2:], suffix))
    return found


def _due(checked: Checked, items: dict) -> object:
    """Each row's deadline (timestamp[us, UTC]): clock hours added column-wise, working hours by the calendar."""
    calendar = get_calendar()
    span_of = {key: round(item.deadline_hours * 3_600_000_000) for key, item in items.items()}
    by_working_hours = {
        key for key, item in items.items() if item.deadline_basis == DeadlineBasis.WORKING_HOURS
    }
    due = pc.add(checked.received, pa.array([span_of[key] for key in checked.item_keys], pa.duration("us")))
    if not by_working_hours:
        return due
    working = [key in by_working_hours for key in checked.item_keys]
    rows = [i for i, flag in enumerate(working) if flag]
    if not rows:
        return due
    values: list[dt.datetime] = []
    memo: dict[tuple, dt.datetime] = {}
    for i, moment in zip(rows, checked.received.take(pa.array(rows, pa.int64())).to_pylist(), strict=True):
        # Counting working hours starts where working time starts: rows received after hours share it.
        key = (calendar.start_of_working_time(moment), checked.item_keys[i])
        due_at = memo.get(key)
        if due_at is None:
            due_at = memo[key] = complaint_due_at(items[key[1]], key[0], calendar)
        values.append(due_at)
    return pc.replace_with_mask(due, pa.array(working), pa.array(values, due.type))


def _public_ids(count: int) -> list[str]:
    """Random version-4 UUIDs as 32 hex digits (what both databases accept for the uuid column), in ascending order:
    each is as random as ever, but the unique index takes them one after another instead of at random places
    (0.06–0.12 s less for a year's rows on SQLite)."""
    raw = os.urandom(16 * count).hex()
    variant = "89ab"
    return sorted(
        f"{raw[j : j + 12]}4{raw[j + 13 : j + 16]}{variant[int(raw[j + 16], 16) & 3]}{raw[j + 17 : j + 32]}"
        for j in range(0, 32 * count, 32)
    )


def _write(checked: Checked, names: Names, job, progress) -> tuple[int, int, int, list[str]]:
    """Insert new rows and update changed ones in batches. Returns (created, updated, unchanged, new ids)."""
    connection = transaction.get_connection()
    postgres = connection.vendor == "postgresql"
    suffix = (
        "+00" if postgres else ""
    )  # the text moments are UTC: say so to PostgreSQL, whatever its time zone
    q = connection.ops.quote_name
    table = q(FieldComplaint._meta.db_table)
    items = {key: item.effective for key, item in names.items.items()}
    item_ids = {key: item.pk for key, item in items.items()}
    columns = [  # IMPORTED_FIELDS, column by column
        moment_texts(checked.received, suffix),
        [item_ids[key] for key in checked.item_keys],
        checked.titles,
        checked.bodies,
        checked.addresses,
        checked.latitudes,
        checked.longitudes,
        checked.unit_names,
        checked.unit_ids,
        checked.statuses,
        moment_texts(_due(checked, items), suffix),
        moment_texts(checked.processed, suffix),
        checked.results,
    ]
    empty = _table_is_empty(connection)
    existing = {} if empty else _existing(checked.source_ids, connection, suffix)
    now = str(timezone.now().astimezone(dt.UTC).replace(tzinfo=None)) + suffix
    job_id = job.pk if job is not None else None
    unchanged = 0
    to_update: list[tuple] = []
    if existing:
        new_rows = []
        for i, (source_id, values) in enumerate(
            zip(checked.source_ids, zip(*columns, strict=True), strict=True)
        ):
            old = existing.get(source_id)
            if old is None:
                new_rows.append(i)
            elif old[1:] != values:
                to_update.append((*values, job_id, now, old[0]))
            else:
                unchanged += 1
        source_ids = [checked.source_ids[i] for i in new_rows]
        columns = [[column[i] for i in new_rows] for column in columns]
    else:  # a first load: every row is new, and the rows stream straight into the database
        source_ids = checked.source_ids
    constants = [Source.EUNGDAPSO, "", "", "", "", job_id, now, now]
    create = zip(
        source_ids,
        repeat(constants[0]),
        _public_ids(len(source_ids)),
        *columns,
        *(repeat(value) for value in constants[1:]),
    )
    total = len(source_ids) + len(to_update)
    restore_cache = _grow_sqlite_cache(connection)
    rebuild = _set_indexes_aside(connection) if empty and len(source_ids) >= REBUILD_INDEXES_FROM else []
    done = 0
    with connection.cursor() as cursor:
        names_sql = ", ".join(q(c) for c in _columns(CREATE_FIELDS))
        copy_sql = f"COPY {table} ({names_sql}) FROM STDIN"  # noqa: S608
        insert_sql = f"INSERT INTO {table} ({names_sql}) VALUES ({', '.join(['%s'] * len(CREATE_FIELDS))})"  # noqa: S608
        if postgres and source_ids:  # one COPY: the server inserts while the rows are still being sent
            with cursor.cursor.copy(copy_sql) as copy:
                for done, values in enumerate(create, start=1):
                    copy.write_row(values)
                    if progress and done % BATCH == 0:
                        progress(done, total)
            done = len(source_ids)
        while done < len(source_ids):
            batch = list(islice(create, BATCH))
            cursor.executemany(insert_sql, batch)
            done += len(batch)
            if progress:
                progress(done, total)
        if to_update:
            update_cols = _columns([*IMPORTED_FIELDS, "import_job_id", "updated_at"])
            update_sql = (
                f"UPDATE {table} SET {', '.join(f'{q(c)} = %s' for c in update_cols)} WHERE {q('id')} = %s"  # noqa: S608
            )
            for start in range(0, len(to_update), BATCH):
                cursor.executemany(update_sql, to_update[start : start + BATCH])
                done += len(to_update[start : start + BATCH])
                if progress:
                    progress(done, total)
        for statement in rebuild:
            cursor.execute(statement)
        if restore_cache is not None:
            cursor.execute(f"PRAGMA cache_size = {int(restore_cache)}")
    if progress:
        progress(total, total)
    return len(source_ids), len(to_update), unchanged, list(source_ids)


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
    columns = read_columns(data, HEADERS)
    names = Names()
    rows, errors = check_columns(columns, names)
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
