"""Who may do what with public-interest reports (공익신고, 공익신고자 보호법).

- The register names reporters by pseudonym only: the complaint team (and the office head) manages it, council
  viewers read it (403 on writes), everyone else gets 404.
- Only the office head designates the officers who may ask for a reporter's sealed identity (법 제12조, 영 제13조),
  and only office staff can be designated.
- The sealed identity page: designated officers, while they work in the office (they ask; once a custodian
  approves, they read), and the vault's custodians (who approve). Everyone else gets 404.

Views load a report only through `report_for` and a designation through `designation_for`; pages without one
start with `require`.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from gamsa.complaints.roles import is_complaint_team
from gamsa.core.models import Role, User
from gamsa.core.permissions import (
    OFFICE_ROLES,
    deny_outsider,
    deny_read_only,
    has_role,
    is_council_viewer,
    is_office_staff,
    users_holding,
)


def can_view(user: User) -> bool:
    """The report register (pseudonyms only): the complaint team, the office head, read-only council viewers."""
    return is_complaint_team(user) or is_council_viewer(user)


def can_manage(user: User) -> bool:
    return is_complaint_team(user)


def can_designate(user: User) -> bool:
    return has_role(user, Role.OFFICE_HEAD)


def is_designated_officer(user: User) -> bool:
    from gamsa.complaints.reports.models import DesignatedOfficer

    return user.is_authenticated and DesignatedOfficer.objects.filter(user=user).exists()


def can_open_identity(user: User) -> bool:
    """Only designated officers, and only while they work in the office (법 제12조, 영 제13조)."""
    return is_office_staff(user) and is_designated_officer(user)


def may_reach_identity(user: User) -> bool:
    """Designated officers (who ask and, once approved, read) and custodians (who hold the vault key)."""
    from gamsa.hotline import vault

    return can_open_identity(user) or (is_office_staff(user) and vault.is_custodian(user))


def can_be_designated(user: User) -> bool:
    """Only the office's own staff can be designated."""
    return is_office_staff(user)


def designation_candidates():
    """Whom the designation form offers: the office's staff (by name)."""
    return users_holding(OFFICE_ROLES)


def require(request, action: str = "view") -> None:
    """The register's pages: 404 for outsiders; 403 for readers when `action` is "manage" or "designate"."""
    user = request.user
    deny_outsider(can_view(user))
    if action == "manage":
        deny_read_only(can_manage(user))
    elif action == "designate":
        deny_read_only(can_designate(user))
    elif action != "view":
        raise ValueError(f"unknown action: {action}")


def report_for(request, case_number: str, action: str = "view"):
    """The report `case_number` for `action` ("view", "manage", or "identity": the sealed identity page)."""
    from gamsa.complaints.reports.models import PublicInterestReport

    if action == "identity":
        deny_outsider(may_reach_identity(request.user))
        return get_object_or_404(PublicInterestReport, case_number=case_number)
    deny_outsider(can_view(request.user))
    report = get_object_or_404(
        PublicInterestReport.objects.select_related("created_by"), case_number=case_number
    )
    require(request, action)
    return report


def designation_for(request, user_public_id):
    """The designation of the officer `user_public_id`, for the office head to revoke."""
    from gamsa.complaints.reports.models import DesignatedOfficer

    require(request, "designate")
    officer = get_object_or_404(User, public_id=user_public_id)
    return get_object_or_404(DesignatedOfficer.objects.select_related("user"), user=officer)
