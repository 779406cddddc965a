"""`{% notices_panel case %}` on a case page and `{% notice_preference_card %}` on the account page."""

from __future__ import annotations

from django import template

from gamsa.core.notices import permissions as perms
from gamsa.core.notices.forms import PreferenceForm, StaffChoiceForm
from gamsa.core.notices.models import Channel, CitizenChoice, Delivery, StaffNoticePreference
from gamsa.core.services import target_ref

register = template.Library()


@register.inclusion_tag("notices/_panel.html", takes_context=True)
def notices_panel(context, obj, citizen: bool = True):
    """The notices of one case and their status; the case's managers may set the channel and resend a failure.
    The page that includes it has already checked that the user may see the case."""
    target_type, target_id, _ = target_ref(obj)
    user = context["request"].user
    deliveries = list(
        Delivery.objects.filter(target_type=target_type, target_id=target_id).order_by("created_at", "id")[
            :200
        ]
    )
    choice = (
        CitizenChoice.objects.filter(target_type=target_type, target_id=target_id).first()
        if citizen
        else None
    )
    can_manage = perms.can_manage_case_notices(user, target_type, target_id)
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "deliveries": deliveries,
        "failed": sum(1 for d in deliveries if d.status == "failed"),
        "choice": choice,
        "citizen": citizen,
        "can_manage": can_manage,
        "choice_form": StaffChoiceForm(
            initial={
                "channel": choice.channel if choice else Channel.SMS,
                "consent": bool(choice and choice.consent),
            }
        )
        if can_manage and citizen
        else None,
        "target_type": target_type,
        "target_id": target_id,
    }


@register.inclusion_tag("notices/_preference_card.html", takes_context=True)
def notice_preference_card(context):
    user = context["request"].user
    if not perms.can_set_preference(user):
        return {"show": False}
    pref = StaffNoticePreference.objects.filter(user=user).first()
    channel = pref.channel if pref else Channel.EMAIL
    return {
        "show": True,
        "csrf_token": context.get("csrf_token"),
        "form": PreferenceForm(initial={"channel": channel}),
        "channel_label": Channel(channel).label,
        "has_phone": bool(user.phone),
        "has_email": bool(user.email),
    }
