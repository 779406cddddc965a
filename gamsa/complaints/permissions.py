"""Who may do what with grievances. Outsiders get 404, read-only users 403 (core.permissions helpers).

- The complaint team (민원관리팀), its leader and the office head see and manage every grievance.
- A department's liaison and head see only their department's grievances (plus re-filed ones they once
  held); both answer and extend, and the head approves internal closures.
- Other office staff and council viewers may read the desk (403 on writes); citizens see their own
  grievance only through the receipt number and PIN.
- Sealed identities of public-interest reporters: designated officers only.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from gamsa.core.models import Role, User
from gamsa.core.permissions import (
    department_ids,
    has_role,
    is_council_viewer,
    is_office_staff,
    is_staff_member,
    memberships_of,
    office_team_roles,
)

TEAM = "complaints"


def is_complaint_team(user: User) -> bool:
    return office_team_roles(user, TEAM)


def may_export_personal(user: User) -> bool:
    """Names and phones of every listed complainant in an export: the complaint team and the office head only."""
    return is_complaint_team(user) or has_role(user, Role.OFFICE_HEAD)


def visible_grievances(user: User, queryset: QuerySet) -> QuerySet:
    """The grievances `user` may see at all."""
    if is_complaint_team(user) or is_office_staff(user) or has_role(user, Role.COUNCIL_VIEWER, Role.SYSADMIN):
        return queryset
    units = department_ids(user)
    if units:
        return queryset.filter(Q(department_id__in=units) | Q(reopened_from__department_id__in=units))
    return queryset.none()


def can_see_desk(user: User) -> bool:
    return (
        is_complaint_team(user)
        or is_office_staff(user)
        or has_role(user, Role.COUNCIL_VIEWER, Role.SYSADMIN)
        or bool(department_ids(user))
    )


def can_view(user: User, grievance) -> bool:
    return visible_grievances(user, type(grievance).objects.filter(pk=grievance.pk)).exists()


def can_manage(user: User) -> bool:
    """Intake, assignment, transfer, extensions on behalf of the office, repeat reviews."""
    return is_complaint_team(user)


def is_department_of(user: User, grievance, *roles: str) -> bool:
    return grievance.department_id is not None and grievance.department_id in department_ids(user, *roles)


def can_answer(user: User, grievance) -> bool:
    return is_complaint_team(user) or is_department_of(user, grievance)


def can_extend(user: User, grievance) -> bool:
    return is_complaint_team(user) or is_department_of(user, grievance)


def can_approve_closure(user: User, grievance) -> bool:
    """The department head of the handling unit approves internal closure (법 제23조)."""
    return is_department_of(user, grievance, Role.DEPT_HEAD)


def can_see_personal_data(user: User, grievance) -> bool:
    """Name, phone, address of the complainant: those who handle the case."""
    return is_complaint_team(user) or is_department_of(user, grievance) or has_role(user, Role.OFFICE_HEAD)


def can_manage_abuse(user: User) -> bool:
    return is_complaint_team(user) or has_role(user, Role.OFFICE_HEAD)


def can_open_sealed_identity(user: User) -> bool:
    from gamsa.complaints.models import DesignatedOfficer

    return user.is_authenticated and DesignatedOfficer.objects.filter(user=user).exists()


# --- petitions, the review board and the mediation committee ---------------------------------------------------


def can_read_boards(user: User) -> bool:
    """Petitions, the 청원심의회 and the 민원조정위원회: the office and council viewers read."""
    return (
        is_complaint_team(user) or is_office_staff(user) or has_role(user, Role.COUNCIL_VIEWER, Role.SYSADMIN)
    )


# --- public-interest reports -------------------------------------------------------------------------------------


def can_view_reports(user: User) -> bool:
    """The report register (pseudonyms only): the complaint team, the office head, read-only council viewers."""
    return is_complaint_team(user) or is_council_viewer(user)


def can_open_identity(user: User) -> bool:
    """Only designated officers, and only while they work in the office (법 제12조, 영 제13조)."""
    return is_office_staff(user) and can_open_sealed_identity(user)


def can_designate_officers(user: User) -> bool:
    return has_role(user, Role.OFFICE_HEAD)


# --- taxpayer advocate --------------------------------------------------------------------------------------------


def can_view_taxpayer(user: User) -> bool:
    return is_complaint_team(user) or is_council_viewer(user)


# --- abusive complaints and staff protection ----------------------------------------------------------------------

DEDICATED_HANDLER_ROLES = (Role.TEAM_LEADER, Role.OFFICE_HEAD, Role.DEPT_HEAD)


def can_view_abuse_register(user: User) -> bool:
    """The 특이민원 register, incidents and expert advice (council viewers read only, without names)."""
    return can_manage_abuse(user) or is_council_viewer(user)


def can_use_protection_page(user: User) -> bool:
    """The menu entry: the register's readers and every staff member (for their own requests)."""
    return can_view_abuse_register(user) or is_staff_member(user)


def can_request_protection(user: User) -> bool:
    return is_staff_member(user)


def is_complaint_team_leader(user: User) -> bool:
    return any(role == Role.TEAM_LEADER and team == TEAM for role, _, team in memberships_of(user))


def can_decide_protection(user: User) -> bool:
    """The complaint team leader and the office head (not the requester's department head)."""
    return has_role(user, Role.OFFICE_HEAD) or is_complaint_team_leader(user)


def can_be_dedicated_handler(user: User) -> bool:
    return has_role(user, *DEDICATED_HANDLER_ROLES)
