"""Forms of the 고지거부 screens."""

from __future__ import annotations

from django import forms

from gamsa.ethics.formkit import KrdsForm, date_field, won_field
from gamsa.ethics.refusals.models import RefusalTrigger, Relation


class ApplicationForm(KrdsForm):
    relation = forms.ChoiceField(label="고지거부자와의 관계", choices=Relation.choices)
    relative_name = forms.CharField(label="고지거부자 성명", max_length=50)
    relative_birth_year = forms.IntegerField(label="출생연도", min_value=1900, max_value=2100, required=False)
    separate_household = forms.BooleanField(label="주민등록표상 별도 세대", required=False)
    occupation = forms.CharField(label="직업", max_length=60, required=False)
    annual_income = won_field("연간 정기 소득")
    assets = won_field("보유 재산")
    reason = forms.CharField(
        label="신청 사유", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )
    trigger = forms.ChoiceField(label="신청 사유 발생 (영 제27조①)", choices=RefusalTrigger.choices)
    trigger_on = date_field("사유 발생일")
    applied_on = date_field("신청일")


class ReexaminationForm(KrdsForm):
    applied_on = date_field("재심사 신청일")
    annual_income = won_field("연간 정기 소득")
    assets = won_field("보유 재산")
    occupation = forms.CharField(label="직업", max_length=60, required=False)
    reason = forms.CharField(
        label="신청 사유", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )


class DecideForm(KrdsForm):
    granted = forms.TypedChoiceField(
        label="결정", choices=[("1", "허가"), ("0", "불허가")], coerce=lambda v: v == "1"
    )
    on = date_field("결정일 (서면 심의)")
    note = forms.CharField(
        label="결정 사유", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )


class EmptyForm(KrdsForm):
    pass
