from __future__ import annotations

from django import forms

from gamsa.core.forms import KrdsForm
from gamsa.integrity.letters.models import LetterTemplate
from gamsa.integrity.viewkit import date_field


class RecipientsForm(KrdsForm):
    file = forms.FileField(label="받는 사람 명단 (XLSX·CSV)")


class ProduceForm(KrdsForm):
    send_email = forms.BooleanField(
        label="전자우편 주소가 있는 분께 전자우편도 보내기", required=False, initial=True
    )


class TemplateForm(KrdsForm):
    effective_from = date_field("시행일")
    agency_name = forms.CharField(label="행정기관명 (두문)", max_length=60)
    title = forms.CharField(label="제목", max_length=200)
    body = forms.CharField(
        label="본문",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="{성명}, {업무구분}, {처리부서}, {처리일}은 받는 사람마다 채웁니다. 문단은 빈 줄로 나눕니다.",
    )
    sender_title = forms.CharField(label="발신명의", max_length=60)
    head_name = forms.CharField(label="기관장 성명", max_length=30)
    drafter = forms.CharField(label="기안자", max_length=60, required=False)
    reviewer = forms.CharField(label="검토자", max_length=60, required=False)
    approver = forms.CharField(label="결재권자", max_length=60, required=False)
    document_number = forms.CharField(label="시행 문서번호", max_length=60, required=False)
    postal_code = forms.CharField(label="우편번호", max_length=10, required=False)
    address = forms.CharField(label="주소", max_length=200, required=False)
    homepage = forms.CharField(label="홈페이지", max_length=100, required=False)
    phone = forms.CharField(label="전화", max_length=30, required=False)
    fax = forms.CharField(label="전송", max_length=30, required=False)
    email = forms.CharField(label="공식 전자우편", max_length=100, required=False)
    disclosure = forms.CharField(label="공개 구분", max_length=30)

    @classmethod
    def initial_from(cls, template: LetterTemplate | None) -> dict:
        if template is None:
            return {"agency_name": "영등포구", "sender_title": "영등포구청장", "disclosure": "대국민 공개"}
        return {name: getattr(template, name) for name in cls.base_fields if name != "effective_from"}


class RetentionForm(KrdsForm):
    effective_from = date_field("시행일")
    retention_days = forms.IntegerField(label="보존기간(일)", min_value=30, max_value=3650)
    note = forms.CharField(label="근거·비고", max_length=200, required=False)
