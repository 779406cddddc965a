"""Who may do what in patrols: field complaints (현장민원), patrol rounds and findings, guardians.

One place for the app's access rules (house rule 2). The shape:

* the patrol team (순찰팀: its officers and leader) and the office head see and edit everything;
* the office's other team leaders see everything (read only);
* the council viewer (의회 열람자) sees boards, lists and rankings read-only, never personal data;
* a department's liaison or head (부서 담당자·부서장) sees and answers the cases of their own unit and the units
  under it (a 과 sees its 팀), never other departments' cases;
* volunteers (내 지역 지킴이) see only their own reports;
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


def is_read_only(user: User) -> bool:
    return not is_patrol_team(user) and (is_office_leadership(user) or has_role(user, Role.COUNCIL_VIEWER))


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


# --- patrols, findings, guardians ------------------------------------------------------------------------------


def can_see_findings(user: User) -> bool:
    return sees_all(user) or is_department_member(user) or has_role(user, Role.VOLUNTEER)


def visible_findings(user: User, qs: QuerySet) -> QuerySet:
    """Everything for the team/leaders/council; own units for departments; own reports for volunteers."""
    if sees_all(user):
        return qs
    query = Q(pk__in=[])
    units = department_unit_ids(user)
    if units:
        query |= Q(unit_id__in=units)
    if has_role(user, Role.VOLUNTEER):
        query |= Q(reported_by=user)
    return qs.filter(query)


def can_view_finding(user: User, finding) -> bool:
    if sees_all(user):
        return True
    if finding.unit_id is not None and finding.unit_id in department_unit_ids(user):
        return True
    return finding.reported_by_id is not None and finding.reported_by_id == user.pk


def can_edit_findings(user: User) -> bool:
    """Create rounds and findings, route, verify and close (the patrol team)."""
    return is_patrol_team(user)


def can_answer_finding(user: User, finding) -> bool:
    """The department's answer to a finding routed to it."""
    return finding.unit_id is not None and finding.unit_id in department_unit_ids(user)


def can_report_as_guardian(user: User) -> bool:
    return has_role(user, Role.VOLUNTEER) or is_patrol_team(user)


def can_manage_guardians(user: User) -> bool:
    return is_patrol_team(user)


def can_see_map(user: User) -> bool:
    return can_see_field_complaints(user)


def can_view_photo(user: User, *, finding=None, complaint=None) -> bool:
    """Photos follow their case."""
    if finding is not None:
        return can_view_finding(user, finding)
    if complaint is not None:
        return can_view_complaint(user, complaint)
    return False
