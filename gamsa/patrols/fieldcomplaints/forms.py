"""Forms of the field-complaint pages (validation only; the services write)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from gamsa.core.forms import KrdsForm
from gamsa.core.models import OrgUnit
from gamsa.patrols.fieldcomplaints.selectors import STATE_FILTERS
from gamsa.patrols.models import (
    ComplaintStatus,
    DeadlineBasis,
    FieldCategory,
    FieldItem,
    SiteCheck,
    Source,
)


def _units():
    return OrgUnit.objects.filter(active=True, is_audit_office=False).exclude(depth=0).order_by("path")


class FilterForm(KrdsForm):
    q = forms.CharField(label="검색어", required=False, help_text="접수번호, 제목 또는 주소")
    state = forms.ChoiceField(
        label="처리 현황", required=False, choices=[("", "전체"), *STATE_FILTERS.items()]
    )
    status = forms.ChoiceField(
        label="처리상태", required=False, choices=[("", "전체"), *ComplaintStatus.choices]
    )
    category = forms.ModelChoiceField(
        label="분야", required=False, queryset=FieldCategory.objects.all(), empty_label="전체"
    )
    item = forms.ModelChoiceField(
        label="세부항목",
        required=False,
        queryset=FieldItem.objects.filter(alias_of__isnull=True).select_related("category"),
        empty_label="전체",
    )
    unit = forms.ModelChoiceField(label="처리부서", required=False, queryset=_units(), empty_label="전체")
    source = forms.ChoiceField(label="경로", required=False, choices=[("", "전체"), *Source.choices])
    received_from = forms.DateField(
        label="접수일(부터)", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label="접수일(까지)", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units()


class UploadForm(KrdsForm):
    file = forms.FileField(
        label="응답소 현장민원 파일",
        help_text="엑셀(XLSX) 또는 CSV(UTF-8 또는 CP949). 첫 행은 머리글입니다.",
        error_messages={"required": "가져올 파일을 고르세요."},
    )
    skip_bad = forms.BooleanField(
        label="잘못된 행은 건너뛰고 정상 행만 반영합니다 (고르지 않으면 잘못된 행이 하나라도 있을 때 아무것도 반영하지 않습니다)",
        required=False,
    )


class StatusForm(KrdsForm):
    status = forms.ChoiceField(label="처리상태", choices=ComplaintStatus.choices)
    result = forms.CharField(
        label="처리내용", required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


class SiteCheckForm(KrdsForm):
    result = forms.ChoiceField(label="점검 결과", choices=SiteCheck.Result.choices)
    checked_at = forms.DateTimeField(
        label="점검일시",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="비워 두면 지금",
    )
    note = forms.CharField(
        label="점검 내용", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def clean_checked_at(self):
        value = self.cleaned_data.get("checked_at")
        if value and value > timezone.now():
            raise forms.ValidationError("점검일시는 지금보다 늦을 수 없습니다.")
        return value


class QualityReviewForm(KrdsForm):
    score = forms.IntegerField(
        label="점수(0–100)", min_value=0, max_value=100, error_messages={"required": "점수를 입력하세요."}
    )
    has_photo = forms.BooleanField(label="처리 사진이 첨부되어 있습니다", required=False)
    note = forms.CharField(label="의견", required=False, max_length=500)


class ConfirmItemForm(KrdsForm):
    deadline_hours = forms.IntegerField(label="처리기한(시간)", min_value=1, max_value=24 * 60)
    deadline_basis = forms.ChoiceField(label="기한 계산", choices=DeadlineBasis.choices)


class MapItemForm(KrdsForm):
    target = forms.ModelChoiceField(
        label="같은 항목",
        queryset=FieldItem.objects.filter(provisional=False, alias_of__isnull=True).select_related(
            "category"
        ),
        error_messages={"required": "대응할 항목을 고르세요."},
        empty_label="같은 항목을 고르세요",
    )


class MapUnitForm(KrdsForm):
    unit = forms.ModelChoiceField(
        label="조직", queryset=_units(), error_messages={"required": "조직을 고르세요."}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units()


class EvaluationForm(KrdsForm):
    year = forms.IntegerField(label="연도", min_value=2000, max_value=2100)
    min_count = forms.IntegerField(label="최소 건수", min_value=0, max_value=100000, required=False)
