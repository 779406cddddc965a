"""Sortable lists: the order a list was asked for in its URL (`?sort=deadline`, `?sort=-deadline`), applied to its
queryset, and the column headers that change it (`{% sort_header "deadline" "처리기한" %}`, core/templatetags/sorting).

A view names the columns that may be sorted and the database fields behind each:

    rows, _ = sort_queryset(request, rows, {"deadline": "due_at", "unit": "target_unit__name"}, default="deadline")

An unknown or malformed key (`?sort=password`, `?sort=--x`) is ignored and the default order used, so a URL can never
order by a field the view did not offer. Empty values sort last in both directions, and the primary key breaks ties
so that pages never repeat or skip a row. Offer only columns the list's indexes (or its size) can sort cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db.models import F, QuerySet

PARAM = "sort"


@dataclass(frozen=True)
class SortState:
    """The order a list is shown in: which column, which way, and which columns may be chosen."""

    param: str
    key: str
    descending: bool
    allowed: frozenset[str]

    @property
    def value(self) -> str:
        return f"-{self.key}" if self.descending else self.key

    def link_value(self, key: str) -> str:
        """What a header's link asks for: the other direction for the current column, ascending for the others."""
        if key == self.key:
            return key if self.descending else f"-{key}"
        return key


def parse(raw: str | None, allowed, default: str) -> tuple[str, bool]:
    """(key, descending) of `raw` when it names an allowed column, else of `default`."""
    for value in (raw or "", default):
        descending = value.startswith("-")
        key = value[1:] if descending else value
        if key in allowed:
            return key, descending
    raise ValueError(f"the default sort {default!r} is not among the allowed keys {sorted(allowed)}")


def requested(request, allowed, default: str, param: str = PARAM) -> SortState:
    """The list's sort as the request asks for it, remembered on the request for the header links."""
    key, descending = parse(request.GET.get(param), allowed, default)
    state = SortState(param=param, key=key, descending=descending, allowed=frozenset(allowed))
    if not hasattr(request, "gamsa_sorts"):
        request.gamsa_sorts = {}
    request.gamsa_sorts[param] = state
    return state


def _nullable(model, path: str) -> bool:
    """Whether the field at `path` ("target_unit__name") can be NULL anywhere along the way."""
    for part in path.split("__"):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:  # an annotation: treat as nullable
            return True
        if getattr(field, "null", False):
            return True
        model = getattr(field, "related_model", None) or model
    return False


def order_by_fields(model, fields: str | tuple[str, ...] | list[str], descending: bool) -> list:
    """ORDER BY terms. Only nullable fields get an explicit NULLS LAST: on a NOT NULL column it would stop
    PostgreSQL from reading the column's index backwards for a descending sort."""
    names = (fields,) if isinstance(fields, str) else tuple(fields)
    order = []
    for name in names:
        if _nullable(model, name):
            order.append(F(name).desc(nulls_last=True) if descending else F(name).asc(nulls_last=True))
        else:
            order.append(f"-{name}" if descending else name)
    return order + (["-pk"] if descending else ["pk"])


def sort_queryset(
    request, queryset: QuerySet, allowed: dict[str, str | tuple[str, ...]], default: str, param: str = PARAM
) -> tuple[QuerySet, SortState]:
    """`queryset` ordered as the request's `?sort=` asks among `allowed` (key → field or fields), else by `default`
    (a key, `-key` for descending)."""
    state = requested(request, allowed, default, param)
    return queryset.order_by(*order_by_fields(queryset.model, allowed[state.key], state.descending)), state


def sort_rows(request, rows: list, allowed: dict[str, callable], default: str, param: str = PARAM):
    """The same for rows already in memory (a short list built in Python): key → a function of a row. Empty values
    (None, "") go last either way."""
    state = requested(request, allowed, default, param)
    get = allowed[state.key]
    present = [r for r in rows if get(r) not in (None, "")]
    empty = [r for r in rows if get(r) in (None, "")]
    return sorted(present, key=get, reverse=state.descending) + empty, state
