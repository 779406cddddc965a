"""Committee screens: members and meetings (the desk), a meeting's agenda and decisions, its minutes (HWPX here,
PDF as a job), and the agenda items a member may read (only those of the meetings they are convened to)."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gamsa.core import permissions as core_perms
from gamsa.core.models import AccessLog, Event
from gamsa.core.services import log_access
from gamsa.ethics import permissions as perms
from gamsa.ethics.committee import forms as f
from gamsa.ethics.committee import minutes
from gamsa.ethics.committee import services as svc
from gamsa.ethics.committee.models import AgendaItem, Meeting, Member
from gamsa.ethics.errors import EthicsError
from gamsa.ethics.formkit import DateForm
from gamsa.ethics.viewkit import desk, log_list, manager, no_store, page_of, run, today

ITEM_FIELDS = ["등록의무자 성명", "소속", "직급", "심사 의견", "고지거부자"]


def _committee_page(request, bound=None, error="", status=200):
    bound = bound or {}
    members = list(Member.objects.order_by("ended_on", "seat", "name"))
    active = [m for m in members if m.ended_on is None]
    context = {
        "members": members,
        "warnings": svc.composition_warnings(active),
        "meetings": Meeting.objects.order_by("-held_on", "-id")[:40],
        "can_manage": perms.can_manage(request.user),
        "member_form": bound.get("member") or f.MemberForm(initial={"started_on": today()}),
        "meeting_form": bound.get("meeting") or f.MeetingForm(initial={"held_on": today()}),
        "action_error": error,
        "today": today(),
    }
    return render(request, "ethics/committee.html", context, status=status)


@login_required
def committee(request):
    desk(request)
    return _committee_page(request)


@login_required
@require_POST
def member_appoint(request):
    desk(request)
    manager(request)
    form = f.MemberForm(request.POST)
    if not form.is_valid():
        return _committee_page(request, {"member": form}, "입력한 값을 확인하세요.", 400)
    try:
        svc.appoint_member(request.user, **form.cleaned_data)
    except EthicsError as exc:
        return _committee_page(request, {"member": form}, str(exc), 400)
    messages.success(request, "위원을 위촉했습니다.")
    return redirect("ethics:committee")


@login_required
@require_POST
def member_end(request, public_id):
    desk(request)
    member = Member.objects.filter(public_id=public_id).first()
    if member is None:
        raise Http404
    manager(request)
    form = DateForm(request.POST)
    if not form.is_valid():
        return _committee_page(request, None, "임기 종료일을 입력하세요.", 400)
    try:
        svc.end_member(request.user, member, on=form.cleaned_data["on"])
    except EthicsError as exc:
        return _committee_page(request, None, str(exc), 400)
    messages.success(request, "위원을 해촉했습니다.")
    return redirect("ethics:committee")


@login_required
@require_POST
def meeting_create(request):
    desk(request)
    manager(request)
    form = f.MeetingForm(request.POST)
    if not form.is_valid():
        return _committee_page(request, {"meeting": form}, "입력한 값을 확인하세요.", 400)
    try:
        meeting = svc.schedule_meeting(request.user, **form.cleaned_data)
    except EthicsError as exc:
        return _committee_page(request, {"meeting": form}, str(exc), 400)
    messages.success(request, f"{meeting.log_label}를 만들었습니다. '안건 만들기'로 상정할 안건을 모으세요.")
    return redirect("ethics:meeting", public_id=meeting.public_id)


def _meeting_for(request, public_id) -> Meeting:
    desk(request)
    meeting = Meeting.objects.filter(public_id=public_id).first()
    if meeting is None:
        raise Http404
    return meeting


def _typed(form) -> dict:
    """What was typed into an item's decision form that failed, to show it again in that item's form."""
    if form is None:
        return {}
    data = form.data
    return {
        "item": data.get("item", ""),
        "decision": data.get("decision", ""),
        "on": data.get("on", ""),
        "text": data.get("text", ""),
        "measures": data.getlist("measures") if hasattr(data, "getlist") else [],
        "fine_amount": data.get("fine_amount", ""),
        "granted": data.get("granted", ""),
    }


def _meeting_page(request, meeting, bound=None, error="", status=200):
    log_access(request.user, meeting, ITEM_FIELDS, request=request, reason="공직자윤리위원회 안건 열람")
    bound = bound or {}
    items = meeting.items.select_related("review__declarant__unit", "refusal__declarant__unit")
    context = {
        "m": meeting,
        "items": items,
        "members": meeting.members.order_by("seat", "name"),
        "events": Event.objects.filter(target_type="ethics.meeting", target_id=str(meeting.public_id))[:40],
        "can_manage": perms.can_manage(request.user),
        "typed": _typed(bound.get("decide")),
        "item_form": bound.get("item") or f.ItemForm(),
        "minutes_form": bound.get("minutes") or f.MinutesForm(initial={"minutes": meeting.minutes}),
        "measure_choices": f.DecideItemForm.base_fields["measures"].choices,
        "decision_choices": f.DecideItemForm.base_fields["decision"].choices,
        "action_error": error,
        "today": today(),
    }
    return no_store(render(request, "ethics/meeting.html", context, status=status))


@login_required
def meeting_detail(request, public_id):
    return _meeting_page(request, _meeting_for(request, public_id))


def _build(request, meeting, d):
    added = svc.build_agenda(request.user, meeting)
    return f"안건 {added}건을 올렸습니다." if added else "새로 올릴 안건이 없습니다."


def _add_item(request, meeting, d):
    svc.add_item(request.user, meeting, title=d["title"], proposal=d["proposal"])
    return "안건을 올렸습니다."


def _decide(request, meeting, d):
    item = meeting.items.filter(public_id=d["item"]).first()
    if item is None:
        raise EthicsError("안건을 찾을 수 없습니다.")
    svc.decide_item(
        request.user,
        item,
        decision=d["decision"],
        on=d["on"],
        text_=d["text"],
        measures=d["measures"],
        fine_amount=d["fine_amount"],
        granted=d["granted"],
    )
    return f"제{item.number}호 안건의 의결을 기록했습니다."


def _minutes(request, meeting, d):
    svc.record_minutes(request.user, meeting, minutes=d["minutes"])
    return "회의 요지를 기록했습니다."


ACTIONS = {
    "build": (f.EmptyForm, _build),
    "item": (f.ItemForm, _add_item),
    "decide": (f.DecideItemForm, _decide),
    "minutes": (f.MinutesForm, _minutes),
}


@login_required
@require_POST
def meeting_act(request, public_id, action: str):
    meeting = _meeting_for(request, public_id)

    def detail(bound=None, error="", status=200):
        return _meeting_page(request, meeting, bound, error, status)

    return run(request, action, ACTIONS, meeting, detail, "ethics:meeting", public_id=public_id)


def _log_minutes(request, meeting, kind: str) -> None:
    log_access(
        request.user,
        meeting,
        ["등록의무자(가명 처리)", "소속", "의결 내용"],
        action=AccessLog.Action.PRINT,
        request=request,
        reason=f"공직자윤리위원회 회의록 {kind}",
    )


@login_required
def minutes_hwpx(request, public_id):
    meeting = _meeting_for(request, public_id)
    _log_minutes(request, meeting, "HWPX")
    response = HttpResponse(minutes.write_hwpx(meeting), content_type="application/hwp+zip")
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(minutes.file_name(meeting, 'hwpx'))}"
    )
    return no_store(response)


@login_required
@require_POST
def minutes_pdf(request, public_id):
    """Start the minutes PDF as a job; its page shows progress and then the download (the job owner's file)."""
    from gamsa.ethics.committee.tasks import start_minutes_pdf

    meeting = _meeting_for(request, public_id)
    _log_minutes(request, meeting, "PDF")
    job = start_minutes_pdf(request.user, meeting)
    return redirect("core:job", public_id=job.public_id)


# --- a member's own items -----------------------------------------------------------------------------------------


@login_required
def items(request):
    core_perms.deny_outsider(perms.can_read_items(request.user))
    rows = perms.visible_items(
        request.user,
        AgendaItem.objects.select_related("meeting", "review__declarant__unit", "refusal__declarant__unit"),
    ).order_by("-meeting__held_on", "meeting_id", "number")
    page = page_of(request, rows)
    log_list(request, page, target_type="ethics.agendaitem", fields=ITEM_FIELDS[:3], reason="상정 안건 목록")
    return no_store(
        render(
            request,
            "ethics/items.html",
            {"page": page, "query": "", "desk": perms.can_use_desk(request.user)},
        )
    )


@login_required
def item_detail(request, public_id):
    core_perms.deny_outsider(perms.can_read_items(request.user))
    item = (
        AgendaItem.objects.select_related("meeting", "review__declarant__unit", "refusal__declarant__unit")
        .filter(public_id=public_id)
        .first()
    )
    if item is None or not perms.can_open_item(request.user, item):
        raise Http404
    log_access(request.user, item, ITEM_FIELDS, request=request, reason="공직자윤리위원회 안건 열람")
    context = {
        "item": item,
        "amounts": item.review.amounts.all() if item.review_id else [],
        "desk": perms.can_use_desk(request.user),
    }
    return no_store(render(request, "ethics/item.html", context))
