from __future__ import annotations

from django import forms

from gamsa.core.forms import KrdsForm
from gamsa.core.models import OrgUnit, UnitKind
from gamsa.integrity.events.models import AwardKind, EventKind, ParticipantKind
from gamsa.integrity.viewkit import date_field


class EventForm(KrdsForm):
    kind = forms.ChoiceField(label="행사 구분", choices=EventKind.choices)
    title = forms.CharField(label="행사명", max_length=200)
    held_on = date_field("행사일")
    place = forms.CharField(label="장소", max_length=100, required=False)
    description = forms.CharField(label="내용", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    other_count = forms.IntegerField(label="명단 없이 센 참여자 수", min_value=0, required=False, initial=0)


class ParticipantsForm(KrdsForm):
    staff_lines = forms.CharField(
        label="직원 (한 줄에 '공무원번호[, 점수[, 수상]]')",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    other_kind = forms.ChoiceField(
        label="외부 참여자 구분",
        choices=[c for c in ParticipantKind.choices if c[0] != ParticipantKind.STAFF],
    )
    other_lines = forms.CharField(
        label="외부 참여자 (한 줄에 '성명, 소속[, 점수[, 수상]]')",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class AwardRoundForm(KrdsForm):
    year = forms.IntegerField(label="연도", min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label="포상 구분", choices=AwardKind.choices)
    judged_on = date_field("심사일")
    winners = forms.IntegerField(label="선정 수", min_value=1, max_value=50, initial=3)


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class NomineeForm(KrdsForm):
    unit = UnitField(label="부서 (우수부서)", queryset=OrgUnit.objects.none(), required=False)
    employee_number = forms.CharField(label="공무원번호 (공무원 포상)", max_length=20, required=False)
    reason = forms.CharField(label="추천 사유", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(
            active=True, kind__in=[UnitKind.DEPARTMENT, UnitKind.DONG, UnitKind.FACILITY]
        ).order_by("path")
