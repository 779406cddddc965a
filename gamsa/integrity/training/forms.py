from __future__ import annotations

from django import forms

from gamsa.core.forms import KrdsForm
from gamsa.integrity.training.models import LIFE_STAGES, Course
from gamsa.integrity.viewkit import date_field


class ImportForm(KrdsForm):
    file = forms.FileField(label="학습 시스템 내려받기 파일 (XLSX·CSV)")
    skip_bad = forms.BooleanField(
        label="잘못된 행은 건너뛰고 나머지를 등록",
        required=False,
        help_text="고르지 않으면 잘못된 행이 하나라도 있을 때 아무것도 등록하지 않습니다.",
    )


class SessionForm(KrdsForm):
    course = forms.ModelChoiceField(label="과정", queryset=Course.objects.none())
    title = forms.CharField(label="차수·제목", max_length=200)
    held_on = date_field("교육일")
    ends_on = date_field("종료일", required=False)
    place = forms.CharField(label="장소", max_length=100, required=False)
    audience_note = forms.CharField(label="대상(설명)", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.filter(active=True)


def _numbers(text: str) -> list[str]:
    return [n.strip() for n in text.replace(",", "\n").splitlines() if n.strip()]


class NumbersForm(KrdsForm):
    numbers = forms.CharField(label="공무원번호 (한 줄에 하나)", widget=forms.Textarea(attrs={"rows": 6}))

    def clean_numbers(self):
        numbers = _numbers(self.cleaned_data["numbers"])
        if not numbers:
            raise forms.ValidationError("공무원번호를 한 줄에 하나씩 입력하세요.")
        return numbers


class StageForm(NumbersForm):
    year = forms.IntegerField(label="연도", min_value=2000, max_value=2100)
    stage = forms.ChoiceField(label="생애주기", choices=[(s.value, s.label) for s in LIFE_STAGES])
