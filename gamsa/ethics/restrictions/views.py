"""취업제한 screens: retirees among the declarants with their 3-year window, reminders and employment checks."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gamsa.core.models import Event
from gamsa.core.services import log_access
from gamsa.ethics import permissions as perms
from gamsa.ethics.errors import EthicsError
from gamsa.ethics.formkit import DateForm
from gamsa.ethics.restrictions import forms as f
from gamsa.ethics.restrictions import services as svc
from gamsa.ethics.restrictions.cards import KINDS
from gamsa.ethics.restrictions.models import Restriction
from gamsa.ethics.viewkit import desk, log_list, no_store, page_of, run, today


def _restriction_for(request, public_id) -> Restriction:
    desk(request)
    restriction = Restriction.objects.select_related("declarant__unit").filter(public_id=public_id).first()
    if restriction is None:
        raise Http404
    return restriction


@login_required
def restriction_list(request):
    desk(request)
    ended = request.GET.get("status") == "ended"
    rows = Restriction.objects.select_related("declarant__unit")
    rows = (
        rows.filter(ends_on__lt=today()).order_by("-ends_on") if ended else rows.filter(ends_on__gte=today())
    )
    page = page_of(request, rows.order_by("ends_on", "id") if not ended else rows)
    log_list(
        request,
        page,
        target_type="ethics.restriction",
        fields=["성명", "소속", "퇴직일"],
        reason="취업제한 목록",
    )
    return no_store(
        render(
            request,
            "ethics/restrictions.html",
            {"page": page, "ended": ended, "query": "status=ended" if ended else "", "today": today()},
        )
    )


def _page(request, restriction, bound=None, error="", status=200):
    log_access(
        request.user,
        restriction,
        ["성명", "소속", "퇴직일", "취업예정기관"],
        request=request,
        reason="취업제한 열람",
    )
    bound = bound or {}
    context = {
        "x": restriction,
        "d": restriction.declarant,
        "checks": restriction.checks.all(),
        "events": Event.objects.filter(
            target_type="ethics.restriction", target_id=str(restriction.public_id)
        )[:30],
        "can_manage": perms.can_manage(request.user),
        "card_kinds": list(KINDS.items()),
        "today": today(),
        "action_error": error,
        "forms": {
            "guidance": bound.get("guidance") or DateForm(initial={"on": today()}),
            "remind": bound.get("remind") or DateForm(initial={"on": today()}),
            "check": bound.get("check") or f.CheckForm(initial={"applied_on": today()}),
        },
    }
    return no_store(render(request, "ethics/restriction.html", context, status=status))


@login_required
def restriction_card(request, public_id, kind: str, fmt: str):
    """The retiree's guidance card, to send by post or e-mail: the PNG at once (GET); the PDF as a job (POST,
    ADR 0008). The name on it is access-logged."""
    from django.http import HttpResponse

    from gamsa.core.board.cards import card_png
    from gamsa.ethics.restrictions.cards import restriction_card as make
    from gamsa.ethics.restrictions.tasks import start_card_pdf

    restriction = _restriction_for(request, public_id)
    if kind not in KINDS or fmt not in ("pdf", "png"):
        raise Http404
    if fmt == "pdf" and request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    log_access(
        request.user, restriction, ["성명", "퇴직일"], request=request, reason=KINDS[kind], action="export"
    )
    if fmt == "pdf":
        job = start_card_pdf(request.user, restriction, kind)
        return redirect("core:job", public_id=job.public_id)
    response = HttpResponse(card_png(make(restriction, kind)), content_type="image/png")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(KINDS[kind] + '.png')}"
    return no_store(response)


@login_required
def restriction_detail(request, public_id):
    return _page(request, _restriction_for(request, public_id))


def _check(restriction, data):
    found = restriction.checks.filter(public_id=data["check"]).first()
    if found is None:
        raise EthicsError("신청을 찾을 수 없습니다.")
    return found


def _guidance(request, restriction, d):
    svc.record_guidance(request.user, restriction, on=d["on"])
    return "취업제한 안내를 기록했습니다."


def _remind(request, restriction, d):
    svc.record_reminder(request.user, restriction, on=d["on"])
    return "종료 안내를 기록했습니다."


def _receive(request, restriction, d):
    check = svc.receive_check(request.user, restriction, **d)
    late = " (신청 기한이 지났습니다)" if check.applied_on > check.apply_by else ""
    return f"취업심사 신청을 접수했습니다{late}."


def _decide(request, restriction, d):
    svc.decide_check(request.user, _check(restriction, d), result=d["result"], on=d["on"])
    return "심사 결과를 기록했습니다."


ACTIONS = {
    "guidance": (DateForm, _guidance),
    "remind": (DateForm, _remind),
    "check": (f.CheckForm, _receive),
    "decide_check": (f.DecideCheckForm, _decide),
}


@login_required
@require_POST
def restriction_act(request, public_id, action: str):
    restriction = _restriction_for(request, public_id)

    def detail(bound=None, error="", status=200):
        return _page(request, restriction, bound, error, status)

    return run(request, action, ACTIONS, restriction, detail, "ethics:restriction", public_id=public_id)
