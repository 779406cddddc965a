"""Form pieces the ethics screens share (KRDS widgets come from core's KrdsForm)."""

from __future__ import annotations

from django import forms

from gamsa.core.forms import KrdsForm
from gamsa.core.models import OrgUnit


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput())


def won_field(label: str, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=f"{label} (원)", required=required, min_value=0, max_value=10**15, help_text="원 단위, 숫자만"
    )


class UnitChoiceField(forms.ModelChoiceField):
    def __init__(self, label: str = "부서", **kwargs):
        super().__init__(queryset=OrgUnit.objects.filter(active=True).order_by("path"), label=label, **kwargs)

    def label_from_instance(self, obj):
        return obj.name


class DateForm(KrdsForm):
    on = date_field("일자")


__all__ = ["DateForm", "DateInput", "KrdsForm", "UnitChoiceField", "date_field", "won_field"]
