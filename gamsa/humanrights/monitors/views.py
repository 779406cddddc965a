"""구민인권지킴이단 pages. The rights team: the roster (access-logged), appointments, training and every
activity report. A monitor: their own phone screen with their own and their team's reports, and the report form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gamsa.core import permissions as core_perms
from gamsa.core.filecheck import FileRejected
from gamsa.core.models import Attachment
from gamsa.core.services import log_access
from gamsa.humanrights import permissions as perms
from gamsa.humanrights.common import today
from gamsa.humanrights.monitors import forms as f
from gamsa.humanrights.monitors import services as svc
from gamsa.humanrights.monitors.models import Activity, ActivityStatus, Cohort, Monitor
from gamsa.humanrights.viewkit import attempt, private


def _cohort(request) -> Cohort | None:
    number = request.GET.get("cohort") or request.POST.get("cohort")
    if number and str(number).isdigit():
        return Cohort.objects.filter(number=int(number)).first()
    return Cohort.objects.first()


def _roster(request, bound: dict | None = None, error: str = "", status: int = 200):
    user = request.user
    cohort = _cohort(request)
    monitors = (
        list(cohort.monitors.select_related("user", "dong").prefetch_related("trainings")) if cohort else []
    )
    if monitors:
        log_access(user, cohort, ["지킴이 성명", "아이디", "연락처"], request=request, reason="구민인권지킴이단 명단",
                   count=len(monitors))  # fmt: skip
    bound = bound or {}
    response = render(
        request,
        "humanrights/monitors/roster.html",
        {
            "cohort": cohort,
            "cohorts": Cohort.objects.all(),
            "monitors": monitors,
            "active": sum(1 for m in monitors if not m.ended_on),
            "trainings": cohort.trainings.prefetch_related("attendees") if cohort else [],
            "forms": {
                "cohort": bound.get("cohort") or f.CohortForm(),
                "appoint": bound.get("appoint") or f.AppointForm(initial={"appointed_on": today()}),
                "training": bound.get("training")
                or f.TrainingForm(cohort=cohort, initial={"held_on": today()}),
                "end": bound.get("end") or f.EndForm(cohort=cohort, initial={"ended_on": today()}),
            },
            "error": error,
        },
        status=status,
    )
    return private(response)


@login_required
def roster(request):
    core_perms.deny_outsider(perms.is_rights_team(request.user))
    return _roster(request)


@login_required
@require_POST
def monitors_act(request, action: str):
    user = request.user
    core_perms.deny_outsider(perms.is_rights_team(user))
    cohort = _cohort(request)
    forms = {"cohort": f.CohortForm, "appoint": f.AppointForm}
    if action == "training":
        form = f.TrainingForm(request.POST, cohort=cohort)
    elif action == "end":
        form = f.EndForm(request.POST, cohort=cohort)
    elif action in forms:
        form = forms[action](request.POST)
    else:
        raise Http404
    if not form.is_valid():
        return _roster(request, {action: form}, "입력한 값을 확인하세요.", 400)
    d = form.cleaned_data
    if action != "cohort" and cohort is None:
        return _roster(request, {action: form}, "지킴이단 기수를 먼저 구성하세요.", 400)
    if action == "cohort":
        error = attempt(lambda: svc.create_cohort(user, **d))
    elif action == "appoint":
        error = attempt(lambda: svc.appoint_monitor(user, cohort, **d))
    elif action == "end":
        monitor = cohort.monitors.filter(public_id=d["monitor"]).first()
        if monitor is None:
            raise Http404
        error = attempt(lambda: svc.end_monitor(user, monitor, ended_on=d["ended_on"]))
    else:
        error = attempt(lambda: svc.record_training(user, cohort, **d))
    if error:
        return _roster(request, {action: form}, error, 400)
    messages.success(request, {"cohort": "기수를 구성했습니다.", "appoint": "지킴이를 위촉했습니다.",
                               "end": "해촉을 기록했습니다.", "training": "교육 이수를 기록했습니다."}[action])  # fmt: skip
    number = d["number"] if action == "cohort" else cohort.number
    return redirect(f"{reverse('humanrights:monitors')}?cohort={number}")


@login_required
def activities(request):
    user = request.user
    core_perms.deny_outsider(perms.is_rights_team(user))
    rows = Activity.objects.select_related("monitor__user", "monitor__cohort")
    status = request.GET.get("status") if request.GET.get("status") in ActivityStatus.values else ""
    if status:
        rows = rows.filter(status=status)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    if page.object_list:
        log_access(user, None, ["지킴이 성명"], request=request, reason="지킴이단 활동 보고 목록", count=len(page.object_list),
                   target_type="humanrights.activity", target_id="목록")  # fmt: skip
    return private(render(request, "humanrights/monitors/activities.html", {"page": page, "status": status}))


def _activity(request, public_id) -> Activity:
    activity = (
        Activity.objects.select_related("monitor__user", "monitor__cohort")
        .filter(public_id=public_id)
        .first()
    )
    if activity is None or not perms.can_open_activity(request.user, activity):
        raise Http404
    return activity


def _activity_page(request, activity: Activity, form=None, error: str = "", status: int = 200):
    team = perms.is_rights_team(request.user)
    if team:
        log_access(request.user, activity, ["지킴이 성명"], request=request, reason="지킴이단 활동 보고")
    photos = Attachment.objects.filter(owner_type="humanrights.activity", owner_id=str(activity.public_id))
    response = render(
        request,
        "humanrights/monitors/activity.html",
        {
            "a": activity,
            "photos": photos,
            "team": team,
            "mine": activity.monitor.user_id == request.user.pk,
            "form": form or f.CheckForm(),
            "error": error,
            "can_check": perms.can_check_activity(request.user, activity)
            and activity.status == ActivityStatus.SUBMITTED,
        },
        status=status,
    )
    return private(response)


@login_required
def activity_detail(request, public_id):
    return _activity_page(request, _activity(request, public_id))


@login_required
@require_POST
def activity_check(request, public_id):
    activity = _activity(request, public_id)
    core_perms.deny_read_only(perms.can_check_activity(request.user, activity))
    form = f.CheckForm(request.POST)
    if not form.is_valid():
        return _activity_page(request, activity, form, "입력한 값을 확인하세요.", 400)
    error = attempt(lambda: svc.check_activity(request.user, activity, note=form.cleaned_data["note"]))
    if error:
        return _activity_page(request, activity, form, error, 400)
    messages.success(request, "활동 보고를 확인했습니다.")
    return redirect("humanrights:activity", public_id=public_id)


@login_required
def monitor_home(request):
    """The monitor's phone screen: their own reports and their team's (teammates' names masked)."""
    me = perms.monitor_of(request.user)
    core_perms.deny_outsider(me is not None)
    rows = perms.visible_activities(request.user, Activity.objects.select_related("monitor__user")).order_by(
        "-held_on", "-id"
    )[:100]
    teammates = (
        Monitor.objects.filter(cohort=me.cohort, team=me.team, ended_on__isnull=True)
        .exclude(pk=me.pk)
        .count()
        if me.team
        else 0
    )
    return render(request, "humanrights/monitors/mine.html", {"me": me, "rows": rows, "teammates": teammates})


@login_required
def monitor_file(request):
    core_perms.deny_outsider(perms.is_monitor(request.user))
    form = f.ActivityForm(request.POST or None, request.FILES or None, initial={"held_on": today()})
    error = ""
    if request.method == "POST":
        if form.is_valid():
            d = dict(form.cleaned_data)
            upload = d.pop("photo", None)
            photo = (upload.read(), upload.name) if upload else None
            try:
                error = attempt(lambda: svc.file_activity(request.user, photo=photo, **d))
            except FileRejected as exc:
                form.add_error("photo", str(exc))
                error = "사진을 확인하세요."
            if not error:
                messages.success(request, "활동을 보고했습니다. 조사팀이 확인합니다.")
                return redirect("humanrights:monitor_home")
        else:
            error = "입력한 값을 확인하세요."
    return render(
        request,
        "humanrights/monitors/file.html",
        {"form": form, "error": error},
        status=400 if error else 200,
    )
