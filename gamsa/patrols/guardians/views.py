"""Local guardians (내 지역 지킴이): the phone report form, "my reports", and the patrol team's roster and
training records."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from gamsa.core import permissions as core_perms
from gamsa.core.filecheck import FileRejected
from gamsa.core.services import log_access
from gamsa.patrols.guardians import permissions as perms
from gamsa.patrols.guardians import services as svc
from gamsa.patrols.guardians.forms import GuardianForm, GuardianReportForm, TrainingForm
from gamsa.patrols.models import Finding, Guardian, GuardianTraining


@login_required
def report(request):
    core_perms.deny_outsider(perms.can_report_as_guardian(request.user))
    form = GuardianReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            finding = svc.submit_report(
                request.user,
                category=data["category"],
                title=data["title"],
                description=data["description"],
                address=data["address"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                photos=form.photos(),
            )
        except FileRejected as exc:
            form.add_error("photo", str(exc))
        except svc.GuardianError as exc:
            form.add_error("address", str(exc))
        else:
            messages.success(
                request, f"신고했습니다. 접수번호 {finding.case_number}. 순찰팀이 확인해 부서에 전달합니다."
            )
            return redirect("patrols:guardian_mine")
    return render(
        request, "patrols/guardians/guardian_report.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def mine(request):
    core_perms.deny_outsider(perms.can_report_as_guardian(request.user))
    reports = (
        Finding.objects.filter(reported_by=request.user, source=Finding.Source.GUARDIAN)
        .select_related("category", "unit")
        .order_by("-reported_at")[:200]
    )
    return render(request, "patrols/guardians/guardian_mine.html", {"reports": reports})


@login_required
def roster(request):
    user = request.user
    core_perms.deny_outsider(perms.can_see_guardians(user))
    form = GuardianForm(request.POST or None)
    if request.method == "POST":
        core_perms.deny_read_only(perms.can_manage_guardians(user))
        if form.is_valid():
            data = form.cleaned_data
            try:
                guardian = svc.appoint_guardian(user, **data)
            except svc.GuardianError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"{guardian.user.display_name}님을 지킴이로 위촉했습니다.")
                return redirect("patrols:guardians")
    guardians = list(Guardian.objects.select_related("user", "dong").order_by("ended_on", "-appointed_on"))
    if guardians:
        log_access(user, None, ["지킴이 성명", "연락처"], request=request, reason="지킴이 명단", count=len(guardians),
                   target_type="patrols.guardian", target_id="명단")  # fmt: skip
    return render(
        request,
        "patrols/guardians/guardian_roster.html",
        {"guardians": guardians, "form": form, "can_manage": perms.can_manage_guardians(user)},
        status=400 if form.errors else 200,
    )


@login_required
def training(request):
    user = request.user
    core_perms.deny_outsider(perms.can_see_guardians(user))
    form = TrainingForm(request.POST or None)
    if request.method == "POST":
        core_perms.deny_read_only(perms.can_manage_guardians(user))
        if form.is_valid():
            try:
                svc.record_training(user, **form.cleaned_data)
            except svc.GuardianError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "교육 기록을 등록했습니다.")
                return redirect("patrols:guardian_training")
    sessions = GuardianTraining.objects.prefetch_related("attendees__user").order_by("-held_on")[:100]
    return render(
        request,
        "patrols/guardians/guardian_training.html",
        {"sessions": sessions, "form": form, "can_manage": perms.can_manage_guardians(user)},
        status=400 if form.errors else 200,
    )
