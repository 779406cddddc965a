"""Education pages: sessions by audience with their counts; a session's participant list (the rights team only,
every reading in the access log); adding participants under the consent notice; the list as CSV."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gamsa.core import permissions as core_perms
from gamsa.core.models import AccessLog
from gamsa.core.services import log_access
from gamsa.core.xlsx import csv_safe
from gamsa.humanrights import permissions as perms
from gamsa.humanrights import stats
from gamsa.humanrights.common import Denied, HumanRightsError
from gamsa.humanrights.education import services as svc
from gamsa.humanrights.education.forms import ParticipantsForm, SessionForm
from gamsa.humanrights.education.models import Audience, Session
from gamsa.humanrights.viewkit import attempt, private, year_param, years_around

FIELDS = ["성명", "소속", "연락처"]


def _session(request, public_id) -> Session:
    core_perms.deny_outsider(perms.is_reader(request.user))
    session = Session.objects.filter(public_id=public_id).first()
    if session is None:
        raise Http404
    return session


@login_required
def session_list(request):
    user = request.user
    core_perms.deny_outsider(perms.is_reader(user))
    year = year_param(request)
    audience = request.GET.get("audience") if request.GET.get("audience") in Audience.values else ""
    form = SessionForm(request.POST or None)
    error = ""
    if request.method == "POST":
        core_perms.deny_read_only(perms.can_manage(user))
        if form.is_valid():
            holder = {}
            error = attempt(lambda: holder.update(s=svc.record_session(user, **form.cleaned_data)))
            if not error:
                messages.success(request, "인권교육을 기록했습니다.")
                return redirect("humanrights:session", public_id=holder["s"].public_id)
        else:
            error = "입력한 값을 확인하세요."
    rows = Session.objects.filter(year=year)
    if audience:
        rows = rows.filter(audience=audience)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "humanrights/education/list.html",
        {
            "page": page,
            "year": year,
            "years": years_around(),
            "audience": audience,
            "audiences": Audience.choices,
            "counts": stats.education_counts(year),
            "form": form,
            "error": error,
            "can_manage": perms.can_manage(user),
        },
        status=400 if request.method == "POST" else 200,
    )


def _detail(request, session: Session, form=None, error: str = "", row_errors=(), status: int = 200):
    user = request.user
    participants = []
    if perms.can_see_personal_data(user):
        participants = list(session.participants.select_related("consent"))
        if participants:
            log_access(user, session, FIELDS, request=request, reason="인권교육 참여자 명단", count=len(participants),
                       target_id=str(session.public_id))  # fmt: skip
    response = render(
        request,
        "humanrights/education/detail.html",
        {
            "s": session,
            "participants": participants,
            "listed": session.participants.count(),
            "notice": svc.consent_in_force(session.held_on),
            "form": form or ParticipantsForm(),
            "error": error,
            "row_errors": row_errors,
            "can_manage": perms.can_manage(user),
        },
        status=status,
    )
    return private(response)


@login_required
def session_detail(request, public_id):
    return _detail(request, _session(request, public_id))


@login_required
@require_POST
def participants_add(request, public_id):
    session = _session(request, public_id)
    core_perms.deny_read_only(perms.can_manage(request.user))
    form = ParticipantsForm(request.POST)
    if not form.is_valid():
        return _detail(request, session, form, "입력한 값을 확인하세요.", status=400)
    d = form.cleaned_data
    try:
        svc.add_participants(request.user, session, raw=d["raw"], consented=d["consented"])
    except svc.ParticipantRowsError as exc:
        return _detail(request, session, form, str(exc), exc.errors, status=400)
    except HumanRightsError as exc:
        return _detail(request, session, form, str(exc), status=400)
    except Denied:
        raise core_perms.PermissionDenied from None
    messages.success(request, "참여자 명단을 등록했습니다.")
    return redirect("humanrights:session", public_id=public_id)


@login_required
@require_POST
def participant_remove(request, public_id, participant):
    session = _session(request, public_id)
    core_perms.deny_read_only(perms.can_manage(request.user))
    row = session.participants.filter(public_id=participant).first()
    if row is None:
        raise Http404
    error = attempt(lambda: svc.remove_participant(request.user, row))
    if error:
        return _detail(request, session, error=error, status=400)
    messages.success(request, "참여자를 명단에서 지웠습니다.")
    return redirect("humanrights:session", public_id=public_id)


@login_required
def participants_csv(request, public_id):
    session = _session(request, public_id)
    core_perms.deny_read_only(perms.can_see_personal_data(request.user))
    rows = list(session.participants.select_related("consent"))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="participants.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["교육명", "교육일", "성명", "소속", "연락처", "동의 안내", "동의일", "보유 기한"])
    for p in rows:
        writer.writerow([csv_safe(v) for v in (session.title, session.held_on.isoformat(), p.name, p.affiliation,
                         p.phone, f"제{p.consent.version}판", p.consented_on.isoformat(), p.retain_until.isoformat())])  # fmt: skip
    log_access(request.user, session, FIELDS, action=AccessLog.Action.EXPORT, request=request,
               reason="인권교육 참여자 명단 내려받기", count=len(rows), target_id=str(session.public_id))  # fmt: skip
    return private(response)
