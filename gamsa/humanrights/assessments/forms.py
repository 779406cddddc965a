from __future__ import annotations

from django import forms

from gamsa.core.forms import KrdsForm, apply_krds
from gamsa.core.models import OrgUnit, UnitKind
from gamsa.humanrights.assessments.models import (
    AnswerResult,
    DraftKind,
    LegislationType,
    Recommendation,
    Response,
)
from gamsa.humanrights.viewkit import date_field


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class DraftForm(KrdsForm):
    title = forms.CharField(
        label="자치법규명",
        max_length=200,
        help_text="예: 서울특별시 영등포구 도로 점용허가 조례 일부개정조례안",
    )
    legislation_type = forms.ChoiceField(label="종류", choices=LegislationType.choices)
    kind = forms.ChoiceField(label="제·개정 구분", choices=[("", "선택")] + DraftKind.choices)
    department = UnitField(label="소관 부서", queryset=OrgUnit.objects.none(), empty_label="선택")
    summary = forms.CharField(label="제·개정 이유와 주요 내용", widget=forms.Textarea(attrs={"rows": 6}))
    file = forms.FileField(label="제·개정안 파일 (HWPX·PDF, 선택)", required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = OrgUnit.objects.filter(active=True, is_audit_office=False).exclude(
            kind__in=[UnitKind.BUREAU, UnitKind.TEAM]
        )
        if units is not None:
            qs = qs.filter(pk__in=units)
        self.fields["department"].queryset = qs.order_by("kind", "path")
        if units is not None and len(units) == 1:
            self.fields["department"].initial = units[0]


class AssessForm(forms.Form):
    """`result_<item id>` and `note_<item id>` for every item of the checklist, then the recommendation."""

    recommendation = forms.ChoiceField(
        label="평가 의견", choices=Recommendation.choices, widget=forms.RadioSelect
    )
    recommendation_text = forms.CharField(
        label="권고 내용 (개정 권고)", widget=forms.Textarea(attrs={"rows": 4}), required=False,
        help_text="고칠 조문과 고칠 내용, 그 이유를 적습니다.",
    )  # fmt: skip
    assessed_on = date_field("평가일")

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"result_{item.pk}"] = forms.ChoiceField(
                label=f"{item.order}. {item.question}", choices=AnswerResult.choices, widget=forms.RadioSelect
            )
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=f"{item.order}번 의견", max_length=300, required=False
            )
        apply_krds(self)

    def rows(self):
        return [(item, self[f"result_{item.pk}"], self[f"note_{item.pk}"]) for item in self.items]

    def answers(self) -> dict[int, tuple[str, str]]:
        d = self.cleaned_data
        return {item.pk: (d[f"result_{item.pk}"], d[f"note_{item.pk}"]) for item in self.items}


class RespondForm(KrdsForm):
    response = forms.ChoiceField(label="회신", choices=Response.choices, widget=forms.RadioSelect)
    response_text = forms.CharField(
        label="회신 내용", widget=forms.Textarea(attrs={"rows": 4}), required=False,
        help_text="일부 수용·불수용이면 그 이유를 적습니다. 수용하면 반영한 내용을 적습니다.",
    )  # fmt: skip
    responded_on = date_field("회신일")
