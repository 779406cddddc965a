"""Forms of the taxpayer advocate (납세자보호관)."""

from __future__ import annotations

from django import forms

from gamsa.complaints.fields import DATETIME_ERRORS, DATETIME_WIDGET, PHONE_ERRORS, PHONE_HELP, text
from gamsa.complaints.taxpayer.models import TaxpayerCase
from gamsa.core.forms import KrdsForm
from gamsa.core.validators import reject_rrn

# --- 납세자보호관 ---------------------------------------------------------------------------------------------------


class TaxpayerCaseForm(KrdsForm):
    kind = forms.ChoiceField(label="구분", choices=TaxpayerCase.Kind.choices)
    received_at = forms.DateTimeField(
        label="접수일시",
        required=False,
        widget=DATETIME_WIDGET,
        help_text="비워 두면 지금 시각으로 접수합니다.",
        error_messages=DATETIME_ERRORS,
    )
    name = forms.CharField(label="납세자 성명", max_length=60)
    phone = forms.RegexField(
        label="연락처",
        regex=r"^[0-9+\-() ]{9,20}$",
        required=False,
        help_text=PHONE_HELP,
        error_messages=PHONE_ERRORS,
    )
    address = forms.CharField(label="주소", max_length=200, required=False)
    tax_item = forms.CharField(
        label="세목",
        max_length=60,
        required=False,
        validators=[reject_rrn],
        help_text="예: 재산세, 취득세, 지방소득세",
    )
    summary = text("요청 내용", rows=6)


class TaxpayerCloseForm(KrdsForm):
    measure = text(
        "조치 내용", rows=4, help_text="시정요구, 세무조사 중지 요구, 안내 등 취한 조치를 적습니다."
    )
