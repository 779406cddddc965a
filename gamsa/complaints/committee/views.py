"""The 민원조정위원회 pages: meetings and their agenda, members by seat, the yearly review (영 제38조의2).

Who may: committee/permissions.py (the complaint team manages, the office and council viewers read).
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gamsa.complaints.committee import forms as f
from gamsa.complaints.committee import permissions as perms
from gamsa.complaints.committee import services as svc
from gamsa.complaints.committee.models import CommitteeMeeting, CommitteeMember
from gamsa.complaints.grievances.permissions import visible_grievance
from gamsa.core import calendar as legal

REVIEW_PAGE_SIZE = 50


def _today() -> dt.date:
    return timezone.now().astimezone(legal.SEOUL).date()


def _refused(request, render_page, key, form, message):
    if message:
        form.add_error(None, message)
    return render_page(
        request, forms={key: form, "_error": message or "입력한 내용을 확인하세요."}, status=400
    )


# --- meetings ------------------------------------------------------------------------------------------------------


@login_required
def meetings(request, forms: dict | None = None, status: int = 200):
    perms.require(request)
    forms = forms or {}
    rows = CommitteeMeeting.objects.annotate(item_count=Count("items")).order_by("-held_on")
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "complaints/committee/meetings.html",
        {
            "page": page,
            "warnings": svc.warnings(),
            "can_manage": perms.can_manage(request.user),
            "meeting_form": forms.get("meeting") or f.CommitteeMeetingForm(initial={"held_on": _today()}),
            "action_error": forms.get("_error"),
        },
        status=status,
    )


@login_required
@require_POST
def meeting_new(request):
    perms.require(request, "manage")
    form = f.CommitteeMeetingForm(request.POST)
    if not form.is_valid():
        return _refused(request, meetings, "meeting", form, None)
    d = form.cleaned_data
    try:
        m = svc.hold_meeting(
            request.user,
            held_on=d["held_on"],
            attendees=d["attendees"],
            is_yearly_review=d["is_yearly_review"],
            minutes=d["minutes"],
        )
    except svc.CommitteeError as exc:
        return _refused(request, meetings, "meeting", form, str(exc))
    messages.success(request, f"{m.held_on:%Y-%m-%d} 회의를 기록했습니다. 안건을 더하세요.")
    return redirect("committee:meeting", held_on=m.held_on.isoformat())


@login_required
def meeting_detail(request, held_on: str, forms: dict | None = None, status: int = 200):
    meeting = perms.meeting_for(request, held_on)
    forms = forms or {}
    items = meeting.items.select_related("grievance").order_by("pk")
    return render(
        request,
        "complaints/committee/meeting.html",
        {
            "meeting": meeting,
            "attendees": meeting.attendees.order_by("seat", "name"),
            "items": items,
            "can_manage": perms.can_manage(request.user),
            "item_form": forms.get("item") or f.AgendaItemForm(),
            "decision_form": forms.get("decide") or f.ItemDecisionForm(),
            "decide_case": forms.get("_case"),
            "minutes_form": forms.get("minutes") or f.MinutesForm(initial={"minutes": meeting.minutes}),
            "action_error": forms.get("_error"),
        },
        status=status,
    )


def _meeting_refused(request, held_on, key, form, message, case=None):
    if message:
        form.add_error(None, message)
    return meeting_detail(
        request,
        held_on,
        forms={key: form, "_error": message or "입력한 내용을 확인하세요.", "_case": case},
        status=400,
    )


@login_required
@require_POST
def item_add(request, held_on: str):
    meeting = perms.meeting_for(request, held_on, "manage")
    form = f.AgendaItemForm(request.POST)
    if not form.is_valid():
        return _meeting_refused(request, held_on, "item", form, None)
    d = form.cleaned_data
    grievance = visible_grievance(request.user, d["case_number"])
    if grievance is None:
        return _meeting_refused(
            request, held_on, "item", form, f"접수번호 {d['case_number'].strip()}인 민원이 없습니다."
        )
    try:
        svc.add_agenda_item(
            request.user, meeting, grievance=grievance, topic=d["topic"], summary=d["summary"]
        )
    except svc.CommitteeError as exc:
        return _meeting_refused(request, held_on, "item", form, str(exc))
    messages.success(request, f"{grievance.case_number}을(를) 안건으로 올렸습니다.")
    return redirect("committee:meeting", held_on=held_on)


@login_required
@require_POST
def item_decide(request, held_on: str, case_number: str):
    item = perms.agenda_item_for(request, held_on, case_number, "manage")
    form = f.ItemDecisionForm(request.POST)
    if not form.is_valid():
        return _meeting_refused(request, held_on, "decide", form, None, case_number)
    try:
        item = svc.decide_item(
            request.user,
            item,
            decision=form.cleaned_data["decision"],
            decision_text=form.cleaned_data["decision_text"],
        )
    except svc.CommitteeError as exc:
        return _meeting_refused(request, held_on, "decide", form, str(exc), case_number)
    messages.success(request, f"{case_number} 안건: {item.get_decision_display()}")
    return redirect("committee:meeting", held_on=held_on)


@login_required
@require_POST
def minutes(request, held_on: str):
    meeting = perms.meeting_for(request, held_on, "manage")
    form = f.MinutesForm(request.POST)
    if not form.is_valid():
        return _meeting_refused(request, held_on, "minutes", form, None)
    svc.record_minutes(request.user, meeting, minutes=form.cleaned_data["minutes"])
    messages.success(request, "회의록을 저장했습니다.")
    return redirect("committee:meeting", held_on=held_on)


# --- members -------------------------------------------------------------------------------------------------------


@login_required
def members(request, forms: dict | None = None, status: int = 200):
    perms.require(request)
    forms = forms or {}
    return render(
        request,
        "complaints/committee/members.html",
        {
            "members": svc.active_members(),
            "former": CommitteeMember.objects.filter(active=False).order_by("name")[:50],
            "warnings": svc.warnings(),
            "can_manage": perms.can_manage(request.user),
            "member_form": forms.get("member") or f.CommitteeMemberForm(),
            "remove_form": forms.get("remove") or f.RemoveCommitteeMemberForm(),
            "action_error": forms.get("_error"),
        },
        status=status,
    )


@login_required
@require_POST
def member_add(request):
    perms.require(request, "manage")
    form = f.CommitteeMemberForm(request.POST)
    if not form.is_valid():
        return _refused(request, members, "member", form, None)
    d = form.cleaned_data
    try:
        m = svc.add_member(request.user, name=d["name"], seat=d["seat"], affiliation=d["affiliation"])
    except svc.CommitteeError as exc:
        return _refused(request, members, "member", form, str(exc))
    messages.success(request, f"{m.name} 위원({m.get_seat_display()})을 위촉했습니다.")
    return redirect("committee:members")


@login_required
@require_POST
def member_remove(request):
    perms.require(request, "manage")
    form = f.RemoveCommitteeMemberForm(request.POST)
    if not form.is_valid():
        return _refused(request, members, "remove", form, None)
    try:
        m = svc.deactivate_member(request.user, form.cleaned_data["member"])
    except svc.CommitteeError as exc:
        return _refused(request, members, "remove", form, str(exc))
    messages.success(request, f"{m.name} 위원을 해촉했습니다.")
    return redirect("committee:members")


# --- yearly review (영 제38조의2) ------------------------------------------------------------------------------------


@login_required
def review(request):
    perms.require(request)
    form = f.YearForm(request.GET or None)
    year = _today().year
    if form.is_valid() and form.cleaned_data.get("year"):
        year = form.cleaned_data["year"]
    data = svc.yearly_review(year)
    return render(
        request,
        "complaints/committee/review.html",
        {
            "form": form,
            "year": year,
            "multi_party": Paginator(data["multi_party"], REVIEW_PAGE_SIZE).get_page(request.GET.get("mp")),
            "refiled": Paginator(data["refiled"], REVIEW_PAGE_SIZE).get_page(request.GET.get("rf")),
            "joint_groups": Paginator(data["joint_groups"], REVIEW_PAGE_SIZE).get_page(request.GET.get("jg")),
            "review_meetings": data["meetings"],
        },
        status=200 if form.is_bound is False or form.is_valid() else 400,
    )
