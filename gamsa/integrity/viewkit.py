"""Small helpers the integrity screens share."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from gamsa.core.calendar import SEOUL


def today() -> dt.date:
    return timezone.now().astimezone(SEOUL).date()


def year_param(request, default: int | None = None) -> int:
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and len(raw) == 4 else None
    if year is None or not 2000 <= year <= 2100:
        return default or today().year
    return year


def year_choices(around: int | None = None) -> list[int]:
    this = around or today().year
    return list(range(this, this - 5, -1))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: str, required: bool = True, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), **kwargs)
