"""Writing checked field complaints (docs/adr/0013): plain batched SQL instead of the ORM.

Creating and updating tens of thousands of rows goes through executemany on SQLite and one COPY on PostgreSQL: the
ORM's bulk_create/bulk_update spend most of their time compiling per-value SQL. A first load into an empty table
builds the indexes (and PostgreSQL's foreign keys) after the rows. Everything runs inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from itertools import chain, islice, repeat

import pyarrow as pa
import pyarrow.compute as pc
from django.db import transaction
from django.utils import timezone
from pgpq import ArrowToPostgresBinaryEncoder

from gamsa.core.calendar import get_calendar
from gamsa.patrols.clock import complaint_due_at
from gamsa.patrols.models import DeadlineBasis, FieldComplaint, Source

BATCH = 2000
COPY_BATCH = 10_000  # rows per COPY on PostgreSQL; the progress bar moves between two
# A first load of at least this many rows into an empty table builds the indexes (and PostgreSQL's foreign keys)
# after the rows (see _set_indexes_aside); smaller files keep them up row by row.
REBUILD_INDEXES_FROM = 5000


@dataclass
class Checked:
    """The good rows, column by column (same order everywhere), ready to write: Arrow arrays, as read and checked
    (the writer hands them to PostgreSQL as they are, and makes Python values of them only for SQLite)."""

    lines: list[int]
    source_ids: pa.Array  # string
    received: pa.Array  # timestamp[us, UTC]
    item_keys: list[tuple[str, str]]
    titles: pa.Array  # string, as are the other texts
    bodies: pa.Array
    addresses: pa.Array
    latitudes: pa.Array  # float64 with nulls
    longitudes: pa.Array
    unit_names: pa.Array
    unit_ids: pa.Array  # int64 with nulls
    statuses: pa.Array
    processed: pa.Array  # timestamp[us, UTC] with nulls
    results: pa.Array

    def __len__(self) -> int:
        return len(self.lines)


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
COORDINATE_FIELDS = ("latitude", "longitude")
COORDINATE_POSITIONS = [IMPORTED_FIELDS.index(name) for name in COORDINATE_FIELDS]
MOMENT_FIELDS = {"received_at", "due_at", "processed_at"}
EMPTY_FOR_PORTAL_ROWS = (
    "reporter_name",
    "reporter_phone",
    "reporter_email",
    "device_id",
)  # a portal row has none
MOMENT_POSITIONS = [i for i, name in enumerate(IMPORTED_FIELDS) if name in MOMENT_FIELDS]


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


def comparable(values) -> tuple:
    """IMPORTED_FIELDS values as read back by `_existing`, in the form the import writes them: coordinates rounded
    to six places, moments as UTC text (SQLite's datetime converter gives naive UTC datetimes; PostgreSQL is asked
    for the text itself)."""
    out = list(values)
    for i in COORDINATE_POSITIONS:
        if out[i] is not None:
            out[i] = round(float(out[i]), 6)
    for i in MOMENT_POSITIONS:
        if out[i] is not None and not isinstance(out[i], str):
            out[i] = str(out[i])
    return tuple(out)


def _table_is_empty(connection) -> bool:
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(FieldComplaint._meta.db_table)
        cursor.execute(f"SELECT 1 FROM {table} LIMIT 1")  # noqa: S608
        return cursor.fetchone() is None


def _set_indexes_aside(connection) -> list[str]:
    """A first load into an empty table: drop the table's secondary indexes (not its foreign keys, see below) and
    return the statements that build them again once the rows are in, the bulk-load recipe of PostgreSQL's manual
    ("Populating a Database"). Over a year's 66,228 rows, SQLite's seven indexes kept up row by row cost 0.6 s and
    0.3 s built once (ADR 0013). Unique indexes stay (they are constraints), and so do partial ones
    (they take few rows of a load, and each rebuild would read the whole table). The drops are part of
    the import's transaction on both databases: a failed import rolls them back with the rows, and readers see the
    old table, indexes included, until the commit (on PostgreSQL they wait for it: the table is empty)."""
    table = FieldComplaint._meta.db_table
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Foreign keys stay. Dropping one also takes an ACCESS EXCLUSIVE lock on the table it points at (core_job,
            # core_orgunit, patrols_fielditem) until the commit: every page that reads a unit, and the job's own
            # progress page, waited for the whole import. Their checks cost ~0.5 s per 66,228 rows (ADR 0013).
            cursor.execute(
                "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i"
                " JOIN pg_class c ON c.oid = i.indexrelid"
                " WHERE i.indrelid = %s::regclass AND NOT i.indisprimary AND NOT i.indisunique"
                " AND i.indpred IS NULL",
                [table],
            )
            indexes = cursor.fetchall()
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL"
                " AND sql NOT LIKE '%% WHERE %%'",
                [table],
            )
            indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {q(name)}")
    rebuild = [sql for _, sql in indexes]
    if rebuild and connection.vendor == "postgresql":
        # PostgreSQL builds no index on a table with deferred foreign-key checks pending: run them first.
        rebuild = ["SET CONSTRAINTS ALL IMMEDIATE", *rebuild, "SET CONSTRAINTS ALL DEFERRED"]
    return rebuild


def _pg_comparable(column: str) -> str:
    """A column read back on PostgreSQL in the form `moment_texts` (suffix "+00") and `comparable` give."""
    if column in MOMENT_FIELDS:
        utc = f"(\"{column}\" AT TIME ZONE 'UTC')"
        return (
            f"to_char({utc}, CASE WHEN mod(date_part('microseconds', {utc})::bigint, 1000000) = 0"
            f" THEN 'YYYY-MM-DD HH24:MI:SS' ELSE 'YYYY-MM-DD HH24:MI:SS.US' END) || '+00'"
        )
    if column in COORDINATE_FIELDS:
        return f'"{column}"::float8'
    return f'"{column}"'


def _existing(source_ids: list[str], connection) -> dict[str, tuple]:
    """source_id → (pk, *comparable IMPORTED_FIELDS values) of the complaints on file, read by a plain cursor.

    PostgreSQL is asked for the moments as the UTC text the import writes and for the coordinates as floats: it
    formats them, instead of Python building an aware datetime and a Decimal per value (half of a re-import's time
    before)."""
    q = connection.ops.quote_name
    table = q(FieldComplaint._meta.db_table)
    names = _columns(["source_id", "id", *IMPORTED_FIELDS])
    found: dict[str, tuple] = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # one round trip with an array parameter
            cols = ", ".join(_pg_comparable(c) for c in names)
            cursor.execute(f"SELECT {cols} FROM {table} WHERE {q('source_id')} = ANY(%s)", [source_ids])  # noqa: S608
            for row in cursor.fetchall():
                found[row[0]] = (row[1], *comparable(row[2:]))
            return found
        cols = ", ".join(q(c) for c in names)
        for start in range(0, len(source_ids), 900):
            chunk = source_ids[start : start + 900]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"SELECT {cols} FROM {table} WHERE {q('source_id')} IN ({marks})", chunk)  # noqa: S608
            for row in cursor.fetchall():
                found[row[0]] = (row[1], *comparable(row[2:]))
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


def _public_ids(count: int) -> list[bytes]:
    """Random version-4 UUIDs (16 bytes each) in ascending order: each is as random as ever, but the unique index
    takes them one after another instead of at random places (0.06–0.12 s less for a year's rows on SQLite)."""
    raw = bytearray(os.urandom(16 * count))
    raw[6::16] = bytes(b & 0x0F | 0x40 for b in raw[6::16])  # version 4
    raw[8::16] = bytes(b & 0x3F | 0x80 for b in raw[8::16])  # RFC 4122 variant
    whole = bytes(raw)
    return sorted(whole[j : j + 16] for j in range(0, 16 * count, 16))


def _python_columns(imported: pa.Table, suffix: str) -> list[list]:
    """IMPORTED_FIELDS as lists of SQL parameters (moments as UTC text), for SQLite and for comparing."""
    return [
        moment_texts(imported[name], suffix) if name in MOMENT_FIELDS else imported[name].to_pylist()
        for name in IMPORTED_FIELDS
    ]


def write(checked: Checked, items: dict, job, progress) -> tuple[int, int, int, list[str]]:
    """Insert new rows and update changed ones in batches. Returns (created, updated, unchanged, new ids).

    `items` maps each row's item key (`checked.item_keys`) to its FieldItem (the importer's resolved names)."""
    connection = transaction.get_connection()
    postgres = connection.vendor == "postgresql"
    suffix = (
        "+00" if postgres else ""
    )  # the text moments are UTC: say so to PostgreSQL, whatever its time zone
    q = connection.ops.quote_name
    table = q(FieldComplaint._meta.db_table)
    items = {key: item.effective for key, item in items.items()}
    item_ids = {key: item.pk for key, item in items.items()}
    imported = pa.table(  # IMPORTED_FIELDS as Arrow columns
        {
            "received_at": checked.received,
            "item_id": pa.array([item_ids[key] for key in checked.item_keys], pa.int64()),
            "title": checked.titles,
            "body": checked.bodies,
            "address": checked.addresses,
            "latitude": checked.latitudes,
            "longitude": checked.longitudes,
            "unit_name": checked.unit_names,
            "unit_id": checked.unit_ids,
            "status": checked.statuses,
            "due_at": _due(checked, items),
            "processed_at": checked.processed,
            "result": checked.results,
        }
    )
    source_ids = checked.source_ids
    empty = _table_is_empty(connection)
    ids = source_ids.to_pylist()
    existing = {} if empty else _existing(ids, connection)
    now = timezone.now().astimezone(dt.UTC)
    now_text = str(now.replace(tzinfo=None)) + suffix
    job_id = job.pk if job is not None else None
    unchanged = 0
    to_update: list[tuple] = []
    if existing:
        new_rows = []
        for i, (source_id, values) in enumerate(
            zip(ids, zip(*_python_columns(imported, suffix), strict=True), strict=True)
        ):
            old = existing.get(source_id)
            if old is None:
                new_rows.append(i)
            elif old[1:] != values:
                to_update.append((*values, job_id, now_text, old[0]))
            else:
                unchanged += 1
        take = pa.array(new_rows, pa.int64())
        imported, source_ids = imported.take(take), source_ids.take(take)
        ids = [ids[i] for i in new_rows]
    # else a first load: every row is new, and the rows stream straight into the database
    count = len(source_ids)
    total = count + len(to_update)
    restore_cache = _grow_sqlite_cache(connection)
    rebuild = _set_indexes_aside(connection) if empty and count >= REBUILD_INDEXES_FROM else []
    done = 0
    with connection.cursor() as cursor:
        names_sql = ", ".join(q(c) for c in _columns(CREATE_FIELDS))
        if postgres and count:
            # Binary COPY of the Arrow columns (ADR 0013): PostgreSQL parses no text, Python makes no values. A COPY
            # per COPY_BATCH rows, and the progress between two of them: not during one, as the connection is busy
            # until its COPY ends, so the job's progress update (same connection) would wait for it for ever.
            rows = _arrow_rows(source_ids, imported, job_id, now)
            copy_sql = f"COPY {table} ({names_sql}) FROM STDIN WITH (FORMAT binary)"  # noqa: S608
            for start in range(0, count, COPY_BATCH):
                encoder = ArrowToPostgresBinaryEncoder(rows.schema)
                with cursor.cursor.copy(copy_sql) as copy:
                    copy.write(encoder.write_header())
                    for batch in rows.slice(start, COPY_BATCH).to_batches():
                        copy.write(encoder.write_batch(batch))
                    copy.write(encoder.finish())
                done = min(start + COPY_BATCH, count)
                if progress:
                    progress(done, total)
        elif count:
            # CREATE_FIELDS in order; strict=False: the one-value columns repeat without end, the lists decide
            create = zip(
                ids,
                repeat(Source.EUNGDAPSO),
                [uid.hex() for uid in _public_ids(count)],
                *_python_columns(imported, suffix),
                *[repeat("")] * len(EMPTY_FOR_PORTAL_ROWS),
                repeat(job_id),
                repeat(now_text),
                repeat(now_text),
                strict=False,
            )
            head = f"INSERT INTO {table} ({names_sql}) VALUES "  # noqa: S608
            done = _insert_sqlite(connection, cursor.cursor, head, create, count, total, progress)
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
    return count, len(to_update), unchanged, ids


ROWS_PER_INSERT = 500  # SQLite: rows per multi-row INSERT (within its limit of bound values)


def _insert_sqlite(connection, raw_cursor, head: str, rows, count: int, total: int, progress) -> int:
    """Multi-row INSERTs of up to ROWS_PER_INSERT rows, run on sqlite3's own cursor with "?" marks: 20 % less than
    `executemany` row by row (one statement stepped per 500 rows), and no per-call conversion of Django's "%s"
    marks in a statement this long. Progress after every BATCH rows or so. Returns the rows written."""
    width = len(CREATE_FIELDS)
    per_statement = max(
        1, min(ROWS_PER_INSERT, connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width)
    )
    one = "(" + ", ".join(["?"] * width) + ")"
    full = head + ", ".join([one] * per_statement)
    done = reported = 0
    while done < count:
        chunk = list(islice(rows, per_statement))
        sql = full if len(chunk) == per_statement else head + ", ".join([one] * len(chunk))
        sqlite3.Cursor.execute(raw_cursor, sql, list(chain.from_iterable(chunk)))
        done += len(chunk)
        if progress and (done - reported >= BATCH or done == count):
            progress(done, total)
            reported = done
    return done


# PostgreSQL's binary COPY takes each value in its column's own binary form: the Arrow type of each column is chosen
# to match (numeric from decimal128, uuid from 16 bytes, timestamptz from UTC microseconds, text from UTF-8).
_COORDINATE = pa.decimal128(9, 6)  # the model's DecimalField(max_digits=9, decimal_places=6)
_MOMENT = pa.timestamp("us", tz="UTC")


def _arrow_rows(source_ids, imported: pa.Table, job_id: int | None, now: dt.datetime) -> pa.Table:
    """The new rows in CREATE_FIELDS order, typed for PostgreSQL's binary COPY."""
    count = len(source_ids)
    text = pa.scalar("", pa.string())
    columns = {
        "source_id": source_ids,
        "source": pa.repeat(pa.scalar(Source.EUNGDAPSO.value, pa.string()), count),
        "public_id": pa.array(_public_ids(count), pa.binary(16)),
    }
    for name in IMPORTED_FIELDS:
        column = imported[name]
        if name in COORDINATE_FIELDS:  # already rounded to 6 places when read
            column = column.cast(_COORDINATE, safe=False)
        columns[name] = column
    columns |= {name: pa.repeat(text, count) for name in EMPTY_FOR_PORTAL_ROWS}
    columns["import_job_id"] = pa.repeat(pa.scalar(job_id, pa.int64()), count)
    columns["created_at"] = columns["updated_at"] = pa.repeat(pa.scalar(now, _MOMENT), count)
    return pa.table(columns)


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
