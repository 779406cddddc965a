from __future__ import annotations

from django import forms

from gamsa.core.forms import KrdsForm, apply_krds
from gamsa.humanrights.contest.models import Category, Juror
from gamsa.humanrights.viewkit import date_field


class ContestForm(KrdsForm):
    year = forms.IntegerField(label="연도", min_value=2000, max_value=2100)
    title = forms.CharField(label="공모전명", max_length=150)
    theme = forms.CharField(label="주제", max_length=200, required=False)
    opens_on = date_field("접수 시작일")
    closes_on = date_field("접수 마감일")


class CriterionForm(KrdsForm):
    name = forms.CharField(label="심사 기준", max_length=60)
    max_score = forms.IntegerField(label="배점", min_value=1, max_value=100)


class PrizeForm(KrdsForm):
    label = forms.CharField(label="시상 (예: 대상)", max_length=30)
    count = forms.IntegerField(label="수상 작품 수", min_value=1, initial=1)


class JurorForm(KrdsForm):
    name = forms.CharField(label="심사위원", max_length=50)
    affiliation = forms.CharField(label="소속", max_length=100, required=False)


class EntryForm(KrdsForm):
    title = forms.CharField(label="작품명", max_length=150)
    category = forms.ChoiceField(label="분야", choices=[("", "선택")] + Category.choices)
    entrant_name = forms.CharField(label="응모자 성명", max_length=50)
    entrant_phone = forms.CharField(label="응모자 연락처", max_length=30, required=False)
    submitted_on = date_field("접수일")
    description = forms.CharField(label="작품 설명", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class AnnounceForm(KrdsForm):
    on = date_field("발표일")


class ScoreForm(forms.Form):
    """One juror's sheet for one entry: `score_<criterion id>` per criterion."""

    juror = forms.ModelChoiceField(label="심사위원", queryset=Juror.objects.none(), empty_label="선택")

    def __init__(self, *args, contest=None, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        if contest is not None:
            self.fields["juror"].queryset = contest.jurors.all()
        for c in self.criteria:
            self.fields[f"score_{c.pk}"] = forms.DecimalField(
                label=f"{c.name} ({c.max_score}점)", min_value=0, max_value=c.max_score, decimal_places=1
            )
        apply_krds(self)

    def scores(self) -> dict[int, object]:
        return {c.pk: self.cleaned_data[f"score_{c.pk}"] for c in self.criteria}
