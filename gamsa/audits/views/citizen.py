"""Citizen auditors: the team's roster and assignments; the citizen auditor's own assignments and reports."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gamsa.audits import forms as f
from gamsa.audits import permissions as perms
from gamsa.audits.models import CitizenAssignment, CitizenAuditor
from gamsa.audits.services import AuditError
from gamsa.audits.services import citizen as svc
from gamsa.core import permissions as core_perms
from gamsa.core.filecheck import FileRejected
from gamsa.core.models import Attachment
from gamsa.core.services import log_access


@login_required
def roster(request, form=None, status=200):
    core_perms.deny_outsider(perms.can_read_office(request.user))
    auditors = CitizenAuditor.objects.select_related("user")
    if auditors:
        log_access(
            request.user,
            None,
            ["구민감사관 성명"],
            request=request,
            reason="구민감사관 명단 열람",
            count=len(auditors),
            target_type="audits.citizenauditor",
            target_id="명단",
        )
    assignments = CitizenAssignment.objects.select_related("auditor__user", "engagement").prefetch_related(
        "reports"
    )[:100]
    return render(
        request,
        "audits/citizen_roster.html",
        {
            "auditors": auditors,
            "assignments": assignments,
            "can_manage": perms.can_manage(request.user),
            "form": form or f.AssignmentForm(),
        },
        status=status,
    )


@login_required
@require_POST
def assign(request):
    core_perms.deny_outsider(perms.can_read_office(request.user))
    core_perms.deny_read_only(perms.can_manage(request.user))
    form = f.AssignmentForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            svc.assign(request.user, data.pop("auditor"), **data)
        except AuditError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "현장점검을 배정했습니다.")
            return redirect("audits:citizen_roster")
    return roster(request, form=form, status=400)


@login_required
def my_assignments(request):
    core_perms.deny_outsider(perms.can_see_citizen_desk(request.user))
    assignments = (
        perms.visible_assignments(request.user, CitizenAssignment.objects.all())
        .select_related("engagement")
        .prefetch_related("reports")
    )
    return render(request, "audits/citizen_mine.html", {"assignments": assignments})


@login_required
def assignment_detail(request, public_id, form=None, status=200):
    assignment = get_object_or_404(
        CitizenAssignment.objects.select_related("auditor__user"), public_id=public_id
    )
    visible = perms.visible_assignments(
        request.user, CitizenAssignment.objects.filter(pk=assignment.pk)
    ).exists()
    core_perms.deny_outsider(visible)
    reports = list(assignment.reports.all())
    photos = Attachment.objects.filter(
        owner_type="audits.siteinspection", owner_id__in=[str(r.public_id) for r in reports]
    )
    if not perms.can_download_inspection_photos(request.user, assignment):
        photos = photos.none()
    return render(
        request,
        "audits/citizen_assignment.html",
        {
            "a": assignment,
            "reports": reports,
            "photos": photos,
            "can_file": perms.can_file_inspection(request.user, assignment),
            "form": form or f.InspectionForm(),
        },
        status=status,
    )


@login_required
@require_POST
def file_report(request, public_id):
    assignment = get_object_or_404(CitizenAssignment, public_id=public_id)
    visible = perms.visible_assignments(
        request.user, CitizenAssignment.objects.filter(pk=assignment.pk)
    ).exists()
    core_perms.deny_outsider(visible)
    core_perms.deny_read_only(perms.can_file_inspection(request.user, assignment))
    form = f.InspectionForm(request.POST, request.FILES)
    if not form.is_valid():
        return assignment_detail(request, public_id, form=form, status=400)
    data = dict(form.cleaned_data)
    photo = data.pop("photo")
    photos = []
    if photo is not None:
        if photo.size > settings.GAMSA_ATTACHMENT_MAX_BYTES:
            form.add_error("photo", "파일이 너무 큽니다.")
            return assignment_detail(request, public_id, form=form, status=400)
        photos.append((photo.read(), photo.name))
    try:
        svc.file_inspection(request.user, assignment, photos=photos, **data)
    except (AuditError, FileRejected) as exc:
        form.add_error("photo" if isinstance(exc, FileRejected) else None, str(exc))
        return assignment_detail(request, public_id, form=form, status=400)
    messages.success(request, "점검 결과를 제출했습니다.")
    return redirect("audits:citizen_assignment", public_id=assignment.public_id)
