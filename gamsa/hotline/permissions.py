"""Who may do what on 청렴톡's office side. Outsiders get 404, read-only users 403.

Access is key possession plus these rules: a report's content opens only with a ReportKeyGrant of the user (the
assigned handler or an intake holder); nobody else sees that the report exists beyond its number in statistics.
- Office staff designated as hotline members (Member) use the office pages and hold a key pair.
- Custodians (Member.is_custodian) decide identity requests; they see no report without a grant.
- The system administrator designates members in the admin (categories, questions, retention rules too) but may
  hold no key and sees no report.
- Statistics (counts only): the office head, team leaders and the system administrator.
"""

from __future__ import annotations

from gamsa.core.models import Role, User
from gamsa.core.permissions import has_role, is_office_staff


def _member(user: User):
    from gamsa.hotline.models import Member

    if not user.is_authenticated:
        return None
    cached = getattr(user, "_hotline_member", False)
    if cached is False:
        cached = Member.objects.filter(user=user).first()
        user._hotline_member = cached
    return cached


def can_use_office(user: User) -> bool:
    return is_office_staff(user) and not has_role(user, Role.SYSADMIN) and _member(user) is not None


def is_custodian(user: User) -> bool:
    member = _member(user)
    return can_use_office(user) and member is not None and member.is_custodian


def can_open_report(user: User, report) -> bool:
    from gamsa.hotline.models import ReportKeyGrant

    return can_use_office(user) and ReportKeyGrant.objects.filter(report=report, user=user).exists()


def can_set_hold(user: User, report) -> bool:
    return can_open_report(user, report) and has_role(user, Role.OFFICE_HEAD)


def can_use_key_page(user: User) -> bool:
    """The staff key page: hotline members and whoever another app lets hold a key (the investigation desk)."""
    from gamsa.hotline.keys import may_hold_keys

    return may_hold_keys(user)


def can_use_recovery_page(user: User) -> bool:
    """The escrow page: its two holders (the office head and the information security officer), and the office
    head who sets it up."""
    from gamsa.hotline.recovery import is_holder

    return can_use_key_page(user) and (is_holder(user) or has_role(user, Role.OFFICE_HEAD))


def can_view_stats(user: User) -> bool:
    return has_role(user, Role.OFFICE_HEAD, Role.TEAM_LEADER, Role.SYSADMIN)


def can_create_escrow(user: User) -> bool:
    return can_use_office(user) and has_role(user, Role.OFFICE_HEAD)
