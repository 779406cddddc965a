"""Findings, dispositions, follow-up by the audited unit, verification, reminders, 재심의, board, card news."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gamsa.audits import cardnews, selectors
from gamsa.audits import forms as f
from gamsa.audits import permissions as perms
from gamsa.audits import tasks as audit_tasks
from gamsa.audits.models import Disposition, Engagement, Finding, FollowUpReport, Reexamination
from gamsa.audits.services import AuditError
from gamsa.audits.services import findings as svc
from gamsa.core import permissions as core_perms
from gamsa.core.filecheck import FileRejected
from gamsa.core.models import Attachment
from gamsa.core.services import log_access, target_ref
from gamsa.core.sorting import sort_queryset

OVERDUE_SORTS = {
    "engagement": "finding__engagement__case_number",
    "kind": "kind",
    "unit": "target_unit__name",
    "due": "due_at",
    "reminders": "reminder_count",
}
UNIT_SORTS = {
    "kind": "kind",
    "unit": "target_unit__name",
    "amount": "amount_recover",
    "due": "due_at",
    "status": "status",
}

DISPOSITION_KEYS = ("kind", "target_unit", "demand", "amount_recover", "amount_reduce")


@login_required
def finding_create(request, case_number: str):
    core_perms.deny_outsider(perms.can_read_office(request.user))
    core_perms.deny_read_only(perms.can_manage(request.user))
    engagement = get_object_or_404(Engagement, case_number=case_number)
    form = f.FindingForm(
        request.POST or None, initial={"amount_recover": 0, "amount_reduce": 0, "is_public": True}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        disposition = {k: data.pop(k) for k in DISPOSITION_KEYS}
        try:
            finding = svc.record_finding(request.user, engagement, disposition=disposition, **data)
        except AuditError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "지적사항과 처분요구를 기록했습니다.")
            return redirect("audits:finding", public_id=finding.public_id)
    return render(
        request,
        "audits/finding_form.html",
        {"form": form, "e": engagement},
        status=400 if form.errors else 200,
    )


def _finding_for(request, public_id) -> Finding:
    finding = get_object_or_404(Finding.objects.select_related("engagement", "unit"), public_id=public_id)
    core_perms.deny_outsider(
        perms.visible_findings(request.user, Finding.objects.filter(pk=finding.pk)).exists()
    )
    return finding


@login_required
def finding_detail(request, public_id, form=None, status=200):
    finding = _finding_for(request, public_id)
    if finding.responsible_person:
        log_access(request.user, finding, ["관련자"], request=request, reason="지적사항 열람")
    dispositions = perms.visible_dispositions(
        request.user, finding.dispositions.select_related("target_unit")
    )
    return render(
        request,
        "audits/finding_detail.html",
        {
            "finding": finding,
            "dispositions": dispositions,
            "can_manage": perms.can_manage(request.user),
            "now": timezone.now(),
            "form": form
            or f.DispositionFields(
                initial={"amount_recover": 0, "amount_reduce": 0, "target_unit": finding.unit_id}
            ),
        },
        status=status,
    )


@login_required
@require_POST
def disposition_add(request, public_id):
    finding = _finding_for(request, public_id)
    core_perms.deny_read_only(perms.can_manage(request.user))
    form = f.DispositionFields(request.POST)
    if form.is_valid():
        try:
            svc.add_disposition(request.user, finding, **form.cleaned_data)
        except AuditError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("audits:finding", public_id=finding.public_id)
    return finding_detail(request, public_id, form=form, status=400)


def _disposition_for(request, public_id) -> Disposition:
    d = get_object_or_404(
        Disposition.objects.select_related("finding__engagement", "target_unit"), public_id=public_id
    )
    core_perms.deny_outsider(perms.can_view_disposition(request.user, d))
    return d


@login_required
def disposition_detail(request, public_id, forms=None, status=200):
    d = _disposition_for(request, public_id)
    user = request.user
    forms = forms or {}
    reports = list(d.reports.select_related("submitted_by", "verdict_by"))
    owners = [target_ref(r)[1] for r in reports]
    files = {}
    if not perms.can_download_followup_evidence(user, d):
        owners = []
    for a in Attachment.objects.filter(owner_type="audits.followupreport", owner_id__in=owners):
        files.setdefault(a.owner_id, []).append(a)
    for r in reports:
        r.files = files.get(str(r.public_id), [])
    return render(
        request,
        "audits/disposition_detail.html",
        {
            "d": d,
            "reports": reports,
            "now": timezone.now(),
            "reexaminations": d.reexaminations.all(),
            "can_report": perms.can_report_followup(user, d),
            "can_verify": perms.can_verify(user) and d.status == "reported",
            "can_remind": perms.can_manage(user),
            "can_reexamine": perms.can_file_reexamination(user, d)
            and d.notified_at is not None
            and not svc.reexamination_refusal(d),
            "reexamination_refusal": svc.reexamination_refusal(d),
            "can_decide": perms.can_manage(user),
            "followup_form": forms.get("followup") or f.FollowUpForm(initial={"recovered_amount": 0}),
            "verify_form": forms.get("verify") or f.VerifyForm(),
            "reexam_form": forms.get("reexam") or f.ReexaminationForm(disposition=d),
            "decision_form": forms.get("decision") or f.ReexaminationDecisionForm(),
            "action_error": forms.get("_error"),
        },
        status=status,
    )


@login_required
@require_POST
def followup_report(request, public_id):
    d = _disposition_for(request, public_id)
    core_perms.deny_read_only(perms.can_report_followup(request.user, d))
    form = f.FollowUpForm(request.POST, request.FILES)
    if not form.is_valid():
        return disposition_detail(request, public_id, {"followup": form}, status=400)
    data = dict(form.cleaned_data)
    upload = data.pop("evidence")
    files = []
    if upload is not None:
        if upload.size > settings.GAMSA_ATTACHMENT_MAX_BYTES:
            form.add_error("evidence", "파일이 너무 큽니다.")
            return disposition_detail(request, public_id, {"followup": form}, status=400)
        files.append((upload.read(), upload.name))
    try:
        svc.report_followup(request.user, d, files=files, **data)
    except (AuditError, FileRejected) as exc:
        form.add_error("evidence" if isinstance(exc, FileRejected) else None, str(exc))
        return disposition_detail(request, public_id, {"followup": form}, status=400)
    messages.success(request, "이행결과를 제출했습니다. 감사팀이 확인합니다.")
    return redirect("audits:disposition", public_id=d.public_id)


@login_required
@require_POST
def followup_verify(request, public_id, report_id):
    d = _disposition_for(request, public_id)
    core_perms.deny_read_only(perms.can_verify(request.user))
    report = get_object_or_404(FollowUpReport, public_id=report_id, disposition=d)
    return _act(
        request,
        d,
        "verify",
        f.VerifyForm(request.POST),
        lambda data: svc.verify_report(request.user, report, **data),
        "검토 결과를 기록했습니다.",
    )


@login_required
@require_POST
def disposition_remind(request, public_id):
    d = _disposition_for(request, public_id)
    core_perms.deny_read_only(perms.can_manage(request.user))
    try:
        svc.send_reminder(request.user, d)
    except AuditError as exc:
        return disposition_detail(request, public_id, {"_error": str(exc)}, status=400)
    messages.success(request, "독촉을 기록했습니다. 부서의 내 업무 화면에 표시됩니다.")
    if request.POST.get("next") == "board":
        return redirect("audits:board")
    return redirect("audits:disposition", public_id=d.public_id)


@login_required
@require_POST
def reexamination_file(request, public_id):
    d = _disposition_for(request, public_id)
    core_perms.deny_read_only(perms.can_file_reexamination(request.user, d))
    return _act(
        request,
        d,
        "reexam",
        f.ReexaminationForm(request.POST, disposition=d),
        lambda data: svc.file_reexamination(request.user, d, **data),
        "재심의 청구를 접수했습니다.",
    )


@login_required
@require_POST
def reexamination_decide(request, public_id, item_id):
    d = _disposition_for(request, public_id)
    core_perms.deny_read_only(perms.can_manage(request.user))
    item = get_object_or_404(Reexamination, public_id=item_id, disposition=d)
    return _act(
        request,
        d,
        "decision",
        f.ReexaminationDecisionForm(request.POST),
        lambda data: svc.decide_reexamination(request.user, item, **data),
    )


def _act(request, d, key: str, form, action, done: str = ""):
    """One action on a disposition's page: the service call, then back to the page, or the page again with the
    form (under `key`) and its errors."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except AuditError as exc:
            form.add_error(None, str(exc))
        else:
            if done:
                messages.success(request, done)
            return redirect("audits:disposition", public_id=d.public_id)
    return disposition_detail(request, d.public_id, {key: form}, status=400)


@login_required
def board(request):
    """Overdue follow-ups (집행전말 관리): by unit and one line per disposition, with the reminder button."""
    core_perms.deny_outsider(perms.can_read_office(request.user))
    now = timezone.now()
    rows, _ = sort_queryset(request, selectors.overdue_dispositions(now), OVERDUE_SORTS, default="due")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audits/board.html",
        {
            "page": page,
            "now": now,
            "by_unit": selectors.overdue_by_unit(now),
            "counts": selectors.board_counts(now),
            "can_manage": perms.can_manage(request.user),
            "reported": selectors.open_dispositions()
            .filter(status="reported")
            .select_related("finding__engagement", "target_unit")[:50],
        },
    )


@login_required
def my_unit(request):
    """The audited unit's own screen: only dispositions addressed to the user's unit(s)."""
    core_perms.deny_outsider(perms.can_see_own_unit_screen(request.user))
    qs = Disposition.objects.filter(target_unit_id__in=perms.department_ids(request.user)).exclude(
        status="draft"
    )
    qs, _ = sort_queryset(request, qs.select_related("finding__engagement", "target_unit"), UNIT_SORTS, "due")
    return render(request, "audits/my_unit.html", {"dispositions": qs, "now": timezone.now()})


@login_required
@require_POST
def card_pdf(request, public_id):
    """Start the card news PDF as a background job and show its page (progress, then the download link)."""
    finding = _finding_for(request, public_id)
    core_perms.deny_outsider(perms.can_read_office(request.user))
    job = audit_tasks.start_card_pdf(request.user, finding)
    return redirect("core:job", public_id=job.public_id)


@login_required
def card_png(request, public_id):
    finding = _finding_for(request, public_id)
    core_perms.deny_outsider(perms.can_read_office(request.user))
    response = HttpResponse(cardnews.render_png(finding), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="cardnews-{finding.public_id}.png"'
    return response


@login_required
def dispositions_export(request):
    """The follow-up list as XLSX (`?overdue=1` for the overdue ones only)."""
    from gamsa.audits.exporting import dispositions_xlsx

    core_perms.deny_outsider(perms.can_read_office(request.user))
    now = timezone.now()
    qs = Disposition.objects.exclude(status="draft")
    if request.GET.get("overdue"):
        qs = qs.filter(status__in=("open", "returned"), due_at__lt=now)
    data, _ = dispositions_xlsx(qs, now)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="dispositions-{now:%Y%m%d}.xlsx"'
    return response
