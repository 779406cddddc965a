"""특이민원·직원 보호: the register of abusive complainants, incidents, staff protection requests, expert advice."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gamsa.complaints.grievances.models import Grievance
from gamsa.complaints.grievances.permissions import visible_grievance
from gamsa.complaints.protection import permissions as perms
from gamsa.complaints.protection import services as svc
from gamsa.complaints.protection.forms import (
    ConsultationForm,
    IncidentForm,
    MarkAbusiveForm,
    ProtectionDecisionForm,
    ProtectionRequestForm,
    UnmarkForm,
)
from gamsa.complaints.protection.models import AbuseIncident, ExpertConsultation
from gamsa.core.services import log_access

PERSONAL_FIELDS = ["성명", "연락처"]
PAGE_SIZE = 30


def _incident_rows(queryset):
    rows = []
    for incident in queryset:
        rows.append(
            {
                "i": incident,
                "measures": svc.measure_labels(incident.measures),
                "exceeded": svc.exceeded_minutes(incident),
            }
        )
    return rows


@login_required
def index(request, mark_form=None, error: str = "", status: int = 200):
    user = request.user
    perms.require(request, "page")
    context = {
        "can_view": perms.can_view(user),
        "can_manage": perms.can_manage(user),
        "show_personal": perms.can_see_personal_data(user),
        "recommended": svc.recommended_minutes(),
        "can_request": perms.can_request(user),
        "action_error": error,
    }
    if context["can_view"]:
        complainants = list(svc.abusive_complainants()[:200])
        if context["show_personal"] and complainants:
            log_access(
                user,
                None,
                PERSONAL_FIELDS,
                request=request,
                reason="특이민원인 목록",
                count=len(complainants),
                target_type="complaints.complainant",
                target_id="특이민원인 목록",
            )
        incidents = AbuseIncident.objects.select_related("complainant", "staff_affected").order_by(
            "-occurred_at"
        )[:30]
        context.update(
            complainants=complainants,
            incidents=_incident_rows(incidents),
            mark_form=mark_form or MarkAbusiveForm(),
        )
    return render(request, "complaints/protection/index.html", context, status=status)


@login_required
@require_POST
def mark(request):
    perms.require(request, "manage")
    form = MarkAbusiveForm(request.POST)
    if not form.is_valid():
        return index(request, mark_form=form, status=400)
    number = form.cleaned_data["case_number"].strip()
    grievance = (
        visible_grievance(request.user, number, queryset=Grievance.objects.select_related("complainant"))
        if number
        else None
    )
    if grievance is None:
        form.add_error(
            "case_number", "이 접수번호의 고충민원이 없습니다." if number else "민원 접수번호를 입력하세요."
        )
        return index(request, mark_form=form, status=400)
    try:
        person = svc.mark_abusive(
            request.user,
            grievance.complainant,
            handler=form.cleaned_data["handler"],
            reason=form.cleaned_data["reason"],
        )
    except svc.ProtectionError as exc:
        return index(request, mark_form=form, error=str(exc), status=400)
    messages.success(request, "특이민원으로 지정하고 전담자를 정했습니다.")
    return redirect("complaints_protection:complainant", public_id=person.public_id)


@login_required
def complainant(request, public_id, forms: dict | None = None, error: str = "", status: int = 200):
    person = perms.complainant_for(request, public_id)
    user = request.user
    show_personal = perms.can_see_personal_data(user)
    if show_personal:
        log_access(user, person, PERSONAL_FIELDS, request=request, reason="특이민원 관리")
    forms = forms or {}
    incidents = AbuseIncident.objects.filter(complainant=person).select_related("staff_affected", "grievance")
    return render(
        request,
        "complaints/protection/complainant.html",
        {
            "p": person,
            "show_personal": show_personal,
            "can_manage": perms.can_manage(user),
            "incidents": _incident_rows(incidents),
            "recommended": svc.recommended_minutes(),
            "grievances": Grievance.objects.filter(complainant=person)
            .only("case_number", "title", "received_at")
            .order_by("-received_at")[:20],
            "incident_form": forms.get("incident") or IncidentForm(),
            "handler_form": forms.get("handler")
            or MarkAbusiveForm(initial={"handler": person.dedicated_handler_id}),
            "unmark_form": forms.get("unmark") or UnmarkForm(),
            "action_error": error,
        },
        status=status,
    )


@login_required
@require_POST
def complainant_act(request, public_id, action: str):
    person = perms.complainant_for(request, public_id, "manage")
    form_class = {"incident": IncidentForm, "handler": MarkAbusiveForm, "unmark": UnmarkForm}.get(action)
    if form_class is None:
        from django.http import Http404

        raise Http404
    form = form_class(request.POST)
    if not form.is_valid():
        return complainant(request, public_id, forms={action: form}, status=400)
    data = form.cleaned_data
    try:
        if action == "incident":
            grievance = None
            if data["grievance"]:
                grievance = visible_grievance(request.user, data["grievance"])
                if grievance is None:
                    raise svc.ProtectionError("이 접수번호의 고충민원이 없습니다.")
            svc.record_incident(
                request.user,
                person,
                occurred_at=data["occurred_at"],
                kind=data["kind"],
                description=data["description"],
                measures=data["measures"],
                duration_minutes=data["duration_minutes"],
                staff_affected=data["staff_affected"],
                grievance=grievance,
            )
            message = "발생 기록을 남겼습니다."
        elif action == "handler":
            svc.mark_abusive(request.user, person, handler=data["handler"], reason=data["reason"])
            message = "전담자를 정했습니다."
        else:
            svc.unmark_abusive(request.user, person, reason=data["reason"])
            message = "특이민원 지정을 해제했습니다."
    except svc.ProtectionError as exc:
        return complainant(request, public_id, forms={action: form}, error=str(exc), status=400)
    messages.success(request, message)
    return redirect("complaints_protection:complainant", public_id=person.public_id)


def _own_incidents(user):
    return AbuseIncident.objects.filter(staff_affected=user).order_by("-occurred_at")[:50]


@login_required
def requests(request, form=None, decision_form=None, error: str = "", status: int = 200):
    user = request.user
    perms.require(request, "page")
    rows = (
        perms.visible_requests(user)
        .select_related("requested_by", "decided_by", "incident")
        .order_by("-requested_at")
    )
    return render(
        request,
        "complaints/protection/requests.html",
        {
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "form": form or ProtectionRequestForm(incidents=_own_incidents(user)),
            "decision_form": decision_form,
            "can_request": perms.can_request(user),
            "can_decide": perms.can_decide(user),
            "action_error": error,
            "labels": svc.measure_labels,
        },
        status=status,
    )


@login_required
@require_POST
def request_create(request):
    user = request.user
    perms.require(request, "request")
    own = list(_own_incidents(user))
    form = ProtectionRequestForm(request.POST, incidents=own)
    if not form.is_valid():
        return requests(request, form=form, status=400)
    incident = next((i for i in own if str(i.pk) == form.cleaned_data["incident"]), None)
    try:
        svc.request_protection(
            user,
            details=form.cleaned_data["details"],
            measures=form.cleaned_data["measures"],
            incident=incident,
        )
    except svc.ProtectionError as exc:
        return requests(request, form=form, error=str(exc), status=400)
    messages.success(request, "보호조치를 요청했습니다. 민원관리팀장과 감사담당관만 이 요청을 봅니다.")
    return redirect("complaints_protection:requests")


@login_required
@require_POST
def request_decide(request):
    user = request.user
    perms.require(request, "decide")
    form = ProtectionDecisionForm(request.POST)
    if not form.is_valid():
        return requests(request, decision_form=form, error="결정과 조치 내용을 입력하세요.", status=400)
    target = perms.protection_request_for(request, form.cleaned_data["request_id"])
    try:
        svc.decide_protection(
            user, target, grant=form.cleaned_data["grant"], response=form.cleaned_data["response"]
        )
    except svc.ProtectionError as exc:
        return requests(request, decision_form=form, error=str(exc), status=400)
    messages.success(request, "보호조치 요청을 처리했습니다.")
    return redirect("complaints_protection:requests")


@login_required
def consultations(request, form=None, error: str = "", status: int = 200):
    perms.require(request)
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    rows = ExpertConsultation.objects.select_related("grievance").order_by("-consulted_on", "-id")
    return render(
        request,
        "complaints/protection/consultations.html",
        {
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "year": year,
            "year_count": svc.consultations_in(year).count(),
            "form": form or ConsultationForm(),
            "can_manage": perms.can_manage(request.user),
            "action_error": error,
            "by_kind": {
                label: svc.consultations_in(year).filter(expert_kind=value).count()
                for value, label in ExpertConsultation.Expert.choices
            },
        },
        status=status,
    )


@login_required
@require_POST
def consultation_create(request):
    perms.require(request, "manage")
    form = ConsultationForm(request.POST)
    if not form.is_valid():
        return consultations(request, form=form, status=400)
    data = form.cleaned_data
    try:
        svc.record_consultation(
            request.user,
            expert_kind=data["expert_kind"],
            expert_name=data["expert_name"],
            consulted_on=data["consulted_on"],
            question=data["question"],
            advice=data["advice"],
            fee=data["fee"],
            grievance_number=(data["grievance_number"] or "").strip(),
        )
    except svc.ProtectionError as exc:
        return consultations(request, form=form, error=str(exc), status=400)
    messages.success(request, "전문가 자문을 기록했습니다.")
    return redirect("complaints_protection:consultations")
