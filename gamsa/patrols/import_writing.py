"""Writing checked field complaints (docs/adr/0013): plain batched SQL instead of the ORM.

Creating and updating tens of thousands of rows goes through executemany on SQLite and one COPY on PostgreSQL: the
ORM's bulk_create/bulk_update spend most of their time compiling per-value SQL. A first load into an empty table
builds the indexes (and PostgreSQL's foreign keys) after the rows. Everything runs inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from itertools import islice, repeat
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from django.db import transaction
from django.utils import timezone

from gamsa.core.calendar import get_calendar
from gamsa.patrols.clock import complaint_due_at
from gamsa.patrols.models import DeadlineBasis, FieldComplaint, Source

if TYPE_CHECKING:
    from gamsa.patrols.importing import Checked, Names

BATCH = 2000
COPY_BATCH = 10_000  # rows per COPY on PostgreSQL; the progress bar moves between two
# A first load of at least this many rows into an empty table builds the indexes (and PostgreSQL's foreign keys)
# after the rows (see _set_indexes_aside); smaller files keep them up row by row.
REBUILD_INDEXES_FROM = 5000
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


def write(checked: Checked, names: Names, job, progress) -> tuple[int, int, int, list[str]]:
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
    # The new rows, in CREATE_FIELDS order: a list per column, or one value for every row.
    new_rows_by_column = [
        source_ids,
        Source.EUNGDAPSO,
        _public_ids(len(source_ids)),
        *columns,
        "",  # reporter name, phone, email and device: a portal row has none
        "",
        "",
        "",
        job_id,
        now,
        now,
    ]
    total = len(source_ids) + len(to_update)
    restore_cache = _grow_sqlite_cache(connection)
    rebuild = _set_indexes_aside(connection) if empty and len(source_ids) >= REBUILD_INDEXES_FROM else []
    done = 0
    with connection.cursor() as cursor:
        names_sql = ", ".join(q(c) for c in _columns(CREATE_FIELDS))
        copy_sql = f"COPY {table} ({names_sql}) FROM STDIN WITH (FORMAT csv)"  # noqa: S608
        insert_sql = f"INSERT INTO {table} ({names_sql}) VALUES ({', '.join(['%s'] * len(CREATE_FIELDS))})"  # noqa: S608
        if postgres and source_ids:
            # A COPY per COPY_BATCH rows: the server inserts while the rows are still being sent, and the progress
            # is reported between two of them. Not during one: the connection is busy until its COPY ends, so the
            # job's progress update (same connection) would wait for it for ever.
            rows = _arrow_rows(new_rows_by_column, len(source_ids))
            for start in range(0, rows.num_rows, COPY_BATCH):
                with cursor.cursor.copy(copy_sql) as copy:
                    copy.write(_csv(rows.slice(start, COPY_BATCH)))
                done = min(start + COPY_BATCH, rows.num_rows)
                if progress:
                    progress(done, total)
        # strict=False: the one-value columns repeat without end, the lists decide the length
        create = zip(*(c if isinstance(c, list) else repeat(c) for c in new_rows_by_column), strict=False)
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


# The COPY's rows are written by Arrow's CSV writer (C++), not row by row in Python (0.25 s of a year's import).
# Its "needed" quoting is what PostgreSQL's CSV format reads: every text quoted (an empty one as ""), a missing value
# as nothing at all (NULL), quotes doubled, line breaks kept inside the quotes.
_CSV = pacsv.WriteOptions(include_header=False, quoting_style="needed")
_ARROW_TYPES = {"item_id": pa.int64(), "unit_id": pa.int64(), "import_job_id": pa.int64()}
_ARROW_TYPES |= {"latitude": pa.float64(), "longitude": pa.float64()}


def _arrow_rows(by_column: list, count: int) -> pa.Table:
    """The new rows as an Arrow table: `by_column` holds, in CREATE_FIELDS order, a list per column or one value
    for every row."""
    return pa.table(
        {
            name: pa.array(
                column if isinstance(column, list) else [column] * count, _ARROW_TYPES.get(name, pa.string())
            )
            for name, column in zip(CREATE_FIELDS, by_column, strict=True)
        }
    )


def _csv(rows: pa.Table) -> bytes:
    sink = io.BytesIO()
    pacsv.write_csv(rows, sink, _CSV)
    return sink.getvalue()


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
