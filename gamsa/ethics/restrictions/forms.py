"""Forms of the 취업제한 screens."""

from __future__ import annotations

from django import forms

from gamsa.ethics.formkit import KrdsForm, date_field
from gamsa.ethics.restrictions.models import CheckKind, CheckResult


class CheckForm(KrdsForm):
    kind = forms.ChoiceField(label="신청 구분", choices=CheckKind.choices)
    employer = forms.CharField(label="취업예정기관", max_length=100)
    position = forms.CharField(label="직위", max_length=60, required=False)
    planned_start_on = date_field("취업예정일")
    applied_on = date_field("신청일")


class DecideCheckForm(KrdsForm):
    check = forms.UUIDField(widget=forms.HiddenInput)
    result = forms.ChoiceField(
        label="결과", choices=[c for c in CheckResult.choices if c[0] != CheckResult.PENDING]
    )
    on = date_field("결정일")
