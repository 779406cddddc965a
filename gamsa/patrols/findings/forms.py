"""Forms of the finding pages: record a finding, its transitions, the list filter (validation only)."""

from __future__ import annotations

from django import forms

from gamsa.core.forms import KrdsForm
from gamsa.core.validators import reject_rrn
from gamsa.patrols.formkit import DATE_ERRORS, DATE_WIDGET, PhotoMixin, PlaceMixin, department_units
from gamsa.patrols.models import FieldItem, FindingCategory, FindingStatus, PatrolRound


class FindingForm(PhotoMixin, PlaceMixin, KrdsForm):
    """A finding recorded by the patrol team (on a round or alone)."""

    round = forms.ModelChoiceField(
        label="순찰 회차", queryset=PatrolRound.objects.all(), required=False, empty_label="회차 없음"
    )
    category = forms.ModelChoiceField(label="분야", queryset=FindingCategory.objects.filter(active=True))
    item = forms.ModelChoiceField(
        label="현장민원 항목(선택)",
        queryset=FieldItem.objects.filter(active=True).select_related("category"),
        required=False,
        empty_label="선택 안 함",
        help_text="같은 항목의 현장민원과 중복 여부를 확인할 때 씁니다.",
    )
    title = forms.CharField(label="제목", max_length=300, validators=[reject_rrn])
    description = forms.CharField(
        label="내용", required=False, widget=forms.Textarea(attrs={"rows": 4}), validators=[reject_rrn]
    )
    address = forms.CharField(label="장소", max_length=300, required=False)
    latitude = forms.CharField(label="위도", required=False, help_text="예: 37.526300")
    longitude = forms.CharField(label="경도", required=False, help_text="예: 126.896200")
    unit = forms.ModelChoiceField(
        label="처리부서",
        queryset=department_units(),
        required=False,
        empty_label="분야의 기본 부서",
        help_text="정하면 바로 부서에 통보됩니다.",
    )
    requested_action = forms.CharField(
        label="요청 조치", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    due_date = forms.DateField(
        label="조치기한",
        required=False,
        widget=DATE_WIDGET,
        error_messages=DATE_ERRORS,
        help_text="비워 두면 분야의 기본 조치기한(근무일)으로 정합니다.",
    )
    photo = forms.ImageField(
        label="사진(조치 전)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
        error_messages={"invalid_image": "사진 파일(JPEG·PNG)만 올릴 수 있습니다."},
    )

    def clean(self):
        data = super().clean()
        if not (data.get("address") or "").strip() and data.get("latitude") is None:
            self.add_error("address", "장소(주소) 또는 좌표를 입력하세요.")
        return data


class RouteForm(KrdsForm):
    unit = forms.ModelChoiceField(label="처리부서", queryset=department_units())
    due_date = forms.DateField(
        label="조치기한", required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )
    requested_action = forms.CharField(
        label="요청 조치", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(PhotoMixin, KrdsForm):
    answer = forms.CharField(
        label="조치 내용",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "조치 내용을 적어 주세요."},
    )
    photo = forms.ImageField(
        label="조치 후 사진",
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
        error_messages={
            "required": "조치 후 사진을 올려 주세요.",
            "invalid_image": "사진 파일(JPEG·PNG)만 올릴 수 있습니다.",
        },
    )


class CloseForm(KrdsForm):
    note = forms.CharField(label="확인 의견", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(KrdsForm):
    note = forms.CharField(
        label="사유",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "사유를 적어 주세요."},
    )
    due_date = forms.DateField(
        label="새 조치기한", required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )


class FindingFilterForm(KrdsForm):
    q = forms.CharField(label="검색어", required=False)
    status = forms.ChoiceField(
        label="상태", required=False, choices=[("", "전체"), ("open", "진행 중"), *FindingStatus.choices]
    )
    category = forms.ModelChoiceField(
        label="분야", queryset=FindingCategory.objects.all(), required=False, empty_label="전체"
    )
    unit = forms.ModelChoiceField(
        label="처리부서", queryset=department_units(), required=False, empty_label="전체"
    )
    source = forms.ChoiceField(
        label="경로",
        required=False,
        choices=[("", "전체"), ("patrol", "순찰"), ("guardian", "내 지역 지킴이"), ("open311", "Open311")],
    )
