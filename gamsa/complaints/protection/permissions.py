"""Who may do what with 특이민원 and the protection of the staff who handle complaints (민원처리법 제4조, 영 제4조).

- The register of abusive complainants, incidents and expert advice: the complaint team (and the office head)
  manages and sees names; council viewers read without names (403 on writes); everyone else gets 404.
- Every staff member may ask for protection about their own incident (법 제4조③). A request is seen by the
  requester, the complaint team leader and the office head only, never by the requester's department head,
  so that no disadvantage can follow it (④). The page itself is open to the register's readers and to staff.
- A dedicated handler must be a team leader or a director (감사담당관 or a 부서장).

Views load a complainant only through `complainant_for` and a request through `protection_request_for`; pages
without one start with `require`.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from gamsa.complaints.roles import is_complaint_team, is_complaint_team_leader
from gamsa.core.models import Role, User
from gamsa.core.permissions import (
    STAFF_ROLES,
    deny_outsider,
    deny_read_only,
    has_role,
    is_council_viewer,
    is_staff_member,
    users_holding,
)

DEDICATED_HANDLER_ROLES = (Role.TEAM_LEADER, Role.OFFICE_HEAD, Role.DEPT_HEAD)


def can_manage(user: User) -> bool:
    return is_complaint_team(user)


def can_view(user: User) -> bool:
    """The 특이민원 register, incidents and expert advice (council viewers read only, without names)."""
    return can_manage(user) or is_council_viewer(user)


def can_see_personal_data(user: User) -> bool:
    return can_manage(user)


def can_use_page(user: User) -> bool:
    """The menu entry: the register's readers and every staff member (for their own requests)."""
    return can_view(user) or is_staff_member(user)


def can_request(user: User) -> bool:
    return is_staff_member(user)


def can_decide(user: User) -> bool:
    """The complaint team leader and the office head (not the requester's department head)."""
    return has_role(user, Role.OFFICE_HEAD) or is_complaint_team_leader(user)


def can_be_dedicated_handler(user: User) -> bool:
    return has_role(user, *DEDICATED_HANDLER_ROLES)


def staff_candidates() -> QuerySet:
    """The staff a form offers as affected staff or dedicated handler (the service then checks the handler's rank)."""
    return users_holding(STAFF_ROLES)


def visible_requests(user: User, queryset: QuerySet | None = None) -> QuerySet:
    from gamsa.complaints.protection.models import ProtectionRequest

    queryset = ProtectionRequest.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    if can_decide(user):
        return queryset
    return queryset.filter(requested_by=user)


# action → (who may reach the page at all: else 404, who may do it: else 403)
ACTIONS = {
    "page": (can_use_page, None),
    "request": (can_use_page, can_request),
    "decide": (can_use_page, can_decide),
    "view": (can_view, None),
    "manage": (can_view, can_manage),
}


def require(request, action: str = "view") -> None:
    see, do = ACTIONS[action]
    deny_outsider(see(request.user))
    if do is not None:
        deny_read_only(do(request.user))


def complainant_for(request, public_id, action: str = "view"):
    from gamsa.complaints.grievances.models import Complainant

    deny_outsider(can_view(request.user))
    person = get_object_or_404(Complainant.objects.select_related("dedicated_handler"), public_id=public_id)
    require(request, action)
    return person


def protection_request_for(request, request_id: int):
    """A request the user may decide (call `require(request, "decide")` first)."""
    return get_object_or_404(visible_requests(request.user), pk=request_id)
