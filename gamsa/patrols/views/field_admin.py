"""Field complaints: the 응답소 import (background job), name mappings, the evaluation and review sampling."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gamsa.core import imports
from gamsa.core import permissions as core_perms
from gamsa.core.legacy import moved
from gamsa.core.models import Job
from gamsa.patrols import evaluation
from gamsa.patrols import permissions as perms
from gamsa.patrols.forms_field import ConfirmItemForm, EvaluationForm, MapItemForm, MapUnitForm, UploadForm
from gamsa.patrols.hooks_field import FIELD_IMPORT
from gamsa.patrols.models import FieldComplaint, FieldItem, UnitAlias
from gamsa.patrols.services import fieldcomplaints as svc

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- import --------------------------------------------------------------------------------------------------------


@login_required
def import_upload(request):
    from gamsa.patrols import importing  # here: the import brings Arrow, which other pages never need

    core_perms.deny_outsider(perms.can_see_field_complaints(request.user))
    core_perms.deny_read_only(perms.can_import_field_complaints(request.user))
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = imports.accept_upload(
                FIELD_IMPORT, request.user, form.cleaned_data["file"], skip_bad=form.cleaned_data["skip_bad"]
            )
        except imports.Refused as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("patrols:field_import_job", public_id=job.public_id)
    recent = Job.objects.filter(owner=request.user, kind=FIELD_IMPORT.kind).order_by("-created_at")[:5]
    return render(
        request,
        "patrols/field/import.html",
        {
            "form": form,
            "headers": importing.HEADERS,
            "required": importing.REQUIRED_COLUMNS,
            "recent": recent,
        },
        status=400 if form.errors else 200,
    )


@login_required
def import_job(request, public_id):
    core_perms.deny_outsider(perms.can_see_field_complaints(request.user))
    job = imports.job_of(FIELD_IMPORT, request.user, public_id)
    core_perms.deny_outsider(job is not None)
    template = "patrols/field/_import_status.html" if request.htmx else "patrols/field/import_job.html"
    return render(request, template, imports.result_context(job))


# --- name mappings -------------------------------------------------------------------------------------------------


@login_required
def mappings(request):
    core_perms.deny_outsider(perms.can_map_names(request.user))
    items = (
        FieldItem.objects.filter(provisional=True)
        .select_related("category")
        .annotate(n=Count("complaints"))
        .order_by("category__name", "name")
    )
    aliases = UnitAlias.objects.filter(unit__isnull=True).order_by("name")
    counts = dict(
        FieldComplaint.objects.filter(unit_name__in=[a.name for a in aliases])
        .values_list("unit_name")
        .annotate(n=Count("pk"))
        .values_list("unit_name", "n")
    )
    for alias in aliases:
        alias.n = counts.get(alias.name, 0)
    return render(
        request,
        "patrols/field/mappings.html",
        {
            "items": items,
            "aliases": aliases,
            "confirm_form": ConfirmItemForm(initial={"deadline_hours": 24}),
            "map_form": MapItemForm(),
            "unit_form": MapUnitForm(),
        },
    )


@login_required
@require_POST
def confirm_item(request, code):
    core_perms.deny_outsider(perms.can_map_names(request.user))
    item = get_object_or_404(FieldItem, code=code, provisional=True)
    form = ConfirmItemForm(request.POST)
    if form.is_valid():
        svc.confirm_item(request.user, item, **form.cleaned_data)
        messages.success(request, f"'{item.name}' 항목을 확인했습니다. 처리기한을 다시 계산했습니다.")
    else:
        messages.error(request, "처리기한(시간)과 기한 계산 방식을 올바르게 입력하세요.")
    return redirect("patrols:field_mappings")


@login_required
@require_POST
def map_item(request, code):
    core_perms.deny_outsider(perms.can_map_names(request.user))
    item = get_object_or_404(FieldItem, code=code, provisional=True)
    form = MapItemForm(request.POST)
    if form.is_valid():
        try:
            moved = svc.map_item(request.user, item, target=form.cleaned_data["target"])
        except svc.FieldComplaintError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, f"'{item.name}'을(를) 기존 항목에 대응했습니다. 민원 {moved:,}건을 옮겼습니다."
            )
    else:
        messages.error(request, "대응할 항목을 고르세요.")
    return redirect("patrols:field_mappings")


@login_required
@require_POST
def map_unit_legacy(request, pk: int):
    """The old address by database id: the same check, then a permanent redirect (308 keeps the POST)."""
    core_perms.deny_outsider(perms.can_map_names(request.user))
    alias = get_object_or_404(UnitAlias, pk=pk)
    return moved(reverse("patrols:field_map_unit", args=[alias.public_id]))


@login_required
@require_POST
def map_unit(request, public_id):
    core_perms.deny_outsider(perms.can_map_names(request.user))
    alias = get_object_or_404(UnitAlias, public_id=public_id)
    form = MapUnitForm(request.POST)
    if form.is_valid():
        moved = svc.map_unit_alias(request.user, alias, unit=form.cleaned_data["unit"])
        messages.success(
            request, f"'{alias.name}'을(를) {alias.unit.name}에 대응했습니다. 민원 {moved:,}건을 옮겼습니다."
        )
    else:
        messages.error(request, "조직을 고르세요.")
    return redirect("patrols:field_mappings")


# --- evaluation and review sampling --------------------------------------------------------------------------------


def _evaluation_params(request) -> tuple[EvaluationForm, int, int | None]:
    year = timezone.localdate().year
    form = EvaluationForm(
        request.GET or None, initial={"year": year, "min_count": evaluation.min_count_for(year)}
    )
    if form.is_valid():
        year = form.cleaned_data["year"]
        min_count = form.cleaned_data.get("min_count")
        return form, year, evaluation.min_count_for(year) if min_count is None else min_count
    return form, year, evaluation.min_count_for(year)


EVALUATION_CACHE_SECONDS = 300  # a year's ranking changes slowly; the page shows its as-of time


def _evaluation(year: int, min_count: int | None) -> dict:
    from django.core.cache import cache

    key = f"patrols:field-evaluation:{year}:{min_count}"
    return cache.get_or_set(
        key, lambda: evaluation.evaluate(year, min_count=min_count), EVALUATION_CACHE_SECONDS
    )


@login_required
def evaluation_page(request):
    core_perms.deny_outsider(perms.can_see_evaluation(request.user))
    form, year, min_count = _evaluation_params(request)
    data = _evaluation(year, min_count)
    return render(
        request,
        "patrols/field/evaluation.html",
        {"form": form, "data": data, "query": request.GET.urlencode()},
        status=400 if form.errors else 200,
    )


@login_required
def evaluation_xlsx(request):
    core_perms.deny_outsider(perms.can_see_evaluation(request.user))
    _, year, min_count = _evaluation_params(request)
    data = evaluation.evaluate(year, min_count=min_count)
    response = HttpResponse(evaluation.write_xlsx(data), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(evaluation.file_name(year))}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@login_required
def review_sample(request):
    core_perms.deny_outsider(perms.can_see_field_complaints(request.user))
    core_perms.deny_read_only(perms.can_edit_field_complaints(request.user))
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
        per_unit = max(1, min(int(request.GET.get("per_unit") or 5), 50))
        seed = int(request.GET.get("seed") or year)
    except ValueError:
        year, per_unit = timezone.localdate().year, 5
        seed = year
    sample = svc.sample_for_review(year, per_unit=per_unit, seed=seed)
    return render(
        request, "patrols/field/review_sample.html", {"sample": sample, "year": year, "per_unit": per_unit}
    )
