from __future__ import annotations

import datetime as dt

from django import forms

from gamsa.core.forms import KrdsForm, KrdsModelForm
from gamsa.costing.models import RateVersion


class UploadForm(KrdsForm):
    title = forms.CharField(
        label="심사 제목", max_length=200, required=False, help_text="비워 두면 원가계산서의 공사명을 씁니다."
    )
    file = forms.FileField(
        label="원가계산서 파일",
        required=False,
        help_text="표준 양식 엑셀(XLSX) 또는 JSON 파일, 2MB 이하.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.json,application/json"}),
    )
    sheet_json = forms.CharField(
        label="또는 JSON 붙여넣기",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
    )

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("sheet_json") or "").strip():
            raise forms.ValidationError("원가계산서 파일을 올리거나 JSON을 붙여 넣으세요.")
        return data


class RateVersionForm(KrdsModelForm):
    # Rate tables carry the effective dates of rules made long ago (the oldest shipped one is from 1977).
    earliest_dates = {"effective_from": dt.date(1900, 1, 1)}

    rate_percent = forms.DecimalField(
        label="요율(%)",
        max_digits=9,
        decimal_places=4,
        min_value=0,
        max_value=100,
        help_text="퍼센트로 입력합니다. 예: 3.595",
        error_messages={"invalid": "요율은 숫자로 입력하세요. 예: 3.595"},
    )

    class Meta:
        model = RateVersion
        fields = [
            "key",
            "check_kind",
            "effective_from",
            "base",
            "base_amount",
            "sheet_kind",
            "variant",
            "band_min",
            "band_max",
            "duration_min",
            "duration_max",
            "source",
            "confidence",
            "active",
            "note",
        ]
        widgets = {
            "effective_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "source": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "variant": "산업안전보건관리비: 건축·토목·중건설·특수건설. 용역 일반관리비: 폐기물·시설관리·행사·여행운송·장비유지·기타.",
            "band_min": "고용보험: 등급, 산업안전보건관리비: 대상액(원), 분석률: 직접공사비(원).",
            "active": "C등급(검증 전) 값은 사용으로 저장할 수 없고 초안으로 저장됩니다.",
        }

    field_order = ["key", "check_kind", "rate_percent"]

    def clean(self):
        data = super().clean()
        low, high = data.get("band_min"), data.get("band_max")
        if low is not None and high is not None and low >= high:
            self.add_error("band_max", "구간 상한은 하한보다 커야 합니다.")
        low, high = data.get("duration_min"), data.get("duration_max")
        if low is not None and high is not None and low >= high:
            self.add_error("duration_max", "공사기간 상한은 하한보다 커야 합니다.")
        return data

    def rate_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["rate"] = data.pop("rate_percent") / 100
        return data
