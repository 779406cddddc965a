"""인권위원회 pages: the terms with their members and meetings, one meeting with its agendas, decisions and
minutes, and the minutes as PDF or HWPX. Members' names are read by the programme's readers and every list is in
the access log; contacts only by the rights team."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gamsa.core import permissions as core_perms
from gamsa.core.models import AccessLog
from gamsa.core.services import log_access
from gamsa.humanrights import permissions as perms
from gamsa.humanrights.committee import forms as f
from gamsa.humanrights.committee import minutes as docs
from gamsa.humanrights.committee import services as svc
from gamsa.humanrights.committee.models import POSITION_RANK, Meeting, Term
from gamsa.humanrights.common import today
from gamsa.humanrights.viewkit import attempt, private


def _term(request) -> Term | None:
    number = request.GET.get("term") or request.POST.get("term")
    terms = Term.objects.all()
    if number and str(number).isdigit():
        return terms.filter(number=int(number)).first()
    return terms.first()


def _home(request, bound: dict | None = None, error: str = "", status: int = 200):
    user = request.user
    term = _term(request)
    members = list(term.members.order_by(POSITION_RANK, "id")) if term else []
    if members:
        fields = ["성명", "소속", "연락처"] if perms.can_see_personal_data(user) else ["성명", "소속"]
        log_access(user, term, fields, request=request, reason="인권위원 명단", count=len(members))
    bound = bound or {}
    forms = {
        "term": bound.get("term") or f.TermForm(),
        "member": bound.get("member") or f.MemberForm(),
        "meeting": bound.get("meeting") or f.MeetingForm(initial={"held_on": today()}),
        "member_end": bound.get("member_end") or f.MemberEndForm(term=term, initial={"left_on": today()}),
    }
    response = render(
        request,
        "humanrights/committee/home.html",
        {
            "term": term,
            "terms": Term.objects.all(),
            "members": members,
            "meetings": term.meetings.prefetch_related("agendas") if term else [],
            "forms": forms,
            "error": error,
            "can_manage": perms.can_manage(user),
            "show_contacts": perms.can_see_personal_data(user),
        },
        status=status,
    )
    return private(response)


@login_required
def committee_home(request):
    core_perms.deny_outsider(perms.is_reader(request.user))
    return _home(request)


COMMITTEE_FORMS = {
    "term": f.TermForm,
    "member": f.MemberForm,
    "member_end": f.MemberEndForm,
    "meeting": f.MeetingForm,
}


@login_required
@require_POST
def committee_act(request, action: str):
    user = request.user
    core_perms.deny_outsider(perms.is_reader(user))
    if action not in COMMITTEE_FORMS:
        raise Http404
    core_perms.deny_read_only(perms.can_manage(user))
    extra = {"term": _term(request)} if action == "member_end" else {}
    form = COMMITTEE_FORMS[action](request.POST, **extra)
    if not form.is_valid():
        return _home(request, {action: form}, "입력한 값을 확인하세요.", 400)
    d = form.cleaned_data
    term = _term(request)
    if action != "term" and term is None:
        return _home(request, {action: form}, "인권위원회 기수를 먼저 구성하세요.", 400)
    if action == "term":
        error = attempt(lambda: svc.create_term(user, **d))
        done = "기수를 구성했습니다."
    elif action == "member":
        error = attempt(lambda: svc.appoint_member(user, term, **d))
        done = "위원을 위촉했습니다."
    elif action == "member_end":
        member = term.members.filter(public_id=d["member"]).first()
        if member is None:
            raise Http404
        error = attempt(lambda: svc.end_member(user, member, left_on=d["left_on"]))
        done = "해촉·사임을 기록했습니다."
    else:
        error = attempt(lambda: svc.schedule_meeting(user, term, **d))
        done = "회의를 등록했습니다."
    if error:
        return _home(request, {action: form}, error, 400)
    messages.success(request, done)
    number = d["number"] if action == "term" else term.number
    return redirect(f"{reverse('humanrights:committee')}?term={number}")


def _meeting(request, public_id) -> Meeting:
    core_perms.deny_outsider(perms.is_reader(request.user))
    meeting = Meeting.objects.select_related("term").filter(public_id=public_id).first()
    if meeting is None:
        raise Http404
    return meeting


def _meeting_page(request, meeting: Meeting, bound: dict | None = None, error: str = "", status: int = 200):
    attendees = list(meeting.attendees.order_by(POSITION_RANK, "id"))
    if attendees:
        log_access(request.user, meeting, ["출석 위원 성명"], request=request, reason="인권위원회 회의 출석 위원",
                   count=len(attendees))  # fmt: skip
    bound = bound or {}
    initial = {
        "attendees": attendees,
        "minutes": meeting.minutes,
        "recorded_on": meeting.minutes_recorded_on or today(),
    }
    response = render(
        request,
        "humanrights/committee/meeting.html",
        {
            "m": meeting,
            "attendees": attendees,
            "agendas": meeting.agendas.all(),
            "agenda_form": bound.get("agenda") or f.AgendaForm(),
            "decide_form": bound.get("decide") or f.DecideForm(),
            "minutes_form": bound.get("minutes") or f.MinutesForm(meeting=meeting, initial=initial),
            "error": error,
            "can_manage": perms.can_manage(request.user),
        },
        status=status,
    )
    return private(response)


@login_required
def meeting_detail(request, public_id):
    return _meeting_page(request, _meeting(request, public_id))


@login_required
@require_POST
def meeting_act(request, public_id, action: str):
    meeting = _meeting(request, public_id)
    if action not in ("agenda", "decide", "minutes"):
        raise Http404
    core_perms.deny_read_only(perms.can_manage(request.user))
    user = request.user
    if action == "agenda":
        form = f.AgendaForm(request.POST)
    elif action == "decide":
        form = f.DecideForm(request.POST)
    else:
        form = f.MinutesForm(request.POST, meeting=meeting)
    if not form.is_valid():
        return _meeting_page(request, meeting, {action: form}, "입력한 값을 확인하세요.", 400)
    d = form.cleaned_data
    if action == "agenda":
        error = attempt(lambda: svc.add_agenda(user, meeting, **d))
    elif action == "decide":
        agenda = meeting.agendas.filter(public_id=d["agenda"]).first()
        if agenda is None:
            raise Http404
        error = attempt(
            lambda: svc.decide_agenda(user, agenda, decision=d["decision"], decision_text=d["decision_text"])
        )
    else:
        error = attempt(lambda: svc.record_minutes(user, meeting, attendees=list(d["attendees"]), minutes=d["minutes"],
                                                   recorded_on=d["recorded_on"]))  # fmt: skip
    if error:
        return _meeting_page(request, meeting, {action: form}, error, 400)
    messages.success(request, {"agenda": "안건을 등록했습니다.", "decide": "결과를 기록했습니다.",
                               "minutes": "회의록을 기록했습니다."}[action])  # fmt: skip
    return redirect("humanrights:meeting", public_id=public_id)


def _download(request, meeting: Meeting, ext: str, content: bytes, content_type: str) -> HttpResponse:
    log_access(request.user, meeting, ["출석 위원 성명"], action=AccessLog.Action.DOWNLOAD, request=request,
               reason=f"인권위원회 회의록 {ext.upper()}", count=meeting.attendees.count())  # fmt: skip
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(docs.file_name(meeting, ext))}"
    return private(response)


@login_required
def minutes_pdf(request, public_id):
    meeting = _meeting(request, public_id)
    if not meeting.minutes:
        raise Http404
    return _download(request, meeting, "pdf", docs.write_pdf(meeting), "application/pdf")


@login_required
def minutes_hwpx(request, public_id):
    meeting = _meeting(request, public_id)
    if not meeting.minutes:
        raise Http404
    return _download(request, meeting, "hwpx", docs.write_hwpx(meeting), "application/hwp+zip")
