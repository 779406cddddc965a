"""Who may do what with patrol rounds: the patrol team (순찰팀 officers, its leader, the office head) records them;
office leadership and council viewers read them (403 on writes); everyone else gets 404."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from gamsa.core import permissions as core_perms
from gamsa.core.models import User
from gamsa.core.permissions import acting_user
from gamsa.patrols.roles import is_patrol_team, sees_all


def can_see_rounds(user: User) -> bool:
    return sees_all(user)


def can_manage_rounds(user: User) -> bool:
    return is_patrol_team(user)


def round_for(request, number: str, action: str = "view"):
    """The round `number` for those who see rounds (404 for everyone else and for an unknown number); `action`
    "manage" also needs the patrol team (403)."""
    from gamsa.patrols.models import PatrolRound

    user = acting_user(request)
    core_perms.deny_outsider(can_see_rounds(user))
    patrol_round = get_object_or_404(PatrolRound.objects.select_related("area", "created_by"), number=number)
    if action == "manage":
        core_perms.deny_read_only(can_manage_rounds(user))
    elif action != "view":
        raise ValueError(action)
    return patrol_round
