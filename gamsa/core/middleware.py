"""Staff must pass TOTP 2FA before they see anything but the login pages."""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from gamsa.core.permissions import needs_two_factor

EXEMPT_PREFIXES = ("/login/", "/logout/", "/static/", "/healthz", "/api/v1/calendar/", "/api/v1/openapi.json")


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        request.needs_otp_setup = False
        if user is not None and user.is_authenticated and needs_two_factor(user) and not user.is_verified():
            if settings.GAMSA_OTP_REQUIRED:
                if not request.path.startswith(EXEMPT_PREFIXES):
                    if request.path.startswith("/api/"):
                        return JsonResponse(
                            {"detail": "2단계 인증을 마친 뒤 이용할 수 있습니다."}, status=403
                        )
                    return redirect(f"{reverse('core:otp')}?{urlencode({'next': request.get_full_path()})}")
            else:
                request.needs_otp_setup = True
        return self.get_response(request)
