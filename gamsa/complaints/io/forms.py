"""The grievance import's upload form (the list export reuses the desk's filter form)."""

from __future__ import annotations

from django import forms

from gamsa.core.forms import KrdsForm


class UploadForm(KrdsForm):
    file = forms.FileField(
        label="민원 파일",
        help_text="CSV(UTF-8 또는 CP949) 또는 엑셀(XLSX). 첫 행은 머리글입니다.",
        error_messages={"required": "가져올 파일을 고르세요."},
    )
