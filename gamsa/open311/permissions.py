"""Who may do what in Open311: the GeoReport endpoints are public (reads) or need a partner key (posts); the
system administrator sees and revokes partner keys (everyone else 404); a key linked to an active local guardian
files guardian reports (the patrols rule `guardian_of`, the only definition of a guardian). `partner_key_for`
fetches a key together with its check."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from gamsa.core import permissions as core_perms
from gamsa.core.models import Role
from gamsa.core.permissions import has_role
from gamsa.patrols.guardians.permissions import guardian_of


def can_manage_keys(user) -> bool:
    return bool(user and user.is_authenticated) and has_role(user, Role.SYSADMIN)


def is_guardian(user) -> bool:
    """The key's user is an active guardian (role volunteer with an open Guardian profile), as patrols decides."""
    return user is not None and guardian_of(user) is not None


def partner_key_for(request, *, public_id=None, pk: int | None = None):
    """A partner key by its public id (or its old database id), for the system administrator only (404 otherwise)."""
    from gamsa.open311.models import ApiKey

    core_perms.deny_outsider(can_manage_keys(request.user))
    if public_id is not None:
        return get_object_or_404(ApiKey, public_id=public_id)
    return get_object_or_404(ApiKey, pk=pk)
