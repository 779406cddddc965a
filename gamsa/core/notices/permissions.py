"""Who may do what with notices. Outsiders get 404, read-only users 403.

- Templates: the office reads them; the complaint team (and the office head) and the system administrator edit.
- Staff preferences: every staff member sets their own.
- A case's notices (change the citizen's channel, send a failed one again): whoever manages the case, as the
  case's app decides (gamsa.core.notices.targets.register(..., can_manage=)).
"""

from __future__ import annotations

from gamsa.core.models import Role, User
from gamsa.core.notices import targets
from gamsa.core.permissions import has_role, is_office_staff, is_staff_member, office_team_roles


def can_view_templates(user: User) -> bool:
    return is_office_staff(user) or has_role(user, Role.SYSADMIN)


def can_edit_templates(user: User) -> bool:
    return office_team_roles(user, "complaints") or has_role(user, Role.SYSADMIN)


def can_set_preference(user: User) -> bool:
    return is_staff_member(user)


def can_manage_case_notices(user: User, target_type: str, target_id: str) -> bool:
    return user.is_authenticated and targets.can_manage(user, target_type, target_id)


def can_view_case_notices(user: User, target_type: str, target_id: str) -> bool:
    return user.is_authenticated and targets.can_view(user, target_type, target_id)
