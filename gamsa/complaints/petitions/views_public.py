"""The public petition form (청원법 제11조): no account needed; the receipt shows the petition number and due date."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from gamsa.complaints.petitions import services as svc
from gamsa.complaints.petitions.forms import PublicPetitionForm
from gamsa.complaints.petitions.models import Petition


@never_cache
def file_petition(request):
    form = PublicPetitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = request.user if request.user.is_authenticated else None
        try:
            p = svc.receive_petition(
                user,
                title=data["title"],
                body=data["body"],
                petitioner=form.petitioner() | {"user": user},
                is_public_request=data["is_public_request"],
                matter=data["matter"],
                channel="web",
            )
        except svc.PetitionError as exc:
            form.add_error(None, str(exc))
        else:
            request.session["petition_receipt"] = p.case_number
            return redirect("petitions_public:receipt")
    return render(
        request, "complaints/petitions/public_form.html", {"form": form}, status=400 if form.errors else 200
    )


@never_cache
def receipt(request):
    case_number = request.session.pop("petition_receipt", None)
    if not case_number:
        return redirect("petitions_public:new")
    p = Petition.objects.get(case_number=case_number)
    return render(
        request,
        "complaints/petitions/public_receipt.html",
        {"p": p, "disclosure_due": svc.disclosure_due(p) if p.is_public_request else None},
    )
