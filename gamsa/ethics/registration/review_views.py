"""Review screens (재산등록 심사): the list by status and answer due day, the review record and its actions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_POST

from gamsa.core.models import Attachment, Event
from gamsa.core.services import log_access
from gamsa.ethics import permissions as perms
from gamsa.ethics.errors import EthicsError
from gamsa.ethics.registration import forms as f
from gamsa.ethics.registration import reviews as svc
from gamsa.ethics.registration.review_models import OPEN_REVIEW_STATUSES, Review, ReviewStatus
from gamsa.ethics.viewkit import desk, log_list, no_store, page_of, run, today

REVIEW_FIELDS = ["성명", "소속", "직급", "심사 대상 금액", "요구·답변", "심사 의견"]


def _review_for(request, case_number: str) -> Review:
    desk(request)
    review = (
        Review.objects.select_related("declarant__unit", "filing", "reviewer")
        .filter(case_number=case_number[:20])
        .first()
    )
    if review is None:
        raise Http404
    return review


@login_required
def review_list(request):
    desk(request)
    status = request.GET.get("status") or "open"
    rows = Review.objects.all()
    if status == "open":
        rows = rows.filter(status__in=OPEN_REVIEW_STATUSES).order_by("answer_due_on", "started_on", "id")
    elif status in ReviewStatus.values:
        rows = rows.filter(status=status).order_by("-started_on", "-id")
    else:
        rows = rows.order_by("-started_on", "-id")
    try:
        year = int(request.GET.get("year") or 0)
    except ValueError:
        year = 0
    if 2000 <= year <= 2100:
        rows = rows.filter(year=year)
    # The page's ids first, then their rows with the joins: a deep page joins 30 rows, not every row before it.
    page = page_of(request, rows.values_list("pk", flat=True))
    found = Review.objects.select_related("declarant__unit", "filing").in_bulk(list(page.object_list))
    page.object_list = [found[pk] for pk in page.object_list]
    log_list(
        request,
        page,
        target_type="ethics.review",
        fields=["성명", "소속", "직급"],
        reason="재산등록 심사 목록",
    )
    return no_store(
        render(
            request,
            "ethics/reviews.html",
            {
                "page": page,
                "status": status,
                "year": year or "",
                "query": f"status={status}&year={year or ''}",
                "statuses": [("open", "진행 중"), ("all", "전체")] + ReviewStatus.choices,
                "today": today(),
            },
        )
    )


def _page(request, review, bound=None, error="", status=200):
    log_access(request.user, review, REVIEW_FIELDS, request=request, reason="재산등록 심사 열람")
    bound = bound or {}
    answer = bound.get("answer")
    context = {
        "typed": {k: answer.data.get(k, "") for k in ("request", "answered_on", "note")} if answer else {},
        "r": review,
        "requests": review.requests.all(),
        "amounts": review.amounts.all(),
        "documents": Attachment.objects.filter(owner_type="ethics.review", owner_id=review.case_number),
        "items": review.items.select_related("meeting"),
        "events": Event.objects.filter(target_type="ethics.review", target_id=review.case_number)[:50],
        "can_manage": perms.can_manage(request.user),
        "today": today(),
        "action_error": error,
        "forms": {
            "request": bound.get("request") or f.RequestForm(initial={"issued_on": today()}),
            "amount": bound.get("amount") or f.AmountForm(),
            "document": bound.get("document") or f.DocumentForm(),
            "conclude": bound.get("conclude") or f.ConcludeForm(initial={"on": today()}),
            "close": bound.get("close") or f.DateForm(initial={"on": today()}),
        },
    }
    return no_store(render(request, "ethics/review.html", context, status=status))


@login_required
def review_detail(request, case_number: str):
    return _page(request, _review_for(request, case_number))


def _request(review, data):
    found = review.requests.filter(public_id=data["request"]).first()
    if found is None:
        raise EthicsError("요구를 찾을 수 없습니다.")
    return found


def _issue(request, review, d):
    svc.issue_request(
        request.user,
        review,
        kind=d["kind"],
        issued_on=d["issued_on"],
        received_on=d["received_on"],
        content=d["content"],
    )
    return "요구를 기록했습니다. 답변 기한은 받은 날부터 20일입니다."


def _answer(request, review, d):
    svc.record_answer(request.user, _request(review, d), answered_on=d["answered_on"], note=d["note"])
    return "답변을 기록했습니다."


def _amount(request, review, d):
    svc.add_amount(
        request.user,
        review,
        item=d["item"],
        owner=d["owner"],
        registered=d["registered"],
        verified=d["verified"],
        note=d["note"],
    )
    return "금액을 기록했습니다."


def _document(request, review, d):
    upload = d["file"]
    svc.add_document(request.user, review, data=upload.read(), original_name=upload.name)
    return "문서를 등록했습니다."


def _conclude(request, review, d):
    svc.conclude(request.user, review, conclusion=d["conclusion"], on=d["on"], opinion=d["opinion"])
    return "심사 결과를 기록했습니다."


def _close(request, review, d):
    svc.close_review(request.user, review, on=d["on"])
    return "심사를 종결했습니다."


ACTIONS = {
    "request": (f.RequestForm, _issue),
    "answer": (f.AnswerForm, _answer),
    "amount": (f.AmountForm, _amount),
    "document": (f.DocumentForm, _document),
    "conclude": (f.ConcludeForm, _conclude),
    "close": (f.DateForm, _close),
}


@login_required
@require_POST
def review_act(request, case_number: str, action: str):
    review = _review_for(request, case_number)

    def detail(bound=None, error="", status=200):
        return _page(request, review, bound, error, status)

    return run(request, action, ACTIONS, review, detail, "ethics:review", case_number=review.case_number)
