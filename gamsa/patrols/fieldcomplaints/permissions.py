"""Who may do what with field complaints (현장민원). Built on the app's "who is who" (gamsa/patrols/roles.py):

* the patrol team (순찰팀: its officers and leader) and the office head see and edit everything;
* the office's other team leaders see everything (read only);
* the council viewer (의회 열람자) sees boards, lists and rankings read-only, never personal data;
* a department's liaison or head (부서 담당자·부서장) sees and answers the cases of their own unit and the units
  under it (a 과 sees its 팀), never other departments' cases;
* the system administrator maps names (items, department names) but does not work cases.

Outsiders get 404, read-only users 403. The `*_for` helpers fetch an object together with its check, so that no
view or API operation loads one without it.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from gamsa.core import permissions as core_perms
from gamsa.core.models import Role, User
from gamsa.core.permissions import acting_user, has_role
from gamsa.patrols.roles import (
    department_unit_ids,
    is_department_member,
    is_patrol_team,
    sees_all,
)


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


# --- fetch and check --------------------------------------------------------------------------------------------

COMPLAINT_ACTIONS = {
    "view": None,
    "answer": can_answer_complaint,  # status and result text
    "edit": lambda user, complaint: can_edit_field_complaints(user),  # site checks, quality reviews
}


def complaint_for(request, source_id: str, action: str = "view"):
    """The field complaint `source_id` if the user may `action` it: 404 when they may not see it (or it does not
    exist), 403 when they see it but may not do `action`."""
    from gamsa.patrols.models import FieldComplaint

    rule = COMPLAINT_ACTIONS[action]
    user = acting_user(request)
    complaint = get_object_or_404(
        FieldComplaint.objects.select_related("item", "item__category", "unit"), source_id=source_id
    )
    core_perms.deny_outsider(can_view_complaint(user, complaint))
    if rule is not None:
        core_perms.deny_read_only(rule(user, complaint))
    return complaint


def provisional_item_for(request, code: str):
    """An item an import created provisionally, for those who map names (404 for everyone else)."""
    from gamsa.patrols.models import FieldItem

    core_perms.deny_outsider(can_map_names(acting_user(request)))
    return get_object_or_404(FieldItem, code=code, provisional=True)


def unit_alias_for(request, *, public_id=None, pk: int | None = None):
    """A department name from the imports, by its public id (or its old database id), for those who map names."""
    from gamsa.patrols.models import UnitAlias

    core_perms.deny_outsider(can_map_names(acting_user(request)))
    if public_id is not None:
        return get_object_or_404(UnitAlias, public_id=public_id)
    return get_object_or_404(UnitAlias, pk=pk)
