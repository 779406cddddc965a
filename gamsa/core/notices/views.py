"""Notice templates (the office's wording), staff preferences, and a case's notices (channel, resend)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gamsa.core.calendar import SEOUL
from gamsa.core.notices import permissions as perms
from gamsa.core.notices import rendering, services
from gamsa.core.notices.forms import PreferenceForm, StaffChoiceForm, TemplateForm
from gamsa.core.notices.models import Delivery, Kind, NoticeTemplate
from gamsa.core.permissions import deny_outsider, deny_read_only


@login_required
def templates(request):
    user = request.user
    deny_outsider(perms.can_view_templates(user))
    form = TemplateForm(request.POST or None, initial={"effective_from": timezone.localdate()})
    status = 200
    if request.method == "POST":
        deny_read_only(perms.can_edit_templates(user))
        if form.is_valid():
            try:
                template = services.create_template(user, **form.cleaned_data)
            except services.NoticeError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"'{template.get_kind_display()}' 서식을 등록했습니다.")
                return redirect("notices:templates")
        status = 400
    today = timezone.now().astimezone(SEOUL).date()
    rows = []
    history = list(
        NoticeTemplate.objects.select_related("created_by").order_by("kind", "-effective_from", "-id")
    )
    for kind, label in Kind.choices:
        versions = [t for t in history if t.kind == kind]
        current = next((t for t in versions if t.effective_from <= today), None)
        rows.append(
            {
                "kind": kind,
                "label": label,
                "current": current,
                "versions": versions,
                "variables": rendering.VARIABLES[kind],
            }
        )
    context = {"rows": rows, "form": form, "can_edit": perms.can_edit_templates(user)}
    return render(request, "notices/templates.html", context, status=status)


@login_required
@require_POST
def preference(request):
    deny_read_only(perms.can_set_preference(request.user))
    form = PreferenceForm(request.POST)
    if form.is_valid():
        services.set_preference(request.user, channel=form.cleaned_data["channel"])
        messages.success(request, "업무 알림 받는 방법을 저장했습니다.")
    else:
        messages.error(request, "알림 받는 방법을 목록에서 고르세요.")
    return redirect("core:account")


def _case_page(target_type: str, target_id: str) -> str:
    from django.urls import NoReverseMatch, reverse

    names = {"complaints.grievance": "complaints:detail", "patrols.finding": "patrols:finding_detail"}
    try:
        return reverse(names[target_type], args=[target_id]) + "#notices"
    except (KeyError, NoReverseMatch):
        return "/"


@login_required
@require_POST
def case_channel(request, target_type: str, target_id: str):
    user = request.user
    deny_outsider(perms.can_view_case_notices(user, target_type, target_id))
    deny_read_only(perms.can_manage_case_notices(user, target_type, target_id))
    form = StaffChoiceForm(request.POST)
    from gamsa.core.notices import targets

    target = targets.resolve(target_type, target_id, Kind.RECEIPT, {})
    deny_outsider(target is not None)
    if form.is_valid():
        try:
            services.record_choice(user, target.obj, **form.cleaned_data)
        except services.NoticeError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "통지 수단을 저장했습니다. 다음 통지부터 이 방법으로 보냅니다.")
    else:
        messages.error(request, "통지 수단을 목록에서 고르세요.")
    return HttpResponseRedirect(_case_page(target_type, target_id))


@login_required
@require_POST
def resend(request, public_id):
    delivery = get_object_or_404(Delivery, public_id=public_id)
    user = request.user
    deny_outsider(perms.can_view_case_notices(user, delivery.target_type, delivery.target_id))
    deny_read_only(perms.can_manage_case_notices(user, delivery.target_type, delivery.target_id))
    try:
        services.resend(user, delivery)
    except services.NoticeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "통지를 다시 보내도록 요청했습니다.")
    return HttpResponseRedirect(_case_page(delivery.target_type, delivery.target_id))


# --- the citizen's choice on a public form (used by gamsa/complaints/views/public.py) ---------------------------


class CitizenChoice:
    """The notice part of a public form: its form and the consent wording the template shows."""

    def __init__(self, form, main_form):
        from gamsa.core.notices import forms as notice_forms

        self.form = form
        self.main_form = main_form
        self.context = {
            "notice_form": form,
            "consent": {
                "items": notice_forms.CONSENT_ITEMS,
                "purpose": notice_forms.CONSENT_PURPOSE,
                "retention": notice_forms.CONSENT_RETENTION,
                "refusal": notice_forms.CONSENT_REFUSAL,
            },
        }


def citizen_choice_form(request, main_form) -> CitizenChoice:
    """The channel-and-consent form bound to the same POST (prefix "notice"); checked against the main form's
    phone and e-mail."""
    from gamsa.core.notices.forms import NoticeChoiceForm

    form = NoticeChoiceForm(request.POST or None, prefix="notice")
    choice = CitizenChoice(form, main_form)
    if request.method == "POST" and form.is_valid() and main_form.is_valid():
        data = main_form.cleaned_data
        form.check_contact(phone=data.get("phone", ""), email=data.get("email", ""))
    return choice


def record_citizen_choice(choice: CitizenChoice, obj) -> None:
    """Inside the public form's transaction, right after the case is received (its receipt goes after commit)."""
    data = choice.form.cleaned_data
    services.record_choice(None, obj, channel=data["channel"], consent=data["consent"], how="온라인 신청서")
