"""Forms of the roster, filing and review screens. Views validate; services decide."""

from __future__ import annotations

from django import forms

from gamsa.core.models import Grade
from gamsa.ethics.formkit import DateForm, KrdsForm, UnitChoiceField, date_field, won_field
from gamsa.ethics.registration.models import Basis, Field, Trigger
from gamsa.ethics.registration.review_models import Conclusion, Owner, RequestKind


class EmptyForm(KrdsForm):
    pass


class DesignateForm(KrdsForm):
    unit = UnitChoiceField()
    field = forms.ChoiceField(label="분야", choices=Field.choices)
    effective_from = date_field("지정일")
    basis = forms.CharField(label="근거 (지정 문서)", max_length=200, required=False)


class ConfirmAddForm(KrdsForm):
    became_on = date_field("등록의무자가 된 날")
    trigger = forms.ChoiceField(label="사유", choices=Trigger.choices)
    is_public = forms.BooleanField(label="공개대상자 (법 제10조)", required=False)


class ConfirmRemoveForm(KrdsForm):
    left_on = date_field("퇴직·면제일")
    retired = forms.TypedChoiceField(
        label="구분",
        choices=[("1", "퇴직 (퇴직 변동신고·취업제한)"), ("0", "전보 등으로 등록의무 면제")],
        coerce=lambda v: v == "1",
    )


class DeclarantForm(KrdsForm):
    name = forms.CharField(label="성명", max_length=50)
    employee_number = forms.CharField(label="공무원번호", max_length=20, required=False)
    unit = UnitChoiceField(label="소속")
    grade = forms.ChoiceField(label="직급", choices=[("", "선택")] + Grade.choices)
    position = forms.CharField(label="직위", max_length=50, required=False)
    basis = forms.ChoiceField(label="등록의무 근거", choices=Basis.choices)
    became_on = date_field("등록의무자가 된 날")
    trigger = forms.ChoiceField(label="사유", choices=Trigger.choices)
    is_public = forms.BooleanField(label="공개대상자 (법 제10조)", required=False)


class DeferForm(KrdsForm):
    reason = forms.CharField(label="유예 사유 (파견·휴직 등)", max_length=60)
    on = date_field("유예 시작일")


class RegularForm(KrdsForm):
    year = forms.IntegerField(label="신고 대상 연도 (12월 31일 기준)", min_value=2000, max_value=2100)


class FiledForm(KrdsForm):
    filing = forms.UUIDField(widget=forms.HiddenInput)
    on = date_field("신고일")


class ExtendForm(KrdsForm):
    filing = forms.UUIDField(widget=forms.HiddenInput)
    days = forms.IntegerField(label="연장 일수", min_value=1, max_value=30)
    reason = forms.CharField(label="연장 사유", max_length=200)


class StartReviewForm(KrdsForm):
    filing = forms.UUIDField(widget=forms.HiddenInput)
    on = date_field("심사 시작일")


class RequestForm(KrdsForm):
    kind = forms.ChoiceField(label="구분", choices=RequestKind.choices)
    issued_on = date_field("발송일")
    received_on = date_field("수령일 (비우면 발송일)", required=False)
    content = forms.CharField(label="요구 내용", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class AnswerForm(KrdsForm):
    request = forms.UUIDField(widget=forms.HiddenInput)
    answered_on = date_field("답변일")
    note = forms.CharField(label="답변 요지", max_length=2000, required=False)


class AmountForm(KrdsForm):
    item = forms.CharField(label="재산 항목 (예: 예금, 토지, 채무)", max_length=60)
    owner = forms.ChoiceField(label="소유자", choices=Owner.choices)
    registered = won_field("신고 금액", required=True)
    verified = won_field("확인 금액")
    note = forms.CharField(label="비고", max_length=200, required=False)


class DocumentForm(KrdsForm):
    file = forms.FileField(label="문서 (PDF·이미지·HWP·HWPX·XLSX·DOCX)")


class ConcludeForm(KrdsForm):
    conclusion = forms.ChoiceField(label="심사 결과", choices=Conclusion.choices)
    on = date_field("심사 결과일")
    opinion = forms.CharField(label="심사 의견", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


__all__ = [
    "AmountForm",
    "AnswerForm",
    "ConcludeForm",
    "ConfirmAddForm",
    "ConfirmRemoveForm",
    "DateForm",
    "DeclarantForm",
    "DeferForm",
    "DesignateForm",
    "DocumentForm",
    "EmptyForm",
    "ExtendForm",
    "FiledForm",
    "RegularForm",
    "RequestForm",
    "StartReviewForm",
]
