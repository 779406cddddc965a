"""The integrity programme's dashboard (청렴 현황)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gamsa.core import permissions as core_perms
from gamsa.integrity import permissions as perms
from gamsa.integrity.overview.selectors import figures
from gamsa.integrity.viewkit import year_choices, year_param


@login_required
def dashboard(request):
    core_perms.deny_outsider(perms.can_use_office(request.user))
    year = year_param(request)
    return render(
        request,
        "integrity/dashboard.html",
        {"f": figures(year), "year": year, "years": year_choices(), "can_edit": perms.can_edit(request.user)},
    )
