from __future__ import annotations

from django import forms

from gamsa.core.forms import KrdsForm
from gamsa.integrity.survey.models import MIN_GROUP
from gamsa.integrity.viewkit import date_field

SCALE = [(1, "전혀 아니다"), (2, "아니다"), (3, "보통이다"), (4, "그렇다"), (5, "매우 그렇다")]


class QuestionnaireForm(KrdsForm):
    year = forms.IntegerField(label="연도", min_value=2000, max_value=2100)
    title = forms.CharField(label="제목", max_length=200)
    opens_on = date_field("시작일")
    closes_on = date_field("마감일")
    min_group = forms.IntegerField(
        label="공개 최소 응답 수", min_value=MIN_GROUP, max_value=100, initial=MIN_GROUP
    )


class AnswerForm(forms.Form):
    """One radio group per question; a missing answer keeps the others as chosen."""

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for q in self.questions:
            self.fields[f"q{q.pk}"] = forms.TypedChoiceField(
                label=f"{q.number}. {q.text}",
                choices=SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": "이 문항에 답하세요."},
            )

    def values(self) -> dict[int, int]:
        return {q.pk: self.cleaned_data[f"q{q.pk}"] for q in self.questions}
