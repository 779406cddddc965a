"""The office's pages (/hotline-office/): the inbox, a report and its actions, files, identities,
the custodian's queue and the statistics. A report opens only with the user's key grant and unlocked key."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gamsa.core import permissions as core_perms
from gamsa.core.sorting import sort_queryset
from gamsa.hotline import forms as f
from gamsa.hotline import keys, retention, vault
from gamsa.hotline import permissions as perms
from gamsa.hotline import services as svc
from gamsa.hotline.models import (
    HandOver,
    IdentityGrant,
    IdentityRequest,
    Report,
    ReportKeyGrant,
)


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


REPORT_SORTS = {
    "number": "case_number",
    "category": "category__name",
    "status": "status",
    "received": "received_at",
    "ack_due": "ack_due_at",
    "feedback_due": "feedback_due_at",
}


@login_required
def report_list(request):
    core_perms.deny_outsider(perms.can_use_office(request.user))
    grants = ReportKeyGrant.objects.filter(user=request.user).values("report_id")
    rows, _ = sort_queryset(
        request, Report.objects.filter(pk__in=grants).select_related("category"), REPORT_SORTS, "feedback_due"
    )
    rows = rows[:200]
    return render(
        request,
        "hotline/office_list.html",
        {"rows": rows, "now": timezone.now(), "unlocked": keys.unlocked_private(request) is not None},
    )


# --- one report ---------------------------------------------------------------------------------------------------


def _report(request, public_id) -> Report:
    core_perms.deny_outsider(perms.can_use_office(request.user))
    report = get_object_or_404(Report.objects.select_related("category"), public_id=public_id)
    core_perms.deny_outsider(perms.can_open_report(request.user, report))
    return report


@login_required
def report_detail(request, public_id, forms=None, error="", status=200):
    report = _report(request, public_id)
    private = keys.unlocked_private(request)
    if private is None:
        return _no_store(
            render(
                request,
                "hotline/unlock_needed.html",
                {"report": report, "form": f.PassphraseForm()},
                status=status,
            )
        )
    key_ = svc.report_key(report, request.user, private)
    content = svc.read(report, key_, for_reporter=False)
    svc.log_read(request.user, report, request)
    forms = forms or {}
    envelope = vault.envelope_of(svc.SUBJECT, report.public_id)
    context = {
        "report": report,
        "content": content,
        "now": timezone.now(),
        "is_open": report.status in svc.OPEN,
        "error": error,
        "assign_form": forms.get("assign") or f.AssignForm(),
        "convert_form": forms.get("convert") or f.ConvertForm(),
        "revoke_form": forms.get("revoke") or f.RevokeForm(report=report),
        "can_convert": svc.can_convert(request.user),
        "can_revoke": svc.can_revoke(request.user),
        "hand_over": HandOver.objects.filter(report=report).first(),
        "hold_form": forms.get("hold") or f.HoldForm(initial={"hold": not report.legal_hold}),
        "text_form": forms.get("text") or f.TextForm(),
        "grants": report.grants.select_related("user"),
        "envelope": envelope,
        "identity_grant": vault.active_grant(envelope, request.user) if envelope else None,
        "can_hold": perms.can_set_hold(request.user, report),
        "is_custodian": perms.is_custodian(request.user),
    }
    return _no_store(render(request, "hotline/office_detail.html", context, status=status))


TEXT_ACTIONS = {
    "acknowledge": (lambda u, p, r, t: svc.acknowledge(u, p, r, t), "접수 확인을 보냈습니다."),
    "message": (lambda u, p, r, t: svc.office_message(u, p, r, t), "신고자에게 메시지를 보냈습니다."),
    "note": (lambda u, p, r, t: svc.office_message(u, p, r, t, internal=True), "내부 메모를 남겼습니다."),
    "extend": (lambda u, p, r, t: svc.extend_feedback(u, p, r, t), "결과 안내 기한을 6개월로 늘렸습니다."),
    "recuse": (lambda u, p, r, t: svc.recuse(u, p, r, t), "이 신고에서 회피했습니다."),
    "close": (lambda u, p, r, t: svc.close(u, p, r, t), "종결했습니다. 신고자가 접수 암호로 결과를 봅니다."),
    "identity_request": (lambda u, p, r, t: svc.request_identity(u, r, t), "신원 열람을 요청했습니다."),
}


@login_required
@require_POST
def report_act(request, public_id, action: str):
    report = _report(request, public_id)
    private = keys.unlocked_private(request)
    if private is None:
        return redirect("hotline_office:detail", public_id=report.public_id)
    try:
        if action in TEXT_ACTIONS:
            run, done = TEXT_ACTIONS[action]
            form = f.TextForm(request.POST)
            if not form.is_valid():
                return report_detail(request, public_id, forms={"text": form}, status=400)
            run(request.user, private, report, form.cleaned_data["text"])
        elif action == "assign":
            form = f.AssignForm(request.POST)
            if not form.is_valid():
                return report_detail(request, public_id, forms={"assign": form}, status=400)
            svc.assign(request.user, private, report, form.cleaned_data["handler"])
            done = f"{form.cleaned_data['handler'].display_name}에게 배정했습니다(열쇠 전달)."
        elif action == "convert":
            core_perms.deny_read_only(svc.can_convert(request.user))
            form = f.ConvertForm(request.POST)
            if not form.is_valid():
                return report_detail(request, public_id, forms={"convert": form}, status=400)
            data = form.cleaned_data
            hand_over = svc.convert(
                request.user,
                private,
                report,
                investigator=data["investigator"],
                title=data["title"],
                summary=data["summary"],
                subject=form.subject(),
                note=data["note"],
            )
            done = (
                f"조사 사건 {hand_over.investigation_reference}(으)로 전환했습니다. "
                "신고자 신원은 옮기지 않았습니다."
            )
        elif action == "revoke":
            core_perms.deny_read_only(svc.can_revoke(request.user))
            form = f.RevokeForm(request.POST, report=report)
            if not form.is_valid():
                return report_detail(request, public_id, forms={"revoke": form}, status=400)
            holder = form.cleaned_data["holder"]
            svc.revoke_grant(request.user, private, report, holder, form.cleaned_data["text"])
            done = f"{holder.display_name}의 열쇠를 회수하고 신고 열쇠를 바꾸었습니다."
        elif action == "hold":
            core_perms.deny_read_only(perms.can_set_hold(request.user, report))
            form = f.HoldForm(request.POST)
            if not form.is_valid():
                return report_detail(request, public_id, forms={"hold": form}, status=400)
            svc.set_legal_hold(request.user, report, form.cleaned_data["hold"], form.cleaned_data["text"])
            done = "보존 명령을 바꾸었습니다."
        else:
            raise Http404
    except svc.HotlineError as exc:
        bound = {action: form} if action in ("convert", "revoke", "assign", "hold") else {}
        return report_detail(request, public_id, forms=bound, error=str(exc), status=400)
    messages.success(request, done)
    if action == "recuse":
        return redirect("hotline_office:list")
    return redirect("hotline_office:detail", public_id=report.public_id)


@login_required
def download(request, public_id, file_id):
    report = _report(request, public_id)
    private = keys.unlocked_private(request)
    if private is None:
        return redirect("hotline_office:detail", public_id=report.public_id)
    attachment = get_object_or_404(report.attachments, public_id=file_id)
    name, chunks = svc.file_body(report, svc.report_key(report, request.user, private), attachment)
    svc.log_read(request.user, report, request, fields=("신고 첨부파일",))
    response = StreamingHttpResponse(chunks(), content_type="application/octet-stream")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return _no_store(response)


@login_required
def identity(request, public_id):
    report = _report(request, public_id)
    envelope = vault.envelope_of(svc.SUBJECT, report.public_id)
    private = keys.unlocked_private(request)
    if envelope is None or private is None:
        raise Http404
    try:
        person = vault.open_identity(request.user, private, envelope, request=request, target=report)
    except vault.VaultError as exc:
        return _no_store(
            render(request, "hotline/identity.html", {"report": report, "error": str(exc)}, status=403)
        )
    return _no_store(render(request, "hotline/identity.html", {"report": report, "person": person}))


# --- the custodian's queue ---------------------------------------------------------------------------------------


@login_required
def identity_queue(request):
    core_perms.deny_outsider(perms.is_custodian(request.user))
    pending = IdentityRequest.objects.filter(status=IdentityRequest.Status.PENDING).select_related(
        "requester", "envelope"
    )
    grants = IdentityGrant.objects.filter(
        revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("grantee", "approved_by", "envelope")
    return _no_store(
        render(
            request,
            "hotline/identity_queue.html",
            {
                "pending": pending,
                "grants": grants,
                "form": f.DecisionForm(),
                "unlocked": keys.unlocked_private(request) is not None,
            },
        )
    )


@login_required
@require_POST
def identity_decide(request, request_id, decision: str):
    core_perms.deny_outsider(perms.is_custodian(request.user))
    req = get_object_or_404(IdentityRequest, public_id=request_id)
    form = f.DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "열람 기간은 1일부터 90일까지입니다.")
        return redirect("hotline_office:identity_queue")
    try:
        if decision == "approve":
            private = keys.unlocked_private(request)
            if private is None:
                raise vault.VaultError("먼저 청렴톡 열쇠를 여세요.")
            vault.approve(
                request.user, private, req, days=form.cleaned_data["days"], note=form.cleaned_data["note"]
            )
            messages.success(request, f"{req.requester.display_name}의 신원 열람을 승인했습니다.")
        elif decision == "deny":
            vault.deny(request.user, req, note=form.cleaned_data["note"])
            messages.success(request, "신원 열람 요청을 거절했습니다.")
        else:
            raise Http404
    except vault.VaultError as exc:
        messages.error(request, str(exc))
    return redirect("hotline_office:identity_queue")


@login_required
@require_POST
def identity_revoke(request, request_id):
    core_perms.deny_outsider(perms.is_custodian(request.user))
    grant = get_object_or_404(IdentityGrant, request__public_id=request_id, revoked_at__isnull=True)
    try:
        vault.revoke(request.user, grant)
        messages.success(request, "신원 열람 승인을 취소했습니다.")
    except vault.VaultError as exc:
        messages.error(request, str(exc))
    return redirect("hotline_office:identity_queue")


@login_required
def stats(request):
    core_perms.deny_outsider(perms.can_view_stats(request.user))
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2000), timezone.localdate().year + 1)
    return render(request, "hotline/stats.html", {"stats": retention.statistics(year)})
