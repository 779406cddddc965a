"""Import (upload → check → report → confirm, through core.imports), list export, and the quarterly inspection."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gamsa.complaints import exporting, importing, inspection, tasks
from gamsa.complaints import permissions as perms
from gamsa.complaints.forms import FilterForm
from gamsa.complaints.hooks_io import GRIEVANCE_IMPORT
from gamsa.complaints.models import CHECK_ITEMS
from gamsa.core import imports, services
from gamsa.core import permissions as core_perms
from gamsa.core.forms import KrdsForm, apply_krds
from gamsa.core.models import Job, OrgUnit

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(KrdsForm):
    file = forms.FileField(
        label="민원 파일",
        help_text="CSV(UTF-8 또는 CP949) 또는 엑셀(XLSX). 첫 행은 머리글입니다.",
        error_messages={"required": "가져올 파일을 고르세요."},
    )


class QuarterForm(KrdsForm):
    year = forms.IntegerField(label="연도", min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label="분기", coerce=int, choices=[(q, f"{q}분기") for q in range(1, 5)])


VERDICT_CHOICES = [("", "미점검"), ("yes", "적정"), ("no", "부적정")]


class InspectionForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in CHECK_ITEMS:
            self.fields[f"{code}_ok"] = forms.ChoiceField(
                label=label, choices=VERDICT_CHOICES, required=False
            )
            self.fields[f"{code}_note"] = forms.CharField(
                label=f"{label} 비고", required=False, max_length=500
            )
        self.fields["letter"] = forms.CharField(
            label="점검 결과 통보문", widget=forms.Textarea(attrs={"rows": 16}), required=False
        )
        apply_krds(self)

    def checklist(self) -> dict:
        data = self.cleaned_data
        return {
            code: {"ok": {"yes": True, "no": False}.get(data[f"{code}_ok"]), "note": data[f"{code}_note"]}
            for code, _ in CHECK_ITEMS
        }


def _own_job(request, public_id) -> Job:
    job = imports.job_of(GRIEVANCE_IMPORT, request.user, public_id)
    core_perms.deny_outsider(job is not None)
    return job


# --- import (core's one pipeline: gamsa/core/imports.py) -----------------------------------------------------------


@login_required
def import_upload(request):
    core_perms.deny_outsider(perms.can_see_desk(request.user))
    core_perms.deny_read_only(perms.can_manage(request.user))
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
    core_perms.deny_outsider(perms.can_see_desk(request.user))
    job = _own_job(request, public_id)
    template = "complaints/io/_import_status.html" if request.htmx else "complaints/io/import_job.html"
    return render(request, template, imports.result_context(job))


@login_required
@require_POST
def import_confirm(request, public_id):
    core_perms.deny_outsider(perms.can_see_desk(request.user))
    core_perms.deny_read_only(perms.can_manage(request.user))
    check = _own_job(request, public_id)
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
    core_perms.deny_outsider(perms.can_see_desk(request.user))
    form = FilterForm(request.POST)
    if not form.is_valid():
        messages.error(request, "검색 조건이 올바르지 않습니다. 조건을 고쳐 다시 내보내세요.")
        return redirect("complaints:list")
    filters = {k: (v.pk if hasattr(v, "pk") else v) for k, v in form.cleaned_data.items() if v}
    personal = request.POST.get("exclude_personal") != "on" and perms.may_export_personal(request.user)
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


# --- inspection ----------------------------------------------------------------------------------------------------


def _quarter(request) -> tuple[QuarterForm, int, int]:
    year, quarter = inspection.current_quarter()
    form = QuarterForm(request.GET or None, initial={"year": year, "quarter": quarter})
    if request.GET and form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
    return form, year, quarter


@login_required
def inspection_page(request):
    core_perms.deny_outsider(perms.can_see_desk(request.user))
    core_perms.deny_read_only(perms.is_complaint_team(request.user))
    form, year, quarter = _quarter(request)
    data = inspection.report(year, quarter)
    return render(
        request,
        "complaints/io/inspection.html",
        {
            "form": form,
            "data": data,
            "year": year,
            "quarter": quarter,
            "can_edit": perms.is_complaint_team(request.user),
        },
    )


@login_required
def inspection_department(request, year: int, quarter: int, code: str):
    core_perms.deny_outsider(perms.can_see_desk(request.user))
    core_perms.deny_read_only(perms.is_complaint_team(request.user))
    try:
        inspection.quarter_bounds(year, quarter)
    except inspection.InspectionError:
        return redirect("complaints_io:inspection")
    unit = OrgUnit.objects.filter(code=code).first()
    core_perms.deny_outsider(unit is not None)
    data = inspection.report(year, quarter)
    item = next((d for d in data["departments"] if d["figures"].department_id == unit.pk), None)
    figures = item["figures"] if item else inspection.DepartmentFigures(unit.pk, unit.name, unit.code)
    record = item["record"] if item else None
    initial = {"letter": item["letter"] if item else inspection.default_letter(year, quarter, figures)}
    for check in item["checklist"] if item else []:
        initial[f"{check['code']}_ok"] = {True: "yes", False: "no"}.get(check["ok"], "")
        initial[f"{check['code']}_note"] = check["note"]
    form = InspectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        checklist = form.checklist()
        letter = form.cleaned_data["letter"] or inspection.default_letter(year, quarter, figures, checklist)
        if request.POST.get("regenerate") == "on":
            letter = inspection.default_letter(year, quarter, figures, checklist)
        try:
            inspection.save_inspection(
                request.user,
                year=year,
                quarter=quarter,
                department=unit,
                checklist=checklist,
                letter=letter,
                figures_snapshot=figures.as_dict(),
            )
        except inspection.InspectionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{unit.name}의 점검 결과를 저장했습니다.")
            return redirect(f"{_inspection_url()}?year={year}&quarter={quarter}")
    return render(
        request,
        "complaints/io/inspection_department.html",
        {"form": form, "unit": unit, "figures": figures, "record": record, "year": year, "quarter": quarter},
        status=400 if form.errors else 200,
    )


def _inspection_url() -> str:
    from django.urls import reverse

    return reverse("complaints_io:inspection")


@login_required
@require_POST
def inspection_export(request, year: int, quarter: int, fmt: str):
    core_perms.deny_outsider(perms.can_see_desk(request.user))
    core_perms.deny_read_only(perms.is_complaint_team(request.user))
    if fmt not in ("xlsx", "pdf"):
        core_perms.deny_outsider(False)
    try:
        inspection.quarter_bounds(year, quarter)
    except inspection.InspectionError:
        return redirect("complaints_io:inspection")
    job = services.create_job(
        request.user,
        kind="grievance_inspection",
        label=f"{year}년 {quarter}분기 처리실태 점검 ({fmt.upper()})",
        params={"year": year, "quarter": quarter, "format": fmt, "requested_at": timezone.now().isoformat()},
    )
    tasks.inspection_report_task.enqueue(job_id=job.pk)
    return redirect("core:job", public_id=job.public_id)
