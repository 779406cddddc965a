"""결재함, the approval screen and its actions, the 결재 document PDF, and the rule / rank / absence screens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gamsa.core import permissions as core_perms
from gamsa.core.approvals import forms, kinds, selectors, signature
from gamsa.core.approvals import permissions as perms
from gamsa.core.approvals import services as svc
from gamsa.core.approvals.models import (
    Absence,
    Approval,
    ApprovalStatus,
    DelegationRule,
    NumberFormat,
    Position,
    Step,
    StepRole,
)

TABS = [
    ("waiting", "결재할 문서"),
    ("returned", "반려·회수된 문서"),
    ("post", "후결"),
    ("drafted", "내가 올린 문서"),
    ("signed", "결재한 문서"),
]


def approval_for(request, public_id) -> Approval:
    """The approval if the user may see it at all (404 otherwise)."""
    approval = get_object_or_404(Approval.objects.select_related("drafter", "unit"), public_id=public_id)
    core_perms.deny_outsider(perms.can_view(request.user, approval))
    return approval


@login_required
def inbox(request):
    core_perms.deny_outsider(perms.can_use_inbox(request.user))
    tab = request.GET.get("tab", "waiting")
    if tab not in dict(TABS):
        tab = "waiting"
    user = request.user
    if tab == "post":
        rows = [step.approval for step in selectors.post_review_for(user)]
    else:
        rows = {
            "waiting": selectors.waiting_for,
            "returned": selectors.returned_to,
            "drafted": selectors.drafted_by,
            "signed": selectors.signed_by,
        }[tab](user)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    for a in page:
        a.kind_label = kinds.label(a.kind)
    counts = {
        "waiting": selectors.waiting_for(user).count(),
        "returned": selectors.returned_to(user).count(),
        "post": selectors.post_review_for(user).count(),
    }
    return render(
        request,
        "approvals/inbox.html",
        {"tabs": TABS, "tab": tab, "page": page, "counts": counts, "kind_label": kinds.label},
    )


def _detail_context(request, approval: Approval, forms_in: dict | None = None) -> dict:
    forms_in = forms_in or {}
    user = request.user
    step = svc.current_step(approval) if approval.is_open else None
    kind = kinds.get(approval.kind)
    document = approval.document
    post_step = (
        approval.steps.filter(assignee=user, post_review_needed=True, post_reviewed_at__isnull=True).first()
        if user.is_authenticated
        else None
    )
    return {
        "a": approval,
        "kind_label": kind.label,
        "document_url": kind.url(document) if kind.url and document is not None else "",
        "recipient": kind.recipient,
        "step": step,
        "history": selectors.history(approval),
        "boxes": signature.boxes(approval),
        "can_act": perms.can_act(user, approval),
        "is_drafter": perms.can_redraft(user, approval),
        "post_step": post_step,
        "cooperating": step is not None and step.role == StepRole.COOPERATE,
        "opinion_form": forms_in.get("approve") or forms.OpinionForm(),
        "cooperate_form": forms_in.get("cooperate") or forms.CooperationForm(),
        "return_form": forms_in.get("return") or forms.ReasonForm(),
        "hold_form": forms_in.get("hold") or forms.ReasonForm(),
        "cancel_form": forms_in.get("cancel") or forms.ReasonForm(),
        "error": forms_in.get("_error", ""),
        "statuses": ApprovalStatus,
    }


@login_required
def detail(request, public_id, forms_in: dict | None = None, status: int = 200):
    approval = approval_for(request, public_id)
    return render(
        request, "approvals/detail.html", _detail_context(request, approval, forms_in), status=status
    )


def _approve(user, a, data):
    a = svc.approve(user, a, opinion=data["opinion"])
    if a.status == ApprovalStatus.APPROVED:
        return f"결재했습니다. 문서번호 {a.number}"
    return "검토하고 다음 결재자에게 넘겼습니다."


def _cooperate(user, a, data):
    svc.cooperate(user, a, decision=data["decision"], opinion=data["opinion"])
    return "협조 의견을 남겼습니다."


def _return(user, a, data):
    svc.return_to_drafter(user, a, reason=data["reason"])
    return "반려했습니다. 기안자에게 사유와 함께 돌아갔습니다."


def _hold(user, a, data):
    svc.hold(user, a, reason=data["reason"])
    return "보류했습니다."


def _release(user, a, data):
    svc.release(user, a)
    return "보류를 풀었습니다."


def _withdraw(user, a, data):
    svc.withdraw(user, a)
    return "회수했습니다. 고쳐서 다시 올리거나 기안을 취소할 수 있습니다."


def _cancel(user, a, data):
    svc.cancel(user, a, reason=data["reason"])
    return "기안을 취소했습니다."


def _post_review(user, a, data):
    step = Step.objects.filter(
        approval=a, assignee=user, post_review_needed=True, post_reviewed_at__isnull=True
    ).first()
    if step is None:
        raise svc.ApprovalError("후결할 문서가 아닙니다.")
    svc.confirm_post_review(user, step)
    return "후결했습니다."


def _resubmit(user, a, data):
    svc.resubmit(user, a)
    return "다시 올렸습니다."


ACTIONS = {
    "approve": (forms.OpinionForm, _approve),
    "cooperate": (forms.CooperationForm, _cooperate),
    "return": (forms.ReasonForm, _return),
    "hold": (forms.ReasonForm, _hold),
    "release": (None, _release),
    "withdraw": (None, _withdraw),
    "cancel": (forms.ReasonForm, _cancel),
    "post_review": (None, _post_review),
    "resubmit": (None, _resubmit),
}
DRAFTER_ACTIONS = {"withdraw", "cancel", "resubmit"}


@login_required
@require_POST
def act(request, public_id, action: str):
    if action not in ACTIONS:
        raise Http404
    approval = approval_for(request, public_id)
    user = request.user
    if action in DRAFTER_ACTIONS:
        core_perms.deny_read_only(perms.can_redraft(user, approval))
    elif action == "post_review":
        core_perms.deny_read_only(
            approval.steps.filter(
                assignee=user, post_review_needed=True, post_reviewed_at__isnull=True
            ).exists()
        )
    else:
        core_perms.deny_read_only(perms.can_act(user, approval))
    form_class, run = ACTIONS[action]
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        return detail(request, public_id, {action: form, "_error": "입력한 내용을 확인하세요."}, status=400)
    try:
        message = run(user, approval, form.cleaned_data if form else {})
    except svc.ApprovalDenied:
        raise PermissionDenied from None
    except svc.ApprovalError as exc:
        if form is not None:
            form.add_error(None, str(exc))
        return detail(request, public_id, {action: form, "_error": str(exc)}, status=400)
    messages.success(request, message)
    return redirect("approvals:detail", public_id=approval.public_id)


@login_required
def pdf(request, public_id):
    """The 결재 document as PDF: 두문, 제목, 본문, 결재란, 문서번호·시행일."""
    from gamsa.core.pdf import render_pdf

    approval = approval_for(request, public_id)
    context = _detail_context(request, approval)
    content = render_pdf("approvals/document_pdf.html", context)
    response = HttpResponse(content, content_type="application/pdf")
    name = approval.number or "결재문서"
    from urllib.parse import quote

    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(name)}.pdf"
    return response


# --- rules, ranks, absences ------------------------------------------------------------------------------------


@login_required
def rules(request):
    core_perms.deny_outsider(perms.can_read_rules(request.user))
    can_edit = perms.can_edit_rules(request.user)
    rule_form, number_form = forms.RuleForm(), forms.NumberFormatForm()
    status = 200
    if request.method == "POST":
        core_perms.deny_read_only(can_edit)
        which = request.POST.get("form")
        try:
            if which == "number":
                number_form = forms.NumberFormatForm(request.POST)
                if number_form.is_valid():
                    svc.set_number_format(request.user, **number_form.cleaned_data)
                    messages.success(request, "문서번호 형식을 등록했습니다.")
                    return redirect("approvals:rules")
            else:
                rule_form = forms.RuleForm(request.POST)
                if rule_form.is_valid():
                    svc.add_rule(request.user, **rule_form.cleaned_data)
                    messages.success(request, "위임전결규정을 등록했습니다.")
                    return redirect("approvals:rules")
        except svc.ApprovalError as exc:
            (number_form if which == "number" else rule_form).add_error(None, str(exc))
        status = 400
    rows = list(DelegationRule.objects.all()[:500])
    for r in rows:
        r.kind_label = kinds.label(r.kind)
    return render(
        request,
        "approvals/rules.html",
        {
            "rows": rows,
            "kind_label": kinds.label,
            "can_edit": can_edit,
            "rule_form": rule_form,
            "number_form": number_form,
            "formats": NumberFormat.objects.all()[:10],
        },
        status=status,
    )


@login_required
def positions(request):
    core_perms.deny_outsider(perms.can_read_rules(request.user))
    can_edit = perms.can_edit_rules(request.user)
    position_form, absence_form = forms.PositionForm(), forms.AbsenceForm()
    status = 200
    if request.method == "POST":
        core_perms.deny_read_only(can_edit)
        which = request.POST.get("form")
        try:
            if which == "absence":
                absence_form = forms.AbsenceForm(request.POST)
                if absence_form.is_valid():
                    d = absence_form.cleaned_data
                    svc.add_absence(
                        request.user,
                        user=d["person"],
                        starts_on=d["starts_on"],
                        ends_on=d["ends_on"],
                        acting=d["acting"],
                        reason=d["reason"],
                    )
                    messages.success(request, "부재와 직무대리자를 등록했습니다.")
                    return redirect("approvals:positions")
            else:
                position_form = forms.PositionForm(request.POST)
                if position_form.is_valid():
                    d = position_form.cleaned_data
                    svc.set_position(
                        request.user, user=d["person"], unit=d["unit"], rank=d["rank"], title=d["title"]
                    )
                    messages.success(request, "결재 직위를 지정했습니다.")
                    return redirect("approvals:positions")
        except svc.ApprovalError as exc:
            (absence_form if which == "absence" else position_form).add_error(None, str(exc))
        status = 400
    page = Paginator(Position.objects.filter(active=True).select_related("user", "unit"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "approvals/positions.html",
        {
            "page": page,
            "absences": Absence.objects.select_related("user", "acting")[:50],
            "can_edit": can_edit,
            "position_form": position_form,
            "absence_form": absence_form,
        },
        status=status,
    )


@login_required
@require_POST
def position_end(request, public_id):
    core_perms.deny_outsider(perms.can_read_rules(request.user))
    position = get_object_or_404(Position, public_id=public_id, active=True)
    core_perms.deny_read_only(perms.can_edit_rules(request.user))
    svc.end_position(request.user, position)
    messages.success(request, "결재 직위를 해제했습니다.")
    return redirect("approvals:positions")


@login_required
@require_POST
def absence_delete(request, public_id):
    core_perms.deny_outsider(perms.can_read_rules(request.user))
    absence = get_object_or_404(Absence, public_id=public_id)
    core_perms.deny_read_only(perms.can_edit_absences(request.user, absence.user))
    own = absence.user_id == request.user.pk and not perms.can_edit_rules(request.user)
    svc.remove_absence(request.user, absence)
    messages.success(request, "부재 등록을 지웠습니다.")
    return redirect("approvals:my_absence" if own else "approvals:positions")


@login_required
def my_absence(request):
    """부재 등록 by staff themselves (from the account page or the 결재함): dates and an acting colleague."""
    core_perms.deny_outsider(perms.can_use_inbox(request.user))
    user = request.user
    form = forms.MyAbsenceForm(person=user)
    status = 200
    if request.method == "POST":
        form = forms.MyAbsenceForm(request.POST, person=user)
        if form.is_valid():
            d = form.cleaned_data
            try:
                svc.add_absence(
                    user,
                    user=user,
                    starts_on=d["starts_on"],
                    ends_on=d["ends_on"],
                    acting=d["acting"],
                    reason=d["reason"],
                )
            except svc.ApprovalDenied:
                raise PermissionDenied from None
            except svc.ApprovalError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    "부재와 직무대리자를 등록했습니다. 그 기간에 내 차례의 결재는 직무대리자가 대결합니다.",
                )
                return redirect("approvals:my_absence")
        status = 400
    return render(
        request,
        "approvals/my_absence.html",
        {
            "form": form,
            "mine": Absence.objects.filter(user=user).select_related("acting")[:20],
            "acting_for": Absence.objects.filter(acting=user).select_related("user")[:20],
        },
        status=status,
    )
