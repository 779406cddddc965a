"""Field complaints (현장민원): the monitoring board, the list, the detail page and its actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gamsa.core import permissions as core_perms
from gamsa.core.services import log_access
from gamsa.patrols import board as selectors
from gamsa.patrols import permissions as perms
from gamsa.patrols.forms_field import FilterForm, QualityReviewForm, SiteCheckForm, StatusForm
from gamsa.patrols.models import FieldComplaint
from gamsa.patrols.services import fieldcomplaints as svc

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
        return render(request, "patrols/field/_board_counts.html", context)
    return render(request, "patrols/field/board.html", context)


@login_required
def complaint_list(request):
    core_perms.deny_outsider(perms.can_see_field_complaints(request.user))
    form = FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.complaint_list(request.user, filters)
    page = selectors.CappedPaginator(rows, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "patrols/field/list.html",
        {
            "form": form,
            "page": page,
            "now": timezone.now(),
            "can_edit": perms.can_edit_field_complaints(request.user),
        },
        status=400 if form.errors else 200,
    )


def _complaint(request, source_id) -> FieldComplaint:
    complaint = get_object_or_404(
        FieldComplaint.objects.select_related("item", "item__category", "unit"), source_id=source_id
    )
    core_perms.deny_outsider(perms.can_view_complaint(request.user, complaint))
    return complaint


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
    complaint = _complaint(request, source_id)
    return render(request, "patrols/field/detail.html", _detail_context(request, complaint))


@login_required
@require_POST
def change_status(request, source_id):
    complaint = _complaint(request, source_id)
    core_perms.deny_read_only(perms.can_answer_complaint(request.user, complaint))
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
    complaint = _complaint(request, source_id)
    core_perms.deny_read_only(perms.can_edit_field_complaints(request.user))
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
    complaint = _complaint(request, source_id)
    core_perms.deny_read_only(perms.can_edit_field_complaints(request.user))
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
    return render(request, "patrols/field/detail.html", context, status=400)
