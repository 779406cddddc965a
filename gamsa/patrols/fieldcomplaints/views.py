"""Field complaints (현장민원): the monitoring board, the list, the detail page and its actions; the 응답소 import
(a background job of core's import pipeline), name mappings, the evaluation and review sampling."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gamsa.core import imports
from gamsa.core import permissions as core_perms
from gamsa.core.legacy import moved
from gamsa.core.models import Job
from gamsa.core.services import log_access
from gamsa.core.sorting import sort_queryset
from gamsa.patrols.fieldcomplaints import evaluation, selectors
from gamsa.patrols.fieldcomplaints import permissions as perms
from gamsa.patrols.fieldcomplaints import services as svc
from gamsa.patrols.fieldcomplaints.forms import (
    ConfirmItemForm,
    EvaluationForm,
    FilterForm,
    MapItemForm,
    MapUnitForm,
    QualityReviewForm,
    SiteCheckForm,
    StatusForm,
    UploadForm,
)
from gamsa.patrols.fieldcomplaints.hooks import FIELD_IMPORT
from gamsa.patrols.models import FieldComplaint, FieldItem, UnitAlias

# The list's sortable columns (core/sorting.py), the deadline first.
LIST_SORTS = {
    "due": "due_at",
    "number": "source_id",
    "item": "item__name",
    "title": "title",
    "unit": "unit__name",
    "received": "received_at",
    "status": "status",
}
REPORTER_FIELDS = ("reporter_name", "reporter_phone", "reporter_email")
POLL_SECONDS = 30


@login_required
def board(request):
    core_perms.deny_outsider(perms.can_see_field_complaints(request.user))
    data = selectors.board(request.user)
    context = {
        "board": data,
        "poll_seconds": POLL_SECONDS,
        "can_edit": perms.can_edit_field_complaints(request.user),
    }
    if request.htmx:
        return render(request, "patrols/fieldcomplaints/_board_counts.html", context)
    return render(request, "patrols/fieldcomplaints/board.html", context)


@login_required
def complaint_list(request):
    core_perms.deny_outsider(perms.can_see_field_complaints(request.user))
    form = FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows, _ = sort_queryset(
        request, selectors.complaint_list(request.user, filters), LIST_SORTS, default="due"
    )
    page = selectors.CappedPaginator(rows, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "patrols/fieldcomplaints/list.html",
        {
            "form": form,
            "page": page,
            "now": timezone.now(),
            "can_edit": perms.can_edit_field_complaints(request.user),
        },
        status=400 if form.errors else 200,
    )


def _detail_context(request, complaint, **forms) -> dict:
    user = request.user
    show_reporter = perms.can_view_reporter(user, complaint)
    shown = [f for f in REPORTER_FIELDS if getattr(complaint, f)] if show_reporter else []
    if shown:
        log_access(user, complaint, shown, request=request, reason="현장민원 상세 화면")
    return {
        "complaint": complaint,
        "now": timezone.now(),
        "show_reporter": show_reporter,
        "has_reporter": any(getattr(complaint, f) for f in REPORTER_FIELDS),
        "site_checks": complaint.site_checks.select_related("checked_by"),
        "reviews": complaint.quality_reviews.select_related("reviewer"),
        "can_edit": perms.can_edit_field_complaints(user),
        "can_answer": perms.can_answer_complaint(user, complaint),
        "status_form": forms.get("status_form")
        or StatusForm(initial={"status": complaint.status, "result": complaint.result}),
        "check_form": forms.get("check_form") or SiteCheckForm(),
        "review_form": forms.get("review_form") or QualityReviewForm(),
    }


@login_required
def detail(request, source_id):
    complaint = perms.complaint_for(request, source_id)
    return render(request, "patrols/fieldcomplaints/detail.html", _detail_context(request, complaint))


@login_required
@require_POST
def change_status(request, source_id):
    complaint = perms.complaint_for(request, source_id, "answer")
    return _act(
        request,
        complaint,
        "status_form",
        StatusForm(request.POST),
        lambda d: svc.update_status(request.user, complaint, status=d["status"], result=d["result"]),
        "처리상태를 저장했습니다.",
    )


@login_required
@require_POST
def site_check(request, source_id):
    complaint = perms.complaint_for(request, source_id, "edit")
    return _act(
        request,
        complaint,
        "check_form",
        SiteCheckForm(request.POST),
        lambda d: svc.record_site_check(
            request.user, complaint, result=d["result"], note=d["note"], checked_at=d["checked_at"]
        ),
        "현장점검을 기록했습니다.",
    )


@login_required
@require_POST
def quality_review(request, source_id):
    complaint = perms.complaint_for(request, source_id, "edit")
    return _act(
        request,
        complaint,
        "review_form",
        QualityReviewForm(request.POST),
        lambda d: svc.record_quality_review(request.user, complaint, **d),
        "품질 평가를 기록했습니다.",
    )


def _act(request, complaint, form_name: str, form, action, done: str):
    """One action on the detail page: the service call, then back to the page, or the page again with the form."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except svc.FieldComplaintError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done)
            return redirect("patrols:field_detail", source_id=complaint.source_id)
    context = _detail_context(request, complaint, **{form_name: form})
    return render(request, "patrols/fieldcomplaints/detail.html", context, status=400)


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- import --------------------------------------------------------------------------------------------------------


@login_required
def import_upload(request):
    # imported here: the importer brings Arrow, which other pages never need
    from gamsa.patrols.fieldcomplaints import importing

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
        "patrols/fieldcomplaints/import.html",
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
    template = (
        "patrols/fieldcomplaints/_import_status.html"
        if request.htmx
        else "patrols/fieldcomplaints/import_job.html"
    )
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
        "patrols/fieldcomplaints/mappings.html",
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
    item = perms.provisional_item_for(request, code)
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
    item = perms.provisional_item_for(request, code)
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
    alias = perms.unit_alias_for(request, pk=pk)
    return moved(reverse("patrols:field_map_unit", args=[alias.public_id]))


@login_required
@require_POST
def map_unit(request, public_id):
    alias = perms.unit_alias_for(request, public_id=public_id)
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
        "patrols/fieldcomplaints/evaluation.html",
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
        request,
        "patrols/fieldcomplaints/review_sample.html",
        {"sample": sample, "year": year, "per_unit": per_unit},
    )
