"""The district's staff as the programme counts them: active staff accounts, grouped by department (a team counts
under its department, core.selectors.department_map), and rates by department."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from gamsa.core.models import OrgUnit, User, UserKind
from gamsa.core.selectors import department_map

MANAGER_GRADES = ("4", "5")


def district_staff() -> QuerySet:
    return User.objects.filter(kind=UserKind.STAFF, is_active=True)


def managers() -> QuerySet:
    """간부: staff of grade 5 and above (과장·동장·국장 급)."""
    return district_staff().filter(grade__in=MANAGER_GRADES)


def staff_of_units(unit_ids: Iterable[int]) -> QuerySet:
    paths = list(OrgUnit.objects.filter(pk__in=list(unit_ids)).values_list("path", flat=True))
    if not paths:
        return district_staff().none()
    from django.db.models import Q

    query = Q()
    for path in paths:
        query |= Q(unit__path__startswith=path)
    return district_staff().filter(query)


def rates_by_department(people: Iterable[tuple[int, int | None]], done: set[int]) -> tuple[list[dict], dict]:
    """`people`: (user id, unit id) of everyone counted; `done`: the ids that count as done. One row per department
    (staff, done, rate %) in organisation order, and the overall row."""
    departments = department_map()
    rows: dict[int, dict] = {}
    total = {"staff": 0, "done": 0}
    for user_id, unit_id in people:
        total["staff"] += 1
        total["done"] += user_id in done
        if unit_id is None or unit_id not in departments:
            continue
        dep_id, name, path = departments[unit_id]
        row = rows.setdefault(dep_id, {"unit_id": dep_id, "unit": name, "path": path, "staff": 0, "done": 0})
        row["staff"] += 1
        row["done"] += user_id in done
    out = sorted(rows.values(), key=lambda r: r["path"])
    for row in [*out, total]:
        row["rate"] = round(100 * row["done"] / row["staff"], 1) if row["staff"] else 0.0
        row["missing"] = row["staff"] - row["done"]
    return out, total
