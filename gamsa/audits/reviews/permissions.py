"""Who may do what with reviews. Outsiders get 404, read-only users 403 (core.permissions helpers).

- The audit team (auditor, its team leader, the office head) sees and reviews every request.
- A department's liaison and head file requests for their own unit and see only their unit's requests.
- Council viewers read everything (403 on writes). Other office staff, volunteers and citizens: nothing.
- Thresholds: everyone above reads them; the system administrator and the office head add versions.
"""

from __future__ import annotations

from django.db.models import QuerySet

from gamsa.audits.permissions import is_audit_team
from gamsa.core.models import Role, User
from gamsa.core.permissions import (
    department_ids,
    has_role,
    is_council_viewer,
)


def can_see_reviews(user: User) -> bool:
    return is_audit_team(user) or is_council_viewer(user) or bool(department_ids(user))


def visible(user: User, queryset: QuerySet, unit_field: str = "unit_id") -> QuerySet:
    """The rows of `queryset` `user` may see at all."""
    if is_audit_team(user) or is_council_viewer(user):
        return queryset
    units = department_ids(user)
    if units:
        return queryset.filter(**{f"{unit_field}__in": units})
    return queryset.none()


def can_view(user: User, obj) -> bool:
    if is_audit_team(user) or is_council_viewer(user):
        return True
    return obj.unit_id in department_ids(user)


def can_file(user: User) -> bool:
    """Departments file requests for their own unit."""
    return bool(department_ids(user))


def filing_units(user: User) -> list[int]:
    return department_ids(user)


def can_review(user: User) -> bool:
    return is_audit_team(user)


def can_answer(user: User, review) -> bool:
    """The assigned reviewer, or the team leader / office head; any team member while nobody is assigned."""
    if not is_audit_team(user):
        return False
    if review.reviewer_id is None or review.reviewer_id == user.pk:
        return True
    return has_role(user, Role.TEAM_LEADER, Role.OFFICE_HEAD)


def can_see_thresholds(user: User) -> bool:
    return can_see_reviews(user) or has_role(user, Role.SYSADMIN)


def can_edit_thresholds(user: User) -> bool:
    return has_role(user, Role.SYSADMIN, Role.OFFICE_HEAD)


# --- 적극행정 --------------------------------------------------------------------------------------------------


def can_see_proactive(user: User) -> bool:
    return can_see_reviews(user)


def can_manage_selection(user: User) -> bool:
    """Rounds, committee members, scores and the selection: the audit team runs the committee's secretariat."""
    return is_audit_team(user)


def can_nominate(user: User) -> bool:
    return is_audit_team(user) or bool(department_ids(user, Role.DEPT_HEAD))


def can_see_rounds(user: User) -> bool:
    """Scores and rankings: the audit team and council viewers (departments see only the selected list)."""
    return is_audit_team(user) or is_council_viewer(user)
