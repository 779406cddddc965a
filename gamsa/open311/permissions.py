"""Who may do what in Open311: the system administrator sees and revokes partner keys; a key linked to an active
local guardian files guardian reports (the patrols rule `guardian_of`, the only definition of a guardian)."""

from __future__ import annotations

from gamsa.core.models import Role
from gamsa.core.permissions import has_role
from gamsa.patrols.guardians.permissions import guardian_of


def can_manage_keys(user) -> bool:
    return bool(user and user.is_authenticated) and has_role(user, Role.SYSADMIN)


def is_guardian(user) -> bool:
    """The key's user is an active guardian (role volunteer with an open Guardian profile), as patrols decides."""
    return user is not None and guardian_of(user) is not None
