"""Small pieces of the grievance desk's markup, built in Python because the list renders them on every row."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from gamsa.complaints.models import Status

register = template.Library()

_DONE = frozenset({Status.ANSWERED, Status.CLOSED})
_ENDED = frozenset({Status.TRANSFERRED, Status.WITHDRAWN, Status.REJECTED, Status.CLOSED_INTERNALLY})


def status_tone(grievance, now) -> str:
    """The badge colour: answered or closed is green, ended otherwise is grey, open and late is red."""
    if grievance.status in _DONE:
        return "success"
    if grievance.status in _ENDED:
        return "gray"
    if grievance.is_open and grievance.due_at and grievance.due_at < now:
        return "danger"
    return "primary"


@register.simple_tag
def status_badge(grievance, now):
    return format_html(
        '<span class="krds-badge small bg-light-{}">{}</span>',
        status_tone(grievance, now),
        grievance.get_status_display(),
    )
