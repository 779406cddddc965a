from __future__ import annotations

from django import forms

from gamsa.core.forms import KrdsForm
from gamsa.core.models import OrgUnit, UnitKind
from gamsa.integrity.monitoring.models import VulnerableArea
from gamsa.integrity.viewkit import date_field


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class RoundForm(KrdsForm):
    area = forms.ModelChoiceField(label="분야", queryset=VulnerableArea.objects.none())
    title = forms.CharField(label="제목", max_length=200)
    starts_on = date_field("시작일")
    ends_on = date_field("종료일", required=False)
    method = forms.CharField(label="방법", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = VulnerableArea.objects.filter(active=True)


class FindingForm(KrdsForm):
    title = forms.CharField(label="지적사항", max_length=300)
    description = forms.CharField(label="내용", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    unit = UnitField(label="처리 부서", queryset=OrgUnit.objects.none())
    requested_action = forms.CharField(
        label="요청 조치", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    due_date = date_field("조치 기한", required=False, help_text="비우면 14근무일 뒤로 정합니다.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(
            active=True, kind__in=[UnitKind.DEPARTMENT, UnitKind.DONG, UnitKind.FACILITY]
        ).order_by("path")


class NoteForm(KrdsForm):
    note = forms.CharField(label="확인 의견", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class SummaryForm(KrdsForm):
    summary = forms.CharField(label="결과 요지", widget=forms.Textarea(attrs={"rows": 5}))
