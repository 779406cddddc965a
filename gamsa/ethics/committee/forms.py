"""Forms of the committee screens."""

from __future__ import annotations

from django import forms

from gamsa.core.models import Role, User
from gamsa.ethics.committee.models import Decision, MeetingKind, Seat
from gamsa.ethics.formkit import KrdsForm, date_field, won_field
from gamsa.ethics.registration.review_models import Measure


class AccountField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name} ({obj.username})"


class MemberForm(KrdsForm):
    name = forms.CharField(label="성명", max_length=50)
    seat = forms.ChoiceField(label="구분", choices=Seat.choices)
    affiliation = forms.CharField(label="소속·직위", max_length=100, required=False)
    started_on = date_field("위촉일")
    user = AccountField(
        label="열람 계정 (공직자윤리위원 역할)",
        queryset=User.objects.none(),
        required=False,
        to_field_name="username",
        help_text="연결하면 그 위원은 자기가 소집된 회의의 안건만 볼 수 있습니다.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(
            memberships__role=Role.ETHICS_COMMITTEE, memberships__ended_on__isnull=True, is_active=True
        ).distinct()


class MeetingForm(KrdsForm):
    kind = forms.ChoiceField(label="구분", choices=MeetingKind.choices)
    held_on = date_field("개최일")
    place = forms.CharField(label="장소", max_length=100, required=False)


class ItemForm(KrdsForm):
    title = forms.CharField(label="안건명", max_length=200)
    proposal = forms.CharField(
        label="제안 내용", widget=forms.Textarea(attrs={"rows": 2}), max_length=4000, required=False
    )


class DecideItemForm(KrdsForm):
    item = forms.UUIDField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label="의결", choices=[c for c in Decision.choices if c[0] != Decision.PENDING]
    )
    on = date_field("의결일")
    text = forms.CharField(label="의결 내용", max_length=4000, required=False)
    measures = forms.MultipleChoiceField(
        label="조치 (재산등록 심사 안건)",
        choices=Measure.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    fine_amount = won_field("과태료")
    granted = forms.TypedChoiceField(
        label="고지거부 (고지거부 안건)",
        choices=[("", "해당 없음"), ("1", "허가"), ("0", "불허가")],
        coerce=lambda v: v == "1",
        empty_value=None,
        required=False,
    )


class MinutesForm(KrdsForm):
    minutes = forms.CharField(label="회의 요지", widget=forms.Textarea(attrs={"rows": 5}), max_length=8000)


class EmptyForm(KrdsForm):
    pass
