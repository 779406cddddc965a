"""반부패 추진상황 보고회: meetings, agenda, minutes (PDF and HWPX)."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gamsa.core import permissions as core_perms
from gamsa.integrity import permissions as perms
from gamsa.integrity.meetings import minutes as mins
from gamsa.integrity.meetings import services as svc
from gamsa.integrity.meetings.forms import ItemForm, MeetingForm, MinutesForm
from gamsa.integrity.meetings.models import StatusMeeting
from gamsa.integrity.viewkit import today


def _meeting_for(request, public_id) -> StatusMeeting:
    meeting = StatusMeeting.objects.filter(public_id=public_id).first()
    if meeting is None or not perms.can_use_office(request.user):
        raise Http404
    return meeting


@login_required
def meeting_list(request):
    core_perms.deny_outsider(perms.can_use_office(request.user))
    form = MeetingForm(
        request.POST if request.method == "POST" else None,
        initial={"held_on": today(), "title": f"{today().year}년 반부패 추진상황 보고회"},
    )
    status = 200
    if request.method == "POST":
        core_perms.deny_read_only(perms.can_edit(request.user))
        status = 400
        if form.is_valid():
            meeting = svc.create_meeting(request.user, **form.cleaned_data)
            messages.success(request, "보고회를 등록했습니다.")
            return redirect("integrity:meeting_detail", public_id=meeting.public_id)
    return render(
        request,
        "integrity/meetings/list.html",
        {
            "meetings": StatusMeeting.objects.all()[:50],
            "form": form,
            "can_edit": perms.can_edit(request.user),
        },
        status=status,
    )


@login_required
def meeting_detail(request, public_id, bound=None, status: int = 200):
    meeting = _meeting_for(request, public_id)
    bound = bound or {}
    return render(
        request,
        "integrity/meetings/detail.html",
        {
            "m": meeting,
            "items": meeting.items.select_related("unit"),
            "item_form": bound.get("item") or ItemForm(),
            "minutes_form": bound.get("minutes") or MinutesForm(initial={"minutes": meeting.minutes}),
            "can_edit": perms.can_edit(request.user),
        },
        status=status,
    )


@login_required
@require_POST
def meeting_act(request, public_id, action: str):
    meeting = _meeting_for(request, public_id)
    core_perms.deny_read_only(perms.can_edit(request.user))
    form_class = {"item": ItemForm, "minutes": MinutesForm}.get(action)
    if form_class is None:
        raise Http404
    form = form_class(request.POST)
    if form.is_valid():
        try:
            if action == "item":
                svc.add_item(request.user, meeting, **form.cleaned_data)
            else:
                svc.record_minutes(request.user, meeting, minutes=form.cleaned_data["minutes"])
        except svc.MeetingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "저장했습니다.")
            return redirect("integrity:meeting_detail", public_id=meeting.public_id)
    return meeting_detail(request, public_id, bound={action: form}, status=400)


@login_required
def meeting_minutes(request, public_id, ext: str):
    meeting = _meeting_for(request, public_id)
    if ext == "pdf":
        data, content_type = mins.write_pdf(meeting), "application/pdf"
    elif ext == "hwpx":
        data, content_type = mins.write_hwpx(meeting), "application/hwp+zip"
    else:
        raise Http404
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(mins.file_name(meeting, ext))}"
    return response
