from __future__ import annotations

from django import forms

from gamsa.core.forms import KrdsForm
from gamsa.core.models import OrgUnit, UnitKind
from gamsa.integrity.viewkit import date_field


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class MeetingForm(KrdsForm):
    held_on = date_field("일자")
    title = forms.CharField(label="회의명", max_length=200)
    place = forms.CharField(label="장소", max_length=100, required=False)
    chair = forms.CharField(label="주재", max_length=60, required=False)
    attendees = forms.CharField(label="참석자", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ItemForm(KrdsForm):
    title = forms.CharField(label="안건", max_length=200)
    unit = UnitField(label="보고 부서", queryset=OrgUnit.objects.none(), required=False)
    summary = forms.CharField(label="보고 내용", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    decision = forms.CharField(
        label="결정·지시 사항", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(
            active=True, kind__in=[UnitKind.BUREAU, UnitKind.DEPARTMENT, UnitKind.DONG]
        ).order_by("path")


class MinutesForm(KrdsForm):
    minutes = forms.CharField(label="회의 요지", widget=forms.Textarea(attrs={"rows": 6}))
