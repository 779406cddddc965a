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
3. The good rows are written in ONE transaction (`import_writing`: executemany on SQLite, one COPY on PostgreSQL).
   Re-importing updates in place keyed by 접수번호: unchanged rows are not touched, changed rows are updated, nothing
   is duplicated.
4. Names the system does not know are kept, never dropped: an unknown 세부항목 becomes a provisional FieldItem with
   the default deadline, an unknown 처리부서 a UnitAlias without a unit; both appear on the admin mapping screens.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pyarrow as pa
import pyarrow.compute as pc
from django.db import transaction
from django.utils.text import slugify

from gamsa.core.calendar import SEOUL
from gamsa.core.models import OrgUnit, User
from gamsa.core.services import record_event
from gamsa.core.tabular import Columns, ImportFileError, RowError, read_columns
from gamsa.core.tabular import parse_moment as tabular_moment
from gamsa.core.validators import (
    CONTROL_MESSAGE,
    CONTROL_PATTERN,
    EARLIEST_DATE,
    EVENT_YEARS_AHEAD,
    latest_date,
    window_text,
)
from gamsa.patrols.duplicates import scan
from gamsa.patrols.fieldcomplaints import evaluation
from gamsa.patrols.fieldcomplaints.import_writing import Checked, write
from gamsa.patrols.fieldcomplaints.services import LAT_RANGE, LNG_RANGE
from gamsa.patrols.models import (
    OPEN_COMPLAINT_STATUSES,
    ComplaintStatus,
    FieldCategory,
    FieldItem,
    UnitAlias,
)
from gamsa.patrols.seeds import PROVISIONAL_DEADLINE

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
MAX_ERRORS_KEPT = 2000
UNCLASSIFIED = "미분류"


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


def _outside_window(moments):
    """Mask of moments outside the sane date window (gamsa.core.validators), nulls counted as inside."""
    first = dt.datetime.combine(EARLIEST_DATE, dt.time(), SEOUL)
    last = dt.datetime.combine(
        latest_date(years_ahead=EVENT_YEARS_AHEAD) + dt.timedelta(days=1), dt.time(), SEOUL
    )
    outside = pc.or_(
        pc.less(moments, pa.scalar(first, pa.timestamp("us", tz="UTC"))),
        pc.greater_equal(moments, pa.scalar(last, pa.timestamp("us", tz="UTC"))),
    )
    return pc.fill_null(outside, False)


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
        ("received", _outside_window(received), window_text("접수일시", years_ahead=EVENT_YEARS_AHEAD)),
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
        ("processed", _outside_window(processed), window_text("처리일시", years_ahead=EVENT_YEARS_AHEAD)),
        (
            "processed",
            pc.and_(pc.is_null(processed), pc.fill_null(pc.equal(state, ComplaintStatus.DONE), False)),
            "처리완료인데 처리일시가 없습니다",
        ),
    ]
    for name in columns.present:
        checks.append(("text", pc.match_substring_regex(col[name], CONTROL_PATTERN), CONTROL_MESSAGE))
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
    open_rows = pc.is_in(state, pa.array(list(OPEN_COMPLAINT_STATUSES), pa.string()))
    processed = pc.if_else(open_rows, pa.scalar(None, processed.type), processed)
    return (
        Checked(
            lines=lines.to_pylist(),
            source_ids=pc.utf8_slice_codeunits(col["접수번호"], 0, 40),
            received=received,
            item_keys=item_keys,
            titles=pc.utf8_slice_codeunits(titles, 0, 300),
            bodies=col["내용"],
            addresses=pc.utf8_slice_codeunits(col["주소"], 0, 300),
            latitudes=latitude,
            longitudes=longitude,
            unit_names=_mapped(col["처리부서"], lambda text: names.unit_for(text)[0][:100], pa.string()),
            unit_ids=_mapped(
                col["처리부서"], lambda text: getattr(names.unit_for(text)[1], "pk", None), pa.int64()
            ),
            statuses=state,
            processed=processed,
            results=col["처리내용"],
        ),
        errors,
    )


def scan_new_for_duplicates(report: ImportReport | None = None) -> int:
    """The near-duplicate scan an import owes, after its commit: every pending complaint, so also those a run
    killed during its scan left (a re-run of the same file creates nothing and still finishes them). Returns the
    candidates made."""
    return scan.scan_pending().candidates


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
        last_id = scan.last_complaint_id()
        report.new_items, report.new_unit_names = names.create_missing()
        report.created, report.updated, report.unchanged, report.new_source_ids = write(
            rows, names.items, job, progress
        )
        if report.created:  # committed with the rows: a scan killed after the commit stays owed (ADR 0013)
            scan.mark_pending_after(last_id)
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
        if scan_duplicates:
            transaction.on_commit(scan.scan_pending)
    report.committed = True
    return report
