from django.conf import settings
from django.utils.functional import SimpleLazyObject

from gamsa.core import nav, site


def gamsa(request):
    user = getattr(request, "user", None)
    return {
        "site_name": settings.GAMSA_SITE_NAME,
        "district": SimpleLazyObject(site.district),
        "nav": nav.menu_for(user) if user is not None and user.is_authenticated else [],
        "needs_otp_setup": getattr(request, "needs_otp_setup", False),
    }
