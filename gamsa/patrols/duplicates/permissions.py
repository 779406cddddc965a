"""Who may see and decide near-duplicate candidates: the patrol team decides (links or dismisses); office
leadership and council viewers read the queue (403 on decisions); a department sees the candidates on the pages of
its own records but decides nothing (403); everyone else gets 404."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from gamsa.core import permissions as core_perms
from gamsa.core.models import User
from gamsa.core.permissions import acting_user
from gamsa.patrols.findings.permissions import can_see_findings
from gamsa.patrols.roles import is_patrol_team, sees_all


def can_see_queue(user: User) -> bool:
    """The queue of every pending candidate."""
    return sees_all(user)


def can_decide_duplicates(user: User) -> bool:
    return is_patrol_team(user)


def candidate_for(request, *, public_id=None, pk: int | None = None):
    """The candidate to decide, by its public id (or its old database id): 404 for those who see no findings and
    for an unknown candidate, 403 for those who see it but do not decide."""
    from gamsa.patrols.models import DuplicateCandidate

    user = acting_user(request)
    core_perms.deny_outsider(can_see_findings(user))
    if public_id is not None:
        candidate = get_object_or_404(DuplicateCandidate, public_id=public_id)
    else:
        candidate = get_object_or_404(DuplicateCandidate, pk=pk)
    core_perms.deny_read_only(can_decide_duplicates(user))
    return candidate
