"""Home ("내 업무"), team pages, organisation chart, the calendar page, error pages and the health check."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gamsa.core import calendar as legal
from gamsa.core import office, services
from gamsa.core import permissions as perms
from gamsa.core.forms import ClosureForm, DeadlineQueryForm
from gamsa.core.legacy import moved
from gamsa.core.models import Closure, DeadlineRule, Membership, OrgUnit, Role, User, UserKind
from gamsa.core.nav import TEAMS
from gamsa.core.sorting import sort_queryset
from gamsa.core.views.public import front_door
from gamsa.core.work import desk, panels

TEAM_WORK = {
    "audit": [
        ("자체감사", "연간 자체감사계획, 종합·특정·재무·성과·복무감사, 지적사항과 처분, 집행전말"),
        ("일상감사", "주요사업·계약·안전관리·예산집행의 사전 검토 (2025년 476건)"),
        ("계약심사", "공사·용역·물품 설계가격 심사 (2025년 736건), 준공 전 제비율 심사 165건"),
        ("구민감사관·적극행정", "관급공사 현장점검 33건, 적극행정 우수공무원 선정, 사전컨설팅·면책"),
        ("청렴 시책", "청렴서약, 청렴교육, 청렴공한문, 부패위험성 진단평가, 청렴톡"),
    ],
    "investigation": [
        ("비위 조사", "외부기관 통보 15건, 내부조사·민원사항 15건"),
        ("공직자 재산등록", "등록의무자 392명 심사, 고지거부 69명, 공직자윤리위원회"),
        ("인권", "인권교육, 구민인권지킴이단 22명, 자치법규 인권영향평가 41건"),
    ],
    "complaints": [
        ("고충민원", "응답소 333건, 구청장에게 바란다 945건, 전화·방문 344건 (2025년 1~9월)"),
        ("반복민원·특이민원", "반복민원 내부종결, 특이민원 전담, 민원 담당자 보호"),
        ("청원·민원조정위원회", "청원심의회, 다수인·반복민원 조정"),
        ("납세자보호관·공익신고", "권리보호요청 5건, 공익신고 11건"),
    ],
    "patrol": [
        ("순찰", "기획순찰 330건(7회), 상시순찰 257건, 주민합동순찰 694건(273회)"),
        ("응답소 현장민원", "현장민원 66,228건 모니터링, 현장점검 87회, 12월 우수 부서 평가"),
        ("내 지역 지킴이", "주민 신고 2,167건, 지킴이 교육"),
    ],
}


def home(request):
    """`/`: the resident's front door without a session, the official's desk ("내 업무") with one."""
    if not request.user.is_authenticated:
        return front_door(request)
    now = legal.now()
    cal = legal.get_calendar()
    today = now.date()
    context = {
        "desk": desk(request.user, now),
        "panels": panels(request.user, now),
        "now": now,
        "today_closed": cal.holiday_name(today),
        "next_working_day": cal.next_working_day(today),
        "upcoming_holidays": cal.holidays_between(today, today + dt.timedelta(days=60))[:5],
        "roles": Membership.objects.filter(user=request.user, ended_on__isnull=True).select_related("unit"),
        "can_calculate": perms.can_see_office_pages(request.user),
    }
    if perms.has_role(request.user, Role.OFFICE_HEAD):  # the office at a glance (core/office.py)
        context["office"] = office.at_a_glance(now)
        context["team_labels"] = dict(TEAMS)
    return render(request, "core/home.html", context)


@login_required
def team(request, team: str):
    perms.deny_outsider(perms.can_see_office_pages(request.user))
    labels = dict(TEAMS)
    if team not in labels:
        raise Http404
    unit = OrgUnit.objects.filter(office_team=team, active=True).first()
    people = (
        User.objects.filter(memberships__unit=unit, memberships__ended_on__isnull=True, is_active=True)
        .distinct()
        .order_by("grade", "full_name")
        if unit
        else User.objects.none()
    )
    leaders = set(
        Membership.objects.filter(unit=unit, role=Role.TEAM_LEADER, ended_on__isnull=True).values_list(
            "user_id", flat=True
        )
    )
    members = sorted(
        (p for p in people if p.kind == UserKind.STAFF), key=lambda p: (p.pk not in leaders, p.grade)
    )
    volunteers = [p for p in people if p.kind == UserKind.VOLUNTEER]
    return render(
        request,
        "core/team.html",
        {
            "team": team,
            "team_label": labels[team],
            "unit": unit,
            "members": members,
            "volunteers": volunteers,
            "work": TEAM_WORK[team],
            "can_open_people": perms.can_open_staff_records(request.user),
        },
    )


ORG_SORTS = {"tree": "path", "name": "name", "kind": "kind", "code": "code", "staff": "staff_count"}


@login_required
def org(request):
    perms.deny_outsider(perms.can_see_office_pages(request.user))
    units = OrgUnit.objects.filter(active=True).annotate(
        staff_count=Count("staff", filter=Q(staff__is_active=True))
    )
    kind = request.GET.get("kind", "")
    if kind:
        units = units.filter(kind=kind)
    units, sort = sort_queryset(request, units, ORG_SORTS, default="tree")
    return render(request, "core/org.html", {"units": units, "kind": kind, "tree": sort.key == "tree"})


def _calendar_context(request, *, form=None, closure_form=None) -> dict:
    cal = legal.get_calendar()
    year = _year(request.GET.get("year"))
    context = {
        "form": form or DeadlineQueryForm(),
        "result": None,
        "method_labels": legal.METHOD_LABELS,
        "rules": DeadlineRule.objects.all(),
        "closures": Closure.objects.filter(date__year=year),
        "holidays": cal.holidays_between(dt.date(year, 1, 1), dt.date(year, 12, 31)),
        "year": year,
        "closure_form": closure_form or ClosureForm(),
        "can_edit": perms.can_edit_calendar(request.user),
    }
    if form is not None and form.is_bound and form.is_valid():
        try:
            context["result"] = legal.deadline_for(
                form.cleaned_data["kind"].kind, form.cleaned_data["received_at"], cal
            )
        except legal.CalendarError as exc:
            form.add_error(None, str(exc))
    return context


@login_required
def calendar_page(request):
    perms.deny_outsider(perms.can_see_office_pages(request.user))
    bound = "kind" in request.GET or "received_at" in request.GET
    context = _calendar_context(request, form=DeadlineQueryForm(request.GET) if bound else None)
    if request.htmx and request.GET.get("partial") == "result":
        return render(request, "core/_deadline_result.html", context)
    return render(request, "core/calendar.html", context)


def _year(raw: str | None) -> int:
    try:
        year = int(raw or legal.now().year)
    except ValueError:
        return legal.now().year
    return min(max(year, 2000), 2100)


@login_required
@require_POST
def closure_add(request):
    perms.deny_outsider(perms.can_see_office_pages(request.user))
    perms.deny_read_only(perms.can_edit_calendar(request.user))
    form = ClosureForm(request.POST)
    if form.is_valid():
        closure = services.add_closure(request.user, **form.cleaned_data)
        messages.success(
            request,
            f"{closure.date.year}. {closure.date.month}. {closure.date.day}. '{closure.name}'을(를) 휴무일로 등록했습니다.",
        )
        return redirect(f"{reverse('core:calendar')}?year={closure.date.year}")
    return render(request, "core/calendar.html", _calendar_context(request, closure_form=form), status=400)


def _closure_check(request) -> None:
    perms.deny_outsider(perms.can_see_office_pages(request.user))
    perms.deny_read_only(perms.can_edit_calendar(request.user))


@login_required
@require_POST
def closure_delete(request, day: str):
    """A closure is named by its date (unique), e.g. /calendar/closures/2026-10-09/delete/."""
    _closure_check(request)
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        raise Http404 from None
    closure = get_object_or_404(Closure, date=date)
    year = closure.date.year
    services.remove_closure(request.user, closure)
    messages.success(request, "휴무일을 삭제했습니다.")
    return redirect(f"{reverse('core:calendar')}?year={year}")


@login_required
@require_POST
def closure_delete_legacy(request, pk: int):
    """The old address by database id: the same check, then a permanent redirect to the date."""
    _closure_check(request)
    closure = get_object_or_404(Closure, pk=pk)
    return moved(reverse("core:closure_delete", args=[closure.date.isoformat()]))


def healthz(request):
    """Database and background worker. 503 when either is down, with a plain Korean/English message."""
    from django.conf import settings

    from gamsa.core import live

    body = {"status": "ok", "database": "ok", "vendor": connection.vendor, "worker": "off"}
    problems = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # the health check reports any database failure
        body["database"] = "error"
        problems.append("데이터베이스에 연결할 수 없습니다 / database unreachable")
    if settings.GAMSA_TASKS_BACKEND == "database":
        lease = settings.GAMSA_JOB_LEASE_SECONDS
        try:
            beats = live.workers()
        except Exception:  # the live store is on the database too
            beats = []
        fresh = [w for w in beats if w.age <= lease]
        body["workers"] = len(fresh)
        if fresh:
            body["worker"] = "ok"
            body["worker_age_seconds"] = round(min(w.age for w in fresh), 1)
        elif beats:
            body["worker"] = "stale"
            age = min(w.age for w in beats)
            body["worker_age_seconds"] = round(age, 1)
            problems.append(
                f"작업 처리기가 {age:.0f}초 동안 응답하지 않습니다 / background worker silent for {age:.0f} s"
            )
        else:
            body["worker"] = "absent"
            problems.append("작업 처리기가 실행되고 있지 않습니다 / no background worker running")
    if problems:
        body["status"] = "error"
        body["message"] = "; ".join(problems)
    return JsonResponse(body, status=503 if problems else 200)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
