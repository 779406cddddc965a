"""The patrol team's lists sort by their column headers (core/sorting): field complaints and findings by their
deadline first, rounds by date; the sort stays in the URL and an unknown key falls back to the default order."""

from __future__ import annotations

import re

import pytest

from gamsa.patrols.models import FieldComplaint, Finding, PatrolRound


@pytest.fixture
def records(demo):
    from gamsa.patrols.fieldcomplaints.demo import load_demo_field_complaints
    from gamsa.patrols.findings.demo import load_demo_patrols

    load_demo_field_complaints()
    load_demo_patrols()


def listed(html: str, prefix: str) -> list[str]:
    """The public ids of the rows, in the order the table shows them."""
    return re.findall(rf'<td><a href="{re.escape(prefix)}([^/"]+)/">', html)


def expected(model, ident: str, order: list[str], limit: int) -> list[str]:
    return [str(x) for x in model.objects.order_by(*order).values_list(ident, flat=True)[:limit]]


def test_field_complaints_sort_by_deadline_first(records, login):
    client = login("patrol")
    default = client.get("/patrols/field/list/").content.decode()
    rows = listed(default, "/patrols/field/c/")
    assert len(rows) >= 10
    assert rows == expected(FieldComplaint, "source_id", ["due_at", "pk"], len(rows))
    assert 'aria-sort="ascending"' in default and "?sort=-due" in default
    late_first = listed(client.get("/patrols/field/list/?sort=-due").content.decode(), "/patrols/field/c/")
    assert late_first == expected(FieldComplaint, "source_id", ["-due_at", "-pk"], len(rows))
    by_number = listed(client.get("/patrols/field/list/?sort=number").content.decode(), "/patrols/field/c/")
    assert by_number == expected(FieldComplaint, "source_id", ["source_id", "pk"], len(rows))
    unknown = client.get("/patrols/field/list/?sort=reporter_phone").content.decode()
    assert listed(unknown, "/patrols/field/c/") == rows  # an unknown key: the default order


def test_findings_sort_by_action_deadline_and_keep_filters(records, login):
    from django.db.models import F

    client = login("patrol")
    html = client.get("/patrols/findings/").content.decode()
    rows = listed(html, "/patrols/findings/")
    order = [F("due_date").asc(nulls_last=True), "pk"]
    assert rows and rows == [
        x for x in Finding.objects.order_by(*order).values_list("case_number", flat=True)[: len(rows)]
    ]
    status = Finding.objects.values_list("status", flat=True).first()
    filtered = client.get(f"/patrols/findings/?status={status}&sort=-reported").content.decode()
    assert re.search(rf'href="\?status={status}&amp;sort=reported"', filtered)  # the filter stays in the link
    shown = listed(filtered, "/patrols/findings/")
    assert shown == [
        x
        for x in Finding.objects.filter(status=status)
        .order_by("-reported_at", "-pk")
        .values_list("case_number", flat=True)[: len(shown)]
    ]


def test_rounds_sort_by_date_and_by_findings(records, login):
    from django.db.models import Count

    client = login("patrol")
    rows = listed(client.get("/patrols/rounds/").content.decode(), "/patrols/rounds/")
    assert rows and rows == [
        x
        for x in PatrolRound.objects.order_by("-date", "-number", "-pk").values_list("number", flat=True)[:30]
    ]
    most = listed(client.get("/patrols/rounds/?sort=-findings").content.decode(), "/patrols/rounds/")
    counts = dict(PatrolRound.objects.annotate(n=Count("findings")).values_list("number", "n"))
    assert [counts[n] for n in most] == sorted((counts[n] for n in most), reverse=True)
    assert counts[most[0]] == max(counts.values())
