from __future__ import annotations

from django import forms

from gamsa.core.forms import KrdsForm
from gamsa.humanrights.committee.models import (
    POSITION_RANK,
    AgendaKind,
    Decision,
    MeetingKind,
    Member,
    MemberKind,
    MemberPosition,
)
from gamsa.humanrights.viewkit import date_field


class TermForm(KrdsForm):
    number = forms.IntegerField(label="기수", min_value=1, max_value=99)
    starts_on = date_field("임기 시작일")
    ends_on = date_field("임기 만료일")


class MemberForm(KrdsForm):
    name = forms.CharField(label="성명", max_length=50)
    affiliation = forms.CharField(label="소속·직위", max_length=100, required=False)
    position = forms.ChoiceField(label="직책", choices=MemberPosition.choices, initial=MemberPosition.MEMBER)
    kind = forms.ChoiceField(label="구분", choices=MemberKind.choices, initial=MemberKind.APPOINTED)
    phone = forms.CharField(label="연락처", max_length=30, required=False)
    starts_on = date_field("임기 시작일 (비우면 기수 임기)", required=False)
    ends_on = date_field("임기 만료일 (비우면 기수 임기)", required=False)


class MemberEndForm(KrdsForm):
    member = forms.UUIDField(label="위원", widget=forms.Select)
    left_on = date_field("해촉·사임일")

    def __init__(self, *args, term=None, **kwargs):
        super().__init__(*args, **kwargs)
        serving = term.members.filter(left_on__isnull=True).order_by(POSITION_RANK, "id") if term else []
        self.fields["member"].widget.choices = [("", "선택")] + [(str(m.public_id), m.name) for m in serving]


class MeetingForm(KrdsForm):
    held_on = date_field("회의일")
    kind = forms.ChoiceField(label="구분", choices=MeetingKind.choices)
    place = forms.CharField(label="장소", max_length=150, required=False)


class AgendaForm(KrdsForm):
    kind = forms.ChoiceField(label="구분", choices=AgendaKind.choices)
    title = forms.CharField(label="안건명", max_length=200)
    summary = forms.CharField(label="제안 요지", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class DecideForm(KrdsForm):
    agenda = forms.UUIDField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label="결과", choices=[("", "선택")] + Decision.choices)
    decision_text = forms.CharField(
        label="의결 내용", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class MinutesForm(KrdsForm):
    attendees = forms.ModelMultipleChoiceField(
        label="출석 위원", queryset=Member.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )
    minutes = forms.CharField(label="회의 내용", widget=forms.Textarea(attrs={"rows": 8}))
    recorded_on = date_field("회의록 작성일")

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meeting is not None:
            field = self.fields["attendees"]
            field.queryset = meeting.term.members.exclude(left_on__lt=meeting.held_on).order_by(
                POSITION_RANK, "id"
            )
            field.label_from_instance = lambda m: f"{m.name} ({m.get_position_display()})"
