"""Patrol rounds: list, record, detail, and the yearly summary by kind."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone

from gamsa.core import permissions as core_perms
from gamsa.core.sorting import sort_queryset
from gamsa.patrols.models import PatrolRound, RoundKind
from gamsa.patrols.rounds import permissions as perms
from gamsa.patrols.rounds import services as svc
from gamsa.patrols.rounds.forms import RoundForm

# The list's sortable columns (core/sorting.py); rounds have no deadline, the latest first.
ROUND_SORTS = {
    "number": "number",
    "date": ("date", "number"),
    "kind": "kind",
    "theme": "theme",
    "area": "area__name",
    "findings": "finding_count",
}


@login_required
def round_list(request):
    core_perms.deny_outsider(perms.can_see_rounds(request.user))
    qs = PatrolRound.objects.select_related("area").annotate(finding_count=Count("findings"))
    kind = request.GET.get("kind", "")
    if kind in RoundKind.values:
        qs = qs.filter(kind=kind)
    qs, _ = sort_queryset(request, qs, ROUND_SORTS, default="-date")
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "patrols/rounds/round_list.html",
        {
            "page": page,
            "kinds": RoundKind.choices,
            "kind": kind,
            "can_manage": perms.can_manage_rounds(request.user),
        },
    )


@login_required
def round_create(request):
    core_perms.deny_outsider(perms.can_see_rounds(request.user))
    core_perms.deny_read_only(perms.can_manage_rounds(request.user))
    form = RoundForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            patrol_round = svc.create_round(request.user, **data)
        except svc.RoundError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{patrol_round} 순찰을 등록했습니다.")
            return redirect("patrols:round_detail", number=patrol_round.number)
    return render(
        request, "patrols/rounds/round_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def round_detail(request, number: str):
    patrol_round = perms.round_for(request, number)
    return render(
        request,
        "patrols/rounds/round_detail.html",
        {
            "r": patrol_round,
            "staff": patrol_round.staff.order_by("full_name"),
            "findings": patrol_round.findings.select_related("category", "unit").order_by("reported_at"),
            "can_manage": perms.can_manage_rounds(request.user),
        },
    )


@login_required
def round_summary(request):
    core_perms.deny_outsider(perms.can_see_rounds(request.user))
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year") or this_year)
    except ValueError:
        year = this_year
    year = min(max(year, 2000), this_year + 1)
    return render(
        request,
        "patrols/rounds/round_summary.html",
        {"s": svc.yearly_summary(year), "years": range(this_year, this_year - 5, -1)},
    )
