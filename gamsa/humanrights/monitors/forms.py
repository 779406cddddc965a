from __future__ import annotations

from django import forms

from gamsa.core.forms import KrdsForm
from gamsa.core.models import OrgUnit, UnitKind
from gamsa.humanrights.monitors.models import ActivityKind, Monitor
from gamsa.humanrights.viewkit import date_field


class CohortForm(KrdsForm):
    number = forms.IntegerField(label="기수", min_value=1, max_value=99)
    starts_on = date_field("활동 시작일")
    ends_on = date_field("활동 종료일")


class DongField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class AppointForm(KrdsForm):
    username = forms.CharField(label="아이디", max_length=150)
    full_name = forms.CharField(label="성명", max_length=50)
    phone = forms.CharField(label="연락처", max_length=30, required=False)
    team = forms.CharField(label="조 (예: 1조)", max_length=20, required=False)
    dong = DongField(
        label="활동 동", queryset=OrgUnit.objects.none(), required=False, empty_label="선택 안 함"
    )
    appointed_on = date_field("위촉일")
    password = forms.CharField(
        label="처음 비밀번호", widget=forms.PasswordInput, required=False,
        help_text="비우면 로그인할 수 없는 계정을 만들고, 비밀번호는 따로 안내합니다.",
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dong"].queryset = OrgUnit.objects.filter(kind=UnitKind.DONG, active=True).order_by(
            "sort_order"
        )


class EndForm(KrdsForm):
    monitor = forms.UUIDField(label="지킴이", widget=forms.Select)
    ended_on = date_field("해촉일")

    def __init__(self, *args, cohort=None, **kwargs):
        super().__init__(*args, **kwargs)
        active = cohort.monitors.select_related("user").filter(ended_on__isnull=True) if cohort else []
        self.fields["monitor"].widget.choices = [("", "선택")] + [
            (str(m.public_id), f"{m.user.display_name}{f' ({m.team})' if m.team else ''}") for m in active
        ]


class TrainingForm(KrdsForm):
    title = forms.CharField(label="교육명", max_length=150)
    held_on = date_field("교육일")
    hours = forms.DecimalField(label="시간", min_value=0.5, max_value=40, decimal_places=1, initial=2)
    place = forms.CharField(label="장소", max_length=150, required=False)
    attendees = forms.ModelMultipleChoiceField(
        label="이수자", queryset=Monitor.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, cohort=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["attendees"]
        if cohort is not None:
            field.queryset = cohort.monitors.select_related("user").filter(ended_on__isnull=True)
        field.label_from_instance = lambda m: f"{m.user.display_name}{f' ({m.team})' if m.team else ''}"


class ActivityForm(KrdsForm):
    """The monitor's phone form."""

    kind = forms.ChoiceField(label="구분", choices=ActivityKind.choices)
    held_on = date_field("활동일")
    place = forms.CharField(label="장소", max_length=150)
    title = forms.CharField(label="제목", max_length=150)
    content = forms.CharField(
        label="활동 내용·발견 사항", widget=forms.Textarea(attrs={"rows": 5}),
        help_text="다른 사람의 이름·연락처 등 개인정보는 적지 마세요.",
    )  # fmt: skip
    reached = forms.IntegerField(label="캠페인 참여·홍보 인원 (캠페인)", min_value=1, required=False)
    photo = forms.FileField(
        label="사진 (선택)", required=False, widget=forms.ClearableFileInput(attrs={"accept": "image/*"})
    )


class CheckForm(KrdsForm):
    note = forms.CharField(label="조사팀 의견", max_length=300, required=False)
