"""Login with throttling (django-axes) and TOTP 2FA (django-otp) for staff roles."""

from __future__ import annotations

import base64

import segno
from django.conf import settings
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from gamsa.core.forms import LoginForm, OtpForm
from gamsa.core.permissions import needs_two_factor
from gamsa.core.services import record_event


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@never_cache
def login_view(request):
    if request.user.is_authenticated and (request.user.is_verified() or not needs_two_factor(request.user)):
        return redirect(_next_url(request))
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        login(request, user)
        record_event(user, "auth.login", user)
        if needs_two_factor(user) and (settings.GAMSA_OTP_REQUIRED or _has_device(user)):
            return redirect(f"/login/otp/?next={_next_url(request)}")
        return redirect(_next_url(request))
    return render(request, "registration/login.html", {"form": form, "next": _next_url(request)})


def _has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@never_cache
def otp_view(request):
    """Verify a TOTP code; a staff user without a device enrols one here first."""
    user = request.user
    if not user.is_authenticated:
        return redirect("core:login")
    if user.is_verified():
        return redirect(_next_url(request))
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    enrolling = device is None
    if enrolling:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="인증 앱", confirmed=False)
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            if enrolling:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                record_event(user, "auth.otp_enrolled", user)
            otp_login(request, device)
            record_event(user, "auth.otp_verified", user)
            return redirect(_next_url(request))
        form.add_error(
            "token", "인증 코드가 맞지 않거나 시간이 지났습니다. 앱에 새로 표시된 코드를 입력하세요."
        )
    context = {"form": form, "enrolling": enrolling, "next": _next_url(request)}
    if enrolling:
        context["secret"] = base64.b32encode(device.bin_key).decode().rstrip("=")
        context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#1e2124")
    return render(request, "registration/otp.html", context)


@require_POST
def logout_view(request):
    if request.user.is_authenticated:
        record_event(request.user, "auth.logout", request.user)
    logout(request)
    return redirect("core:login")
