"""Forms of the public-interest report register (공익신고) and its designated officers."""

from __future__ import annotations

from django import forms

from gamsa.complaints.fields import (
    DATE_WIDGET,
    DATETIME_ERRORS,
    DATETIME_WIDGET,
    PHONE_ERRORS,
    PHONE_HELP,
    StaffChoiceField,
    text,
)
from gamsa.complaints.reports.permissions import designation_candidates
from gamsa.core.forms import KrdsForm
from gamsa.core.models import User
from gamsa.core.validators import reject_rrn

# --- 공익신고 -----------------------------------------------------------------------------------------------------


class ReportIntakeForm(KrdsForm):
    received_at = forms.DateTimeField(
        label="접수일시",
        required=False,
        widget=DATETIME_WIDGET,
        help_text="비워 두면 지금 시각으로 접수합니다.",
        error_messages=DATETIME_ERRORS,
    )
    subject = forms.CharField(
        label="신고 대상 분야",
        max_length=100,
        validators=[reject_rrn],
        help_text="예: 건축 안전, 환경, 식품위생",
    )
    summary = text(
        "신고 내용", rows=8, help_text="신고자의 성명·연락처는 적지 마세요. 아래 인적사항 칸에만 적습니다."
    )
    name = forms.CharField(label="신고자 성명", max_length=60)
    phone = forms.RegexField(
        label="신고자 연락처",
        regex=r"^[0-9+\-() ]{9,20}$",
        required=False,
        help_text=PHONE_HELP,
        error_messages=PHONE_ERRORS,
    )
    email = forms.EmailField(
        label="신고자 이메일",
        required=False,
        error_messages={"invalid": "이메일 주소 형식이 올바르지 않습니다."},
    )
    address = forms.CharField(label="신고자 주소", max_length=200, required=False)


class ReportNoteForm(KrdsForm):
    note = text("메모", rows=3, required=False)


class ReportReferForm(KrdsForm):
    agency = forms.CharField(label="이첩 기관", max_length=100, help_text="조사기관·수사기관 이름")
    reason = text("이첩 사유", rows=3)


class ReportNoticeForm(KrdsForm):
    text = text("통지 내용", rows=4, help_text="신고자에게 보낸 통지의 내용. 신원은 적지 마세요.")


class ReportFinishForm(KrdsForm):
    result = text("처리 결과", rows=5)
    finished_at = forms.DateTimeField(
        label="처리 완료일시",
        required=False,
        widget=DATETIME_WIDGET,
        help_text="비워 두면 지금 시각입니다.",
        error_messages=DATETIME_ERRORS,
    )


class AcrcReportForm(KrdsForm):
    reported_at = forms.DateTimeField(
        label="권익위 통보일시",
        required=False,
        widget=DATETIME_WIDGET,
        help_text="비워 두면 지금 시각입니다.",
        error_messages=DATETIME_ERRORS,
    )


class DesignateForm(KrdsForm):
    officer = StaffChoiceField(
        label="지정할 직원",
        queryset=User.objects.none(),
        empty_label="선택하세요",
        error_messages={"invalid_choice": "목록에서 직원을 선택하세요."},
    )
    designated_on = forms.DateField(
        label="지정일",
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": "날짜를 '2026-11-26' 형식으로 입력하세요."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = designation_candidates()
