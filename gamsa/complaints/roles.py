"""Who is who for the complaints app, in the terms of core's roles; every concept's permissions module builds its
rules from these (and from gamsa.core.permissions), so that a role is read in one place.

- The complaint team (민원관리팀): its officers, its leader and the office head (core's `office_team_roles` counts the
  office head in every team).
- Office readers: the complaint team, the rest of the audit office, council viewers and system administrators; they
  read the desk, petitions and the committee. Department staff read only their department's grievances.
"""

from __future__ import annotations

from gamsa.core.models import Role, User
from gamsa.core.permissions import has_role, is_office_staff, memberships_of, office_team_roles

TEAM = "complaints"


def is_complaint_team(user: User) -> bool:
    return office_team_roles(user, TEAM)


def is_complaint_team_leader(user: User) -> bool:
    return any(role == Role.TEAM_LEADER and team == TEAM for role, _, team in memberships_of(user))


def is_office_reader(user: User) -> bool:
    """The complaint team, the other office staff, council viewers (read only) and system administrators."""
    return (
        is_complaint_team(user) or is_office_staff(user) or has_role(user, Role.COUNCIL_VIEWER, Role.SYSADMIN)
    )
