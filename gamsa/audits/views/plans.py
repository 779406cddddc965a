"""Plans, engagements, team, checklist and the engagement workflow."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gamsa.audits import forms as f
from gamsa.audits import permissions as perms
from gamsa.audits.approvals import result_approval
from gamsa.audits.models import AuditPlan, ChecklistItem, ChecklistResult, Engagement, EngagementStatus
from gamsa.audits.services import AuditError
from gamsa.audits.services import plans as svc
from gamsa.core import permissions as core_perms
from gamsa.core.sorting import sort_queryset

PLAN_SORTS = {"year": "year", "title": "title", "adopted": "adopted_on", "count": "engagement_count"}
ENGAGEMENT_SORTS = {
    "number": "case_number",
    "title": "title",
    "type": "type",
    "period": ("start_date", "end_date"),
    "headcount": "headcount",
    "status": "status",
}


def _plans():
    return AuditPlan.objects.annotate(engagement_count=Count("engagements")).order_by("-year")


@login_required
def plan_list(request):
    core_perms.deny_outsider(perms.can_read_office(request.user))
    plans, _ = sort_queryset(request, _plans(), PLAN_SORTS, default="-year")
    return render(
        request,
        "audits/plan_list.html",
        {
            "plans": plans,
            "can_manage": perms.can_manage(request.user),
            "form": f.PlanForm(initial={"year": timezone.localdate().year}),
        },
    )


@login_required
@require_POST
def plan_create(request):
    core_perms.deny_outsider(perms.can_read_office(request.user))
    core_perms.deny_read_only(perms.can_manage(request.user))
    form = f.PlanForm(request.POST)
    if form.is_valid():
        try:
            plan = svc.create_plan(request.user, **form.cleaned_data)
        except AuditError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{plan.year}년 감사계획을 만들었습니다.")
            return redirect("audits:plan", year=plan.year)
    return render(
        request,
        "audits/plan_list.html",
        {"plans": _plans(), "can_manage": True, "form": form},
        status=400,
    )


@login_required
def plan_detail(request, year: int):
    core_perms.deny_outsider(perms.can_read_office(request.user))
    plan = get_object_or_404(AuditPlan, year=year)
    engagements, _ = sort_queryset(
        request, plan.engagements.prefetch_related("targets"), ENGAGEMENT_SORTS, default="period"
    )
    return render(
        request,
        "audits/plan_detail.html",
        {
            "plan": plan,
            "engagements": engagements,
            "can_manage": perms.can_manage(request.user),
            "copy_form": f.CopyPlanForm(initial={"year": plan.year + 1}),
        },
    )


@login_required
@require_POST
def plan_copy(request, year: int):
    core_perms.deny_outsider(perms.can_read_office(request.user))
    core_perms.deny_read_only(perms.can_manage(request.user))
    source = get_object_or_404(AuditPlan, year=year)
    form = f.CopyPlanForm(request.POST)
    if form.is_valid():
        try:
            plan = svc.copy_plan(request.user, source, year=form.cleaned_data["year"])
        except AuditError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                f"{source.year}년 계획을 {plan.year}년 계획으로 복사했습니다. 일정과 대상을 확인하세요.",
            )
            return redirect("audits:plan", year=plan.year)
    else:
        messages.error(request, "새 계획 연도를 확인하세요.")
    return redirect("audits:plan", year=year)


@login_required
def engagement_create(request):
    core_perms.deny_outsider(perms.can_read_office(request.user))
    core_perms.deny_read_only(perms.can_manage(request.user))
    plan = AuditPlan.objects.filter(year=request.GET.get("plan") or 0).first()
    form = f.EngagementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        targets = list(data.pop("targets"))
        try:
            engagement = svc.create_engagement(request.user, plan=plan, targets=targets, **data)
        except AuditError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "감사를 계획에 넣었습니다.")
            return redirect("audits:engagement", case_number=engagement.case_number)
    return render(
        request,
        "audits/engagement_form.html",
        {"form": form, "plan": plan},
        status=400 if form.errors else 200,
    )


def _engagement_for(request, case_number: str) -> Engagement:
    engagement = get_object_or_404(Engagement, case_number=case_number)
    visible = perms.visible_engagements(request.user, Engagement.objects.filter(pk=engagement.pk)).exists()
    core_perms.deny_outsider(visible)
    return engagement


@login_required
def engagement_detail(request, case_number: str, forms=None, status=200):
    engagement = _engagement_for(request, case_number)
    user = request.user
    office = perms.can_read_office(user)
    forms = forms or {}
    ctx = {
        "e": engagement,
        "office": office,
        "can_manage": perms.can_manage(user),
        "members": engagement.members.select_related("user"),
        "checklist": engagement.checklist.all(),
        "findings": engagement.findings.select_related("unit").prefetch_related("dispositions")
        if office
        else [],
        "notice": svc.notice_advice(engagement),
        "now": timezone.now(),
        "steps": EngagementStatus.choices,
        "result_choices": ChecklistResult.choices,
        "notice_form": forms.get("notify") or f.NoticeForm(initial={"notified_on": timezone.localdate()}),
        "finish_form": forms.get("finish") or f.FinishForm(initial={"ended_on": engagement.end_date}),
        "publish_form": forms.get("publish") or f.PublishForm(),
        "member_form": forms.get("member") or f.MemberForm(),
        "item_form": forms.get("item") or f.ChecklistItemForm(),
        "action_error": forms.get("_error"),
        "result_approval": result_approval(engagement),
        "sources": Engagement.objects.exclude(pk=engagement.pk)
        .filter(checklist__isnull=False)
        .distinct()[:50]
        if office
        else [],
    }
    return render(request, "audits/engagement_detail.html", ctx, status=status)


TRANSITIONS = {"notify", "start", "finish", "notify_result", "publish", "close"}


@login_required
@require_POST
def engagement_transition(request, case_number: str, action: str):
    engagement = _engagement_for(request, case_number)
    core_perms.deny_read_only(perms.can_manage(request.user))
    if action not in TRANSITIONS:
        return engagement_detail(request, case_number, {"_error": "알 수 없는 처리입니다."}, status=400)
    form = None
    try:
        if action == "notify":
            form = f.NoticeForm(request.POST)
            if not form.is_valid():
                return engagement_detail(request, case_number, {"notify": form}, status=400)
            svc.notify_engagement(request.user, engagement, **form.cleaned_data)
        elif action == "start":
            svc.start_fieldwork(request.user, engagement)
        elif action == "finish":
            form = f.FinishForm(request.POST)
            if not form.is_valid():
                return engagement_detail(request, case_number, {"finish": form}, status=400)
            svc.finish_fieldwork(request.user, engagement, **form.cleaned_data)
        elif action == "notify_result":  # through 결재 (ADR 0021): sent when the line's signer signs
            from gamsa.audits.approvals import submit_result

            submit_result(request.user, engagement)
            messages.success(
                request,
                "감사결과 통보를 결재에 올렸습니다. 최종 결재가 끝나면 통보되고 처분요구 기한이 시작됩니다.",
            )
            return redirect("audits:engagement", case_number=case_number)
        elif action == "publish":
            form = f.PublishForm(request.POST)
            if not form.is_valid():
                return engagement_detail(request, case_number, {"publish": form}, status=400)
            svc.publish(request.user, engagement, summary=form.cleaned_data["summary"])
        else:
            svc.close(request.user, engagement)
    except AuditError as exc:
        kept = {action: form} if form is not None else {}  # the form keeps what was typed
        return engagement_detail(request, case_number, {"_error": str(exc), **kept}, status=400)
    messages.success(request, f"'{EngagementStatus(engagement.status).label}' 상태가 되었습니다.")
    return redirect("audits:engagement", case_number=case_number)


@login_required
@require_POST
def member_add(request, case_number: str):
    engagement = _engagement_for(request, case_number)
    core_perms.deny_read_only(perms.can_manage(request.user))
    form = f.MemberForm(request.POST)
    if not form.is_valid():
        return engagement_detail(request, case_number, {"member": form}, status=400)
    try:
        svc.add_member(request.user, engagement, **form.cleaned_data)
    except AuditError as exc:
        return engagement_detail(request, case_number, {"_error": str(exc)}, status=400)
    return redirect("audits:engagement", case_number=case_number)


@login_required
@require_POST
def checklist_add(request, case_number: str):
    engagement = _engagement_for(request, case_number)
    core_perms.deny_read_only(perms.can_manage(request.user))
    form = f.ChecklistItemForm(request.POST)
    if not form.is_valid():
        return engagement_detail(request, case_number, {"item": form}, status=400)
    svc.add_checklist_item(request.user, engagement, **form.cleaned_data)
    return redirect("audits:engagement", case_number=case_number)


@login_required
@require_POST
def checklist_copy(request, case_number: str):
    engagement = _engagement_for(request, case_number)
    core_perms.deny_read_only(perms.can_manage(request.user))
    source = Engagement.objects.filter(case_number=request.POST.get("source", "")).first()
    if source is None:
        return engagement_detail(request, case_number, {"_error": "복사할 감사를 고르세요."}, status=400)
    try:
        count = svc.copy_checklist(request.user, source, engagement)
    except AuditError as exc:
        return engagement_detail(request, case_number, {"_error": str(exc)}, status=400)
    messages.success(request, f"점검 항목 {count}개를 복사했습니다.")
    return redirect("audits:engagement", case_number=case_number)


@login_required
@require_POST
def checklist_result(request, case_number: str, item_id: int):
    engagement = _engagement_for(request, case_number)
    core_perms.deny_read_only(perms.can_manage(request.user))
    item = get_object_or_404(ChecklistItem, pk=item_id, engagement=engagement)
    form = f.ChecklistResultForm(request.POST)
    if form.is_valid():
        svc.set_checklist_result(request.user, item, **form.cleaned_data)
    return redirect("audits:engagement", case_number=case_number)


@login_required
def engagements_export(request):
    """Engagements as XLSX (`?year=2026` for one plan year)."""
    from django.http import HttpResponse

    from gamsa.audits.exporting import engagements_xlsx

    core_perms.deny_outsider(perms.can_read_office(request.user))
    qs = Engagement.objects.all()
    year = request.GET.get("year", "")
    if year.isdigit():
        qs = qs.filter(start_date__year=int(year))
    data, _ = engagements_xlsx(qs)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="engagements-{year or "all"}.xlsx"'
    return response
