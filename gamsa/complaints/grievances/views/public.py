"""The public side: file a grievance without an account, then follow it with the receipt number and PIN."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from gamsa.complaints.grievances import services as svc
from gamsa.complaints.grievances import status_lookup
from gamsa.complaints.grievances.forms import PublicGrievanceForm, StatusLookupForm
from gamsa.complaints.grievances.models import Channel, Grievance, Kind
from gamsa.core.filecheck import FileRejected, check_upload
from gamsa.core.notices.views import citizen_choice_form, record_citizen_choice
from gamsa.core.services import client_ip, store_attachment


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
            # The PIN is shown once, on the next page, and never stored in plain text.
            request.session["receipt"] = {"case_number": receipt.grievance.case_number, "pin": receipt.pin}
            return redirect("complaints_public:receipt")
    status = 400 if form.errors or notice.form.errors else 200
    return render(request, "complaints/public_form.html", {"form": form, **notice.context}, status=status)


@never_cache
def receipt(request):
    data = request.session.pop("receipt", None)
    if not data:
        return redirect("complaints_public:status")
    g = Grievance.objects.get(case_number=data["case_number"])
    return render(request, "complaints/public_receipt.html", {"g": g, "pin": data["pin"]})


@never_cache
def status(request):
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
    elif request.method == "POST":
        status_code = 400
    context = {"form": form, "g": grievance}
    if grievance is not None:
        context["answers"] = grievance.answers.all()
        context["extensions"] = grievance.extensions.all()
    return render(request, "complaints/public_status.html", context, status=status_code)
