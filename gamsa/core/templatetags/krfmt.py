"""Korean formatting for templates: dates `2026. 11. 26.`, amounts `1,234,000원` / `1,234천원`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from html import escape

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

register = template.Library()
WEEKDAYS = "월화수목금토일"


def _local(value):
    """A moment in the district's time (settings.TIME_ZONE, Asia/Seoul). Nothing here activates another zone, and
    the default zone is one cached lookup where the active one is a context-variable read: long tables show
    dozens of moments per page."""
    if isinstance(value, dt.datetime) and value.utcoffset() is not None:
        return value.astimezone(timezone.get_default_timezone())
    return value


@register.filter
def kdate(value, with_weekday: bool = False) -> str:
    if not value:
        return ""
    value = _local(value)
    day = value.date() if isinstance(value, dt.datetime) else value
    text = f"{day.year}. {day.month}. {day.day}."
    return f"{text}({WEEKDAYS[day.weekday()]})" if with_weekday else text


@register.filter
def kdatetime(value) -> str:
    if not value:
        return ""
    value = _local(value)
    return f"{kdate(value)} {value:%H:%M}"


def _number(value) -> Decimal | int | None:
    if type(value) is int:  # the common case on long tables: no Decimal round trip
        return value
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@register.filter
def won(value) -> str:
    number = _number(value)
    return "" if number is None else f"{number:,.0f}원"


@register.filter
def thousand_won(value) -> str:
    """An amount already in thousands of won (예산 tables use 천원)."""
    number = _number(value)
    return "" if number is None else f"{number:,.0f}천원"


@register.filter
def comma(value) -> str:
    number = _number(value)
    return "" if number is None else f"{number:,.0f}"


@register.filter
def decimal(value, digits: int = 1) -> str:
    """1234.56 → "1,234.6" (rounded half to even, like every figure here)."""
    number = _number(value)
    return "" if number is None else f"{number:,.{int(digits)}f}"


@register.filter
def percent(value, digits: int = 0) -> str:
    number = _number(value)
    return "" if number is None else f"{number:,.{int(digits)}f}%"


@register.simple_tag
def remaining(due, now=None) -> str:
    """'3시간 남음' / '2일 지남' for a due moment."""
    if not due:
        return ""
    now = now or timezone.now()
    delta = due - now
    seconds = abs(delta.total_seconds())
    if seconds < 3600:
        amount = f"{int(seconds // 60)}분"
    elif seconds < 86400:
        amount = f"{int(seconds // 3600)}시간"
    else:
        amount = f"{int(seconds // 86400)}일"
    return f"{amount} 남음" if delta.total_seconds() >= 0 else f"{amount} 지남"


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "") if mapping else ""


@register.filter
def cut_page(querystring: str) -> str:
    """A query string without its `page` parameter, for pagination links."""
    return "&".join(part for part in (querystring or "").split("&") if part and not part.startswith("page="))


@register.filter
def filesize(value) -> str:
    number = _number(value)
    if number is None:
        return ""
    if number >= 1024 * 1024:
        return f"{number / (1024 * 1024):,.1f}MB"
    return f"{number / 1024:,.0f}KB"


@register.simple_tag
def fast_select(bound_field):
    """A <select> for a choice field, built in Python: on busy list pages Django's per-option widget templates
    (and even format_html per option) cost more than the query behind them."""
    current = str(bound_field.value() or "")
    options = []
    for value, label in bound_field.field.choices:
        value = str(getattr(value, "value", value))
        selected = " selected" if value == current else ""
        options.append(f'<option value="{escape(value)}"{selected}>{escape(str(label))}</option>')
    return mark_safe(  # noqa: S308 — every value in it passed through escape()
        f'<select name="{escape(bound_field.html_name)}" id="{escape(bound_field.auto_id)}" '
        f'class="krds-form-select">{"".join(options)}</select>'
    )


@register.filter
def verb_label(verb: str) -> str:
    from gamsa.core.verbs import label

    return label(verb)
