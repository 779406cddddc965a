"""The open-case board reads its page off the partial index inv_case_open_nearest (nearest_expiry, id) WHERE the
case is not closed, on SQLite and on PostgreSQL (the planner is asked through EXPLAIN on the board's own query)."""

from __future__ import annotations

from django.db import connection

from gamsa.investigations import selectors
from gamsa.investigations.models import OPEN_STATUSES, Case, Status
from gamsa.investigations.tests.helpers import planted_case, user


def _plan(sql: str, params) -> str:
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            # a test database has a handful of rows: make the planner show whether the index can serve at all
            cur.execute("SET LOCAL enable_seqscan = off")
            cur.execute("SET LOCAL enable_sort = off")
            cur.execute("EXPLAIN " + sql, params)
        else:
            cur.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(str(row) for row in cur.fetchall())


def test_the_index_is_partial_on_the_open_statuses(db):
    constraints = connection.introspection.get_constraints(connection.cursor(), Case._meta.db_table)
    # the key (PostgreSQL's introspection lists the INCLUDE columns after it)
    assert constraints["inv_case_open_nearest"]["columns"][:2] == ["nearest_expiry", "id"]
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'inv_case_open_nearest'")
        else:
            cur.execute("SELECT sql FROM sqlite_master WHERE name = 'inv_case_open_nearest'")
        definition = cur.fetchone()[0]
    assert "WHERE" in definition.upper() and "'closed'" in definition
    if (
        connection.vendor == "postgresql"
    ):  # the board's columns ride along: an index-only scan to the last page
        assert "INCLUDE (case_number, title, source, status, received_on)" in definition, definition
    # "not closed" is exactly the open statuses (the board's, 내 업무's)
    assert [s for s in Status.values if s != "closed"] == OPEN_STATUSES


def test_the_board_query_uses_the_partial_index(demo):
    planted_case()
    sql, params = selectors.open_cases(user("head"))[:30].query.sql_with_params()
    plan = _plan(sql, params)
    assert "inv_case_open_nearest" in plan, plan
    if connection.vendor == "sqlite":
        assert "TEMP B-TREE" not in plan, plan  # no sort step: the rows come in the index's order
