"""Threshold rules: the versions in force and their history; administrators add a new version."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from gamsa.core import permissions as core_perms
from gamsa.core.calendar import SEOUL
from gamsa.reviews import permissions as perms
from gamsa.reviews.forms import ThresholdForm
from gamsa.reviews.models import CATEGORIES_FOR, ReviewKind, ThresholdRule
from gamsa.reviews.services import thresholds as svc


@login_required
def threshold_list(request):
    core_perms.deny_outsider(perms.can_see_thresholds(request.user))
    today = timezone.now().astimezone(SEOUL).date()
    rules = list(ThresholdRule.objects.select_related("created_by"))
    groups = []
    for kind in ReviewKind:
        rows = []
        for category in CATEGORIES_FOR[kind]:
            versions = [r for r in rules if r.review_kind == kind and r.category == category]
            current = next((r for r in versions if r.effective_from <= today), None)
            upcoming = [r for r in versions if r.effective_from > today]
            rows.append(
                {"category": category, "current": current, "versions": versions, "upcoming": upcoming}
            )
        groups.append({"kind": kind, "rows": rows})
    return render(
        request,
        "reviews/thresholds.html",
        {
            "groups": groups,
            "today": today,
            "can_edit": perms.can_edit_thresholds(request.user),
        },
    )


@login_required
def threshold_create(request):
    core_perms.deny_outsider(perms.can_see_thresholds(request.user))
    core_perms.deny_read_only(perms.can_edit_thresholds(request.user))
    initial = {k: request.GET[k] for k in ("review_kind", "category", "basis") if k in request.GET}
    form = ThresholdForm(request.POST or None, initial={"applies": True, **initial})
    if request.method == "POST" and form.is_valid():
        try:
            rule = svc.add_version(request.user, **form.cleaned_data)
        except svc.ThresholdError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, f"새 기준을 등록했습니다: {rule.summary}. 이전 기준은 그대로 보관됩니다."
            )
            return redirect("reviews:thresholds")
    return render(request, "reviews/threshold_form.html", {"form": form}, status=400 if form.errors else 200)
