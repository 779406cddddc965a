"""고지거부 screens: applications (new and re-examination), the decision, and this year's re-examinations."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gamsa.core.models import Event
from gamsa.core.services import log_access
from gamsa.ethics import permissions as perms
from gamsa.ethics.errors import EthicsError
from gamsa.ethics.refusals import forms as f
from gamsa.ethics.refusals import services as svc
from gamsa.ethics.refusals.models import DisclosureRefusal, RefusalKind, RefusalStatus
from gamsa.ethics.registration.models import Declarant
from gamsa.ethics.viewkit import desk, log_list, manager, no_store, page_of, run, today

REFUSAL_FIELDS = ["등록의무자 성명", "고지거부자 성명", "관계", "출생연도", "직업", "소득", "재산"]


def _refusal_for(request, case_number: str) -> DisclosureRefusal:
    desk(request)
    refusal = (
        DisclosureRefusal.objects.select_related("declarant__unit", "renews")
        .filter(case_number=case_number[:20])
        .first()
    )
    if refusal is None:
        raise Http404
    return refusal


@login_required
def refusal_list(request):
    desk(request)
    status = request.GET.get("status") or "open"
    rows = DisclosureRefusal.objects.select_related("declarant__unit")
    if status == "open":
        rows = rows.filter(status__in=[RefusalStatus.RECEIVED, RefusalStatus.REFERRED]).order_by(
            "decision_due_on", "id"
        )
    elif status in RefusalStatus.values:
        rows = rows.filter(status=status).order_by("-applied_on", "-id")
    else:
        rows = rows.order_by("-applied_on", "-id")
    page = page_of(request, rows)
    log_list(
        request,
        page,
        target_type="ethics.disclosurerefusal",
        fields=["등록의무자 성명", "관계"],
        reason="고지거부 목록",
    )
    return no_store(
        render(
            request,
            "ethics/refusals.html",
            {
                "page": page,
                "status": status,
                "query": f"status={status}",
                "statuses": [("open", "결정 전"), ("all", "전체")] + RefusalStatus.choices,
                "today": today(),
            },
        )
    )


@login_required
def refusal_new(request, public_id):
    desk(request)
    declarant = Declarant.objects.select_related("unit").filter(public_id=public_id).first()
    if declarant is None:
        raise Http404
    manager(request)
    form = f.ApplicationForm(request.POST or None, initial={"applied_on": today(), "trigger_on": today()})
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            refusal = svc.receive_application(request.user, declarant, **form.cleaned_data)
        except EthicsError as exc:
            error = str(exc)
        else:
            messages.success(request, f"고지거부 신청 {refusal.case_number}을(를) 접수했습니다.")
            return redirect("ethics:refusal", case_number=refusal.case_number)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "ethics/refusal_form.html",
        {"form": form, "d": declarant, "action_error": error},
        status=status,
    )


def _page(request, refusal, bound=None, error="", status=200):
    log_access(request.user, refusal, REFUSAL_FIELDS, request=request, reason="고지거부 신청 열람")
    bound = bound or {}
    start = refusal.next_reexamination_on
    context = {
        "x": refusal,
        "window": svc.reexamination_window(start) if start else None,
        "reexaminations": refusal.reexaminations.order_by("-applied_on"),
        "items": refusal.items.select_related("meeting"),
        "events": Event.objects.filter(target_type="ethics.disclosurerefusal", target_id=refusal.case_number)[
            :30
        ],
        "can_manage": perms.can_manage(request.user),
        "today": today(),
        "action_error": error,
        "forms": {
            "decide": bound.get("decide") or f.DecideForm(initial={"on": today()}),
            "reexamine": bound.get("reexamine") or f.ReexaminationForm(initial={"applied_on": today()}),
        },
    }
    return no_store(render(request, "ethics/refusal.html", context, status=status))


@login_required
def refusal_detail(request, case_number: str):
    return _page(request, _refusal_for(request, case_number))


def _extend(request, refusal, d):
    svc.extend_decision(request.user, refusal)
    return "결정 기간을 10일 연장했습니다."


def _decide(request, refusal, d):
    svc.decide(request.user, refusal, granted=d["granted"], on=d["on"], note=d["note"])
    return "결정을 기록했습니다."


def _reexamine(request, refusal, d):
    new = svc.receive_application(
        request.user,
        refusal.declarant,
        relation=refusal.relation,
        relative_name=refusal.relative_name,
        trigger="regular",
        trigger_on=d["applied_on"],
        applied_on=d["applied_on"],
        occupation=d["occupation"],
        annual_income=d["annual_income"],
        assets=d["assets"],
        reason=d["reason"],
        renews=refusal,
    )
    return f"재심사 신청 {new.case_number}을(를) 접수했습니다."


ACTIONS = {
    "extend": (f.EmptyForm, _extend),
    "decide": (f.DecideForm, _decide),
    "reexamine": (f.ReexaminationForm, _reexamine),
}


@login_required
@require_POST
def refusal_act(request, case_number: str, action: str):
    refusal = _refusal_for(request, case_number)

    def detail(bound=None, error="", status=200):
        return _page(request, refusal, bound, error, status)

    return run(request, action, ACTIONS, refusal, detail, "ethics:refusal", case_number=refusal.case_number)


@login_required
def reexaminations(request):
    """Permissions that fall due for re-examination in a year (this year by default): not yet applied for first,
    then those applied for with the application's state (a granted one has moved on to its next cycle)."""
    desk(request)
    try:
        year = min(max(int(request.GET.get("year") or today().year), 2000), 2100)
    except ValueError:
        year = today().year
    # The year's re-examination is the one whose 정기신고기간 starts in it (its trigger day), whenever it was filed.
    of_year = DisclosureRefusal.objects.filter(kind=RefusalKind.REEXAMINATION, trigger_on__year=year)
    latest = of_year.filter(renews=OuterRef("pk")).order_by("-id").values("status")[:1]
    rows = (
        DisclosureRefusal.objects.filter(kind=RefusalKind.NEW, granted_on__isnull=False)
        .filter(
            Q(next_reexamination_on__year=year, ended_on__isnull=True) | Q(pk__in=of_year.values("renews_id"))
        )
        .annotate(reexamination=Subquery(latest))
        .select_related("declarant__unit")
        .order_by(F("reexamination").asc(nulls_first=True), "declarant__unit__path", "id")
    )
    page = page_of(request, rows)
    log_list(
        request,
        page,
        target_type="ethics.disclosurerefusal",
        fields=["등록의무자 성명", "관계"],
        reason="고지거부 재심사 대상",
    )
    start = dt.date(year, 1, 1)
    return no_store(
        render(
            request,
            "ethics/reexaminations.html",
            {"page": page, "year": year, "query": f"year={year}", "window": svc.reexamination_window(start)},
        )
    )
