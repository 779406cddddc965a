"""Reads of the board that its pages share: the staff a post is addressed to, and its read receipts by department."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from gamsa.core.board.models import Post, ReadReceipt
from gamsa.core.models import OrgUnit, User, UserKind
from gamsa.core.selectors import department_map


def audience_staff(post: Post) -> QuerySet:
    """Active staff accounts the post is addressed to (by their own unit)."""
    staff = User.objects.filter(kind=UserKind.STAFF, is_active=True)
    if post.audience_all:
        return staff
    query = Q(pk__in=[])
    for path in post.audience_units.values_list("path", flat=True):
        query |= Q(unit__path__startswith=path)
    return staff.filter(query)


def receipts_by_department(post: Post) -> list[dict]:
    """One row per department: addressed staff, how many have read, the rate (%)."""
    departments = department_map()
    read_ids = set(ReadReceipt.objects.filter(post=post).values_list("user_id", flat=True))
    rows: dict[int, dict] = {}
    for user_id, unit_id in audience_staff(post).values_list("pk", "unit_id"):
        if unit_id is None:
            continue
        dep_id, name, path = departments[unit_id]
        row = rows.setdefault(dep_id, {"unit": name, "path": path, "key": dep_id, "staff": 0, "read": 0})
        row["staff"] += 1
        row["read"] += user_id in read_ids
    out = sorted(rows.values(), key=lambda r: r["path"])
    for row in out:
        row["rate"] = round(100 * row["read"] / row["staff"], 1) if row["staff"] else 0
        row["public_id"] = ""
    ids = {r["key"] for r in out}
    public = dict(OrgUnit.objects.filter(pk__in=ids).values_list("pk", "public_id"))
    for row in out:
        row["public_id"] = str(public.get(row["key"], ""))
    return out


def unread_people(post: Post, unit_public_id: str) -> list[User]:
    """Who in one department (its teams included) has not opened the post yet."""
    unit = OrgUnit.objects.filter(public_id=unit_public_id).first() if _uuid(unit_public_id) else None
    if unit is None:
        return []
    read = ReadReceipt.objects.filter(post=post).values("user_id")
    return list(
        audience_staff(post)
        .filter(unit__path__startswith=unit.path)
        .exclude(pk__in=read)
        .select_related("unit")
        .order_by("unit__path", "full_name")[:500]
    )


def _uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(str(text))
    except ValueError:
        return False
    return True
