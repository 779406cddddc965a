"""Who may see and revoke Open311 partner keys: the system administrator only."""

from __future__ import annotations

from gamsa.core.models import Role
from gamsa.core.permissions import has_role


def can_manage_keys(user) -> bool:
    return bool(user and user.is_authenticated) and has_role(user, Role.SYSADMIN)
