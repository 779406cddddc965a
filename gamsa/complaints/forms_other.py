"""Forms of the public-interest report register, the taxpayer advocate and staff protection."""

from __future__ import annotations

from django import forms

from gamsa.complaints.models import AbuseIncident, ExpertConsultation, Measure, TaxpayerCase
from gamsa.core.forms import KrdsForm
from gamsa.core.models import Membership, Role, User
from gamsa.core.permissions import OFFICE_ROLES
from gamsa.core.validators import reject_rrn

PHONE_HELP = "숫자와 하이픈만 입력하세요. 예: 010-1234-5678"
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_ERRORS = {"invalid": "일시를 '2026-11-26 14:30' 형식으로 입력하세요."}
PHONE_ERRORS = {"invalid": "연락처 형식이 올바르지 않습니다. " + PHONE_HELP}


def _text(label: str, rows: int = 4, required: bool = True, **kwargs):
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        validators=[reject_rrn],
        **kwargs,
    )


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name} ({obj.position or obj.username})"


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
    summary = _text(
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
    note = _text("메모", rows=3, required=False)


class ReportReferForm(KrdsForm):
    agency = forms.CharField(label="이첩 기관", max_length=100, help_text="조사기관·수사기관 이름")
    reason = _text("이첩 사유", rows=3)


class ReportNoticeForm(KrdsForm):
    text = _text("통지 내용", rows=4, help_text="신고자에게 보낸 통지의 내용. 신원은 적지 마세요.")


class ReportFinishForm(KrdsForm):
    result = _text("처리 결과", rows=5)
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
        office = Membership.objects.filter(
            ended_on__isnull=True,
            role__in=OFFICE_ROLES,
        ).values("user_id")
        self.fields["officer"].queryset = User.objects.filter(pk__in=office, is_active=True).order_by(
            "full_name"
        )


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
    summary = _text("요청 내용", rows=6)


class TaxpayerCloseForm(KrdsForm):
    measure = _text(
        "조치 내용", rows=4, help_text="시정요구, 세무조사 중지 요구, 안내 등 취한 조치를 적습니다."
    )


# --- 특이민원·직원 보호 -------------------------------------------------------------------------------------------


def staff_queryset():
    ids = (
        Membership.objects.filter(ended_on__isnull=True)
        .exclude(role__in=[Role.VOLUNTEER, Role.COUNCIL_VIEWER])
        .values("user_id")
    )
    return User.objects.filter(pk__in=ids, is_active=True).order_by("full_name")


class MarkAbusiveForm(KrdsForm):
    case_number = forms.RegexField(
        label="민원 접수번호",
        regex=r"^\s*\d{4}-\d{6}\s*$",
        required=False,
        help_text="이 민원의 민원인을 지정합니다.",
        error_messages={"invalid": "접수번호는 '2026-000123' 형식입니다."},
    )
    handler = StaffChoiceField(
        label="전담자",
        queryset=User.objects.none(),
        empty_label="선택하세요",
        help_text="팀장 또는 과장급 이상(감사담당관·부서장)",
        error_messages={"invalid_choice": "목록에서 전담자를 선택하세요."},
    )
    reason = _text("지정 사유", rows=3)

    def __init__(self, *args, handler_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Every staff member is offered so that the service's rule answers with its own message.
        self.fields["handler"].queryset = handler_choices if handler_choices is not None else staff_queryset()


class UnmarkForm(KrdsForm):
    reason = _text("해제 사유", rows=2)


class IncidentForm(KrdsForm):
    occurred_at = forms.DateTimeField(
        label="발생일시", widget=DATETIME_WIDGET, error_messages=DATETIME_ERRORS
    )
    kind = forms.ChoiceField(label="유형", choices=AbuseIncident.Kind.choices)
    duration_minutes = forms.IntegerField(
        label="통화·면담 시간(분)", required=False, min_value=0, max_value=1440
    )
    description = _text("경위", rows=4)
    measures = forms.MultipleChoiceField(
        label="취한 조치 (민원처리법 시행령 제4조①)",
        choices=Measure.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    staff_affected = StaffChoiceField(
        label="피해 직원", queryset=User.objects.none(), required=False, empty_label="선택 안 함"
    )
    grievance = forms.RegexField(
        label="관련 민원 접수번호",
        regex=r"^\s*\d{4}-\d{6}\s*$",
        required=False,
        error_messages={"invalid": "접수번호는 '2026-000123' 형식입니다."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff_affected"].queryset = staff_queryset()


class ProtectionRequestForm(KrdsForm):
    incident = forms.ChoiceField(label="관련 발생 기록", required=False)
    measures = forms.MultipleChoiceField(
        label="요청하는 조치", choices=Measure.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    details = _text(
        "요청 내용",
        rows=5,
        help_text="보호조치를 요청했다는 이유로 불이익을 받지 않습니다 (민원처리법 제4조④).",
    )

    def __init__(self, *args, incidents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["incident"].choices = [("", "선택 안 함")] + [
            (str(i.pk), f"{i.occurred_at:%Y-%m-%d} {i.get_kind_display()}") for i in incidents
        ]


class ProtectionDecisionForm(KrdsForm):
    request_id = forms.IntegerField(widget=forms.HiddenInput)
    grant = forms.TypedChoiceField(
        label="결정", choices=[("1", "조치 완료"), ("0", "조치 불필요")], coerce=lambda v: v == "1"
    )
    response = _text("조치 내용", rows=3)


class ConsultationForm(KrdsForm):
    expert_kind = forms.ChoiceField(label="전문가", choices=ExpertConsultation.Expert.choices)
    expert_name = forms.CharField(label="자문위원", max_length=60)
    consulted_on = forms.DateField(
        label="자문일",
        widget=DATE_WIDGET,
        error_messages={"invalid": "날짜를 '2026-11-26' 형식으로 입력하세요."},
    )
    grievance_number = forms.RegexField(
        label="관련 민원 접수번호",
        regex=r"^\s*\d{4}-\d{6}\s*$",
        required=False,
        error_messages={"invalid": "접수번호는 '2026-000123' 형식입니다."},
    )
    question = _text("자문 요청 내용", rows=4)
    advice = _text("자문 결과", rows=4)
    fee = forms.IntegerField(label="자문료(원)", min_value=0, initial=0)
