"""Training: rates by department and life-cycle stage, the monthly import, sessions with participants, stages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from gamsa.core import imports
from gamsa.core import permissions as core_perms
from gamsa.core.services import log_access
from gamsa.integrity.training import permissions as perms
from gamsa.integrity.training import selectors
from gamsa.integrity.training import services as svc
from gamsa.integrity.training.forms import ImportForm, NumbersForm, SessionForm, StageForm
from gamsa.integrity.training.importing import COLUMNS, TRAINING_IMPORT
from gamsa.integrity.training.models import Completion, Course, Session
from gamsa.integrity.viewkit import today, year_choices, year_param


@login_required
def overview(request):
    core_perms.deny_outsider(perms.can_see_rates(request.user))
    year = year_param(request)
    course = (
        Course.objects.filter(public_id=request.GET.get("course") or None).first()
        if _uuid(request.GET.get("course"))
        else None
    )
    rows, total = selectors.department_rates(year, course)
    return render(
        request,
        "integrity/training/overview.html",
        {
            "year": year,
            "years": year_choices(),
            "course": course,
            "courses": Course.objects.all(),
            "rows": rows,
            "total": total,
            "stages": selectors.stage_rates(year),
            "months": selectors.monthly_counts(year, course),
            "sessions": Session.objects.filter(held_on__year=year).select_related("course")[:50],
            "can_edit": perms.can_edit(request.user),
        },
    )


def _uuid(value) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except (TypeError, ValueError):
        return False
    return True


@login_required
def import_upload(request):
    core_perms.deny_outsider(perms.can_see_rates(request.user))
    core_perms.deny_read_only(perms.can_edit(request.user))
    form = ImportForm(request.POST if request.method == "POST" else None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                job = imports.accept_upload(
                    TRAINING_IMPORT,
                    request.user,
                    form.cleaned_data["file"],
                    skip_bad=form.cleaned_data["skip_bad"],
                )
            except imports.Refused as exc:
                form.add_error("file", str(exc))
            else:
                return redirect("integrity:training_import_job", public_id=job.public_id)
    return render(
        request, "integrity/training/import.html", {"form": form, "columns": COLUMNS}, status=status
    )


@login_required
def import_job(request, public_id):
    core_perms.deny_outsider(perms.can_edit(request.user))
    job = imports.job_of(TRAINING_IMPORT, request.user, public_id)
    if job is None:
        raise Http404
    template = (
        "integrity/training/_import_status.html" if request.htmx else "integrity/training/import_job.html"
    )
    return render(request, template, imports.result_context(job))


@login_required
def session_create(request):
    core_perms.deny_outsider(perms.can_see_rates(request.user))
    core_perms.deny_read_only(perms.can_edit(request.user))
    form = SessionForm(request.POST if request.method == "POST" else None, initial={"held_on": today()})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                session = svc.create_session(request.user, **form.cleaned_data)
            except svc.TrainingError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "교육 차수를 등록했습니다.")
                return redirect("integrity:training_session", public_id=session.public_id)
    return render(
        request, "integrity/simple_form.html", {"form": form, "title": "교육 차수 등록"}, status=status
    )


@login_required
def session_detail(request, public_id):
    core_perms.deny_outsider(perms.can_edit(request.user))
    session = Session.objects.filter(public_id=public_id).select_related("course").first()
    if session is None:
        raise Http404
    form = NumbersForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                result = svc.add_participants(request.user, session, form.cleaned_data["numbers"])
            except svc.TrainingError as exc:
                form.add_error("numbers", str(exc))
            else:
                messages.success(request, f"이수자 {result['added']:,}명을 등록했습니다.")
                return redirect("integrity:training_session", public_id=session.public_id)
    people = list(
        Completion.objects.filter(session=session)
        .select_related("user", "unit")
        .order_by("unit__path")[:2000]
    )
    log_access(
        request.user, session, ["이수자 성명", "공무원번호", "소속"], request=request, count=len(people)
    )
    return render(
        request,
        "integrity/training/session.html",
        {"session": session, "people": people, "form": form},
        status=status,
    )


@login_required
def stages(request):
    core_perms.deny_outsider(perms.can_see_rates(request.user))
    form = StageForm(request.POST if request.method == "POST" else None, initial={"year": today().year})
    status = 200
    if request.method == "POST":
        core_perms.deny_read_only(perms.can_edit(request.user))
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                result = svc.set_stage(request.user, year=d["year"], stage=d["stage"], numbers=d["numbers"])
            except svc.TrainingError as exc:
                form.add_error("numbers", str(exc))
            else:
                messages.success(request, f"{result['added']:,}명을 등록했습니다.")
                return redirect("integrity:training_stages")
    year = year_param(request)
    return render(
        request,
        "integrity/training/stages.html",
        {
            "form": form,
            "year": year,
            "years": year_choices(),
            "stages": selectors.stage_rates(year),
            "can_edit": perms.can_edit(request.user),
        },
        status=status,
    )


@login_required
def mine(request):
    core_perms.deny_outsider(perms.can_see_own(request.user))
    rows = (
        Completion.objects.filter(user=request.user)
        .select_related("course", "session")
        .order_by("-completed_on")
    )
    return render(request, "integrity/training/mine.html", {"rows": rows[:200]})
