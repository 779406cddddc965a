"""The staff key pages (/hotline-office/key/, /hotline-office/recovery/): set up, unlock, lock, recover with the
code, ask for recovery through the escrow, start over; the escrow holders' recovery page (approve, cancel), and the
office head's escrow set-up. One staff key per person opens both hotline reports and sealed case files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from gamsa.core import permissions as core_perms
from gamsa.core.models import Event
from gamsa.hotline import forms as f
from gamsa.hotline import keys, recovery, vault
from gamsa.hotline import permissions as perms
from gamsa.hotline.models import Keyring, RecoveryRequest

NEXT_PREFIXES = ("/hotline-office/", "/complaints/reports/", "/investigations/")


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def key(request):
    core_perms.deny_outsider(perms.can_use_key_page(request.user))
    user = request.user
    context = {
        "ring": Keyring.objects.filter(user=user).first(),
        "unlocked": keys.unlocked_private(request) is not None,
        "setup_form": f.SetUpForm(),
        "unlock_form": f.PassphraseForm(),
        "code_form": f.RecoverCodeForm(prefix="code"),
        "new_form": f.SetUpForm(prefix="new"),
        "ask_form": f.SetUpForm(prefix="ask"),
        "paths": keys.recovery_paths(user),
        "recovery": recovery.current_for(user),
        "can_recovery_page": perms.can_use_recovery_page(user),
        "next": request.GET.get("next", ""),
    }
    status = 200
    if request.method == "POST":
        try:
            response = _key_action(request, request.POST.get("action", ""), context)
        except keys.Unrecoverable as exc:
            context["unrecoverable"] = str(exc)
            status = 400
        except (keys.KeyError_, vault.VaultError) as exc:
            context["error"] = str(exc)
            status = 400
        else:
            if response is not None:
                return keys.attach_cookie(request, _no_store(response))
            status = 400
    return keys.attach_cookie(request, _no_store(render(request, "hotline/key.html", context, status=status)))


def _key_action(request, action, context):
    user = request.user
    if action == "setup":
        form = context["setup_form"] = f.SetUpForm(request.POST)
        if form.is_valid():
            _, code = keys.set_up_key(user, form.cleaned_data["passphrase"])
            keys.unlock(request, form.cleaned_data["passphrase"])
            return render(request, "hotline/key_created.html", {"code": code})
        return None
    if action == "unlock":
        form = context["unlock_form"] = f.PassphraseForm(request.POST)
        if form.is_valid():
            if recovery.finish(user, form.cleaned_data["passphrase"]):
                messages.success(request, "분할 보관 열쇠로 복구했습니다. 앞으로 새 청렴톡 암호로 엽니다.")
            private = keys.unlock(request, form.cleaned_data["passphrase"])
            vault.claim_bootstrap(user, private)
            keys.escrow_own_key(user, private)
            messages.success(request, "열쇠를 열었습니다.")
            target = request.POST.get("next", "")
            return redirect(target if target.startswith(NEXT_PREFIXES) else "hotline_office:key")
        return None
    if action == "lock":
        response = redirect("hotline_office:key")
        keys.lock(request, response)
        return response
    if action == "recover_code":
        form = context["code_form"] = f.RecoverCodeForm(request.POST, prefix="code")
        if form.is_valid():
            keys.recover_with_code(user, form.cleaned_data["code"], form.cleaned_data["passphrase"])
            messages.success(request, "복구 코드로 열쇠를 되살렸습니다. 새 청렴톡 암호로 여세요.")
            return redirect("hotline_office:key")
        return None
    if action == "recovery_ask":
        form = context["ask_form"] = f.SetUpForm(request.POST, prefix="ask")
        if form.is_valid():
            recovery.ask(user, form.cleaned_data["passphrase"])
            messages.success(
                request,
                "복구를 요청했습니다. 감사담당관과 정보보안 담당자가 각각 승인하면 방금 정한 새 청렴톡 암호로 "
                "열쇠를 여세요.",
            )
            return redirect("hotline_office:key")
        return None
    if action == "start_over":
        form = context["new_form"] = f.SetUpForm(request.POST, prefix="new")
        if form.is_valid():
            _, code = keys.start_over(user, form.cleaned_data["passphrase"])
            keys.unlock(request, form.cleaned_data["passphrase"])
            return render(request, "hotline/key_created.html", {"code": code, "started_over": True})
        return None
    raise keys.KeyError_("알 수 없는 요청입니다.")


# --- the escrow holders' page -------------------------------------------------------------------------------------

RECOVERY_VERBS = [
    "hotline.escrow_created",
    "hotline.recovery_requested",
    "hotline.recovery_approved",
    "hotline.recovery_cancelled",
    "hotline.key_recovered",
]


@login_required
@require_http_methods(["GET", "POST"])
def recovery_page(request):
    """The escrow, the open recovery requests with each holder's approval, the recorded steps; the office head
    sets up the escrow here."""
    user = request.user
    core_perms.deny_outsider(perms.can_use_recovery_page(user))
    form = f.EscrowCreateForm()
    status = 200
    if request.method == "POST":
        core_perms.deny_read_only(perms.can_create_escrow(user))
        form = f.EscrowCreateForm(request.POST)
        if form.is_valid():
            try:
                keys.create_escrow(user, form.cleaned_data["holder_a"], form.cleaned_data["holder_b"])
            except keys.KeyError_ as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "분할 보관 열쇠를 만들어 두 보관자에게 나누어 봉인했습니다.")
                return redirect("hotline_office:recovery")
        status = 400
    context = {
        "escrow": recovery.escrow(),
        "requests": recovery.open_requests(),
        "is_holder": recovery.is_holder(user),
        "unlocked": keys.unlocked_private(request) is not None,
        "can_escrow": perms.can_create_escrow(user),
        "form": form,
        "events": Event.objects.filter(verb__in=RECOVERY_VERBS).order_by("-at")[:30],
    }
    return _no_store(render(request, "hotline/recovery.html", context, status=status))


@login_required
@require_POST
def recovery_act(request, request_id, action: str):
    user = request.user
    core_perms.deny_outsider(perms.can_use_recovery_page(user))
    req = get_object_or_404(RecoveryRequest, public_id=request_id)
    try:
        if action == "approve":
            core_perms.deny_read_only(recovery.is_holder(user))
            private = keys.unlocked_private(request)
            if private is None:
                raise keys.KeyError_("먼저 내 열쇠를 여세요(승인에는 보관자 본인의 열쇠가 필요합니다).")
            req = recovery.approve(user, private, req)
            messages.success(
                request,
                "승인했습니다. 복구가 준비되었습니다. 요청한 직원이 새 암호로 열쇠를 열면 끝납니다."
                if req.status == RecoveryRequest.Status.READY
                else "승인했습니다. 다른 보관자의 승인을 기다립니다.",
            )
        elif action == "cancel":
            core_perms.deny_read_only(recovery.is_holder(user))
            recovery.cancel(user, req)
            messages.success(request, "복구 요청을 취소했습니다.")
        else:
            raise Http404
    except keys.KeyError_ as exc:
        messages.error(request, str(exc))
    return redirect("hotline_office:recovery")
