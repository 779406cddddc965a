"""부패취약분야 모니터링 screens: rounds by area, findings routed to departments (answered on the patrol app's
finding page), closed or returned here by the programme."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gamsa.core import permissions as core_perms
from gamsa.integrity import permissions as perms
from gamsa.integrity.monitoring import services as svc
from gamsa.integrity.monitoring.forms import FindingForm, NoteForm, RoundForm, SummaryForm
from gamsa.integrity.monitoring.models import MonitoringFinding, MonitoringRound, VulnerableArea
from gamsa.integrity.viewkit import today, year_choices, year_param


def _round_for(request, number: str) -> MonitoringRound:
    found = MonitoringRound.objects.filter(number=number).select_related("area").first()
    if found is None or not perms.can_use_office(request.user):
        raise Http404
    return found


@login_required
def round_list(request):
    core_perms.deny_outsider(perms.can_use_office(request.user))
    year = year_param(request)
    form = RoundForm(request.POST if request.method == "POST" else None, initial={"starts_on": today()})
    status = 200
    if request.method == "POST":
        core_perms.deny_read_only(perms.can_edit(request.user))
        status = 400
        if form.is_valid():
            try:
                found = svc.create_round(request.user, **form.cleaned_data)
            except svc.MonitoringError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"모니터링 {found.number}을(를) 등록했습니다.")
                return redirect("integrity:monitoring_detail", number=found.number)
    rounds = MonitoringRound.objects.filter(starts_on__year=year).select_related("area")
    return render(
        request,
        "integrity/monitoring/list.html",
        {
            "rounds": rounds,
            "areas": VulnerableArea.objects.filter(active=True),
            "year": year,
            "years": year_choices(),
            "form": form,
            "can_edit": perms.can_edit(request.user),
        },
        status=status,
    )


@login_required
def round_detail(request, number: str, bound: dict | None = None, status: int = 200):
    found = _round_for(request, number)
    bound = bound or {}
    links = found.findings.select_related("finding", "finding__unit").order_by("finding__reported_at")
    return render(
        request,
        "integrity/monitoring/detail.html",
        {
            "round": found,
            "links": links,
            "finding_form": bound.get("finding") or FindingForm(initial={"unit": found.area.default_unit}),
            "summary_form": bound.get("summary") or SummaryForm(initial={"summary": found.summary}),
            "note_form": NoteForm(),
            "can_edit": perms.can_edit(request.user),
        },
        status=status,
    )


@login_required
@require_POST
def round_act(request, number: str, action: str):
    found = _round_for(request, number)
    core_perms.deny_read_only(perms.can_edit(request.user))
    if action == "finding":
        form = FindingForm(request.POST)
        if form.is_valid():
            try:
                link = svc.add_finding(request.user, found, **form.cleaned_data)
            except svc.MonitoringError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    f"지적사항 {link.finding.case_number}을(를) {link.finding.unit.name}에 통보했습니다.",
                )
                return redirect("integrity:monitoring_detail", number=found.number)
        return round_detail(request, number, bound={"finding": form}, status=400)
    if action == "summary":
        form = SummaryForm(request.POST)
        if form.is_valid():
            svc.record_summary(request.user, found, summary=form.cleaned_data["summary"])
            messages.success(request, "결과 요지를 저장했습니다.")
            return redirect("integrity:monitoring_detail", number=found.number)
        return round_detail(request, number, bound={"summary": form}, status=400)
    if action in ("close", "return"):
        link = (
            MonitoringFinding.objects.filter(
                round=found, finding__case_number=request.POST.get("finding", "")
            )
            .select_related("finding")
            .first()
        )
        if link is None:
            raise Http404
        form = NoteForm(request.POST)
        form.is_valid()
        note = form.cleaned_data.get("note", "")
        try:
            if action == "close":
                svc.close(request.user, link, note=note)
                messages.success(request, "부서 조치를 확인하고 종결했습니다.")
            else:
                svc.send_back(request.user, link, note=note)
                messages.success(request, "부서에 보완을 요구했습니다.")
        except svc.MonitoringError as exc:
            messages.error(request, str(exc))
        return redirect("integrity:monitoring_detail", number=found.number)
    raise Http404
