"""The sysadmin's list of Open311 partner keys (never the plain key) with revocation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gamsa.core import permissions as core_perms
from gamsa.core.legacy import moved
from gamsa.open311 import permissions as perms
from gamsa.open311 import selectors, services
from gamsa.open311.models import ApiKey


@login_required
def key_list(request):
    core_perms.deny_outsider(perms.can_manage_keys(request.user))
    keys = ApiKey.objects.select_related("user", "created_by").order_by("-created_at")[:500]
    return render(
        request,
        "open311/keys.html",
        {"keys": keys, "jurisdiction": selectors.jurisdiction()},
    )


@login_required
@require_POST
def revoke_legacy(request, pk: int):
    """The old address by database id: the same check, then a permanent redirect (308 keeps the POST)."""
    key = perms.partner_key_for(request, pk=pk)
    return moved(reverse("open311:revoke", args=[key.public_id]))


@login_required
@require_POST
def revoke(request, public_id):
    key = perms.partner_key_for(request, public_id=public_id)
    try:
        services.revoke_key(request.user, key)
        messages.success(request, f"'{key.name}' 키를 폐기했습니다.")
    except services.KeyProblem as exc:
        messages.error(request, str(exc))
    return redirect("open311:keys")
