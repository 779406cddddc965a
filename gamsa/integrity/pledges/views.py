"""청렴서약서: my pledge (sign in the browser), the rates by department, a department head's unit, the text versions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from gamsa.core import permissions as core_perms
from gamsa.core.services import log_access
from gamsa.integrity.permissions import head_unit_ids
from gamsa.integrity.pledges import permissions as perms
from gamsa.integrity.pledges import selectors
from gamsa.integrity.pledges import services as svc
from gamsa.integrity.pledges.forms import PledgeTextForm, SignForm
from gamsa.integrity.pledges.models import PledgeSignature, PledgeText
from gamsa.integrity.viewkit import today, year_choices, year_param


@login_required
def my_pledge(request):
    core_perms.deny_outsider(perms.can_sign(request.user))
    year = today().year
    text = svc.current_text(year)
    signature = PledgeSignature.objects.filter(year=year, user=request.user).select_related("text").first()
    form = SignForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                svc.sign(request.user)
            except svc.PledgeError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"{year}년 청렴서약서에 서명했습니다.")
                return redirect("integrity:my_pledge")
    history = PledgeSignature.objects.filter(user=request.user).select_related("text").order_by("-year")[:10]
    return render(
        request,
        "integrity/pledges/mine.html",
        {"text": text, "signature": signature, "form": form, "year": year, "history": history},
        status=status,
    )


@login_required
def rates(request):
    core_perms.deny_outsider(perms.can_see_rates(request.user))
    year = year_param(request)
    rows, total = selectors.rates(year)
    return render(
        request,
        "integrity/pledges/rates.html",
        {
            "year": year,
            "years": year_choices(),
            "rows": rows,
            "total": total,
            "text": svc.current_text(year),
            "can_manage": perms.can_manage_texts(request.user),
        },
    )


@login_required
def unit_status(request):
    core_perms.deny_outsider(perms.can_see_unit(request.user))
    year = year_param(request)
    units = head_unit_ids(request.user)
    unsigned = list(selectors.unsigned_in_units(year, units)[:1000])
    signed = list(selectors.signed_in_units(year, units)[:2000])
    log_access(
        request.user,
        None,
        ["성명", "소속", "서명 여부"],
        request=request,
        count=len(unsigned) + len(signed),
        reason="우리 부서 청렴서약 현황",
        target_type="integrity.pledge_unit",
        target_id=str(year),
    )
    return render(
        request,
        "integrity/pledges/unit.html",
        {"year": year, "years": year_choices(), "unsigned": unsigned, "signed": signed},
    )


@login_required
def texts(request):
    core_perms.deny_outsider(perms.can_see_rates(request.user))
    form = PledgeTextForm(
        request.POST if request.method == "POST" else None,
        initial={"year": today().year, "effective_from": today()},
    )
    status = 200
    if request.method == "POST":
        core_perms.deny_read_only(perms.can_manage_texts(request.user))
        status = 400
        if form.is_valid():
            try:
                text = svc.publish_text(request.user, **form.cleaned_data)
            except svc.PledgeError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"{text.year}년 청렴서약서 제{text.version}판을 등록했습니다.")
                return redirect("integrity:pledge_texts")
    return render(
        request,
        "integrity/pledges/texts.html",
        {
            "texts": PledgeText.objects.all()[:40],
            "form": form,
            "can_manage": perms.can_manage_texts(request.user),
        },
        status=status,
    )
