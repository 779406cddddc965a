"""Reads that several places share: the filters of the event log and the access log (page and export)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from gamsa.core.calendar import SEOUL

EVENT_TEXT_FIELDS = ("verb", "target_label", "target_id")
ACCESS_TEXT_FIELDS = ("target_label", "target_id", "path", "target_type")


def filter_log(queryset: QuerySet, data: dict, text_fields: tuple[str, ...], actor_field: str) -> QuerySet:
    """Apply the cleaned filter values (q, actor, since, until, action) of the log pages."""
    if data.get("q"):
        cond = Q()
        for name in text_fields:
            cond |= Q(**{f"{name}__icontains": data["q"]})
        queryset = queryset.filter(cond)
    if data.get("actor"):
        queryset = queryset.filter(**{f"{actor_field}__icontains": data["actor"]})
    if data.get("since"):
        queryset = queryset.filter(at__gte=dt.datetime.combine(data["since"], dt.time.min, SEOUL))
    if data.get("until"):
        queryset = queryset.filter(
            at__lt=dt.datetime.combine(data["until"] + dt.timedelta(days=1), dt.time.min, SEOUL)
        )
    if data.get("action"):
        queryset = queryset.filter(action=data["action"])
    return queryset


# --- departments ----------------------------------------------------------------------------------------------


def department_map() -> dict[int, tuple[int, str, str]]:
    """unit id → (id, name, path) of the department it counts under in rates by department: a team rolls up to the
    department (or dong) above it; a department, a dong, a bureau and a facility stand for themselves. One query."""
    from gamsa.core.models import OrgUnit, UnitKind

    units = {
        u["pk"]: u for u in OrgUnit.objects.values("pk", "parent_id", "kind", "name", "short_name", "path")
    }
    out: dict[int, tuple[int, str, str]] = {}
    for pk, unit in units.items():
        top = unit
        while top["kind"] == UnitKind.TEAM and top["parent_id"] in units:
            top = units[top["parent_id"]]
        out[pk] = (top["pk"], top["short_name"] or top["name"], top["path"])
    return out
