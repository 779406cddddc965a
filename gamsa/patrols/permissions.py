"""Who may do what with field complaints (현장민원), and who is who in the patrols app.

One module per concept (house rule 2): this one holds the field-complaint rules and the shared "who is who"
helpers (the patrol team, the units a department answers for, who sees everything); the rules for patrol rounds,
findings, guardians and the map live in gamsa/patrols/permissions_patrol.py and nowhere else. The shape:

* the patrol team (순찰팀: its officers and leader) and the office head see and edit everything;
* the office's other team leaders see everything (read only);
* the council viewer (의회 열람자) sees boards, lists and rankings read-only, never personal data;
* a department's liaison or head (부서 담당자·부서장) sees and answers the cases of their own unit and the units
  under it (a 과 sees its 팀), never other departments' cases;
* the system administrator maps names (items, department names) but does not work cases.

Outsiders get 404 (`deny_outsider`), read-only users 403 (`deny_read_only`).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from gamsa.core.models import OrgUnit, Role, User
from gamsa.core.permissions import DEPARTMENT_ROLES, has_role, memberships_of, office_team_roles

LEADERSHIP_ROLES = (Role.OFFICE_HEAD, Role.TEAM_LEADER)


# --- who is who -------------------------------------------------------------------------------------------------


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


def sees_all(user: User) -> bool:
    """Sees every case of the app (lists, boards, rankings)."""
    return is_patrol_team(user) or is_office_leadership(user) or has_role(user, Role.COUNCIL_VIEWER)


# --- field complaints (현장민원) --------------------------------------------------------------------------------


def can_see_field_complaints(user: User) -> bool:
    """The board, the list and the detail pages (each filtered by `visible_complaints`)."""
    return sees_all(user) or is_department_member(user)


def visible_complaints(user: User, qs: QuerySet) -> QuerySet:
    if sees_all(user):
        return qs
    units = department_unit_ids(user)
    return qs.filter(unit_id__in=units) if units else qs.none()


def can_view_complaint(user: User, complaint) -> bool:
    if sees_all(user):
        return True
    return complaint.unit_id is not None and complaint.unit_id in department_unit_ids(user)


def can_view_reporter(user: User, complaint) -> bool:
    """The reporter's name and contact: only those who must call back (patrol team, the answering department)."""
    if is_patrol_team(user):
        return True
    return complaint.unit_id is not None and complaint.unit_id in department_unit_ids(user)


def can_answer_complaint(user: User, complaint) -> bool:
    """Status and result text: the department of the complaint's unit, or the patrol team."""
    return can_view_reporter(user, complaint)


def can_edit_field_complaints(user: User) -> bool:
    """Site checks, quality reviews, staff entries."""
    return is_patrol_team(user)


def can_import_field_complaints(user: User) -> bool:
    return is_patrol_team(user)


def can_map_names(user: User) -> bool:
    """Confirm provisional items, map items and department names (the administrator or the patrol team)."""
    return is_patrol_team(user) or has_role(user, Role.SYSADMIN)


def can_see_evaluation(user: User) -> bool:
    """The department evaluation for the awards (and its XLSX export)."""
    return sees_all(user)
