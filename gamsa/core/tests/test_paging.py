"""Capped counts and the page plan for lists where many rows match (core/paging.py)."""

from __future__ import annotations

import pytest
from django.db import connection

from gamsa.core import paging
from gamsa.core.models import OrgUnit


class Walking(paging.CappedPaginator):
    cap = 3
    walk_when_capped = True


def _plan_settings() -> list[str] | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(["current_setting(%s)"] * len(paging.WALK_SETTINGS)),
            list(paging.WALK_SETTINGS),
        )
        return list(cursor.fetchone())


@pytest.mark.django_db
def test_capped_count_and_walked_pages_hold_the_same_rows(demo):
    units = OrgUnit.objects.order_by("-path", "-id")
    total = units.count()
    assert total > 10
    paginator = Walking(units, 2)
    assert paginator.count == 4 and paginator.capped  # counted up to cap + 1 only: two pages of two
    before = _plan_settings()
    first, second = paginator.page(1), paginator.page(2)
    assert list(first.object_list) == list(units[:2])
    assert list(second.object_list) == list(units[2:4])
    assert _plan_settings() == before  # the plan settings are put back for the rest of the transaction
    if before is not None:
        assert before[0] == "on" and before[-1] != "0"  # and they were the server's own, not the walk's

    some = units.filter(pk__in=[u.pk for u in units[:3]])
    few = Walking(some, 2)
    assert not few.capped and few.count == 3  # at or under the cap: counted exactly, the usual plan
    assert list(few.page(2).object_list) == list(some[2:3])


@pytest.mark.django_db
def test_rows_walking_order_returns_the_slice(demo):
    units = OrgUnit.objects.order_by("name", "id")
    assert paging.rows_walking_order(units[2:5]) == list(units[2:5])


@pytest.mark.django_db
def test_more_than_the_cap_is_remembered_and_a_small_count_is_not(demo):
    units = OrgUnit.objects.filter(kind__in=["department", "dong"]).order_by("-path", "-id")
    assert paging.capped_count(units, 3, remember=True) == 4
    keep = list(units.values_list("pk", flat=True)[:2])
    units.exclude(pk__in=keep).update(active=False)
    active = units.filter(active=True)
    assert active.count() == 2
    first = paging.capped_count(active, 3, remember=True)
    assert first == 2  # at or under the cap: counted, and not remembered
    OrgUnit.objects.filter(kind__in=["department", "dong"]).update(active=True)
    assert paging.capped_count(active, 3, remember=True) == 4  # counted again, now over the cap
    OrgUnit.objects.filter(kind__in=["department", "dong"]).exclude(pk__in=keep).update(active=False)
    assert paging.capped_count(active, 3, remember=True) == 4  # remembered: "more than 3" is not recounted
    assert paging.capped_count(active, 3) == 2  # without remembering, the real count


@pytest.mark.django_db
def test_moments_in_a_remembered_query_count_to_the_minute():
    import datetime as dt

    from django.utils import timezone

    from gamsa.core.models import Event

    since = timezone.now().replace(second=5, microsecond=0) - dt.timedelta(days=1)
    Event.objects.bulk_create([Event(verb="test.paging") for _ in range(4)])
    events = Event.objects.filter(verb="test.paging")
    assert paging.capped_count(events.filter(at__gte=since), 3, remember=True) == 4
    Event.objects.filter(verb="test.paging").update(verb="test.other")
    # the same list asked 40 seconds later (the overdue filter's "now" moved) is remembered, not counted again
    assert paging.capped_count(events.filter(at__gte=since + dt.timedelta(seconds=40)), 3, remember=True) == 4
    # a minute later it is a new question, and counted
    assert paging.capped_count(events.filter(at__gte=since + dt.timedelta(minutes=1)), 3, remember=True) == 0


@pytest.mark.django_db
def test_a_walk_past_its_budget_gives_way_to_the_usual_plan(demo, monkeypatch, caplog):
    if connection.vendor != "postgresql":
        pytest.skip("the walk and its time budget are PostgreSQL's")
    monkeypatch.setattr(paging, "WALK_BUDGET_MS", 5)
    units = OrgUnit.objects.order_by("name", "id")
    slow = units.extra(where=["pg_sleep(0.002) IS NOT NULL"])[:4]  # every row costs 2 ms: 4 rows pass 5 ms
    before = _plan_settings()
    with caplog.at_level("INFO", logger="gamsa.core.paging"):
        assert paging._walk(slow) is None  # cancelled at the budget
    assert "budget" in caplog.text and "pg_sleep" not in caplog.text  # said, without the query
    assert _plan_settings() == before  # settings put back, and the transaction still answers
    assert paging.rows_walking_order(slow) == list(units[:4])  # the usual plan, no budget
    assert paging._walk(units[:2]) == list(units[:2])  # a quick walk is kept


@pytest.mark.django_db(transaction=True)
def test_a_walk_outside_any_transaction_has_its_own_and_leaves_nothing_behind(monkeypatch, caplog):
    """A page request is not inside a transaction: the walk opens its own, the settings end with it, and a walk
    past its budget gives way the same as inside one."""
    from django.db.models.expressions import RawSQL

    if connection.vendor != "postgresql":
        pytest.skip("the walk and its settings are PostgreSQL's")
    from gamsa.core.models import Event

    Event.objects.bulk_create([Event(verb="test.walk") for _ in range(4)])
    events = Event.objects.filter(verb="test.walk").order_by("id")
    assert not connection.in_atomic_block
    before = _plan_settings()
    seen = events.annotate(scan=RawSQL("current_setting('enable_seqscan')", []))
    assert paging._walk(seen.values_list("scan", flat=True)[:1]) == ["off"]  # the walk ran with its settings
    assert _plan_settings() == before and before[1] == "on"  # and they ended with its transaction
    monkeypatch.setattr(paging, "WALK_BUDGET_MS", 5)
    slow = events.extra(where=["pg_sleep(0.002) IS NOT NULL"])[:4]
    with caplog.at_level("INFO", logger="gamsa.core.paging"):
        assert paging._walk(slow) is None
    assert "budget" in caplog.text
    assert not connection.in_atomic_block and _plan_settings() == before
    assert paging.rows_walking_order(slow) == list(events[:4])


@pytest.mark.django_db
def test_an_unfiltered_list_is_read_without_the_walk_settings(demo):
    """With no filter the planner walks the ordering index by itself: no settings, no extra statements."""
    from django.test.utils import CaptureQueriesContext

    units = OrgUnit.objects.order_by("-path", "-id")
    expected, active = list(units[1:3]), list(units.filter(active=True)[1:3])
    with CaptureQueriesContext(connection) as plain:
        assert paging.rows_walking_order(units[1:3]) == expected
    assert len(plain.captured_queries) == 1 and "set_config" not in plain.captured_queries[0]["sql"]
    with CaptureQueriesContext(connection) as walked:
        assert paging.rows_walking_order(units.filter(active=True)[1:3]) == active
    if connection.vendor == "postgresql":
        assert any("set_config" in q["sql"] for q in walked.captured_queries)
