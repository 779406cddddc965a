"""Who may do what with cost-sheet reviews and rate tables.

- The audit team (감사팀: auditors and the team leader) and the office head review sheets and read reviews.
- Rate tables: the audit team, the office head and system administrators add versions and activate drafts.
- Other office staff and council viewers may read the rate table (403 on writes); everyone else gets 404.
"""

from __future__ import annotations

from gamsa.audits.permissions import is_audit_team
from gamsa.core.models import Role, User
from gamsa.core.permissions import has_role, is_council_viewer, is_office_staff


def can_review(user: User) -> bool:
    """Upload a sheet, see and download reviews."""
    return is_audit_team(user)


def can_view_rates(user: User) -> bool:
    return is_office_staff(user) or is_council_viewer(user) or has_role(user, Role.SYSADMIN)


def can_manage_rates(user: User) -> bool:
    return is_audit_team(user) or has_role(user, Role.SYSADMIN)
