"""Reads shared by the field-complaint pages and the API: the monitoring board's counts and the list filters.

Every count comes from the stored `due_at` (the item's own period from the calendar, set at intake/import), so a
count is one grouped query on the partial index of open complaints by (unit, due_at).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gamsa.core import paging
from gamsa.core.models import OrgUnit, UnitKind
from gamsa.patrols.fieldcomplaints import permissions as perms
from gamsa.patrols.models import OPEN_COMPLAINT_STATUSES, FieldComplaint

DUE_SOON_HOURS = 3
PAGE_SIZE = 50


@dataclass
class BoardRow:
    unit_id: int | None
    name: str
    kind: str
    open: int = 0
    due_soon: int = 0
    overdue: int = 0


@dataclass
class Board:
    now: dt.datetime
    soon_hours: int
    departments: list[BoardRow] = field(default_factory=list)
    dongs: list[BoardRow] = field(default_factory=list)
    unmapped: BoardRow | None = None

    @property
    def totals(self) -> dict[str, int]:
        rows = [*self.departments, *self.dongs, *([self.unmapped] if self.unmapped else [])]
        return {
            "open": sum(r.open for r in rows),
            "due_soon": sum(r.due_soon for r in rows),
            "overdue": sum(r.overdue for r in rows),
        }

    def as_dict(self) -> dict:
        def rows(items):
            return [
                {"unit": r.name, "open": r.open, "due_soon": r.due_soon, "overdue": r.overdue} for r in items
            ]

        return {
            "as_of": self.now.isoformat(),
            "due_soon_hours": self.soon_hours,
            "totals": self.totals,
            "departments": rows(self.departments),
            "dongs": rows(self.dongs),
            "unmapped": rows([self.unmapped])[0] if self.unmapped else None,
        }


def board(user, *, now: dt.datetime | None = None, soon_hours: int = DUE_SOON_HOURS) -> Board:
    """Open, due within `soon_hours` and overdue complaints per unit (departments and 동 apart)."""
    now = now or timezone.now()
    soon = now + dt.timedelta(hours=soon_hours)
    qs = perms.visible_complaints(user, FieldComplaint.objects.filter(status__in=OPEN_COMPLAINT_STATUSES))
    counts = (
        qs.order_by()
        .values("unit_id")
        .annotate(
            open=Count("pk"),
            due_soon=Count("pk", filter=Q(due_at__gte=now, due_at__lt=soon)),
            overdue=Count("pk", filter=Q(due_at__lt=now)),
        )
    )
    result = Board(now=now, soon_hours=soon_hours)
    by_unit = {c["unit_id"]: c for c in counts}
    units = {
        u.pk: u for u in OrgUnit.objects.filter(pk__in=[k for k in by_unit if k]).only("pk", "name", "kind")
    }
    for unit_id, c in by_unit.items():
        if unit_id is None:
            result.unmapped = BoardRow(None, "처리부서 미대응", "", c["open"], c["due_soon"], c["overdue"])
            continue
        unit = units[unit_id]
        row = BoardRow(unit_id, unit.name, unit.kind, c["open"], c["due_soon"], c["overdue"])
        (result.dongs if unit.kind == UnitKind.DONG else result.departments).append(row)
    for rows in (result.departments, result.dongs):
        rows.sort(key=lambda r: (-r.overdue, -r.due_soon, -r.open, r.name))
    return result


# --- the list ----------------------------------------------------------------------------------------------------

STATE_FILTERS = {
    "open": "처리 중(미완료)",
    "due_soon": f"{DUE_SOON_HOURS}시간 내 기한",
    "overdue": "기한 경과(미처리)",
    "due_week": "7일 안에 기한(미처리)",
    "closed": "처리 끝남",
}


def filter_complaints(qs: QuerySet, filters: dict, *, now: dt.datetime | None = None) -> QuerySet:
    """Apply the list's filters (all optional): state, status, unit, item, category, source, q, date range."""
    now = now or timezone.now()
    state = filters.get("state")
    if state == "open":
        qs = qs.filter(status__in=OPEN_COMPLAINT_STATUSES)
    elif state == "due_soon":
        qs = qs.filter(
            status__in=OPEN_COMPLAINT_STATUSES,
            due_at__gte=now,
            due_at__lt=now + dt.timedelta(hours=DUE_SOON_HOURS),
        )
    elif state == "overdue":
        qs = qs.filter(status__in=OPEN_COMPLAINT_STATUSES, due_at__lt=now)
    elif state == "due_week":
        qs = qs.filter(
            status__in=OPEN_COMPLAINT_STATUSES, due_at__gte=now, due_at__lt=now + dt.timedelta(days=7)
        )
    elif state == "closed":
        qs = qs.exclude(status__in=OPEN_COMPLAINT_STATUSES)
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    unit = filters.get("unit")
    if unit:
        qs = qs.filter(unit_id=getattr(unit, "pk", unit))
    if filters.get("unmapped"):
        qs = qs.filter(unit__isnull=True)
    item = filters.get("item")
    if item:
        qs = qs.filter(item_id=getattr(item, "pk", item))
    category = filters.get("category")
    if category:
        qs = qs.filter(item__category_id=getattr(category, "pk", category))
    if filters.get("source"):
        qs = qs.filter(source=filters["source"])
    if filters.get("received_from"):
        qs = qs.filter(received_at__date__gte=filters["received_from"])
    if filters.get("received_to"):
        qs = qs.filter(received_at__date__lte=filters["received_to"])
    q = (filters.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(source_id=q) | Q(title__icontains=q) | Q(address__icontains=q))
    return qs


def complaint_list(user, filters: dict) -> QuerySet:
    qs = perms.visible_complaints(user, FieldComplaint.objects.all())
    return (
        filter_complaints(qs, filters)
        .select_related("item", "item__category", "unit")
        .defer("body", "result", "reporter_name", "reporter_phone", "reporter_email", "device_id")
        .order_by("-received_at", "-id")
    )


class CappedPaginator(paging.CappedPaginator):
    """Counts at most `cap` rows (a district-year is 66,000 complaints; nobody pages through them all)."""

    cap = 10_000
