"""Who is a local guardian (내 지역 지킴이) and who manages them. `guardian_of` is the only definition of a guardian
in the system (findings and Open311 ask it): role volunteer and an open Guardian profile.

- a guardian reports (the phone form) and sees their own reports;
- the patrol team (순찰팀 officers, its leader, the office head) appoints guardians and records their training.
Outsiders get 404.
"""

from __future__ import annotations

from gamsa.core.models import Role, User
from gamsa.core.permissions import has_role
from gamsa.patrols.roles import is_patrol_team


def guardian_of(user: User):
    """The user's active Guardian profile, or None."""
    if not user.is_authenticated or not has_role(user, Role.VOLUNTEER):
        return None
    cached = getattr(user, "_gamsa_guardian", False)
    if cached is False:
        from gamsa.patrols.models import Guardian

        cached = Guardian.objects.filter(user=user, ended_on__isnull=True).first()
        user._gamsa_guardian = cached
    return cached


def is_guardian(user: User) -> bool:
    return guardian_of(user) is not None


def can_report_as_guardian(user: User) -> bool:
    return is_guardian(user)


def can_manage_guardians(user: User) -> bool:
    return is_patrol_team(user)


def can_see_guardians(user: User) -> bool:
    return is_patrol_team(user)
