"""일상감사 and 계약심사 pages: filing (with the threshold decision shown at once), ledgers, answers, savings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gamsa.core import permissions as core_perms
from gamsa.core.calendar import SEOUL
from gamsa.core.models import Event
from gamsa.core.sorting import sort_queryset
from gamsa.reviews import exporting, selectors
from gamsa.reviews import permissions as perms
from gamsa.reviews.forms import (
    AssignForm,
    ContractForm,
    ContractLedgerFilterForm,
    ContractResultForm,
    OpinionForm,
    PreExecutionForm,
    PreLedgerFilterForm,
)
from gamsa.reviews.models import ContractReview, PreExecutionReview, ReviewKind
from gamsa.reviews.services import requests as svc
from gamsa.reviews.services.thresholds import ThresholdError, decide

PAGE_SIZE = 30
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response


@login_required
def index(request):
    core_perms.deny_outsider(perms.can_see_reviews(request.user))
    now = timezone.now()
    pre = perms.visible(request.user, PreExecutionReview.objects.all())
    con = perms.visible(request.user, ContractReview.objects.all())
    return render(
        request,
        "reviews/index.html",
        {
            "pre": selectors.open_counts(pre, now),
            "con": selectors.open_counts(con, now),
            "can_file": perms.can_file(request.user),
            "is_team": perms.is_audit_team(request.user),
        },
    )


# --- ledgers ---------------------------------------------------------------------------------------------------


COMMON_SORTS = {
    "due": "due_at",
    "number": "case_number",
    "title": "title",
    "unit": "unit__name",
    "category": "category",
    "status": "status",
}
# Each ledger's sortable columns (core/sorting.py), the deadline first.
PRE_SORTS = {**COMMON_SORTS, "price": "estimated_price", "required": "required", "opinion": "opinion"}
CONTRACT_SORTS = {
    **COMMON_SORTS,
    "kind": "review_kind",
    "designed": "designed_amount",
    "reviewed": "reviewed_amount",
    "savings": "savings",
}


def _ledger(request, form_class, base, template, export_fn, filename, sorts):
    core_perms.deny_outsider(perms.can_see_reviews(request.user))
    form = form_class(request.GET)
    rows = selectors.filter_ledger(base, form.cleaned_data) if form.is_valid() else base.none()
    rows = perms.visible(request.user, rows)
    if request.GET.get("format") == "xlsx":
        data, _ = export_fn(rows)
        return _xlsx(data, filename)
    rows, _ = sort_queryset(request, rows, sorts, default="due")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "now": timezone.now(),
            "query": query.urlencode(),
            "can_file": perms.can_file(request.user),
        },
    )


@login_required
def pre_list(request):
    return _ledger(
        request,
        PreLedgerFilterForm,
        selectors.pre_ledger(),
        "reviews/pre_list.html",
        exporting.pre_ledger_xlsx,
        "pre-execution-ledger.xlsx",
        PRE_SORTS,
    )


@login_required
def contract_list(request):
    return _ledger(
        request,
        ContractLedgerFilterForm,
        selectors.contract_ledger(),
        "reviews/contract_list.html",
        exporting.contract_ledger_xlsx,
        "contract-review-ledger.xlsx",
        CONTRACT_SORTS,
    )


# --- filing ----------------------------------------------------------------------------------------------------


def _file(request, form_class, file, template: str, detail: str, check_kind):
    """A department files a review request: the form, the service call `file(user, cleaned_data)`, the answer."""
    core_perms.deny_outsider(perms.can_see_reviews(request.user))
    core_perms.deny_read_only(perms.can_file(request.user))
    form = form_class(request.POST or None)
    form.set_units(perms.filing_units(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            review = file(request.user, form.cleaned_data)
        except svc.ReviewError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{review.case_number}(으)로 요청했습니다. {review.decision_reason}")
            return redirect(detail, case_number=review.case_number)
    return render(
        request,
        template,
        {"form": form, "check": _check_for(form, check_kind)},
        status=400 if form.errors else 200,
    )


@login_required
def pre_create(request):
    def file(user, d):
        return svc.file_pre_execution(
            user,
            d["unit"],
            title=d["title"],
            field=d["field"],
            category=d["category"],
            estimated_price=d["estimated_price"],
            estimated_amount=d["estimated_amount"],
            description=d["description"],
        )

    return _file(
        request,
        PreExecutionForm,
        file,
        "reviews/pre_form.html",
        "reviews:pre_detail",
        ReviewKind.PRE_EXECUTION,
    )


@login_required
def contract_create(request):
    def file(user, d):
        return svc.file_contract_review(
            user,
            d["unit"],
            review_kind=d["review_kind"],
            title=d["title"],
            category=d["category"],
            designed_amount=d["designed_amount"],
            description=d["description"],
        )

    return _file(request, ContractForm, file, "reviews/contract_form.html", "reviews:contract_detail", None)


def _int(value):
    try:
        return int(str(value).replace(",", "").strip()) if str(value or "").strip() else None
    except ValueError:
        return None


def _check_for(form, kind):
    """The threshold decision for what is typed so far (None until type and an amount are there)."""
    data = form.data
    category = data.get("category")
    kind = kind or data.get("review_kind") or ReviewKind.CONTRACT
    if not category:
        return None
    on = timezone.now().astimezone(SEOUL).date()
    try:
        if kind == ReviewKind.PRE_EXECUTION:
            price, amount = _int(data.get("estimated_price")), _int(data.get("estimated_amount"))
            if price is None and amount is None:
                return None
            return decide(kind, category, on=on, estimated_price=price, estimated_amount=amount)
        designed = _int(data.get("designed_amount"))
        if designed is None:
            return None
        return decide(kind, category, on=on, estimated_amount=designed)
    except (ThresholdError, ValueError) as exc:
        return {"error": str(exc)}


@login_required
def check_partial(request):
    """htmx: the decision box of the filing forms, refreshed as the department types."""
    core_perms.deny_outsider(perms.can_see_thresholds(request.user))

    class _Data:
        data = request.GET

    kind = request.GET.get("review_kind") or request.GET.get("kind") or ReviewKind.PRE_EXECUTION
    if kind not in ReviewKind.values:
        kind = ReviewKind.PRE_EXECUTION
    return render(request, "reviews/_check.html", {"check": _check_for(_Data, kind)})


# --- case screens ----------------------------------------------------------------------------------------------


def _events(review):
    return Event.objects.filter(
        target_type=f"{review._meta.app_label}.{review._meta.model_name}", target_id=review.case_number
    ).order_by("at", "id")[:50]


@login_required
def pre_detail(request, case_number):
    review = perms.review_for(request, "pre", case_number)
    can_answer = review.is_open and perms.can_answer(request.user, review)
    return render(
        request,
        "reviews/pre_detail.html",
        {
            "review": review,
            "now": timezone.now(),
            "events": _events(review),
            "assign_form": AssignForm() if review.is_open and perms.can_review(request.user) else None,
            "opinion_form": OpinionForm() if can_answer else None,
        },
    )


@login_required
def contract_detail(request, case_number):
    review = perms.review_for(request, "contract", case_number)
    can_answer = review.is_open and perms.can_answer(request.user, review)
    return render(
        request,
        "reviews/contract_detail.html",
        {
            "review": review,
            "now": timezone.now(),
            "events": _events(review),
            "assign_form": AssignForm() if review.is_open and perms.can_review(request.user) else None,
            "result_form": ContractResultForm() if can_answer else None,
        },
    )


@login_required
@require_POST
def assign(request, kind, case_number):
    review = perms.review_for(request, kind, case_number, "review")
    form = AssignForm(request.POST)
    if form.is_valid():
        try:
            svc.assign_reviewer(request.user, review, form.cleaned_data["reviewer"])
            messages.success(
                request, f"{form.cleaned_data['reviewer'].display_name} 감사관에게 배정했습니다."
            )
        except svc.ReviewError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "담당 감사관을 고르세요.")
    return redirect(f"reviews:{kind}_detail", case_number=case_number)


@login_required
@require_POST
def pre_opinion(request, case_number):
    review = perms.review_for(request, "pre", case_number, "answer")
    form = OpinionForm(request.POST)
    if form.is_valid():
        try:
            svc.record_opinion(
                request.user, review, opinion=form.cleaned_data["opinion"], text=form.cleaned_data["text"]
            )
        except svc.ReviewError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "감사의견을 통보했습니다.")
            return redirect("reviews:pre_detail", case_number=case_number)
    return render(
        request,
        "reviews/pre_detail.html",
        {
            "review": review,
            "now": timezone.now(),
            "events": _events(review),
            "opinion_form": form,
        },
        status=400,
    )


@login_required
@require_POST
def contract_result(request, case_number):
    review = perms.review_for(request, "contract", case_number, "answer")
    form = ContractResultForm(request.POST)
    if form.is_valid():
        try:
            cost_review = None
            if form.cleaned_data["cost_review"]:
                from gamsa.costing.models import CostReview

                cost_review = CostReview.objects.filter(public_id=form.cleaned_data["cost_review"]).first()
                if cost_review is None:
                    raise svc.ReviewError("그 번호의 원가계산서 검토가 없습니다.")
            svc.record_contract_result(
                request.user,
                review,
                reviewed_amount=form.cleaned_data["reviewed_amount"],
                note=form.cleaned_data["note"],
                cost_review=cost_review,
            )
        except svc.ReviewError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"심사금액을 기록했습니다. 절감액 {review.savings:,}원")
            return redirect("reviews:contract_detail", case_number=case_number)
    return render(
        request,
        "reviews/contract_detail.html",
        {
            "review": review,
            "now": timezone.now(),
            "events": _events(review),
            "result_form": form,
        },
        status=400,
    )


@login_required
def savings(request):
    core_perms.deny_outsider(perms.can_see_reviews(request.user))
    try:
        year = int(request.GET.get("year") or timezone.now().astimezone(SEOUL).year)
    except ValueError:
        year = timezone.now().astimezone(SEOUL).year
    totals = selectors.savings_totals(perms.visible(request.user, ContractReview.objects.all()), year)
    if request.GET.get("format") == "xlsx":
        return _xlsx(exporting.savings_xlsx(totals), f"savings-{year}.xlsx")
    return render(request, "reviews/savings.html", {"totals": totals, "years": range(year - 4, year + 2)})
