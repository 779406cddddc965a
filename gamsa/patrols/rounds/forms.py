"""The form of a patrol round (validation only; the services write)."""

from __future__ import annotations

from django import forms

from gamsa.core.forms import KrdsForm
from gamsa.core.models import User
from gamsa.patrols.formkit import DATE_ERRORS, DATE_WIDGET, TIME_ERRORS, TIME_WIDGET, dong_units
from gamsa.patrols.models import RoundKind


class RoundForm(KrdsForm):
    kind = forms.ChoiceField(label="순찰 유형", choices=RoundKind.choices)
    theme = forms.CharField(
        label="주제",
        max_length=200,
        required=False,
        help_text="기획순찰은 주제를 적습니다(예: 해빙기 취약시설).",
    )
    date = forms.DateField(label="순찰일", widget=DATE_WIDGET, error_messages=DATE_ERRORS)
    start_time = forms.TimeField(label="시작", required=False, widget=TIME_WIDGET, error_messages=TIME_ERRORS)
    end_time = forms.TimeField(label="종료", required=False, widget=TIME_WIDGET, error_messages=TIME_ERRORS)
    area = forms.ModelChoiceField(label="지역(동)", queryset=dong_units(), required=False, empty_label="전역")
    staff = forms.ModelMultipleChoiceField(
        label="참여 직원", queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    residents = forms.IntegerField(label="참여 주민 수", min_value=0, initial=0)
    police = forms.IntegerField(label="참여 경찰 수", min_value=0, initial=0)
    participants_note = forms.CharField(
        label="참여자(기관·단체)", max_length=300, required=False, help_text="예: 지구대, 자율방범대, 통장"
    )
    route = forms.CharField(
        label="경로(선택)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="한 줄에 '위도, 경도' 하나씩 적습니다. 예: 37.5263, 126.8962",
    )
    note = forms.CharField(label="비고", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from gamsa.core.models import Membership, Role

        ids = Membership.objects.filter(
            ended_on__isnull=True,
            unit__office_team="patrol",
            role__in=[Role.PATROL_OFFICER, Role.TEAM_LEADER],
        ).values("user_id")
        self.fields["staff"].queryset = User.objects.filter(pk__in=ids).order_by("full_name")
        self.fields["staff"].label_from_instance = lambda u: u.display_name

    def clean_route(self):
        points = []
        for n, line in enumerate((self.cleaned_data.get("route") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.replace("\t", ",").split(",")]
            try:
                lat, lng = float(parts[0]), float(parts[1])
            except (ValueError, IndexError) as exc:
                raise forms.ValidationError(
                    f"{n}번째 줄을 읽을 수 없습니다. '위도, 경도'로 적어 주세요."
                ) from exc
            points.append([lat, lng])
        return points

    def clean(self):
        data = super().clean()
        if data.get("kind") == RoundKind.PLANNED and not (data.get("theme") or "").strip():
            self.add_error("theme", "기획순찰은 주제를 적어 주세요.")
        return data
