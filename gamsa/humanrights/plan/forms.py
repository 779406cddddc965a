from __future__ import annotations

from django import forms

from gamsa.core.forms import KrdsForm
from gamsa.humanrights.plan.models import Metric
from gamsa.humanrights.viewkit import date_field


class PlanForm(KrdsForm):
    year = forms.IntegerField(label="연도", min_value=2000, max_value=2100)
    title = forms.CharField(label="계획명", max_length=150)
    basis = forms.CharField(label="근거 기본계획", max_length=150, required=False)
    established_on = date_field("수립일")
    summary = forms.CharField(label="추진 방향", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class MeasureForm(KrdsForm):
    area = forms.CharField(label="추진 분야", max_length=60)
    title = forms.CharField(label="세부 사업", max_length=150)
    target = forms.IntegerField(label="목표", min_value=1)
    unit = forms.CharField(label="단위", max_length=10, initial="회")
    metric = forms.ChoiceField(label="실적 집계", choices=Metric.choices, initial=Metric.MANUAL)


class EvaluationForm(KrdsForm):
    """One `actual_<id>` and `note_<id>` per measure, pre-filled with the count the system holds."""

    evaluated_on = date_field("종합평가일")
    summary = forms.CharField(label="종합평가 의견", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, measures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.measures = list(measures)
        for m in self.measures:
            self.fields[f"actual_{m.public_id}"] = forms.IntegerField(
                label=f"{m.title} 실적 ({m.unit})", min_value=0
            )
            self.fields[f"note_{m.public_id}"] = forms.CharField(
                label=f"{m.title} 평가 의견", max_length=300, required=False
            )
        from gamsa.core.forms import apply_krds

        apply_krds(self)

    def rows(self):
        return [(m, self[f"actual_{m.public_id}"], self[f"note_{m.public_id}"]) for m in self.measures]

    def results(self) -> dict[str, tuple[int, str]]:
        d = self.cleaned_data
        return {
            str(m.public_id): (d[f"actual_{m.public_id}"], d[f"note_{m.public_id}"]) for m in self.measures
        }
