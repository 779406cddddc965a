"""Pages: saved reviews (list, upload, side-by-side result, opinion downloads) and the rate table."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gamsa.core import permissions as core_perms
from gamsa.core.filecheck import FileRejected
from gamsa.core.sorting import sort_queryset
from gamsa.costing import opinion, services, tasks
from gamsa.costing import permissions as perms
from gamsa.costing.engine.sheet import LINE_ORDER, SheetError
from gamsa.costing.forms import RateVersionForm, UploadForm
from gamsa.costing.models import CostReview, RateVersion
from gamsa.costing.upload import read_json, read_upload, sample_xlsx

PAGE_SIZE = 30
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


REVIEW_SORTS = {
    "title": "title",
    "base_date": "base_date",
    "stated": "stated_total",
    "allowed": "allowed_total",
    "savings": "savings",
    "reviewer": "created_by__full_name",
    "reviewed": "created_at",
}


@login_required
def review_list(request):
    core_perms.deny_outsider(perms.can_review(request.user))
    rows, _ = sort_queryset(
        request, CostReview.objects.select_related("created_by"), REVIEW_SORTS, "-reviewed"
    )
    page = Paginator(rows, PAGE_SIZE)
    return render(request, "costing/list.html", {"page": page.get_page(request.GET.get("page"))})


@login_required
def review_new(request):
    core_perms.deny_outsider(perms.can_review(request.user))
    errors: list[dict] = []
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            if upload:
                content = upload.read()
                data, kind = read_upload(content)
            else:
                content, kind = b"", "json"
                data = read_json(form.cleaned_data["sheet_json"])
            review = services.review_sheet(
                request.user,
                data,
                title=form.cleaned_data.get("title") or "",
                workbook=content if kind == "xlsx" else None,
                workbook_name=upload.name if upload else "",
            )
        except SheetError as exc:
            errors = exc.errors
        except FileRejected as exc:
            errors = [{"field": "파일", "message": str(exc)}]
        else:
            messages.success(request, "심사를 마쳤습니다. 조정된 비목과 사유를 확인하세요.")
            return redirect("costing:detail", review.public_id)
    return render(request, "costing/new.html", {"form": form, "sheet_errors": errors})


def _review_for(request, public_id) -> CostReview:
    core_perms.deny_outsider(perms.can_review(request.user))
    return get_object_or_404(CostReview.objects.select_related("created_by"), public_id=public_id)


@login_required
def review_detail(request, public_id):
    review = _review_for(request, public_id)
    return render(request, "costing/detail.html", opinion.opinion_context(review))


@login_required
@require_POST
def review_pdf(request, public_id):
    """Start the opinion PDF as a background job and show its page (progress, then the download link)."""
    review = _review_for(request, public_id)
    job = tasks.start_opinion_pdf(request.user, review)
    return redirect("core:job", public_id=job.public_id)


@login_required
@require_POST
def review_submit(request, public_id):
    """Send the opinion up the reviewer's line (결재, ADR 0021)."""
    from django.contrib import messages

    from gamsa.core.approvals import services as approvals
    from gamsa.costing.approvals import submit_opinion

    review = _review_for(request, public_id)
    try:
        approval = submit_opinion(request.user, review)
    except approvals.ApprovalError as exc:
        messages.error(request, str(exc))
        return redirect("costing:detail", public_id=review.public_id)
    messages.success(request, "심사의견을 결재에 올렸습니다.")
    return redirect("approvals:detail", public_id=approval.public_id)


@login_required
def review_hwpx(request, public_id):
    review = _review_for(request, public_id)
    response = HttpResponse(opinion.write_hwpx(review), content_type="application/hwp+zip")
    response["Content-Disposition"] = _attachment(opinion.file_name(review, "hwpx"))
    return response


@login_required
def sample(request):
    core_perms.deny_outsider(perms.can_review(request.user) or perms.can_view_rates(request.user))
    response = HttpResponse(sample_xlsx(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = _attachment("원가계산서_표준양식_예시.xlsx")
    return response


def _attachment(name: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename*=UTF-8''{quote(name)}"


# --- the rate table ---------------------------------------------------------------------------------------------


@login_required
def rate_list(request):
    core_perms.deny_outsider(perms.can_view_rates(request.user))
    show = request.GET.get("show", "active")
    rows = RateVersion.objects.all()
    if show == "active":
        rows = rows.filter(active=True)
    elif show == "draft":
        rows = rows.filter(active=False)
    order = {key: index for index, key in enumerate(LINE_ORDER)}
    rows = sorted(
        rows, key=lambda r: (order.get(r.key, 99), r.sheet_kind, r.variant, r.band_min or 0, r.effective_from)
    )
    return render(
        request,
        "costing/rates.html",
        {"rows": rows, "show": show, "can_manage": perms.can_manage_rates(request.user)},
    )


@login_required
def rate_new(request):
    core_perms.deny_outsider(perms.can_view_rates(request.user))
    core_perms.deny_read_only(perms.can_manage_rates(request.user))
    initial = {}
    origin = request.GET.get("from")
    if origin:
        base = RateVersion.objects.filter(public_id=origin).first() if _is_uuid(origin) else None
        if base is not None:
            initial = {
                f: getattr(base, f)
                for f in RateVersionForm.Meta.fields
                if f not in ("active", "effective_from")
            }
            initial["rate_percent"] = base.rate * 100
    form = RateVersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        version = services.add_rate_version(request.user, **form.rate_fields())
        state = "사용 중" if version.active else "초안(사용 안 함)"
        messages.success(
            request, f"{version.key_label} {version.rate_percent} 요율을 {state}으로 등록했습니다."
        )
        return redirect("costing:rates")
    return render(request, "costing/rate_form.html", {"form": form})


@login_required
@require_POST
def rate_toggle(request, public_id):
    core_perms.deny_outsider(perms.can_view_rates(request.user))
    core_perms.deny_read_only(perms.can_manage_rates(request.user))
    version = get_object_or_404(RateVersion, public_id=public_id)
    activate = request.POST.get("active") == "1"
    services.set_rate_active(request.user, version, activate)
    messages.success(
        request,
        f"{version.key_label} {version.rate_percent} 요율을 {'사용' if activate else '사용 중지'}했습니다.",
    )
    return redirect(reverse("costing:rates") + f"?show={'active' if activate else 'draft'}")


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
