"""Sortable lists (core/sorting.py and {% sort_header %}): the sort is in the URL, bad keys are ignored, empty values
go last, other query parameters survive a header link, and the sorted header says so to screen readers."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from gamsa.core.models import OrgUnit, UnitKind
from gamsa.core.sorting import parse, sort_queryset, sort_rows

pytestmark = pytest.mark.django_db

ORG = {"name": "name", "code": "code", "phone": "phone", "parent": "parent__name"}


def get(query: str = ""):
    return RequestFactory().get("/org/" + query)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("name", ("name", False)),
        ("-name", ("name", True)),
        ("", ("code", False)),
        (None, ("code", False)),
        ("password", ("code", False)),  # not offered: the default, never an arbitrary field
        ("--name", ("code", False)),
        ("-", ("code", False)),
        ("name;drop", ("code", False)),
        ("parent__name", ("code", False)),  # a field path is not a key
    ],
)
def test_parse_takes_only_offered_keys(raw, expected):
    assert parse(raw, ORG, "code") == expected


def test_a_default_that_is_not_offered_is_a_programming_error():
    with pytest.raises(ValueError):
        parse("x", ORG, "nope")


def test_queryset_is_ordered_both_ways_with_ties_broken_by_the_key(demo):
    dongs = OrgUnit.objects.filter(kind=UnitKind.DONG)
    up, state = sort_queryset(get("?sort=name"), dongs, ORG, default="code")
    names = list(up.values_list("name", flat=True))
    assert names == sorted(names) and len(names) == 18
    assert state.key == "name" and not state.descending
    down, state = sort_queryset(get("?sort=-name"), dongs, ORG, default="code")
    assert list(down.values_list("name", flat=True)) == names[::-1] and state.descending
    # a bad key falls back to the default, silently
    bad, state = sort_queryset(get("?sort=password"), dongs, ORG, default="-code")
    assert state.key == "code" and state.descending
    assert list(bad.values_list("code", flat=True)) == sorted(
        dongs.values_list("code", flat=True), reverse=True
    )


def test_empty_values_go_last_in_both_directions(demo):
    """The top unit has no parent (NULL): last whichever way the parent column is sorted."""
    for query, descending in (("?sort=parent", False), ("?sort=-parent", True)):
        rows, _ = sort_queryset(get(query), OrgUnit.objects.all(), ORG, default="code")
        parents = list(rows.values_list("parent__name", flat=True))
        first_empty = parents.index(None)
        assert set(parents[first_empty:]) == {None} and first_empty > 0
        named = parents[:first_empty]
        assert named == sorted(named, reverse=descending)


def test_rows_in_memory_sort_the_same_way():
    rows = [{"d": 3}, {"d": None}, {"d": 1}, {"d": 2}]
    up, _ = sort_rows(get("?sort=due"), rows, {"due": lambda r: r["d"]}, default="due")
    down, _ = sort_rows(get("?sort=-due"), rows, {"due": lambda r: r["d"]}, default="due")
    assert [r["d"] for r in up] == [1, 2, 3, None]
    assert [r["d"] for r in down] == [3, 2, 1, None]


HEADER = Template('{% load sorting %}{% sort_header "name" "명칭" %}{% sort_header "code" "부서코드" %}')


def test_header_links_keep_the_filters_drop_the_page_and_mark_the_sorted_column(demo):
    request = get("?kind=dong&q=%EB%8F%99&page=3&sort=name")
    sort_queryset(request, OrgUnit.objects.all(), ORG, default="code")
    html = HEADER.render(Context({"request": request}))
    name_th, code_th = re.findall(r"<th .*?</th>", html)
    assert 'aria-sort="ascending"' in name_th and "aria-sort" not in code_th
    assert "?kind=dong&amp;q=%EB%8F%99&amp;sort=-name" in name_th  # the sorted column's link reverses it
    assert "?kind=dong&amp;q=%EB%8F%99&amp;sort=code" in code_th  # another column starts ascending
    assert "page=" not in html
    assert "누르면 내림차순 정렬" in name_th and "▲" in name_th
    request = get("?sort=-name")
    sort_queryset(request, OrgUnit.objects.all(), ORG, default="code")
    html = HEADER.render(Context({"request": request}))
    assert 'aria-sort="descending"' in html and "sort=name" in html and "▼" in html


def test_a_list_that_does_not_sort_gets_plain_headers():
    html = HEADER.render(Context({"request": get()}))
    assert html == '<th scope="col">명칭</th><th scope="col">부서코드</th>'


def test_the_org_page_sorts_by_its_columns_through_the_url(client, login):
    login("auditor")
    page = client.get("/org/?kind=dong&sort=-name").content.decode()
    names = re.findall(r"<tr><td>([^<]+)</td>", page)
    assert len(names) == 18 and names == sorted(names, reverse=True)
    assert 'aria-sort="descending"' in page and "?kind=dong&amp;sort=name" in page
    assert "gamsa-depth-" not in page  # the tree's indentation only in the tree order
    tree = client.get("/org/?kind=dong&sort=nonsense").content.decode()
    assert (
        "gamsa-depth-" in tree and tree.count('aria-sort="') == 0
    )  # the default: the organisation's own order
