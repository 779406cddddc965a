"""공익신고 register: list, intake, the case screen and its actions, the sealed identity, designated officers.

Only `identity` ever opens the sealed identity, through services.open_identity: a designated officer with a
custodian's live approval (or a custodian), with their hotline key unlocked; every opening access-logged. Every other page and the CSV export name the reporter by the pseudonym.
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from gamsa.complaints.reports import permissions as perms
from gamsa.complaints.reports import services as svc
from gamsa.complaints.reports.forms import (
    AcrcReportForm,
    DesignateForm,
    ReportFinishForm,
    ReportIntakeForm,
    ReportNoteForm,
    ReportNoticeForm,
    ReportReferForm,
)
from gamsa.complaints.reports.models import DesignatedOfficer, PublicInterestReport
from gamsa.core.history import case_history
from gamsa.core.xlsx import csv_safe

PAGE_SIZE = 30


@login_required
def report_list(request):
    perms.require(request)
    status = request.GET.get("status", "")
    rows = PublicInterestReport.objects.only(
        "case_number",
        "pseudonym",
        "subject",
        "received_at",
        "due_at",
        "status",
        "acrc_report_due_at",
        "acrc_reported_at",
    )
    if status in svc.Status.values:
        rows = rows.filter(status=status)
    page = Paginator(rows.order_by("-received_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "complaints/reports/list.html",
        {
            "page": page,
            "now": timezone.now(),
            "status": status,
            "statuses": svc.Status.choices,
            "can_manage": perms.can_manage(request.user),
            "can_designate": perms.can_designate(request.user),
            "is_officer": perms.may_reach_identity(request.user),
        },
    )


@login_required
def export_csv(request):
    perms.require(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="public-interest-reports.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            "신고번호",
            "신고자(가명)",
            "신고 대상 분야",
            "접수일시",
            "처리기한",
            "상태",
            "처리 완료일",
            "권익위 통보기한",
            "권익위 통보일",
        ]
    )
    fmt = "%Y-%m-%d %H:%M"

    def local(value):
        return timezone.localtime(value).strftime(fmt) if value else ""

    for r in PublicInterestReport.objects.order_by("received_at", "id").iterator(chunk_size=500):
        writer.writerow(
            csv_safe(value)
            for value in (
                r.case_number,
                r.pseudonym,
                r.subject,
                local(r.received_at),
                local(r.due_at),
                r.get_status_display(),
                local(r.finished_at),
                local(r.acrc_report_due_at),
                local(r.acrc_reported_at),
            )
        )
    return response


@login_required
def report_create(request):
    perms.require(request, "manage")
    form = ReportIntakeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = svc.receive_report(
                request.user,
                subject=data["subject"],
                summary=data["summary"],
                received_at=data["received_at"],
                identity={k: data[k] for k in ("name", "phone", "email", "address")},
            )
        except svc.ReportError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"{report.case_number}(으)로 접수했습니다. 신고자는 '{report.pseudonym}'(으)로 표시됩니다.",
            )
            return redirect("complaints_reports:detail", case_number=report.case_number)
    return render(request, "complaints/reports/form.html", {"form": form}, status=400 if form.errors else 200)


ACTIONS = {
    "investigate": (
        ReportNoteForm,
        lambda u, r, d: (svc.start_investigation(u, r, note=d["note"]), "조사를 시작했습니다."),
    ),
    "refer": (
        ReportReferForm,
        lambda u, r, d: (svc.refer(u, r, agency=d["agency"], reason=d["reason"]), "조사기관에 이첩했습니다."),
    ),
    "notice": (
        ReportNoticeForm,
        lambda u, r, d: (svc.send_notice(u, r, text=d["text"]), "신고자 통지를 기록했습니다."),
    ),
    "finish": (
        ReportFinishForm,
        lambda u, r, d: (
            svc.finish(u, r, result=d["result"], finished_at=d["finished_at"]),
            "처리를 완료했습니다. 10일 안에 권익위에 결과를 통보하세요.",
        ),
    ),
    "acrc": (
        AcrcReportForm,
        lambda u, r, d: (
            svc.record_acrc_report(u, r, reported_at=d["reported_at"]),
            "권익위 결과 통보를 기록했습니다.",
        ),
    ),
}


@login_required
def report_detail(request, case_number: str, forms: dict | None = None, status: int = 200):
    report = perms.report_for(request, case_number)
    forms = forms or {}
    context = {
        "r": report,
        "now": timezone.now(),
        "notices": report.notices.order_by("sent_at"),
        "events": case_history(
            "complaints.publicinterestreport", report.case_number, citizen_verbs=("report.received",)
        ),
        "can_manage": perms.can_manage(request.user),
        "is_officer": perms.may_reach_identity(request.user),
        "is_open": report.status in svc.OPEN_STATUSES,
        "action_error": forms.get("_error"),
    }
    for action, (form_class, _) in ACTIONS.items():
        context[f"{action}_form"] = forms.get(action) or form_class()
    return render(request, "complaints/reports/detail.html", context, status=status)


@login_required
@require_POST
def report_act(request, case_number: str, action: str):
    report = perms.report_for(request, case_number, "manage")
    if action not in ACTIONS:
        raise Http404
    form_class, run = ACTIONS[action]
    form = form_class(request.POST)
    if not form.is_valid():
        return report_detail(request, case_number, forms={action: form}, status=400)
    try:
        _, message = run(request.user, report, form.cleaned_data)
    except svc.ReportError as exc:
        return report_detail(request, case_number, forms={action: form, "_error": str(exc)}, status=400)
    messages.success(request, message)
    return redirect("complaints_reports:detail", case_number=case_number)


@login_required
@require_http_methods(["GET", "POST"])
def identity(request, case_number: str):
    """The sealed identity (법 제12조): ask with a reason; once a custodian approves, open it with the hotline key."""
    from gamsa.hotline import keys, vault

    report = perms.report_for(request, case_number, "identity")
    envelope = svc.envelope_of(report)
    if envelope is None:
        raise Http404
    private = keys.unlocked_private(request)
    context = {"r": report, "unlocked": private is not None, "form": ReportNoteForm()}
    status = 200
    if request.method == "POST":
        form = ReportNoteForm(request.POST)
        try:
            if not form.is_valid() or not form.cleaned_data["note"].strip():
                raise svc.ReportError("열람 사유를 적으세요.")
            svc.request_identity(request.user, report, reason=form.cleaned_data["note"])
        except svc.ReportError as exc:
            context.update(error=str(exc), form=form)
            status = 400
        else:
            messages.success(request, "신원 열람을 요청했습니다. 신원 관리자가 승인하면 열 수 있습니다.")
            return redirect("complaints_reports:identity", case_number=case_number)
    elif private is not None and (
        vault.active_grant(envelope, request.user) or vault.is_custodian(request.user)
    ):
        try:
            context["person"] = svc.open_identity(request.user, report, private, request=request)
        except svc.ReportError as exc:
            context["error"] = str(exc)
    context["pending"] = envelope.requests.filter(requester=request.user, status="pending").exists()
    response = render(request, "complaints/reports/identity.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def officers(request, form: DesignateForm | None = None, error: str = "", status: int = 200):
    perms.require(request)
    rows = DesignatedOfficer.objects.select_related("user", "designated_by").order_by("designated_on")
    return render(
        request,
        "complaints/reports/officers.html",
        {
            "rows": rows,
            "form": form or DesignateForm(),
            "can_designate": perms.can_designate(request.user),
            "action_error": error,
        },
        status=status,
    )


@login_required
@require_POST
def designate(request):
    perms.require(request, "designate")
    form = DesignateForm(request.POST)
    if not form.is_valid():
        return officers(request, form=form, status=400)
    try:
        svc.designate_officer(
            request.user, form.cleaned_data["officer"], on=form.cleaned_data["designated_on"]
        )
    except svc.ReportError as exc:
        return officers(request, form=form, error=str(exc), status=400)
    messages.success(
        request, f"{form.cleaned_data['officer'].display_name}을(를) 공익신고 담당자로 지정했습니다."
    )
    return redirect("complaints_reports:officers")


@login_required
@require_POST
def revoke(request, user_id):
    designation = perms.designation_for(request, user_id)
    officer = designation.user
    svc.revoke_officer(request.user, designation)
    messages.success(request, f"{officer.display_name}의 공익신고 담당자 지정을 해제했습니다.")
    return redirect("complaints_reports:officers")
