"""Findings (적출사항): list (the department's inbox for liaisons), record, the case screen and its actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from gamsa.core import permissions as core_perms
from gamsa.core.filecheck import FileRejected
from gamsa.core.models import Event
from gamsa.core.services import log_access
from gamsa.core.sorting import sort_queryset
from gamsa.patrols.duplicates.permissions import can_decide_duplicates
from gamsa.patrols.duplicates.selectors import candidate_rows, pending_for
from gamsa.patrols.findings import permissions as perms
from gamsa.patrols.findings import services as svc
from gamsa.patrols.findings.forms import (
    AnswerForm,
    CloseForm,
    FindingFilterForm,
    FindingForm,
    ReasonForm,
    RouteForm,
)
from gamsa.patrols.models import OPEN_FINDING_STATUSES, Finding

PAGE_SIZE = 30


def _filtered(qs, data):
    if data.get("q"):
        qs = qs.filter(
            Q(title__icontains=data["q"]) | Q(address__icontains=data["q"]) | Q(case_number=data["q"])
        )
    status = data.get("status")
    if status == "open":
        qs = qs.filter(status__in=OPEN_FINDING_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    if data.get("category"):
        qs = qs.filter(category=data["category"])
    if data.get("unit"):
        qs = qs.filter(unit=data["unit"])
    if data.get("source"):
        qs = qs.filter(source=data["source"])
    return qs


# The list's sortable columns (core/sorting.py), the action deadline first.
FINDING_SORTS = {
    "due": "due_date",
    "number": "case_number",
    "title": "title",
    "category": "category__name",
    "place": "address",
    "unit": "unit__name",
    "reported": "reported_at",
    "status": "status",
}


@login_required
def finding_list(request):
    user = request.user
    core_perms.deny_outsider(perms.can_see_findings(user))
    form = FindingFilterForm(request.GET)
    base = perms.visible_findings(user, Finding.objects.select_related("category", "unit", "round"))
    rows = _filtered(base, form.cleaned_data) if form.is_valid() else base.none()
    rows, _ = sort_queryset(request, rows, FINDING_SORTS, default="due")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    inbox = not (perms.is_patrol_team(user) or perms.is_reader(user))
    return render(
        request,
        "patrols/findings/finding_list.html",
        {
            "form": form,
            "page": page,
            "title": "우리 부서 적출사항" if inbox else "적출사항",
            "inbox": inbox,
            "can_record": perms.can_record_findings(user),
            "today": timezone.localdate(),
        },
    )


@login_required
def finding_create(request):
    core_perms.deny_outsider(perms.can_see_findings(request.user))
    core_perms.deny_read_only(perms.can_record_findings(request.user))
    initial = {}
    if request.GET.get("round"):
        initial["round"] = request.GET["round"]
    form = FindingForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            finding = svc.create_finding(
                request.user,
                source=Finding.Source.PATROL,
                category=data["category"],
                title=data["title"],
                description=data["description"],
                address=data["address"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                unit=data["unit"],
                round=data["round"],
                item=data["item"],
                requested_action=data["requested_action"],
                due_date=data["due_date"],
                photos=form.photos(),
            )
        except FileRejected as exc:
            form.add_error("photo", str(exc))
        else:
            messages.success(request, f"적출사항 {finding.case_number}을(를) 등록했습니다.")
            if pending_for(finding):
                messages.warning(request, "가까운 곳에 비슷한 건이 있습니다. 아래 '중복 후보'를 확인하세요.")
            return redirect("patrols:finding_detail", case_number=finding.case_number)
    return render(
        request, "patrols/findings/finding_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def finding_detail(request, case_number: str, forms: dict | None = None, status: int = 200, error: str = ""):
    finding = perms.finding_for(request, case_number)
    user = request.user
    show_reporter = perms.can_see_reporter(user) and finding.reported_by_id is not None
    if show_reporter and finding.source == Finding.Source.GUARDIAN:
        log_access(user, finding, ["적출자(지킴이) 성명"], request=request, reason="적출사항 처리")
    forms = forms or {}
    can_record = perms.can_record_findings(user)
    can_answer = perms.can_answer(user, finding) and finding.status in svc.ANSWERABLE
    ctx = {
        "f": finding,
        "photos": finding.photos.select_related("attachment").order_by("attachment__uploaded_at")
        if perms.can_download_finding_photos(user, finding)
        else [],
        "show_reporter": show_reporter,
        "events": Event.objects.filter(target_type="patrols.finding", target_id=finding.case_number).order_by(
            "at"
        ),
        "can_route": can_record and finding.status in svc.ROUTABLE,
        "can_verify": can_record and finding.status in svc.VERIFIABLE,
        "can_dismiss": can_record and finding.is_open,
        "can_answer": can_answer,
        "can_decide": can_decide_duplicates(user),
        "candidates": candidate_rows(finding),
        "route_form": forms.get("route")
        or RouteForm(
            prefix="route",
            initial={
                "unit": finding.unit_id,
                "due_date": finding.due_date,
                "requested_action": finding.requested_action,
            },
        ),
        "answer_form": forms.get("answer") or AnswerForm(prefix="answer"),
        "close_form": forms.get("close") or CloseForm(prefix="close"),
        "return_form": forms.get("return") or ReasonForm(prefix="return"),
        "dismiss_form": forms.get("dismiss") or ReasonForm(prefix="dismiss"),
        "action_error": error,
        "today": timezone.localdate(),
    }
    return render(request, "patrols/findings/finding_detail.html", ctx, status=status)


@login_required
def finding_act(request, case_number: str, action: str):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if action == "answer":
        finding = perms.finding_for(request, case_number, "answer")
        form = AnswerForm(request.POST, request.FILES, prefix=action)
    elif action in ("route", "close", "return", "dismiss"):
        finding = perms.finding_for(request, case_number, "record")
        form_class = {"route": RouteForm, "close": CloseForm, "return": ReasonForm, "dismiss": ReasonForm}[
            action
        ]
        form = form_class(request.POST, prefix=action)
    else:
        perms.finding_for(request, case_number)
        return redirect("patrols:finding_detail", case_number=case_number)
    user = request.user
    if not form.is_valid():
        return finding_detail(request, case_number, forms={action: form}, status=400)
    data = form.cleaned_data
    try:
        if action == "route":
            svc.route_finding(
                user,
                finding,
                unit=data["unit"],
                due_date=data["due_date"],
                requested_action=data["requested_action"],
            )
            done = f"{data['unit'].name}에 통보했습니다."
        elif action == "answer":
            svc.answer_finding(user, finding, answer=data["answer"], photos=form.photos())
            done = "조치 결과를 등록했습니다. 순찰팀이 확인합니다."
        elif action == "close":
            svc.close_finding(user, finding, note=data["note"])
            done = "확인 종결했습니다."
        elif action == "return":
            svc.return_finding(user, finding, note=data["note"], due_date=data["due_date"])
            done = "부서에 보완을 요구했습니다."
        else:
            svc.dismiss_finding(user, finding, note=data["note"])
            done = "반려했습니다."
    except FileRejected as exc:
        form.add_error("photo", str(exc))
        return finding_detail(request, case_number, forms={action: form}, status=400)
    except svc.FindingStateError as exc:
        return finding_detail(request, case_number, status=409, error=str(exc))
    messages.success(request, done)
    return redirect("patrols:finding_detail", case_number=case_number)
