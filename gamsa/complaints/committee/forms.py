"""Forms of the 민원조정위원회: members by seat, meetings, agenda items by case number, decisions, the yearly review."""

from __future__ import annotations

from django import forms

from gamsa.complaints.committee.models import AgendaItem, CommitteeMember
from gamsa.complaints.fields import board_date
from gamsa.core.forms import KrdsForm
from gamsa.core.validators import reject_rrn


class MinutesForm(KrdsForm):
    minutes = forms.CharField(
        label="회의 결과",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "회의 결과를 적으세요."},
    )


# --- 민원조정위원회 ----------------------------------------------------------------------------------------------


class CommitteeMemberForm(KrdsForm):
    name = forms.CharField(label="성명", max_length=60)
    seat = forms.ChoiceField(label="구분", choices=CommitteeMember.Seat.choices)
    affiliation = forms.CharField(label="소속", max_length=100, required=False)


class _CommitteeMemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_seat_display()})"


class RemoveCommitteeMemberForm(KrdsForm):
    member = _CommitteeMemberChoice(
        label="위원",
        queryset=CommitteeMember.objects.filter(active=True).order_by("name"),
        error_messages={"required": "위원을 고르세요.", "invalid_choice": "위원을 다시 고르세요."},
    )


class _AttendeeChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_seat_display()})"


class CommitteeMeetingForm(KrdsForm):
    held_on = board_date("개최일")
    attendees = _AttendeeChoice(
        label="출석 위원",
        queryset=CommitteeMember.objects.filter(active=True).order_by("seat", "name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "출석 위원을 고르세요.", "invalid_choice": "출석 위원을 다시 고르세요."},
    )
    is_yearly_review = forms.BooleanField(
        label="다수인·재제출 민원 연례 점검 회의 (영 제38조의2)", required=False
    )
    minutes = forms.CharField(label="회의록", required=False, widget=forms.Textarea(attrs={"rows": 4}))


class AgendaItemForm(KrdsForm):
    case_number = forms.RegexField(
        label="민원 접수번호",
        regex=r"^\s*\d{4}-\d{6}\s*$",
        error_messages={
            "invalid": "접수번호는 '2026-000123' 형식입니다.",
            "required": "안건으로 올릴 민원의 접수번호를 입력하세요.",
        },
    )
    topic = forms.ChoiceField(label="안건 유형", choices=AgendaItem.Topic.choices)
    summary = forms.CharField(
        label="안건 요지",
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[reject_rrn],
        error_messages={"required": "안건 요지를 적으세요."},
    )


class ItemDecisionForm(KrdsForm):
    decision = forms.ChoiceField(
        label="의결",
        choices=[c for c in AgendaItem.Decision.choices if c[0] != "pending"],
        error_messages={"required": "의결 결과를 고르세요."},
    )
    decision_text = forms.CharField(
        label="의결 내용", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class YearForm(KrdsForm):
    year = forms.IntegerField(label="연도", min_value=2000, max_value=2100, required=False)
