"""The petition desk (청원) and the 청원심의회 pages.

Who may: petitions/permissions.py (the complaint team manages, the office reads); every display of a petitioner's
personal data is logged.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gamsa.complaints.petitions import forms as f
from gamsa.complaints.petitions import permissions as perms
from gamsa.complaints.petitions import services as svc
from gamsa.complaints.petitions.models import BoardMeeting, BoardMember, Petition
from gamsa.core import calendar as legal
from gamsa.core.history import case_history
from gamsa.core.services import log_access

PAGE_SIZE = 30
PERSONAL_FIELDS = ["성명", "연락처", "이메일", "주소"]


# --- list, intake, detail ----------------------------------------------------------------------------------------


@login_required
def petition_list(request):
    perms.require(request)
    form = f.PetitionFilterForm(request.GET)
    now = timezone.now()
    rows = Petition.objects.all()
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            rows = rows.filter(
                Q(case_number__icontains=data["q"].strip()) | Q(title__icontains=data["q"].strip())
            )
        if data["status"] == "open":
            rows = rows.filter(status__in=svc.OPEN_STATUSES)
        elif data["status"]:
            rows = rows.filter(status=data["status"])
        if data["due"] == "overdue":
            rows = rows.filter(status__in=svc.OPEN_STATUSES, due_at__lt=now)
    page = Paginator(rows.order_by("-received_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "complaints/petitions/list.html",
        {
            "form": form,
            "page": page,
            "now": now,
            "can_manage": perms.can_manage(request.user),
            "open_statuses": svc.OPEN_STATUSES,
        },
    )


@login_required
def create(request):
    perms.require(request, "manage")
    form = f.PetitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            p = svc.receive_petition(
                request.user,
                title=data["title"],
                body=data["body"],
                petitioner=form.petitioner(),
                is_public_request=data["is_public_request"],
                matter=data["matter"],
                received_at=data["received_at"],
            )
        except svc.PetitionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"{p.case_number}(으)로 접수했습니다. 처리기한은 {legal.format_moment(p.due_at)}입니다.",
            )
            return redirect("petitions:detail", case_number=p.case_number)
    return render(
        request, "complaints/petitions/form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def detail(request, case_number: str, forms: dict | None = None, status: int = 200):
    p = perms.petition_for(request, case_number)
    user = request.user
    show_personal = perms.can_see_personal_data(user)
    if show_personal:
        log_access(user, p, PERSONAL_FIELDS, request=request, reason="청원 처리")
    forms = forms or {}
    now = timezone.now()
    manage = perms.can_manage(user)
    objections = list(p.objections.order_by("filed_at"))
    context = {
        "p": p,
        "now": now,
        "show_personal": show_personal,
        "is_open": svc.is_open(p),
        "disclosure_due": svc.disclosure_due(p) if p.is_public_request else None,
        "comment_open": bool(p.comment_until and now < p.comment_until),
        "objections": objections,
        "pending_objection": next((o for o in objections if o.decided_at is None), None),
        "can_object": svc.objection_basis(p, now) is not None,
        "meetings": p.meetings.order_by("held_on"),
        "candidates": svc.repeat_candidates(p) if manage and svc.is_open(p) else [],
        "events": case_history(
            "complaints.petition", p.case_number, citizen_verbs=("petition.received", "petition.withdrawn")
        ),
        "can_manage": manage,
        "action_error": forms.get("_error"),
    }
    for name, form_class in ACTION_FORMS.items():
        context[f"{name}_form"] = forms.get(name) or form_class()
    return render(request, "complaints/petitions/detail.html", context, status=status)


# --- actions -----------------------------------------------------------------------------------------------------


def _disclosure(user, p, data):
    svc.decide_disclosure(user, p, disclose=data["disclose"], reason=data["reason"])
    return "공개 여부를 결정했습니다. 처리기한을 다시 계산했습니다."


def _extend(user, p, data):
    p = svc.extend(user, p, amount=data["amount"], reason=data["reason"])
    return f"처리기간을 연장했습니다. 새 처리기한: {legal.format_moment(p.due_at)}"


def _decide(user, p, data):
    svc.decide(user, p, result=data["result"])
    return "처리 결과를 통지했습니다."


def _not_process(user, p, data):
    svc.not_process(user, p, reason=data["reason"], detail=data["detail"])
    return "처리하지 않음으로 종결하고 사유를 통지했습니다."


def _repeat(user, p, data):
    original = (
        Petition.objects.filter(case_number=data["original"].strip()).select_related("petitioner").first()
    )
    if original is None:
        raise svc.PetitionError(f"청원 {data['original'].strip()}을(를) 찾을 수 없습니다.")
    svc.close_as_repeat(user, p, original=original, note=data["note"])
    return "반복청원으로 종결하고 청원인에게 알릴 통지문을 만들었습니다 (청원법 제16조①)."


def _withdraw(user, p, data):
    svc.withdraw(user, p, note=data["note"])
    return "취하로 처리했습니다."


def _objection(user, p, data):
    o = svc.file_objection(user, p, reason=data["reason"], filed_at=data["filed_at"])
    return f"이의신청을 접수했습니다. {legal.format_moment(o.due_at)}까지 결정해야 합니다."


def _objection_decide(user, p, data):
    svc.decide_objection(user, p, decision=data["decision"])
    return "이의신청을 결정했습니다."


ACTION_FORMS = {
    "disclosure": f.DisclosureForm,
    "extend": f.PetitionExtensionForm,
    "decide": f.ResultForm,
    "not_process": f.NotProcessForm,
    "repeat": f.RepeatForm,
    "withdraw": f.NoteForm,
    "objection": f.ObjectionForm,
    "objection_decide": f.ObjectionDecisionForm,
}
ACTIONS = {
    "disclosure": _disclosure,
    "extend": _extend,
    "decide": _decide,
    "not_process": _not_process,
    "repeat": _repeat,
    "withdraw": _withdraw,
    "objection": _objection,
    "objection_decide": _objection_decide,
}


@login_required
@require_POST
def act(request, case_number: str, action: str):
    if action not in ACTIONS:
        raise Http404
    p = perms.petition_for(request, case_number, "manage")
    form = ACTION_FORMS[action](request.POST)
    if not form.is_valid():
        return detail(
            request, case_number, forms={action: form, "_error": "입력한 내용을 확인하세요."}, status=400
        )
    try:
        message = ACTIONS[action](request.user, p, form.cleaned_data)
    except svc.PetitionError as exc:
        form.add_error(None, str(exc))
        return detail(request, case_number, forms={action: form, "_error": str(exc)}, status=400)
    messages.success(request, message)
    return redirect("petitions:detail", case_number=p.case_number)


# --- 청원심의회 ---------------------------------------------------------------------------------------------------


def _today() -> dt.date:
    return timezone.now().astimezone(legal.SEOUL).date()


@login_required
def board(request, forms: dict | None = None, status: int = 200):
    perms.require(request)
    forms = forms or {}
    today = _today()
    context = {
        "members": svc.board_members_on(today),
        "other_members": BoardMember.objects.filter(Q(term_end__lt=today) | Q(term_start__gt=today)).order_by(
            "-term_end"
        )[:50],
        "problems": svc.board_problems(today),
        "meetings": BoardMeeting.objects.prefetch_related("petitions").order_by("-held_on")[:50],
        "can_manage": perms.can_manage(request.user),
        "member_form": forms.get("member") or f.BoardMemberForm(),
        "end_form": forms.get("end") or f.EndBoardMemberForm(initial={"on": today}),
        "meeting_form": forms.get("meeting") or f.BoardMeetingForm(initial={"held_on": today}),
        "action_error": forms.get("_error"),
        "today": today,
    }
    return render(request, "complaints/petitions/board.html", context, status=status)


def _board_post(request, key, form_class, run):
    perms.require(request, "manage")
    form = form_class(request.POST)
    if not form.is_valid():
        return board(request, forms={key: form, "_error": "입력한 내용을 확인하세요."}, status=400)
    try:
        message = run(request.user, form.cleaned_data)
    except svc.PetitionError as exc:
        form.add_error(None, str(exc))
        return board(request, forms={key: form, "_error": str(exc)}, status=400)
    messages.success(request, message)
    return redirect("petitions:board")


@login_required
@require_POST
def board_member_add(request):
    def run(user, d):
        m = svc.add_board_member(
            user,
            name=d["name"],
            affiliation=d["affiliation"],
            is_outside=d["is_outside"],
            is_chair=d["is_chair"],
            term_start=d["term_start"],
            term_end=d["term_end"],
        )
        return f"{m.name} 위원을 위촉했습니다."

    return _board_post(request, "member", f.BoardMemberForm, run)


@login_required
@require_POST
def board_member_end(request):
    def run(user, d):
        m = svc.end_board_member(user, d["member"], on=d["on"])
        return f"{m.name} 위원의 임기를 {m.term_end:%Y-%m-%d}에 끝냈습니다."

    return _board_post(request, "end", f.EndBoardMemberForm, run)


@login_required
@require_POST
def meeting_new(request):
    def run(user, d):
        m = svc.hold_board_meeting(
            user,
            held_on=d["held_on"],
            attendees=d["attendees"],
            petitions=d["petitions"],
            minutes=d["minutes"],
        )
        return f"{m.held_on:%Y-%m-%d} 청원심의회 회의를 기록했습니다."

    return _board_post(request, "meeting", f.BoardMeetingForm, run)


@login_required
def meeting_detail(request, held_on: str, form=None, error: str | None = None, status: int = 200):
    meeting = perms.board_meeting_for(request, held_on)
    members = svc.board_members_on(meeting.held_on)
    return render(
        request,
        "complaints/petitions/meeting.html",
        {
            "meeting": meeting,
            "attendees": meeting.attendees.order_by("-is_chair", "name"),
            "member_count": members.count(),
            "petitions": meeting.petitions.order_by("received_at"),
            "can_manage": perms.can_manage(request.user),
            "minutes_form": form or f.MinutesForm(initial={"minutes": meeting.minutes}),
            "action_error": error,
        },
        status=status,
    )


@login_required
@require_POST
def meeting_minutes(request, held_on: str):
    meeting = perms.board_meeting_for(request, held_on, "manage")
    form = f.MinutesForm(request.POST)
    if form.is_valid():
        try:
            svc.record_board_minutes(request.user, meeting, minutes=form.cleaned_data["minutes"])
        except svc.PetitionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "회의 결과를 저장했습니다.")
            return redirect("petitions:meeting", held_on=held_on)
    return meeting_detail(request, held_on, form=form, error="입력한 내용을 확인하세요.", status=400)
