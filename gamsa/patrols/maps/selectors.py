"""The map's data: field complaints and findings as compact arrays (tens of thousands of points per request).

Shape (docs/adr/0014): {"fields": [...], "labels": [...], "statuses": [...], "units": [...], "links": {...},
"points": [[kind, ref, lat, lng, status, label, unit, open], ...]} where kind is 0 (field complaint) or
1 (finding), ref the public number, status/label/unit indexes into the lists (unit -1: none), open 1/0.
Only ids and names of records and units leave the server: no reporters, no addresses of private persons.
"""

from __future__ import annotations

import datetime as dt

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from gamsa.core.models import OrgUnit
from gamsa.patrols.models import (
    OPEN_COMPLAINT_STATUSES,
    OPEN_FINDING_STATUSES,
    ComplaintStatus,
    FieldComplaint,
    FieldItem,
    Finding,
    FindingCategory,
    FindingStatus,
)

FIELDS = ["kind", "ref", "lat", "lng", "status", "label", "unit", "open"]
DEFAULT_DAYS = 90
MAX_DAYS = 731
MAX_POINTS = 100_000
COMPLAINT_DETAIL_NAMES = ("patrols:field_detail",)


def _link_prefix(names, placeholder="__REF__") -> str:
    for name in names:
        try:
            return reverse(name, args=[placeholder])
        except NoReverseMatch:
            continue
    return ""


def parse_filters(params) -> dict:
    """Map filters from a query string; bad values fall back to the defaults (the map never errors)."""

    def _int(name):
        try:
            return int(params.get(name) or 0) or None
        except (TypeError, ValueError):
            return None

    days = _int("days") or DEFAULT_DAYS
    return {
        "what": params.get("what") if params.get("what") in ("complaints", "findings") else "all",
        "status": params.get("status") if params.get("status") in ("open", "closed") else "all",
        "item": _int("item"),
        "category": _int("category"),
        "unit": _int("unit"),
        "days": max(1, min(days, MAX_DAYS)),
    }


def map_data(*, filters: dict, everything: bool = True, unit_ids=(), finding_qs=None, now=None) -> dict:
    """Points for the map. `everything=False` limits both kinds to `unit_ids` (a department's own records);
    `finding_qs` (already limited by the caller's permissions) replaces the default finding queryset."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=filters["days"])
    statuses = [
        *[(f"c:{v}", f"현장민원 {lbl}") for v, lbl in ComplaintStatus.choices],
        *[(f"f:{v}", f"적출 {lbl}") for v, lbl in FindingStatus.choices],
    ]
    status_index = {code: i for i, (code, _) in enumerate(statuses)}
    labels: list[str] = []
    label_index: dict[tuple[str, int], int] = {}
    unit_names = dict(OrgUnit.objects.values_list("id", "name"))
    units: list[str] = []
    unit_index: dict[int, int] = {}
    points: list[list] = []

    def _unit(unit_id):
        if unit_id is None:
            return -1
        if unit_id not in unit_index:
            unit_index[unit_id] = len(units)
            units.append(unit_names.get(unit_id, ""))
        return unit_index[unit_id]

    def _label(kind, key, names):
        if key is None:
            return -1
        if (kind, key) not in label_index:
            label_index[(kind, key)] = len(labels)
            labels.append(names.get(key, ""))
        return label_index[(kind, key)]

    if filters["what"] in ("all", "complaints") and filters["category"] is None:
        qs = FieldComplaint.objects.filter(
            received_at__gte=since, latitude__isnull=False, longitude__isnull=False
        )
        if not everything:
            qs = qs.filter(unit_id__in=list(unit_ids))
        if filters["status"] == "open":
            qs = qs.filter(status__in=OPEN_COMPLAINT_STATUSES)
        elif filters["status"] == "closed":
            qs = qs.exclude(status__in=OPEN_COMPLAINT_STATUSES)
        if filters["item"]:
            qs = qs.filter(item_id=filters["item"])
        if filters["unit"]:
            qs = qs.filter(unit_id=filters["unit"])
        item_names = {
            pk: f"{c} > {n}" for pk, c, n in FieldItem.objects.values_list("id", "category__name", "name")
        }
        open_codes = set(OPEN_COMPLAINT_STATUSES)
        for ref, lat, lng, status, item_id, unit_id in (
            qs.order_by()
            .values_list("source_id", "latitude", "longitude", "status", "item_id", "unit_id")[:MAX_POINTS]
            .iterator(chunk_size=5000)
        ):
            points.append(
                [
                    0,
                    ref,
                    round(float(lat), 5),
                    round(float(lng), 5),
                    status_index[f"c:{status}"],
                    _label("c", item_id, item_names),
                    _unit(unit_id),
                    1 if status in open_codes else 0,
                ]
            )
    if filters["what"] in ("all", "findings"):
        qs = finding_qs if finding_qs is not None else Finding.objects.all()
        qs = qs.filter(reported_at__gte=since, latitude__isnull=False, longitude__isnull=False)
        if not everything and finding_qs is None:
            qs = qs.filter(unit_id__in=list(unit_ids))
        if filters["status"] == "open":
            qs = qs.filter(status__in=OPEN_FINDING_STATUSES)
        elif filters["status"] == "closed":
            qs = qs.exclude(status__in=OPEN_FINDING_STATUSES)
        if filters["category"]:
            qs = qs.filter(category_id=filters["category"])
        if filters["item"]:
            qs = qs.filter(item_id=filters["item"])
        if filters["unit"]:
            qs = qs.filter(unit_id=filters["unit"])
        category_names = dict(FindingCategory.objects.values_list("id", "name"))
        open_codes = set(OPEN_FINDING_STATUSES)
        room = max(0, MAX_POINTS - len(points))
        for ref, lat, lng, status, category_id, unit_id in (
            qs.order_by()
            .values_list("case_number", "latitude", "longitude", "status", "category_id", "unit_id")[:room]
            .iterator(chunk_size=5000)
        ):
            points.append(
                [
                    1,
                    ref,
                    round(float(lat), 5),
                    round(float(lng), 5),
                    status_index[f"f:{status}"],
                    _label("f", category_id, category_names),
                    _unit(unit_id),
                    1 if status in open_codes else 0,
                ]
            )
    return {
        "fields": FIELDS,
        "statuses": [label for _, label in statuses],
        "labels": labels,
        "units": units,
        "links": {
            "0": _link_prefix(COMPLAINT_DETAIL_NAMES),
            "1": _link_prefix(("patrols:finding_detail",)),
        },
        "count": len(points),
        "truncated": len(points) >= MAX_POINTS,
        "points": points,
    }
