"""Import (upload → check → report → confirm, through core.imports) and the list export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gamsa.complaints import tasks
from gamsa.complaints.grievances.forms import FilterForm
from gamsa.complaints.io import exporting, importing
from gamsa.complaints.io import permissions as perms
from gamsa.complaints.io.forms import UploadForm
from gamsa.complaints.io.pipeline import GRIEVANCE_IMPORT
from gamsa.core import imports, services

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- import (core's one pipeline: gamsa/core/imports.py) -----------------------------------------------------------


@login_required
def import_upload(request):
    perms.require(request, "import")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = imports.accept_upload(GRIEVANCE_IMPORT, request.user, form.cleaned_data["file"])
        except imports.Refused as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("complaints_io:import_job", public_id=job.public_id)
    return render(
        request,
        "complaints/io/import.html",
        {"form": form, "headers": importing.HEADERS, "required": importing.REQUIRED},
        status=400 if form.errors else 200,
    )


@login_required
def import_job(request, public_id):
    job = perms.import_job_for(request, public_id)
    template = "complaints/io/_import_status.html" if request.htmx else "complaints/io/import_job.html"
    return render(request, template, imports.result_context(job))


@login_required
@require_POST
def import_confirm(request, public_id):
    check = perms.import_job_for(request, public_id, "confirm")
    try:
        job = imports.confirm(
            GRIEVANCE_IMPORT, request.user, check, skip_bad=request.POST.get("skip_bad") == "on"
        )
    except imports.Refused as exc:
        messages.error(request, str(exc))
        if exc.upload_again:
            return redirect("complaints_io:import")
        return redirect("complaints_io:import_job", public_id=check.public_id)
    return redirect("complaints_io:import_job", public_id=job.public_id)


# --- export --------------------------------------------------------------------------------------------------------


@login_required
@require_POST
def export(request):
    personal = request.POST.get("include_personal") == "on"
    perms.require(request, "export_personal" if personal else "export")
    form = FilterForm(request.POST)
    if not form.is_valid():
        messages.error(request, "검색 조건이 올바르지 않습니다. 조건을 고쳐 다시 내보내세요.")
        return redirect("complaints:list")
    filters = {k: (v.pk if hasattr(v, "pk") else v) for k, v in form.cleaned_data.items() if v}
    count = exporting.export_queryset(request.user, filters).count()
    if count <= exporting.DIRECT_LIMIT:
        data, _ = exporting.export_grievances(
            request.user, filters, include_personal=personal, request=request
        )
        response = HttpResponse(data, content_type=XLSX_TYPE)
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(exporting.file_name())}"
        return response
    job = services.create_job(
        request.user,
        kind="grievance_export",
        label="고충민원 목록 내보내기",
        params={"filters": filters, "personal": personal},
    )
    tasks.export_grievances_task.enqueue(job_id=job.pk)
    return redirect("core:job", public_id=job.public_id)


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)
