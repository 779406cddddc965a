"""The programme's front page: the year's figures in the yearly report's shape (counts only, no personal data)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gamsa.core import permissions as core_perms
from gamsa.humanrights import permissions as perms
from gamsa.humanrights import stats
from gamsa.humanrights.plan.models import Plan
from gamsa.humanrights.viewkit import year_param, years_around


@login_required
def home(request):
    core_perms.deny_outsider(perms.is_reader(request.user))
    year = year_param(request)
    return render(
        request,
        "humanrights/home.html",
        {
            "year": year,
            "years": years_around(),
            "f": stats.yearly_figures(year),
            "plan": Plan.objects.filter(year=year).first(),
        },
    )
