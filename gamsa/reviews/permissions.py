"""Who may do what with 일상감사 and 계약심사 requests and the review thresholds. Outsiders get 404, read-only
users 403 (core.permissions helpers); `review_for` fetches a request together with its check. The rules of
적극행정 are in gamsa/reviews/proactive/permissions.py (the same audience: it builds on `can_see_reviews`).

- The audit team (auditor, its team leader, the office head) sees and reviews every request.
- A department's liaison and head file requests for their own unit and see only their unit's requests.
- Council viewers read everything (403 on writes). Other office staff, volunteers and citizens: nothing.
- Thresholds: everyone above reads them; the system administrator and the office head add versions.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from gamsa.audits.permissions import is_audit_team
from gamsa.core import permissions as core_perms
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


# --- fetch and check --------------------------------------------------------------------------------------------

REVIEW_ACTIONS = {
    "view": None,
    "review": lambda user, review: can_review(user),  # assign a reviewer
    "answer": can_answer,  # the opinion (일상감사) or the reviewed amount (계약심사)
}


def review_for(request, kind: str, case_number: str, action: str = "view"):
    """The request `case_number` of `kind` ("pre": 일상감사, "contract": 계약심사) if the user may `action` it:
    404 when they may not see it (or it does not exist), 403 when they see it but may not do `action`."""
    from gamsa.reviews.models import ContractReview, PreExecutionReview

    if kind == "pre":
        qs = PreExecutionReview.objects.select_related("unit", "rule", "reviewer")
    elif kind == "contract":
        qs = ContractReview.objects.select_related("unit", "rule", "reviewer", "cost_review")
    else:
        raise Http404
    rule = REVIEW_ACTIONS[action]
    user = core_perms.acting_user(request)
    review = get_object_or_404(qs, case_number=case_number)
    core_perms.deny_outsider(can_view(user, review))
    if rule is not None:
        core_perms.deny_read_only(rule(user, review))
    return review
