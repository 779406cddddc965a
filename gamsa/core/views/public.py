"""Pages for everyone: the front door (`/` without a session), the privacy policy and the site guide."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render

from gamsa.core import frontdoor


def front_door(request):
    return render(
        request,
        "core/public/front_door.html",
        {"services": frontdoor.services(), "highlights": frontdoor.highlights()},
    )


def privacy(request):
    return render(
        request,
        "core/public/privacy.html",
        {
            "access_log_years": settings.GAMSA_ACCESS_LOG_RETENTION_DAYS // 365,
            "access_log_days": settings.GAMSA_ACCESS_LOG_RETENTION_DAYS,
            "status_lock_hours": settings.GAMSA_STATUS_LOCK_HOURS,
            "login_cooloff_minutes": round(settings.AXES_COOLOFF_TIME * 60),
            "session_hours": settings.SESSION_COOKIE_AGE // 3600,
            "sms_by_provider": settings.GAMSA_SMS_BACKEND == "solapi",
        },
    )


def site_guide(request):
    return render(request, "core/public/site_guide.html")
