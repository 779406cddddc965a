"""The quarterly inspection of the departments' grievance handling (처리실태 점검): the quarter's figures, one
department's checklist and letter, and the report as XLSX or PDF (a background task)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gamsa.complaints import tasks
from gamsa.complaints.grievances import inspection
from gamsa.complaints.grievances import permissions as perms
from gamsa.complaints.grievances.forms import InspectionForm, QuarterForm
from gamsa.core import permissions as core_perms
from gamsa.core import services
from gamsa.core.models import OrgUnit


def _quarter(request) -> tuple[QuarterForm, int, int]:
    year, quarter = inspection.current_quarter()
    form = QuarterForm(request.GET or None, initial={"year": year, "quarter": quarter})
    if request.GET and form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
    return form, year, quarter


@login_required
def inspection_page(request):
    perms.require(request, "inspect")
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
            "can_edit": perms.can_inspect(request.user),
        },
    )


@login_required
def inspection_department(request, year: int, quarter: int, code: str):
    perms.require(request, "inspect")
    try:
        inspection.quarter_bounds(year, quarter)
    except inspection.InspectionError:
        return redirect("complaints_inspection:inspection")
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

    return reverse("complaints_inspection:inspection")


@login_required
@require_POST
def inspection_export(request, year: int, quarter: int, fmt: str):
    perms.require(request, "inspect")
    if fmt not in ("xlsx", "pdf"):
        core_perms.deny_outsider(False)
    try:
        inspection.quarter_bounds(year, quarter)
    except inspection.InspectionError:
        return redirect("complaints_inspection:inspection")
    job = services.create_job(
        request.user,
        kind="grievance_inspection",
        label=f"{year}년 {quarter}분기 처리실태 점검 ({fmt.upper()})",
        params={"year": year, "quarter": quarter, "format": fmt, "requested_at": timezone.now().isoformat()},
    )
    tasks.inspection_report_task.enqueue(job_id=job.pk)
    return redirect("core:job", public_id=job.public_id)
