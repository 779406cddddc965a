"""납세자보호관: the register with the year's figures, intake, the case screen and closing with measures."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gamsa.complaints.taxpayer import permissions as perms
from gamsa.complaints.taxpayer import services as svc
from gamsa.complaints.taxpayer.forms import TaxpayerCaseForm, TaxpayerCloseForm
from gamsa.complaints.taxpayer.models import TaxpayerCase
from gamsa.core.models import Event
from gamsa.core.services import log_access

PAGE_SIZE = 30
PERSONAL_FIELDS = ["성명", "연락처", "주소"]


@login_required
def case_list(request):
    perms.require(request)
    now = timezone.now()
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    kind = request.GET.get("kind", "")
    rows = TaxpayerCase.objects.all()
    if kind in svc.Kind.values:
        rows = rows.filter(kind=kind)
    page = Paginator(rows.order_by("-received_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    counts = svc.yearly_counts(year)
    return render(
        request,
        "complaints/taxpayer/list.html",
        {
            "page": page,
            "now": now,
            "year": year,
            "kind": kind,
            "kinds": svc.Kind.choices,
            "counts": [(label, counts[value]) for value, label in svc.Kind.choices],
            "can_manage": perms.can_manage(request.user),
        },
    )


@login_required
def case_create(request):
    perms.require(request, "manage")
    form = TaxpayerCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = svc.receive_case(
                request.user,
                kind=data["kind"],
                summary=data["summary"],
                tax_item=data["tax_item"],
                received_at=data["received_at"],
                taxpayer={k: data[k] for k in ("name", "phone", "address")},
            )
        except svc.TaxpayerError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{case.case_number}(으)로 접수했습니다.")
            return redirect("complaints_taxpayer:detail", case_number=case.case_number)
    return render(
        request, "complaints/taxpayer/form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def case_detail(request, case_number: str, close_form=None, error: str = "", status: int = 200):
    case = perms.case_for(request, case_number)
    show_personal = perms.can_see_personal_data(request.user)
    if show_personal:
        log_access(request.user, case, PERSONAL_FIELDS, request=request, reason="납세자보호관 사건 처리")
    return render(
        request,
        "complaints/taxpayer/detail.html",
        {
            "c": case,
            "now": timezone.now(),
            "show_personal": show_personal,
            "can_manage": perms.can_manage(request.user),
            "close_form": close_form or TaxpayerCloseForm(),
            "action_error": error,
            "events": Event.objects.filter(
                target_type="complaints.taxpayercase", target_id=case.case_number
            ).order_by("at"),
        },
        status=status,
    )


@login_required
@require_POST
def case_close(request, case_number: str):
    case = perms.case_for(request, case_number, "manage")
    form = TaxpayerCloseForm(request.POST)
    if not form.is_valid():
        return case_detail(request, case_number, close_form=form, status=400)
    try:
        svc.close_case(request.user, case, measure=form.cleaned_data["measure"])
    except svc.TaxpayerError as exc:
        return case_detail(request, case_number, close_form=form, error=str(exc), status=400)
    messages.success(request, "처리를 완료했습니다.")
    return redirect("complaints_taxpayer:detail", case_number=case_number)
