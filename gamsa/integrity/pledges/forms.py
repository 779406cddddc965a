from __future__ import annotations

from django import forms

from gamsa.core.forms import KrdsForm
from gamsa.integrity.viewkit import date_field


class PledgeTextForm(KrdsForm):
    year = forms.IntegerField(label="연도", min_value=2000, max_value=2100)
    title = forms.CharField(label="제목", max_length=200)
    body = forms.CharField(label="서약 내용", widget=forms.Textarea(attrs={"rows": 12}))
    effective_from = date_field("시행일")
    sign_by = date_field("서명 기한", required=False)


class SignForm(KrdsForm):
    agree = forms.BooleanField(label="위 내용을 읽었으며 성실히 지킬 것을 서약합니다.")
