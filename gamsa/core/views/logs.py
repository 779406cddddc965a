"""The event log and the personal-data access log, with filters and a background XLSX export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gamsa.core import permissions as perms
from gamsa.core import services
from gamsa.core.forms import AccessFilterForm, EventFilterForm, day_range
from gamsa.core.models import AccessLog, Event, Job

PAGE_SIZE = 50


def _filtered(queryset, form, text_fields: tuple[str, ...], actor_field: str):
    if not form.is_valid():
        return queryset.none()
    data = form.cleaned_data
    if data.get("q"):
        cond = Q()
        for name in text_fields:
            cond |= Q(**{f"{name}__icontains": data["q"]})
        queryset = queryset.filter(cond)
    if data.get("actor"):
        queryset = queryset.filter(**{f"{actor_field}__icontains": data["actor"]})
    start, end = day_range(data.get("since"), data.get("until"))
    if start:
        queryset = queryset.filter(at__gte=start)
    if end:
        queryset = queryset.filter(at__lt=end)
    if data.get("action"):
        queryset = queryset.filter(action=data["action"])
    return queryset


@login_required
def events(request):
    perms.deny_outsider(perms.can_view_event_log(request.user))
    form = EventFilterForm(request.GET)
    rows = _filtered(Event.objects.all(), form, ("verb", "target_label", "target_id"), "actor_label")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/events.html", {"form": form, "page": page})


@login_required
def access_log(request):
    perms.deny_outsider(perms.can_view_access_log(request.user))
    form = AccessFilterForm(request.GET)
    rows = _filtered(
        AccessLog.objects.all(), form, ("target_label", "target_id", "path", "target_type"), "user_label"
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/access_log.html", {"form": form, "page": page})


@login_required
@require_POST
def access_log_export(request):
    perms.deny_outsider(perms.can_view_access_log(request.user))
    perms.deny_read_only(perms.can_export_logs(request.user))
    from gamsa.core.tasks import export_access_log

    params = {k: v for k, v in request.POST.items() if k in ("q", "actor", "since", "until", "action") and v}
    job = services.create_job(
        request.user, kind="access_log_export", label="개인정보 접근기록 내보내기", params=params
    )
    export_access_log.enqueue(job_id=job.pk)
    return redirect("core:job", public_id=job.public_id)


@login_required
def job_detail(request, public_id):
    job = get_object_or_404(Job, public_id=public_id)
    perms.deny_outsider(job.owner_id == request.user.pk)
    template = "core/_job_progress.html" if request.htmx else "core/job.html"
    return render(request, template, {"job": job})
