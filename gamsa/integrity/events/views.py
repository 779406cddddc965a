"""Events (participants access-logged) and the December awards: rounds, nominees, the scoring sheet (page and
XLSX), the decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gamsa.core import permissions as core_perms
from gamsa.core.services import log_access
from gamsa.core.xlsx import new_sheet, xlsx_bytes
from gamsa.integrity import permissions as perms
from gamsa.integrity.events import services as svc
from gamsa.integrity.events.forms import AwardRoundForm, EventForm, NomineeForm, ParticipantsForm
from gamsa.integrity.events.models import AwardRound, IntegrityEvent, Nominee
from gamsa.integrity.training.services import staff_by_numbers
from gamsa.integrity.viewkit import today, year_choices, year_param


@login_required
def event_list(request):
    core_perms.deny_outsider(perms.can_use_office(request.user))
    year = year_param(request)
    form = EventForm(request.POST if request.method == "POST" else None, initial={"held_on": today()})
    status = 200
    if request.method == "POST":
        core_perms.deny_read_only(perms.can_edit(request.user))
        status = 400
        if form.is_valid():
            event = svc.create_event(request.user, **form.cleaned_data)
            messages.success(request, "행사를 등록했습니다.")
            return redirect("integrity:event_detail", public_id=event.public_id)
    events = IntegrityEvent.objects.filter(held_on__year=year).annotate(listed=Count("participants"))
    return render(
        request,
        "integrity/events/list.html",
        {
            "events": events,
            "year": year,
            "years": year_choices(),
            "form": form,
            "can_edit": perms.can_edit(request.user),
            "rounds": AwardRound.objects.filter(year=year),
            "round_form": AwardRoundForm(initial={"year": year, "judged_on": today()}),
        },
        status=status,
    )


def _event_for(request, public_id) -> IntegrityEvent:
    event = IntegrityEvent.objects.filter(public_id=public_id).first()
    if event is None or not perms.can_use_office(request.user):
        raise Http404
    return event


@login_required
def event_detail(request, public_id):
    event = _event_for(request, public_id)
    form = ParticipantsForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        core_perms.deny_read_only(perms.can_edit(request.user))
        status = 400
        if form.is_valid():
            try:
                added = svc.add_participants(request.user, event, **form.cleaned_data)
            except svc.EventError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"참여자 {added:,}명을 등록했습니다.")
                return redirect("integrity:event_detail", public_id=event.public_id)
    people = []
    if perms.can_edit(request.user):  # names: the programme staff only, and logged
        people = list(event.participants.order_by("kind", "name"))
        log_access(request.user, event, ["참여자 성명", "소속"], request=request, count=len(people))
    return render(
        request,
        "integrity/events/detail.html",
        {
            "event": event,
            "people": people,
            "listed": event.participants.count(),
            "form": form,
            "can_edit": perms.can_edit(request.user),
        },
        status=status,
    )


def _uuid(value):
    import uuid

    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


# --- awards ------------------------------------------------------------------------------------------------------


def _round_for(request, public_id) -> AwardRound:
    award = AwardRound.objects.filter(public_id=public_id).first()
    if award is None or not perms.can_use_office(request.user):
        raise Http404
    return award


@login_required
@require_POST
def award_create(request):
    core_perms.deny_outsider(perms.can_use_office(request.user))
    core_perms.deny_read_only(perms.can_edit(request.user))
    form = AwardRoundForm(request.POST)
    if form.is_valid():
        try:
            award = svc.open_round(request.user, **form.cleaned_data)
        except svc.EventError as exc:
            messages.error(request, str(exc))
        else:
            return redirect("integrity:award_detail", public_id=award.public_id)
    else:
        messages.error(request, "포상 심사의 연도·구분·심사일을 확인하세요.")
    return redirect("integrity:events")


@login_required
def award_detail(request, public_id, bound=None, status: int = 200):
    award = _round_for(request, public_id)
    criteria, rows = svc.sheet(award)
    return render(
        request,
        "integrity/events/award.html",
        {
            "award": award,
            "criteria": criteria,
            "rows": rows,
            "form": bound or NomineeForm(),
            "can_edit": perms.can_edit(request.user) and not award.decided_at,
        },
        status=status,
    )


@login_required
@require_POST
def award_act(request, public_id, action: str):
    award = _round_for(request, public_id)
    core_perms.deny_read_only(perms.can_edit(request.user))
    try:
        if action == "nominate":
            form = NomineeForm(request.POST)
            if not form.is_valid():
                return award_detail(request, public_id, bound=form, status=400)
            d = form.cleaned_data
            user = (
                staff_by_numbers([d["employee_number"]]).get(d["employee_number"].strip())
                if d["employee_number"]
                else None
            )
            if d["employee_number"] and user is None:
                form.add_error("employee_number", "명부에 없는 공무원번호입니다.")
                return award_detail(request, public_id, bound=form, status=400)
            svc.nominate(request.user, award, unit=d["unit"], user=user, reason=d["reason"])
            messages.success(request, "후보를 등록했습니다.")
        elif action == "score":
            nominee = Nominee.objects.filter(
                round=award, public_id=_uuid(request.POST.get("nominee"))
            ).first()
            if nominee is None:
                raise Http404
            points = {
                int(k[2:]): v
                for k, v in request.POST.items()
                if k.startswith("c_") and k[2:].isdigit() and len(k) < 12
            }
            svc.score(request.user, nominee, points)
            messages.success(request, "점수를 저장했습니다.")
        elif action == "decide":
            chosen = svc.decide(request.user, award)
            messages.success(request, f"{len(chosen)}건을 선정했습니다.")
        else:
            raise Http404
    except svc.EventError as exc:
        messages.error(request, str(exc))
    return redirect("integrity:award_detail", public_id=award.public_id)


@login_required
def award_sheet(request, public_id):
    award = _round_for(request, public_id)
    criteria, rows = svc.sheet(award)
    wb, ws = new_sheet(
        "평가표",
        ["순위", "후보", *[f"{c.name}({c.max_points}점)" for c in criteria], "총점", "선정", "추천 사유"],
    )
    for r in rows:
        ws.append(
            [
                r["rank"],
                r["label"],
                *[float(p) if p is not None else None for p in r["points"]],
                float(r["total"]),
                "선정" if r["selected"] else "",
                r["nominee"].reason,
            ]
        )
    response = HttpResponse(
        xlsx_bytes(wb), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="award-{award.year}-{award.kind}.xlsx"'
    return response
