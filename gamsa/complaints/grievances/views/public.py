"""The public side: file a grievance without an account and take its 접수증, follow it with the receipt number and
PIN (steps, handling department and office phone, the answer with its remedy notice where one applies), rate the
answer, and — signed in — see "내 민원"."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gamsa.complaints.grievances import citizen, status_lookup
from gamsa.complaints.grievances import permissions as perms
from gamsa.complaints.grievances import services as svc
from gamsa.complaints.grievances.forms import PublicGrievanceForm, SatisfactionForm, StatusLookupForm
from gamsa.complaints.grievances.models import Channel, Grievance, Kind, SatisfactionSurvey
from gamsa.core import sealing
from gamsa.core.filecheck import FileRejected, check_upload
from gamsa.core.notices.models import CitizenChoice
from gamsa.core.notices.views import citizen_choice_form, record_citizen_choice
from gamsa.core.services import client_ip, store_attachment
from gamsa.core.sorting import sort_rows

RECEIPT_SESSION_KEY = "receipt"
RECEIPT_SEAL = "grievance-receipt-session"


@never_cache
def file_grievance(request):
    form = PublicGrievanceForm(request.POST or None, request.FILES or None)
    notice = citizen_choice_form(request, form)
    if request.method == "POST" and form.is_valid() and notice.form.is_valid():
        data = form.cleaned_data
        upload = data.get("attachment")
        checked = None
        if upload is not None:
            try:
                if upload.size > settings.GAMSA_ATTACHMENT_MAX_BYTES:
                    raise FileRejected("파일이 너무 큽니다.")
                checked = upload.read()
                check_upload(checked, settings.GAMSA_ATTACHMENT_MAX_BYTES)
            except FileRejected as exc:
                form.add_error("attachment", str(exc))
                return render(
                    request, "complaints/public_form.html", {"form": form, **notice.context}, status=400
                )
        try:
            with transaction.atomic():  # the complaint and its file land together or not at all
                receipt = svc.receive_grievance(
                    request.user if request.user.is_authenticated else None,
                    channel=Channel.MAYOR_INBOX,
                    kind=Kind.GRIEVANCE,
                    title=data["title"],
                    body=data["body"],
                    complainant={k: data[k] for k in ("name", "phone", "email", "address")}
                    | {"user": request.user if request.user.is_authenticated else None},
                    place_address=data["place_address"],
                    with_pin=True,
                )
                if checked is not None:
                    store_attachment(None, data=checked, original_name=upload.name, owner=receipt.grievance)
                record_citizen_choice(notice, receipt.grievance)
        except svc.GrievanceError as exc:
            form.add_error(None, str(exc))
        else:
            # The PIN is shown once, on the next page: until then the session (a database row) holds it sealed.
            request.session[RECEIPT_SESSION_KEY] = {
                "case_number": receipt.grievance.case_number,
                "pin": sealing.seal(receipt.pin, RECEIPT_SEAL),
            }
            return redirect("complaints_public:receipt")
    status = 400 if form.errors or notice.form.errors else 200
    return render(request, "complaints/public_form.html", {"form": form, **notice.context}, status=status)


@never_cache
def receipt(request):
    """The 접수증 right after filing: the only page that ever shows the PIN (read once from the session, then gone).

    On paper the PIN is left out unless the citizen ticks "확인번호도 인쇄" (print.css hides the row): a receipt left
    on a shared printer or desk then gives nobody access to the case. The PIN also reaches the citizen by the
    channel they chose (services.intake → core notices)."""
    data = request.session.pop(RECEIPT_SESSION_KEY, None)
    if not isinstance(data, dict):
        return redirect("complaints_public:status")
    g = (
        Grievance.objects.select_related("department", "handler__unit")
        .filter(case_number=data.get("case_number"))
        .first()
    )
    pin = sealing.unseal(str(data.get("pin", "")), RECEIPT_SEAL)
    if g is None or pin is None:
        return redirect("complaints_public:status")
    choice = CitizenChoice.objects.filter(target_type="complaints.grievance", target_id=g.case_number).first()
    sent_by = choice.get_channel_display() if choice and choice.consent and choice.channel != "none" else ""
    context = {
        "g": g,
        "pin": pin,
        "contact": citizen.contact(g),
        "sent_by": sent_by,
        "status_url": request.build_absolute_uri(reverse("complaints_public:status")),
    }
    return render(request, "complaints/public_receipt.html", context)


def _status_context(request, grievance, **extra) -> dict:
    context = {"g": grievance, **extra}
    if grievance is not None:
        context["answers"] = list(grievance.answers.all())
        context["extensions"] = grievance.extensions.all()
        context["steps"] = citizen.steps(grievance)
        context["contact"] = citizen.contact(grievance)
        context["survey"] = SatisfactionSurvey.objects.filter(grievance=grievance).first()
        if "survey_form" not in context and svc.survey_open(grievance):
            context["survey_form"] = SatisfactionForm()
    return context


@never_cache
def status(request):
    """Look a case up with the receipt number, PIN and phone digits; this browser then keeps it open for
    STATUS_SESSION_MINUTES (the case number only), so that the survey and printing need no second lookup."""
    form = StatusLookupForm(request.POST or None)
    grievance = None
    status_code = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = status_lookup.look_up(
            client_ip(request), data["case_number"], data["pin"], data["phone_tail"]
        )
        grievance, status_code = outcome.grievance, outcome.status
        if outcome.error:
            form.add_error(None, outcome.error)
        else:
            perms.remember_lookup(request, grievance)
    elif request.method == "POST":
        status_code = 400
    else:
        grievance = perms.looked_up_grievance(request)
    context = _status_context(request, grievance, form=form)
    return render(request, "complaints/public_status.html", context, status=status_code)


@never_cache
@require_POST
def survey(request):
    """만족도 조사: only for the case this browser unlocked with its PIN (the case comes from the session)."""
    grievance = perms.complainant_grievance_for(request)
    form = SatisfactionForm(request.POST)
    if form.is_valid():
        try:
            svc.submit_survey(
                request.user,
                grievance,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except svc.GrievanceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "만족도 조사에 참여해 주셔서 감사합니다.")
            return redirect("complaints_public:status")
    context = _status_context(request, grievance, form=StatusLookupForm(), survey_form=form)
    return render(request, "complaints/public_status.html", context, status=400)


@never_cache
@require_POST
def end_lookup(request):
    perms.forget_lookup(request)
    return redirect("complaints_public:status")


@login_required
def mine(request):
    """내 민원: what the signed-in person filed while signed in (grievances and petitions), nobody else's."""
    perms.require_own_cases(request)
    rows, _ = sort_rows(
        request,
        citizen.my_cases(request.user),
        {
            "deadline": lambda r: r.due_at if r.is_open else None,
            "received": lambda r: r.received_at,
            "number": lambda r: r.case_number,
            "kind": lambda r: r.kind,
            "status": lambda r: r.status,
            "title": lambda r: r.title,
        },
        default="deadline",
    )
    return render(request, "complaints/public_mine.html", {"rows": rows})
