"""Findings (적출사항): list (the department's inbox for liaisons), record, the case screen and its actions,
and the decisions on near-duplicates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from gamsa.core import permissions as core_perms
from gamsa.core.filecheck import FileRejected
from gamsa.core.legacy import moved
from gamsa.core.models import Event
from gamsa.core.services import log_access
from gamsa.patrols import duplicates
from gamsa.patrols import permissions_patrol as perms
from gamsa.patrols.forms_patrol import (
    AnswerForm,
    CloseForm,
    FindingFilterForm,
    FindingForm,
    ReasonForm,
    RouteForm,
)
from gamsa.patrols.models import OPEN_FINDING_STATUSES, DuplicateCandidate, Finding, FindingStatus
from gamsa.patrols.services import findings as svc

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


@login_required
def finding_list(request):
    user = request.user
    core_perms.deny_outsider(perms.can_see_findings(user))
    form = FindingFilterForm(request.GET)
    base = perms.visible_findings(user, Finding.objects.select_related("category", "unit", "round"))
    rows = _filtered(base, form.cleaned_data) if form.is_valid() else base.none()
    page = Paginator(rows.order_by("-reported_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    inbox = not (perms.is_patrol_team(user) or perms.is_reader(user))
    return render(
        request,
        "patrols/patrol/finding_list.html",
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
            if duplicates.pending_for(finding):
                messages.warning(request, "가까운 곳에 비슷한 건이 있습니다. 아래 '중복 후보'를 확인하세요.")
            return redirect("patrols:finding_detail", case_number=finding.case_number)
    return render(
        request, "patrols/patrol/finding_form.html", {"form": form}, status=400 if form.errors else 200
    )


def _finding_for(request, case_number: str) -> Finding:
    finding = get_object_or_404(
        Finding.objects.select_related("category", "unit", "round", "item", "reported_by", "duplicate_of"),
        case_number=case_number,
    )
    core_perms.deny_outsider(perms.can_view_finding(request.user, finding))
    return finding


@login_required
def finding_detail(request, case_number: str, forms: dict | None = None, status: int = 200, error: str = ""):
    finding = _finding_for(request, case_number)
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
        "can_decide": perms.can_decide_duplicates(user),
        "candidates": duplicates.candidate_rows(finding),
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
    return render(request, "patrols/patrol/finding_detail.html", ctx, status=status)


@login_required
def finding_act(request, case_number: str, action: str):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    finding = _finding_for(request, case_number)
    user = request.user
    if action == "answer":
        core_perms.deny_read_only(perms.can_answer(user, finding))
        form = AnswerForm(request.POST, request.FILES, prefix=action)
    elif action in ("route", "close", "return", "dismiss"):
        core_perms.deny_read_only(perms.can_record_findings(user))
        form_class = {"route": RouteForm, "close": CloseForm, "return": ReasonForm, "dismiss": ReasonForm}[
            action
        ]
        form = form_class(request.POST, prefix=action)
    else:
        return redirect("patrols:finding_detail", case_number=case_number)
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


@login_required
def duplicate_decide_legacy(request, pk: int, decision: str):
    """The old address by database id: the same checks, then a permanent redirect (308 keeps the POST)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    candidate = get_object_or_404(DuplicateCandidate, pk=pk)
    core_perms.deny_outsider(perms.can_see_findings(request.user))
    core_perms.deny_read_only(perms.can_decide_duplicates(request.user))
    return moved(reverse("patrols:duplicate_decide", args=[candidate.public_id, decision]))


@login_required
def duplicate_decide(request, public_id, decision: str):
    """Link (중복으로 연결) or dismiss (별건) a candidate; back to the page it was decided on."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    candidate = get_object_or_404(DuplicateCandidate, public_id=public_id)
    core_perms.deny_outsider(perms.can_see_findings(request.user))
    core_perms.deny_read_only(perms.can_decide_duplicates(request.user))
    try:
        if decision == "link":
            duplicates.link_candidate(request.user, candidate)
            messages.success(request, "중복으로 연결했습니다.")
        elif decision == "dismiss":
            duplicates.dismiss_candidate(request.user, candidate)
            messages.success(request, "별건으로 표시했습니다.")
    except duplicates.CandidateError as exc:
        messages.error(request, str(exc))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        subject = duplicates.subject_of(candidate)
        if isinstance(subject, Finding):
            target = reverse("patrols:finding_detail", args=[subject.case_number])
        else:
            target = reverse("patrols:field_detail", args=[subject.source_id])
    return redirect(target)


@login_required
def duplicate_queue(request):
    """Every pending candidate, newest first (the patrol team's review queue)."""
    core_perms.deny_outsider(perms.can_see_findings(request.user))
    core_perms.deny_outsider(perms.is_patrol_team(request.user) or perms.is_reader(request.user))
    qs = DuplicateCandidate.objects.filter(decision=DuplicateCandidate.Decision.PENDING).select_related(
        "subject_finding", "subject_complaint__item", "other_finding", "other_complaint__item"
    )
    page = Paginator(qs.order_by("-created_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "patrols/patrol/duplicate_queue.html",
        {"page": page, "can_decide": perms.can_decide_duplicates(request.user), "statuses": FindingStatus},
    )
