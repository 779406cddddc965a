"""Who is who in the patrols app, shared by the rules of every concept (each concept's permissions module decides
what these people may do):

* the patrol team (순찰팀: its officers and leader) and the office head;
* the office's other team leaders (read everything);
* the council viewer (의회 열람자: boards, lists and rankings read-only, never personal data);
* a department's liaison or head (부서 담당자·부서장), who answers for their own unit and the units under it.
"""

from __future__ import annotations

from django.db.models import Q

from gamsa.core.models import OrgUnit, Role, User
from gamsa.core.permissions import DEPARTMENT_ROLES, has_role, memberships_of, office_team_roles

LEADERSHIP_ROLES = (Role.OFFICE_HEAD, Role.TEAM_LEADER)


def is_patrol_team(user: User) -> bool:
    """Patrol officers, the patrol team leader and the office head."""
    return office_team_roles(user, "patrol")


def is_office_leadership(user: User) -> bool:
    return has_role(user, *LEADERSHIP_ROLES)


def is_department_member(user: User) -> bool:
    return has_role(user, *DEPARTMENT_ROLES)


def department_unit_ids(user: User) -> frozenset[int]:
    """The units a department liaison or head answers for: their own unit and every unit below it."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_patrols_unit_ids", None)
    if cached is not None:
        return cached
    own = [unit_id for role, unit_id, _ in memberships_of(user) if role in DEPARTMENT_ROLES]
    ids: set[int] = set()
    if own:
        paths = OrgUnit.objects.filter(pk__in=own).values_list("agency_id", "path")
        query = Q()
        for agency_id, path in paths:
            query |= Q(agency_id=agency_id, path__startswith=path)
        ids = set(OrgUnit.objects.filter(query).values_list("pk", flat=True))
    user._patrols_unit_ids = frozenset(ids)
    return user._patrols_unit_ids


def department_ids(user: User) -> list[int]:
    return sorted(department_unit_ids(user))


def sees_all(user: User) -> bool:
    """Sees every record of the app (lists, boards, rankings): the patrol team, office leadership, council viewers."""
    return is_patrol_team(user) or is_office_leadership(user) or has_role(user, Role.COUNCIL_VIEWER)
