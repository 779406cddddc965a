"""Small helpers the human-rights views share: the year asked for, running a service with its refusals turned into
a Korean message (or 403), date inputs, and the `no-store` header on pages with personal data."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied

from gamsa.humanrights.common import Denied, HumanRightsError, today


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput())


def year_param(request, default: int | None = None) -> int:
    fallback = default or today().year
    try:
        year = int(request.GET.get("year") or fallback)
    except ValueError:
        year = fallback
    return min(max(year, 2000), 2100)


def years_around(year: int | None = None) -> range:
    this = today().year
    return range(this + 1, this - 6, -1)


def attempt(run) -> str:
    """Run `run()`; return '' on success or the service's Korean refusal. A Denied becomes 403."""
    try:
        run()
    except HumanRightsError as exc:
        return str(exc)
    except Denied:
        raise PermissionDenied from None
    return ""


def private(response):
    response["Cache-Control"] = "no-store"
    return response
