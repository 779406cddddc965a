"""Roster screens: 등록의무자 명부, proposals from the organisation data, designated units, open filings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gamsa.core.models import Event
from gamsa.core.services import log_access
from gamsa.ethics import permissions as perms
from gamsa.ethics.errors import EthicsError
from gamsa.ethics.registration import forms as f
from gamsa.ethics.registration import reviews as review_svc
from gamsa.ethics.registration import services as svc
from gamsa.ethics.registration.models import (
    Declarant,
    DeclarantStatus,
    DesignatedUnit,
    Filing,
    ProposalKind,
    ProposalStatus,
    RosterProposal,
)
from gamsa.ethics.viewkit import desk, log_list, manager, no_store, page_of, run, today

DECLARANT_FIELDS = ["성명", "공무원번호", "소속", "직급", "신고·심사 이력"]


def _declarant_for(request, public_id) -> Declarant:
    desk(request)
    declarant = Declarant.objects.select_related("unit").filter(public_id=public_id).first()
    if declarant is None:
        raise Http404
    return declarant


@login_required
def roster(request):
    desk(request)
    status = request.GET.get("status") or "current"
    rows = Declarant.objects.select_related("unit")
    if status == "current":
        rows = rows.filter(status__in=[DeclarantStatus.ACTIVE, DeclarantStatus.DEFERRED])
    elif status in DeclarantStatus.values:
        rows = rows.filter(status=status)
    q = (request.GET.get("q") or "").strip()[:50]
    if q:
        rows = rows.filter(Q(name__contains=q) | Q(unit__name__contains=q))
    page = page_of(request, rows.order_by("unit__path", "grade", "name", "id"))
    log_list(
        request,
        page,
        target_type="ethics.declarant",
        fields=["성명", "소속", "직급"],
        reason="등록의무자 명부",
    )
    pending = RosterProposal.objects.filter(status=ProposalStatus.PENDING).count()
    return no_store(
        render(
            request,
            "ethics/roster.html",
            {
                "page": page,
                "status": status,
                "q": q,
                "query": f"status={status}&q={q}",
                "statuses": [("current", "현재 등록의무자")] + DeclarantStatus.choices,
                "pending": pending,
                "can_manage": perms.can_manage(request.user),
            },
        )
    )


@login_required
def declarant_create(request):
    desk(request)
    manager(request)
    form = f.DeclarantForm(request.POST or None, initial={"became_on": today()})
    error = ""
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            declarant = svc.register_declarant(request.user, **d)
        except EthicsError as exc:
            error = str(exc)
        else:
            messages.success(request, "등록의무자를 명부에 올리고 신규 등록 기한을 계산했습니다.")
            return redirect("ethics:declarant", public_id=declarant.public_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "ethics/declarant_form.html", {"form": form, "action_error": error}, status=status)


def _declarant_page(request, declarant, bound=None, error="", status=200):
    log_access(request.user, declarant, DECLARANT_FIELDS, request=request, reason="등록의무자 열람")
    bound = bound or {}
    filings = list(declarant.filings.select_related("review").order_by("-trigger_on", "-id"))
    typed = {}  # what was typed into a filing's inline form that failed, shown again in it
    for name in ("filed", "extend", "review"):
        if name in bound:
            typed = {
                "action": name,
                **{k: bound[name].data.get(k, "") for k in ("filing", "on", "days", "reason")},
            }
    context = {
        "typed": typed,
        "d": declarant,
        "filings": filings,
        "refusals": declarant.refusals.order_by("-applied_on"),
        "restriction": getattr(declarant, "restriction", None),
        "events": Event.objects.filter(target_type="ethics.declarant", target_id=str(declarant.public_id))[
            :30
        ],
        "can_manage": perms.can_manage(request.user),
        "today": today(),
        "action_error": error,
        "forms": {
            "leave": bound.get("leave") or f.ConfirmRemoveForm(initial={"left_on": today()}),
            "defer": bound.get("defer") or f.DeferForm(initial={"on": today()}),
            "resume": bound.get("resume") or f.DateForm(initial={"on": today()}),
            "extend": bound.get("extend"),
        },
    }
    return no_store(render(request, "ethics/declarant.html", context, status=status))


@login_required
def declarant_detail(request, public_id):
    return _declarant_page(request, _declarant_for(request, public_id))


def _filing(declarant, data) -> Filing:
    filing = declarant.filings.filter(public_id=data["filing"]).first()
    if filing is None:
        raise EthicsError("신고를 찾을 수 없습니다.")
    return filing


def _start_review(request, declarant, d):
    review = review_svc.start_review(request.user, _filing(declarant, d), on=d["on"])
    return f"심사 {review.case_number}을(를) 시작했습니다."


def _leave(request, declarant, d):
    svc.leave(request.user, declarant, left_on=d["left_on"], retired=d["retired"])
    return "명부에서 뺐습니다." + (
        " 퇴직 변동신고 기한과 취업제한 기간을 계산했습니다." if d["retired"] else ""
    )


def _defer(request, declarant, d):
    svc.defer(request.user, declarant, reason=d["reason"], from_on=d["on"])
    return "변동신고 유예를 기록했습니다."


def _resume(request, declarant, d):
    svc.resume(request.user, declarant, on=d["on"])
    return "유예를 끝냈습니다."


def _filed(request, declarant, d):
    svc.record_filed(request.user, _filing(declarant, d), filed_on=d["on"])
    return "신고를 받았습니다."


def _extend(request, declarant, d):
    filing = svc.extend_filing(request.user, _filing(declarant, d), days=d["days"], reason=d["reason"])
    return f"등록기간을 {filing.extension_days}일 연장했습니다."


DECLARANT_ACTIONS = {
    "leave": (f.ConfirmRemoveForm, _leave),
    "defer": (f.DeferForm, _defer),
    "resume": (f.DateForm, _resume),
    "filed": (f.FiledForm, _filed),
    "extend": (f.ExtendForm, _extend),
    "review": (f.StartReviewForm, _start_review),
}


@login_required
@require_POST
def declarant_act(request, public_id, action: str):
    declarant = _declarant_for(request, public_id)

    def detail(bound=None, error="", status=200):
        return _declarant_page(request, declarant, bound, error, status)

    return run(request, action, DECLARANT_ACTIONS, declarant, detail, "ethics:declarant", public_id=public_id)


# --- proposals ------------------------------------------------------------------------------------------------


def _proposals_page(request, bound=None, error="", status=200, typed_for=None):
    pending = RosterProposal.objects.filter(status=ProposalStatus.PENDING).select_related("person", "unit")
    page = page_of(request, pending.order_by("kind", "unit__path", "id"))
    log_list(
        request,
        page,
        target_type="ethics.rosterproposal",
        fields=["성명", "소속", "직급"],
        reason="명부 변경 제안",
    )
    context = {
        "page": page,
        "query": "",
        "can_manage": perms.can_manage(request.user),
        "add_form": (bound or {}).get("confirm_add") or f.ConfirmAddForm(initial={"became_on": today()}),
        "remove_form": (bound or {}).get("confirm_remove")
        or f.ConfirmRemoveForm(initial={"left_on": today()}),
        "action_error": error,
        "today": today(),
        "typed": {
            "proposal": str(typed_for),
            **{k: v for b in (bound or {}).values() for k, v in b.data.items()},
        }
        if typed_for
        else {},
    }
    return no_store(render(request, "ethics/proposals.html", context, status=status))


@login_required
def proposals(request):
    desk(request)
    return _proposals_page(request)


@login_required
@require_POST
def proposals_run(request):
    desk(request)
    manager(request)
    result = svc.propose_roster_changes(request.user, on=today())
    messages.success(
        request, f"조직 자료와 비교했습니다: 추가 제안 {result['added']}명, 종료 제안 {result['removed']}명."
    )
    return redirect("ethics:proposals")


def _confirm_add(request, proposal, d):
    svc.confirm_addition(
        request.user, proposal, became_on=d["became_on"], trigger=d["trigger"], is_public=d["is_public"]
    )
    return "등록의무자로 확인하고 신규 등록 기한을 계산했습니다."


def _confirm_remove(request, proposal, d):
    svc.confirm_removal(request.user, proposal, left_on=d["left_on"], retired=d["retired"])
    return "등록의무 종료를 확인했습니다."


def _dismiss(request, proposal, d):
    svc.dismiss_proposal(request.user, proposal)
    return "해당 없음으로 처리했습니다."


PROPOSAL_ACTIONS = {
    "confirm_add": (f.ConfirmAddForm, _confirm_add),
    "confirm_remove": (f.ConfirmRemoveForm, _confirm_remove),
    "dismiss": (f.EmptyForm, _dismiss),
}


@login_required
@require_POST
def proposal_act(request, public_id, action: str):
    desk(request)
    proposal = RosterProposal.objects.filter(public_id=public_id).first()
    if proposal is None:
        raise Http404
    if action in ("confirm_add", "confirm_remove") and proposal.kind != (
        ProposalKind.ADD if action == "confirm_add" else ProposalKind.REMOVE
    ):
        raise Http404

    def detail(bound=None, error="", status=200):
        return _proposals_page(request, bound, error, status, typed_for=proposal.public_id)

    return run(request, action, PROPOSAL_ACTIONS, proposal, detail, "ethics:proposals")


# --- designated units -------------------------------------------------------------------------------------------


def _units_page(request, form=None, error="", status=200):
    context = {
        "designations": DesignatedUnit.objects.select_related("unit").order_by("effective_to", "unit__path"),
        "form": form or f.DesignateForm(initial={"effective_from": today()}),
        "can_manage": perms.can_manage(request.user),
        "action_error": error,
        "today": today(),
    }
    return render(request, "ethics/units.html", context, status=status)


@login_required
def units(request):
    desk(request)
    if request.method != "POST":
        return _units_page(request)
    manager(request)
    form = f.DesignateForm(request.POST)
    if not form.is_valid():
        return _units_page(request, form, "입력한 값을 확인하세요.", 400)
    try:
        svc.designate_unit(request.user, **form.cleaned_data)
    except EthicsError as exc:
        return _units_page(request, form, str(exc), 400)
    messages.success(
        request, "특정분야 부서로 지정했습니다. '조직 자료와 비교'로 등록의무자 제안을 받으세요."
    )
    return redirect("ethics:units")


@login_required
@require_POST
def unit_end(request, public_id):
    desk(request)
    designation = DesignatedUnit.objects.filter(public_id=public_id).first()
    if designation is None:
        raise Http404
    manager(request)
    form = f.DateForm(request.POST)
    if not form.is_valid():
        return _units_page(request, None, "해제일을 입력하세요.", 400)
    try:
        svc.end_designation(request.user, designation, on=form.cleaned_data["on"])
    except EthicsError as exc:
        return _units_page(request, None, str(exc), 400)
    messages.success(request, "지정을 해제했습니다.")
    return redirect("ethics:units")


# --- open filings -------------------------------------------------------------------------------------------------


@login_required
def filings(request):
    desk(request)
    form = f.RegularForm(request.POST or None, initial={"year": today().year - 1})
    if request.method == "POST":
        manager(request)
        if form.is_valid():
            count = svc.open_regular_filings(request.user, year=form.cleaned_data["year"])
            messages.success(request, f"정기 변동신고 {count}건을 만들었습니다.")
            return redirect("ethics:filings")
    rows = (
        Filing.objects.filter(filed_on__isnull=True)
        .select_related("declarant__unit")
        .order_by("due_on", "id")
    )
    page = page_of(request, rows)
    log_list(request, page, target_type="ethics.filing", fields=["성명", "소속"], reason="미신고 목록")
    status = 400 if request.method == "POST" else 200
    return no_store(
        render(
            request,
            "ethics/filings.html",
            {
                "page": page,
                "query": "",
                "form": form,
                "today": today(),
                "can_manage": perms.can_manage(request.user),
            },
            status=status,
        )
    )
