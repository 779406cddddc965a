"""Login with throttling (django-axes) and TOTP 2FA (django-otp) for staff roles."""

from __future__ import annotations

import base64
import datetime as dt

import segno
from django.conf import settings
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from gamsa.core import services, throttle
from gamsa.core.forms import EnrolmentCodeForm, LoginForm, OtpForm
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


ENROL_SESSION_KEY = "otp_enrol_device"
ENROL_SCOPE = "enrolment-code"
ENROL_LIMIT = 5  # wrong enrolment codes per account per 15 minutes
ENROL_WINDOW = dt.timedelta(minutes=15)


@never_cache
def otp_view(request):
    """Verify a TOTP code. A staff user without a device enrols one here, but only after typing the one-time
    enrolment code an administrator issued: a password alone never shows the authenticator's secret."""
    user = request.user
    if not user.is_authenticated:
        return redirect("core:login")
    if user.is_verified():
        return redirect(_next_url(request))
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.filter(
            user=user, confirmed=False, pk=request.session.get(ENROL_SESSION_KEY) or 0
        ).first()
        if device is None:
            return _enrolment_code_step(request, user)
        enrolling = True
    else:
        enrolling = False
    form = OtpForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            services.record_otp_verified(user, device, enrolling=enrolling)
            request.session.pop(ENROL_SESSION_KEY, None)
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error(
            "token", "인증 코드가 맞지 않거나 시간이 지났습니다. 앱에 새로 표시된 코드를 입력하세요."
        )
    if form.errors:
        status = 400
    context = {"form": form, "enrolling": enrolling, "next": _next_url(request)}
    if enrolling:
        context["secret"] = base64.b32encode(device.bin_key).decode().rstrip("=")
        context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#1e2124")
    return render(request, "registration/otp.html", context, status=status)


def _enrolment_code_step(request, user):
    """First step of enrolment: the one-time code. A right code starts a new, unconfirmed device for this session
    (any older unconfirmed device, whose secret may have been seen, is thrown away)."""
    form = EnrolmentCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if not throttle.take(ENROL_SCOPE, str(user.pk), limit=ENROL_LIMIT, window=ENROL_WINDOW):
            form.add_error(None, "등록 코드를 너무 많이 잘못 입력했습니다. 15분 뒤에 다시 시도하세요.")
            status = 429
        elif device := services.enrol_with_code(user, form.cleaned_data["enrolment_code"]):
            throttle.give_back(ENROL_SCOPE, str(user.pk))
            request.session[ENROL_SESSION_KEY] = device.pk
            return redirect(f"{reverse('core:otp')}?{urlencode({'next': _next_url(request)})}")
        else:
            form.add_error(
                "enrolment_code",
                "등록 코드가 맞지 않거나, 이미 썼거나, 유효시간이 지났습니다. 시스템 관리자에게 새 코드를 받으세요.",
            )
            status = 400
    elif request.method == "POST":
        status = 400
    context = {"code_form": form, "code_step": True, "next": _next_url(request)}
    return render(request, "registration/otp.html", context, status=status)


@require_POST
def logout_view(request):
    if request.user.is_authenticated:
        record_event(request.user, "auth.logout", request.user)
    logout(request)
    return redirect("core:login")
