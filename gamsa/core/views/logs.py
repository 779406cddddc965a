"""The event log and the personal-data access log, with filters and a background XLSX export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gamsa.core import permissions as perms
from gamsa.core import services
from gamsa.core.forms import AccessFilterForm, EventFilterForm
from gamsa.core.models import AccessLog, Event, Job
from gamsa.core.selectors import ACCESS_TEXT_FIELDS, EVENT_TEXT_FIELDS, filter_log
from gamsa.core.sorting import sort_queryset

PAGE_SIZE = 50
# The logs grow by millions of rows: they sort by their indexed moment only.
LOG_SORTS = {"at": "at"}


@login_required
def events(request):
    perms.deny_outsider(perms.can_view_event_log(request.user))
    form = EventFilterForm(request.GET)
    rows = (
        filter_log(Event.objects.all(), form.cleaned_data, EVENT_TEXT_FIELDS, "actor_label")
        if form.is_valid()
        else Event.objects.none()
    )
    rows, _ = sort_queryset(request, rows, LOG_SORTS, default="-at")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/events.html", {"form": form, "page": page})


@login_required
def access_log(request):
    perms.deny_outsider(perms.can_view_access_log(request.user))
    form = AccessFilterForm(request.GET)
    rows = (
        filter_log(AccessLog.objects.all(), form.cleaned_data, ACCESS_TEXT_FIELDS, "user_label")
        if form.is_valid()
        else AccessLog.objects.none()
    )
    rows, _ = sort_queryset(request, rows, LOG_SORTS, default="-at")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/access_log.html", {"form": form, "page": page})


@login_required
@require_POST
def access_log_export(request):
    perms.deny_outsider(perms.can_view_access_log(request.user))
    perms.deny_read_only(perms.can_export_logs(request.user))
    from gamsa.core.tasks import export_access_log

    form = AccessFilterForm(request.POST)
    if not form.is_valid():
        rows = AccessLog.objects.none()
        page = Paginator(rows, PAGE_SIZE).get_page(1)
        return render(request, "core/access_log.html", {"form": form, "page": page}, status=400)
    params = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in form.cleaned_data.items() if v}
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
