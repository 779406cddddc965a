"""Who sees the map: the office (the patrol team, leadership, council viewers) every record; a department only the
records of its own units (its findings as the findings' rule allows). Everyone else gets 404."""

from __future__ import annotations

from gamsa.core.models import User
from gamsa.patrols.roles import department_ids, department_unit_ids, sees_all


def can_see_map(user: User) -> bool:
    return sees_all(user) or bool(department_unit_ids(user))


def map_scope(user: User) -> tuple[bool, list[int]]:
    """(everything, unit ids): the office sees all records; a department only its own units."""
    if sees_all(user):
        return True, []
    return False, department_ids(user)
