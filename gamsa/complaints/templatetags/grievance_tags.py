"""Small pieces of the grievance desk's markup, built in Python because the list renders them on every row."""

from __future__ import annotations

import re
from html import escape

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe

from gamsa.complaints.models import Status
from gamsa.core.templatetags.krfmt import kdatetime, remaining

register = template.Library()

_DONE = frozenset({Status.ANSWERED, Status.CLOSED})
_ENDED = frozenset({Status.TRANSFERRED, Status.WITHDRAWN, Status.REJECTED, Status.CLOSED_INTERNALLY})
_PLAIN_NUMBER = re.compile(r"[0-9A-Za-z-]+")  # the office's own numbers; imported ones may hold anything
_detail_prefixes: dict[str, str] = {}


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
def status_badge(grievance, now, size: str = "small", testid: str = "") -> SafeString:
    """The status as a badge in its tone: the list's rows (small) and the case's own page (large, with a test id)."""
    test_attribute = f' data-testid="{escape(testid)}"' if testid else ""
    return mark_safe(  # noqa: S308 — every value in it passed through escape()
        f'<span class="krds-badge {escape(size)} bg-light-{status_tone(grievance, now)}"{test_attribute}>'
        f"{escape(str(grievance.get_status_display()))}</span>"
    )


def _badge(text: str, tone: str) -> str:
    return f' <span class="krds-badge small bg-light-{tone}">{escape(text)}</span>'


def detail_url(case_number: str) -> str:
    """The case's address. `reverse()` per row cost more than the rest of the row; the office's own numbers are
    put into the address reversed once per script prefix, anything else still goes through `reverse()`."""
    if not _PLAIN_NUMBER.fullmatch(case_number):
        return reverse("complaints:detail", args=[case_number])
    prefix = get_script_prefix()
    template_url = _detail_prefixes.get(prefix)
    if template_url is None:
        template_url = _detail_prefixes[prefix] = reverse("complaints:detail", args=["0-CASE-0"])
    return template_url.replace("0-CASE-0", case_number)


@register.simple_tag
def grievance_row(grievance, now):
    """One row of the desk's list. The desk shows 30 of these on every page view, the office's busiest page: built
    here with one escape per value it costs a fraction of the same markup in template tags or format_html."""
    g = grievance
    title = g.title if len(g.title) <= 40 else g.title[:39] + "…"
    marks = (_badge("반복", "warning") if g.repeat_of_id else "") + (
        _badge("재민원", "warning") if g.reopened_from_id else ""
    )
    due = f'<span class="gamsa-nowrap">{kdatetime(g.due_at)}</span>'
    if g.is_open:
        due += f"<br><small>{remaining(g.due_at, now)}</small>"
    if g.extension_count:
        due += _badge(f"연장 {g.extension_count}", "secondary")
    department = g.department.name if g.department_id else "미배정"
    return mark_safe(  # noqa: S308 — every value in it passed through escape()
        f'<tr><td class="gamsa-nowrap"><a href="{escape(detail_url(g.case_number))}">{escape(g.case_number)}</a>'
        f"</td><td>{escape(title)}{marks}</td><td>{escape(str(g.get_channel_display()))}</td>"
        f'<td>{escape(department)}</td><td class="gamsa-nowrap">{kdatetime(g.received_at)}</td><td>{due}</td>'
        f"<td>{status_badge(g, now)}</td></tr>"
    )


@register.inclusion_tag("complaints/_remedy_notice.html")
def remedy_notice(answer) -> dict:
    """The 행정심판·행정소송 notice under an answer that refuses or only partly accepts (grievances/remedies.py);
    nothing under any other answer."""
    from gamsa.complaints.grievances import remedies

    return {
        "show": remedies.shows_remedy(answer),
        "title": remedies.TITLE,
        "paragraphs": remedies.PARAGRAPHS,
        "answer": answer,
    }
