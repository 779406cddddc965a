"""My account (roles, 2FA state, personal API tokens) and a person's record (access-logged)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from gamsa.core import permissions as perms
from gamsa.core import services
from gamsa.core.forms import TokenForm
from gamsa.core.legacy import moved
from gamsa.core.models import ApiToken, Membership, User

PERSONAL_FIELDS = ["성명", "연락처", "이메일"]


@login_required
def account(request):
    form = TokenForm(request.POST or None)
    new_token = None
    status = 200
    if request.method == "POST":
        perms.deny_read_only(perms.can_issue_api_token(request.user))
        if form.is_valid():
            _, new_token = services.issue_api_token(
                request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
            )
            form = TokenForm()
        else:
            status = 400
    context = {
        "form": form,
        "new_token": new_token,
        "tokens": ApiToken.objects.filter(user=request.user),
        "memberships": Membership.objects.filter(user=request.user, ended_on__isnull=True).select_related(
            "unit"
        ),
        "has_device": TOTPDevice.objects.filter(user=request.user, confirmed=True).exists(),
        "can_issue": perms.can_issue_api_token(request.user),
        "now": timezone.now(),
    }
    return render(request, "core/account.html", context, status=status)


@login_required
@require_POST
def token_revoke(request, public_id):
    token = get_object_or_404(ApiToken, public_id=public_id)
    perms.deny_outsider(token.user_id == request.user.pk)
    if token.revoked_at is None:
        services.revoke_api_token(request.user, token)
        messages.success(request, f"'{token.name}' 토큰을 폐기했습니다.")
    return redirect("core:account")


@login_required
@require_POST
def token_revoke_legacy(request, pk: int):
    """The old address by database id: the same check (one's own token), then a permanent redirect."""
    token = get_object_or_404(ApiToken, pk=pk)
    perms.deny_outsider(token.user_id == request.user.pk)
    return moved(reverse("core:token_revoke", args=[token.public_id]))


@login_required
def person(request, public_id):
    person = get_object_or_404(User.objects.select_related("unit"), public_id=public_id)
    perms.deny_outsider(perms.can_view_person(request.user, person))
    if person.pk != request.user.pk:
        services.log_access(request.user, person, PERSONAL_FIELDS, request=request)
    memberships = Membership.objects.filter(user=person).select_related("unit")
    return render(request, "core/person.html", {"person": person, "memberships": memberships})
