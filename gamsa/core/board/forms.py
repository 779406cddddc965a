"""The board's forms. Views validate; services decide."""

from __future__ import annotations

from django import forms

from gamsa.core.board.models import Category
from gamsa.core.forms import KrdsForm
from gamsa.core.models import OrgUnit, UnitKind


class UnitsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class PostForm(KrdsForm):
    title = forms.CharField(label="제목", max_length=200)
    category = forms.ChoiceField(label="분류", choices=Category.choices)
    body = forms.CharField(label="내용", widget=forms.Textarea(attrs={"rows": 8}), required=False)
    audience_units = UnitsField(
        label="받는 부서",
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text="고르지 않으면 전 직원에게 게시합니다. 고른 부서의 하위 팀에도 보입니다.",
    )
    files = MultipleFileField(label="첨부파일 (PDF·그림·한글·엑셀)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience_units"].queryset = OrgUnit.objects.filter(
            active=True, kind__in=[UnitKind.BUREAU, UnitKind.DEPARTMENT, UnitKind.DONG, UnitKind.FACILITY]
        ).order_by("path")
