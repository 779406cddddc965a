"""The near-duplicate scan (the rules are in windows.py): the queue of owed scans, the bulk scan of field
complaints an import or an entry wrote, and the scan of one new finding.

A scan that is owed survives a crash: the complaints to scan are rows of DuplicateScanPending, written in the same
transaction as the complaints; the scan works item by item, each item in one transaction that writes its candidates
and deletes its pending rows. A process killed half-way leaves the items it had not finished pending, and the next
`scan_pending()` (every import runs one, even of a file with nothing new; `gamsa fieldcomplaints scan`) does them.

Speed (bench/fieldcomplaints_import.py, bench/patrols_duplicates.py): one query for the pending complaints, then
per item one query for the complaints (and findings) on file around them, and the sweep (sweep.py).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import itemgetter

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Max, Q
from django.utils import timezone

from gamsa.patrols.duplicates.sweep import sweep
from gamsa.patrols.duplicates.windows import (
    COMPLAINT,
    DAY_S,
    DEFAULT_WINDOW,
    FINDING,
    M_PER_DEG,
    MAX_PER_SUBJECT,
    ItemGroup,
    item_groups,
)
from gamsa.patrols.models import (
    ComplaintStatus,
    DuplicateCandidate,
    DuplicateScanPending,
    FieldComplaint,
    Finding,
    FindingStatus,
)

LOCK_CLASS = 7301  # PostgreSQL advisory lock (LOCK_CLASS, item id): one scan of an item at a time


# --- the queue of owed scans ------------------------------------------------------------------------------------


def last_complaint_id() -> int:
    """Read inside an import's transaction before it writes: its new rows are the ones above."""
    return FieldComplaint.objects.aggregate(last=Max("pk"))["last"] or 0


def mark_pending_after(last_id: int) -> None:
    """Inside the import's transaction, after its rows are written: the complaints above `last_id` owe a scan.
    One INSERT … SELECT by primary key; a row already pending (a concurrent entry's own) is left as it is."""
    connection = transaction.get_connection()
    q = connection.ops.quote_name
    pending, complaints = (q(DuplicateScanPending._meta.db_table), q(FieldComplaint._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {pending} ({q('complaint_id')}) SELECT {q('id')} FROM {complaints}"  # noqa: S608
            f" WHERE {q('id')} > %s ON CONFLICT DO NOTHING",
            [last_id],
        )


def mark_pending(ids: Iterable[int]) -> None:
    """These complaints owe a scan (call inside the transaction that writes them)."""
    DuplicateScanPending.objects.bulk_create(
        [DuplicateScanPending(complaint_id=pk) for pk in ids], ignore_conflicts=True
    )


def pending_count() -> int:
    return DuplicateScanPending.objects.count()


@dataclass
class ScanResult:
    complaints: int = 0  # pending complaints done
    candidates: int = 0  # candidates made


def scan_complaints(ids: Iterable[int]) -> int:
    """Scan these field complaints now (they are marked pending first, so a crash leaves them owed). Returns the
    number of candidates made. Idempotent: a pair already on file (in either decision) is not made again."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return 0
    with transaction.atomic():
        mark_pending(ids)
    return scan_pending(only=ids).candidates


# How many pending complaints one transaction of the scan covers (whole items: one item is never split). A
# district's year is one or two transactions; a crash loses at most the work of the one in flight.
RECORDS_PER_TRANSACTION = 40_000


@dataclass
class Bounds:
    """Where and when an item group's pending complaints lie (the pool to read is this, widened by the window)."""

    first: float = math.inf
    last: float = -math.inf
    south: float = math.inf
    north: float = -math.inf
    west: float = math.inf
    east: float = -math.inf

    def add(self, first, last, south, north, west, east) -> None:
        self.first, self.last = min(self.first, first), max(self.last, last)
        self.south, self.north = min(self.south, south), max(self.north, north)
        self.west, self.east = min(self.west, west), max(self.east, east)


def scan_pending(
    only: Iterable[int] | None = None, progress: Callable[[int, int], None] | None = None
) -> ScanResult:
    """Scan every pending complaint (or those of `only` that are pending): whole item groups, about
    RECORDS_PER_TRANSACTION pending complaints per transaction, each writing its candidates and deleting its
    pending rows. `progress(done, total)` (pending complaints) is called between transactions."""
    connection = connections[DEFAULT_DB_ALIAS]
    only = None if only is None else list(only)
    groups = item_groups()
    by_group: dict[int, list[int]] = defaultdict(list)
    nothing_to_do = []  # gone, or an item that is never a duplicate
    for pk, item_id in _pending(connection, only):
        group = groups.get(item_id)
        if group is None or group.window is None:
            nothing_to_do.append(pk)
        else:
            by_group[group.target].append(pk)
    bounds: dict[int, Bounds] = defaultdict(Bounds)
    for item_id, *values in _pending_bounds(connection, only):
        if item_id in groups and groups[item_id].target in by_group:
            bounds[groups[item_id].target].add(*values)
    total = len(nothing_to_do) + sum(len(ids) for ids in by_group.values())
    if not total:
        return ScanResult()
    # transactions: [ids with nothing to compare, [(group, its pending ids), …]]
    work: list[tuple[list[int], list]] = [(nothing_to_do, [])]
    size = 0
    for target in sorted(by_group):
        if size and size + len(by_group[target]) > RECORDS_PER_TRANSACTION:
            work.append(([], []))
            size = 0
        work[-1][1].append((groups[target], by_group[target]))
        size += len(by_group[target])
    result = ScanResult()
    for skipped, part in work:
        with transaction.atomic():
            result.candidates += _scan_part(connection, skipped, part, bounds)
        result.complaints += len(skipped) + sum(len(ids) for _, ids in part)
        if progress:
            progress(result.complaints, total)
    return result


def _scan_part(connection, skipped: list[int], part: list, bounds: dict[int, Bounds]) -> int:
    """One transaction's work: the item groups' locks in one statement, each group scanned, then all their
    candidates written in one statement and all the part's pending rows deleted in one (a statement per group cost
    a round trip and a pass over the queue each: 63 of each for a year)."""
    if connection.vendor == "postgresql" and part:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s::int4, t) FROM unnest(%s::int4[]) AS t",
                [LOCK_CLASS, sorted(group.target for group, _ in part)],  # in order: no deadlock
            )
    found = [_scan_group(connection, group, ids, bounds.get(group.target)) for group, ids in part]
    on_file = _pairs_on_file(connection, [key for near in found for key in near])
    made = [row for near in found for row in _keep_new(near, on_file)]
    _insert(connection, made)
    _delete_pending(connection, [*skipped, *(pk for _, ids in part for pk in ids)])
    return len(made)


def _pending(connection, only: list[int] | None) -> list[tuple]:
    """(id, item) of the pending complaints (all, or those of `only`); item None for a complaint that is gone."""
    q = connection.ops.quote_name
    select = (
        f"SELECT p.{q('complaint_id')}, c.{q('item_id')} FROM {q(DuplicateScanPending._meta.db_table)} p"  # noqa: S608
        f" LEFT JOIN {q(FieldComplaint._meta.db_table)} c ON c.{q('id')} = p.{q('complaint_id')}"
    )
    return _select_pending(connection, select, [], "", only)


def _pending_bounds(connection, only: list[int] | None) -> list[tuple]:
    """Per item: (item, first and last moment as epoch seconds, south, north, west, east) of its pending complaints
    that have coordinates: plain min/max of the columns in SQL (no expression per row), so a year's batch is read
    into Python once, by the pool."""
    q = connection.ops.quote_name
    select = (
        f"SELECT c.{q('item_id')}, min(c.{q('received_at')}), max(c.{q('received_at')}),"  # noqa: S608
        f" min(c.{q('latitude')}), max(c.{q('latitude')}), min(c.{q('longitude')}), max(c.{q('longitude')})"
        f" FROM {q(DuplicateScanPending._meta.db_table)} p"
        f" JOIN {q(FieldComplaint._meta.db_table)} c ON c.{q('id')} = p.{q('complaint_id')}"
    )
    where = [f"c.{q('latitude')} IS NOT NULL", f"c.{q('longitude')} IS NOT NULL"]
    rows = _select_pending(connection, select, where, f" GROUP BY c.{q('item_id')}", only)
    return [
        (item, _seconds(first), _seconds(last), float(south), float(north), float(west), float(east))
        for item, first, last, south, north, west, east in rows
    ]


def _seconds(moment) -> float:
    """A moment as read by a plain cursor (SQLite: UTC text; PostgreSQL: an aware datetime) → epoch seconds."""
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment).replace(tzinfo=dt.UTC)
    return moment.timestamp()


def _select_pending(connection, select: str, where: list[str], tail: str, only: list[int] | None) -> list:
    """`select` over the pending rows (alias p), all of them or those of `only`."""
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        if only is None:
            cursor.execute(select + (f" WHERE {' AND '.join(where)}" if where else "") + tail)
            return cursor.fetchall()
        condition = " AND ".join([*where, f"p.{q('complaint_id')} IN ({_id_list(connection)})"])
        cursor.execute(f"{select} WHERE {condition}{tail}", [_ids_param(connection, only)])
        return cursor.fetchall()


def _id_list(connection) -> str:
    """SQL for "one of the ids in the single parameter" (`_ids_param`): an array on PostgreSQL, a JSON array read by
    json_each on SQLite. One statement whatever the count."""
    if connection.vendor == "postgresql":
        return "SELECT unnest(%s::bigint[])"
    return "SELECT value FROM json_each(%s)"


def _ids_param(connection, ids: list[int]):
    return list(ids) if connection.vendor == "postgresql" else json.dumps(list(ids))


def _delete_pending(connection, ids: list[int]) -> None:
    if not ids:
        return
    q = connection.ops.quote_name
    table, column = q(DuplicateScanPending._meta.db_table), q("complaint_id")
    with connection.cursor() as cursor:
        if (
            connection.vendor == "postgresql"
        ):  # = ANY: the planner sees the array's size (IN (unnest …): 10 rows)
            cursor.execute(f"DELETE FROM {table} WHERE {column} = ANY(%s::bigint[])", [list(ids)])  # noqa: S608
            return
        cursor.execute(
            f"DELETE FROM {table} WHERE {column} IN ({_id_list(connection)})",  # noqa: S608
            [_ids_param(connection, ids)],
        )


def _chunks(values: list, size: int):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _float(connection, column: str) -> str:
    return f"{column}::float8" if connection.vendor == "postgresql" else f"CAST({column} AS REAL)"


def _epoch(connection, column: str) -> str:
    """A moment column as seconds since 1970 (SQLite keeps UTC text; julianday reads it to the millisecond)."""
    if connection.vendor == "postgresql":
        return f"extract(epoch FROM {column})::float8"
    return f"(julianday({column}) - 2440587.5) * 86400.0"


def _moment(connection, seconds: float):
    return connection.ops.adapt_datetimefield_value(dt.datetime.fromtimestamp(seconds, dt.UTC))


# --- one item's scan ---------------------------------------------------------------------------------------------


def _scan_group(connection, group: ItemGroup, ids: list[int], bounds: Bounds | None) -> dict[tuple, tuple]:
    """Inside a transaction holding the group's lock: the near pairs (`sweep`) of the pending complaints `ids` of
    one item group with everything of the item on file around them (`_scan_part` keeps the new ones, writes them
    and deletes the pending rows)."""
    if bounds is None:  # none of them has coordinates
        return {}
    batch = set(ids)
    records = [
        rec if rec[2] not in batch or rec[1] != COMPLAINT else (*rec[:5], True, *rec[6:])
        for rec in _pool(connection, group, bounds)
    ]
    # records on file already marked duplicates are left out; the batch's own are compared as subjects
    records = [rec for rec in records if rec[5] or not rec[6]]
    return sweep(records, group.window)


def _pool(connection, group: ItemGroup, bounds: Bounds) -> list[tuple]:
    """The item's complaints and findings on file within the window around the pending ones (a box in degrees and
    a span of time; the index on (item, received_at) answers it), as sweep records."""
    q = connection.ops.quote_name
    window = group.window
    dlat = window.radius_m / M_PER_DEG
    widest = max(abs(bounds.south), abs(bounds.north)) + dlat
    dlng = window.radius_m / (M_PER_DEG * math.cos(math.radians(min(widest, 89.0))))
    start = _moment(connection, bounds.first - window.seconds - 1)
    end = _moment(connection, bounds.last + window.seconds + 1)
    box = [bounds.south - dlat, bounds.north + dlat, bounds.west - dlng, bounds.east + dlng]
    members = ", ".join(["%s"] * len(group.members))
    records = []
    with connection.cursor() as cursor:
        for kind, model, moment, done, duplicate in (
            (COMPLAINT, FieldComplaint, "received_at", "processed_at", ComplaintStatus.DUPLICATE),
            (FINDING, Finding, "reported_at", "closed_at", FindingStatus.DUPLICATE),
        ):
            cursor.execute(
                f"SELECT {q('id')}, {_epoch(connection, q(moment))}, {_float(connection, q('latitude'))},"  # noqa: S608
                f" {_float(connection, q('longitude'))}, CASE WHEN {q('status')} = %s THEN 1 ELSE 0 END,"
                f" {_epoch(connection, q(done))}"
                f" FROM {q(model._meta.db_table)} WHERE {q('item_id')} IN ({members})"
                f" AND {q(moment)} >= %s AND {q(moment)} <= %s"
                f" AND {q('latitude')} >= %s AND {q('latitude')} <= %s"
                f" AND {q('longitude')} >= %s AND {q('longitude')} <= %s",
                [duplicate.value, *group.members, start, end, *box],
            )
            records += [
                (ts, kind, pk, lat, lng, False, bool(dup), math.inf if dealt is None else dealt)
                for pk, ts, lat, lng, dup, dealt in cursor.fetchall()
            ]
    return records


def _keep_new(found: dict[tuple, tuple], on_file: dict[tuple, set]) -> list[tuple]:
    """(subject, other, metres) to write: per subject the nearest, leaving out pairs on file and keeping the
    subject's candidates (those on file included) at MAX_PER_SUBJECT."""
    rows = []
    for key, (subject, near) in found.items():
        have = on_file.get(key, set())
        room = MAX_PER_SUBJECT - len(have)
        if room <= 0:
            continue
        near.sort(key=itemgetter(0))
        for d2, other in near:
            if (other[1], other[2]) in have:
                continue
            rows.append((subject, other, math.sqrt(d2)))
            room -= 1
            if not room:
                break
    return rows


def _pairs_on_file(connection, subjects: list[tuple]) -> dict[tuple, set]:
    """Subject key → keys of the records it already has candidates with (any decision)."""
    q = connection.ops.quote_name
    table = q(DuplicateCandidate._meta.db_table)
    pairs: dict[tuple, set] = defaultdict(set)
    with connection.cursor() as cursor:
        for kind, column in ((COMPLAINT, "subject_complaint_id"), (FINDING, "subject_finding_id")):
            ids = [pk for k, pk in subjects if k == kind]
            if not ids:
                continue
            cursor.execute(
                f"SELECT {q(column)}, {q('other_complaint_id')}, {q('other_finding_id')} FROM {table}"  # noqa: S608
                f" WHERE {q(column)} IN ({_id_list(connection)})",
                [_ids_param(connection, ids)],
            )
            for subject, other_complaint, other_finding in cursor.fetchall():
                other = (COMPLAINT, other_complaint) if other_complaint else (FINDING, other_finding)
                pairs[(kind, subject)].add(other)
    return pairs


def _values(newer: tuple, older: tuple, metres: float) -> dict:
    return {
        "subject_complaint_id": newer[2] if newer[1] == COMPLAINT else None,
        "subject_finding_id": newer[2] if newer[1] == FINDING else None,
        "other_complaint_id": older[2] if older[1] == COMPLAINT else None,
        "other_finding_id": older[2] if older[1] == FINDING else None,
        "distance_m": int(round(metres)),
        "days_apart": int(abs(newer[0] - older[0]) // DAY_S),
    }


INSERT_COLUMNS = [
    "subject_complaint_id",
    "subject_finding_id",
    "other_complaint_id",
    "other_finding_id",
    "distance_m",
    "days_apart",
    "decision",
    "created_at",
    "public_id",
]


def _insert(connection, pairs: list[tuple]) -> None:
    """Candidates in one go: plain INSERTs (model instances would cost more than the scan for a year's batch)."""
    if not pairs:
        return
    table = connection.ops.quote_name(DuplicateCandidate._meta.db_table)
    marks = ", ".join(["%s"] * len(INSERT_COLUMNS))
    sql = f"INSERT INTO {table} ({', '.join(INSERT_COLUMNS)}) VALUES ({marks})"  # noqa: S608
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    pending = DuplicateCandidate.Decision.PENDING.value
    public_id = DuplicateCandidate._meta.get_field("public_id")
    rows = []
    for newer, older, metres in pairs:
        values = _values(newer, older, metres)
        uid = public_id.get_db_prep_value(uuid.uuid4(), connection)
        rows.append([*(values[c] for c in INSERT_COLUMNS[:6]), pending, now, uid])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # one statement: the columns as arrays
            types = [
                "bigint",
                "bigint",
                "bigint",
                "bigint",
                "integer",
                "integer",
                "text",
                "timestamptz",
                "uuid",
            ]
            unnest = ", ".join(f"%s::{t}[]" for t in types)
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(INSERT_COLUMNS)}) SELECT * FROM unnest({unnest})",  # noqa: S608
                [list(column) for column in zip(*rows, strict=True)],
            )
            return
        for chunk in _chunks(rows, 5000):
            cursor.executemany(sql, chunk)


# --- findings ---------------------------------------------------------------------------------------------------


def scan_finding(finding: Finding) -> list[DuplicateCandidate]:
    """Pending candidates for one finding (against findings and, when it has an item, field complaints)."""
    if finding.latitude is None or finding.longitude is None:
        return []
    window, item_ids = DEFAULT_WINDOW, []
    if finding.item_id:
        group = item_groups().get(finding.item_id)
        if group is not None:
            if group.window is None:
                return []  # an item that is never a duplicate
            window, item_ids = group.window, group.members
    lat, lng, at = float(finding.latitude), float(finding.longitude), finding.reported_at
    span = dt.timedelta(days=window.days)
    dlat = window.radius_m / M_PER_DEG
    dlng = window.radius_m / (M_PER_DEG * math.cos(math.radians(abs(lat) + dlat)))
    box = {
        "latitude__gte": lat - dlat,
        "latitude__lte": lat + dlat,
        "longitude__gte": lng - dlng,
        "longitude__lte": lng + dlng,
    }
    pool = []
    findings = (
        Finding.objects.filter(
            category_id=finding.category_id, reported_at__gte=at - span, reported_at__lte=at + span, **box
        )
        .exclude(pk=finding.pk)
        .exclude(status=FindingStatus.DUPLICATE)
    )
    if item_ids:
        findings = findings.filter(Q(item__isnull=True) | Q(item_id__in=item_ids))
        pool += [
            (t.timestamp(), COMPLAINT, pk, float(la), float(lo))
            for pk, la, lo, t in FieldComplaint.objects.filter(
                item_id__in=item_ids, received_at__gte=at - span, received_at__lte=at + span, **box
            )
            .exclude(status=ComplaintStatus.DUPLICATE)
            .values_list("id", "latitude", "longitude", "received_at")
        ]
    pool += [
        (t.timestamp(), FINDING, pk, float(la), float(lo))
        for pk, la, lo, t in findings.values_list("id", "latitude", "longitude", "reported_at")
    ]
    me = (at.timestamp(), FINDING, finding.pk, lat, lng)
    on_file: dict[tuple, set] = defaultdict(set)
    for sf, sc, of, oc in DuplicateCandidate.objects.filter(
        Q(subject_finding=finding) | Q(other_finding=finding)
    ).values_list("subject_finding_id", "subject_complaint_id", "other_finding_id", "other_complaint_id"):
        subject = (FINDING, sf) if sf else (COMPLAINT, sc)
        on_file[subject].add((FINDING, of) if of else (COMPLAINT, oc))
    near = []
    kx = M_PER_DEG * math.cos(math.radians(lat))
    for other in pool:
        dy, dx = (other[3] - lat) * M_PER_DEG, (other[4] - lng) * kx
        metres = math.hypot(dx, dy)
        if metres <= window.radius_m:
            near.append((metres, other))
    near.sort(key=itemgetter(0))
    made = []
    for metres, other in near:
        newer, older = (me, other) if me[:3] > other[:3] else (other, me)
        subject, partner = (newer[1], newer[2]), (older[1], older[2])
        if partner in on_file[subject] or len(on_file[subject]) >= MAX_PER_SUBJECT:
            continue
        on_file[subject].add(partner)
        made.append(DuplicateCandidate(**_values(newer, older, metres)))
    return DuplicateCandidate.objects.bulk_create(made)
