"""The complaint desk: list with filters, overdue board, staff intake and the case screen."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from gamsa.complaints.grievances import permissions as perms
from gamsa.complaints.grievances import selectors, status_lookup
from gamsa.complaints.grievances import services as svc
from gamsa.complaints.grievances.approvals import answer_approval, closure_approval
from gamsa.complaints.grievances.forms import (
    AnswerForm,
    AssignForm,
    ExtensionForm,
    FilterForm,
    GrievanceForm,
    JointForm,
    ReasonForm,
    RefileForm,
    RejectForm,
    ReviewForm,
    SiteSurveyForm,
    TransferForm,
)
from gamsa.complaints.grievances.models import OPEN_STATUSES, Grievance, InternalClosureRequest
from gamsa.complaints.grievances.similarity import similar_grievances
from gamsa.complaints.io import permissions as io_perms
from gamsa.complaints.roles import is_complaint_team
from gamsa.core import permissions as core_perms
from gamsa.core.calendar import SEOUL
from gamsa.core.history import case_history
from gamsa.core.models import Attachment
from gamsa.core.services import log_access
from gamsa.core.sorting import sort_queryset

PAGE_SIZE = 30
# What only the complainant does without an account (the public form, withdrawing): "민원인" in the case history.
CITIZEN_VERBS = ("grievance.received", "grievance.withdrawn", "grievance.survey_submitted")
# The list's sortable columns (core/sorting.py): the deadline first; each backed by an index or the page's filters.
LIST_SORTS = {
    "due": "due_at",
    "number": ("year", "sequence"),
    "title": "title",
    "channel": "channel",
    "department": "department__name",
    "received": "received_at",
    "status": "status",
}
PERSONAL_FIELDS = ["성명", "연락처", "이메일", "주소"]


@login_required
def grievance_list(request):
    perms.require(request)
    form = FilterForm(request.GET)
    now = timezone.now()
    base = perms.visible_grievances(request.user, selectors.list_queryset())
    rows = selectors.filtered(base, form.cleaned_data, now) if form.is_valid() else base.none()
    rows, _ = sort_queryset(request, rows, LIST_SORTS, default="due")
    page = selectors.CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    inbox = not (is_complaint_team(request.user) or core_perms.is_office_staff(request.user)) and bool(
        core_perms.department_ids(request.user)
    )
    title = "우리 부서 민원함" if inbox else "고충민원 목록"
    return render(
        request,
        "complaints/list.html",
        {
            "form": form,
            "page": page,
            "now": now,
            "title": title,
            "can_manage": perms.can_manage(request.user),
            "may_export_personal": io_perms.may_export_personal(request.user),
        },
    )


@login_required
def overdue(request):
    perms.require(request)
    now = timezone.now()
    # Everything still open, plus what was received this year (the board is about the current workload).
    year_start = now.astimezone(SEOUL).replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    visible = perms.visible_grievances(
        request.user, Grievance.objects.filter(Q(status__in=OPEN_STATUSES) | Q(received_at__gte=year_start))
    )
    board = selectors.overdue_board(visible, now)
    late = selectors.filtered(selectors.list_queryset(), {"due": "overdue"}, now)
    late = perms.visible_grievances(request.user, late).order_by("due_at")[:200]
    return render(
        request,
        "complaints/overdue.html",
        {"board": board, "late": late, "now": now, "year": year_start.year},
    )


@login_required
def create(request):
    perms.require(request, "manage")
    form = GrievanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            receipt = svc.receive_grievance(
                request.user,
                channel=data["channel"],
                kind=data["kind"],
                title=data["title"],
                body=data["body"],
                complainant={k: data[k] for k in ("name", "phone", "email", "address")},
                received_at=data["received_at"],
                place_address=data["place_address"],
                category=data["category"],
                source_ref=data["source_ref"],
                households=data["households"],
                signatories=data["signatories"],
            )
        except svc.GrievanceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{receipt.grievance.case_number}(으)로 접수했습니다.")
            similar = similar_grievances(receipt.grievance, limit=10)
            if similar:
                repeats = sum(1 for c in similar if c.same_complainant)
                messages.warning(
                    request,
                    f"비슷한 민원이 {len(similar)}건 있습니다(같은 민원인 {repeats}건, 같은 사안·다른 민원인 "
                    f"{len(similar) - repeats}건). 답변하기 전에 아래 '반복·중복 민원'에서 확인하세요 (법 제23조).",
                )
            return redirect("complaints:detail", case_number=receipt.grievance.case_number)
    return render(request, "complaints/form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def handler_options(request):
    """The handler list of the assignment form for the department picked (htmx swaps these options in)."""
    perms.require(request, "manage")
    form = AssignForm(request.GET)
    return render(request, "complaints/_handler_options.html", {"field": form["handler"]})


CASE_SCREEN = ("complainant", "department", "handler", "category", "reopened_from")


def _answer_draft_form(g):
    """The answer form, filled with a draft returned from 결재 (반려) so the drafter revises it."""
    approval = answer_approval(g)
    if approval is not None and approval.status in ("returned", "withdrawn"):
        return AnswerForm(initial=approval.payload)
    return AnswerForm()


@login_required
def detail(request, case_number: str, forms: dict | None = None, status: int = 200):
    g = perms.grievance_for(request, case_number, queryset=Grievance.objects.select_related(*CASE_SCREEN))
    user = request.user
    # Opening a new assignment is seeing it; a refused action shown again on this page changes nothing.
    if request.method == "GET" and svc.is_new_assignment(g) and perms.can_acknowledge(user, g):
        seen = svc.acknowledge_assignment(user, g)
        g.acknowledged_at, g.acknowledged_by_id = seen.acknowledged_at, seen.acknowledged_by_id
    show_personal = perms.can_see_personal_data(user, g)
    if show_personal:
        log_access(user, g, PERSONAL_FIELDS, request=request, reason="민원 처리")
    forms = forms or {}
    repeats, duplicates = [], []
    joint_group = svc.joint_group_of(g)
    if perms.can_manage(user):
        decided = set(g.similarity_reviews.values_list("candidate_id", flat=True))
        known = decided | {x.pk for x in svc.chain_of(g)} | {x.pk for x in joint_group}
        for c in similar_grievances(g, limit=20):
            if c.grievance.pk in known:
                continue
            (repeats if c.same_complainant else duplicates).append(c)
        repeats, duplicates = repeats[:5], duplicates[:5]
    now = timezone.now()
    pending_closure = g.closure_requests.filter(decision=InternalClosureRequest.Decision.PENDING).first()
    context = {
        "g": g,
        "show_personal": show_personal,
        "answers": g.answers.select_related("answered_by"),
        "extensions": g.extensions.all(),
        "pauses": g.pauses.all(),
        "notices": g.notices.all(),
        "attachments": Attachment.objects.filter(owner_type="complaints.grievance", owner_id=g.case_number),
        "events": case_history("complaints.grievance", g.case_number, citizen_verbs=CITIZEN_VERBS),
        "evidence": svc.repeat_evidence(g),
        "candidates": repeats,
        "duplicates": duplicates,
        "joint_group": joint_group if len(joint_group) > 1 else [],
        "joint_form": forms.get("joint") or JointForm(),
        "closure_requests": g.closure_requests.select_related("requested_by", "decided_by"),
        "pending_closure": pending_closure,
        "closure_approval": closure_approval(pending_closure),
        "now": now,
        "progress": svc.progress_notice_status(g, now),
        "can_manage": perms.can_manage(user),
        "status_locked": perms.can_manage(user) and status_lookup.is_locked(g),
        "can_answer": perms.can_answer(user, g),
        "can_extend": perms.can_extend(user, g),
        "answer_approval": answer_approval(g),
        "assign_form": forms.get("assign")
        or AssignForm(
            initial={"department": g.department_id}, handlers_url=reverse("complaints:handler_options")
        ),
        "extension_form": forms.get("extend") or ExtensionForm(),
        "answer_form": forms.get("answer") or _answer_draft_form(g),
        "supplement_form": forms.get("supplement") or ReasonForm(),
        "survey_form": forms.get("site_survey") or SiteSurveyForm(),
        "transfer_form": forms.get("transfer") or TransferForm(),
        "reject_form": forms.get("reject") or RejectForm(),
        "review_form": forms.get("review") or ReviewForm(),
        "closure_form": forms.get("closure_request") or ReasonForm(),
        "refile_form": forms.get("refile")
        or RefileForm(initial={"channel": g.channel, "title": f"[재민원] {g.title}"}),
        "action_error": forms.get("_error"),
    }
    return render(request, "complaints/detail.html", context, status=status)
