"""Forms of the 특이민원 register, incidents, staff protection requests and expert advice."""

from __future__ import annotations

from django import forms

from gamsa.complaints.fields import DATE_WIDGET, DATETIME_ERRORS, DATETIME_WIDGET, StaffChoiceField, text
from gamsa.complaints.protection.models import AbuseIncident, ExpertConsultation, Measure
from gamsa.complaints.protection.permissions import staff_candidates
from gamsa.core.forms import KrdsForm
from gamsa.core.models import User

# --- 특이민원·직원 보호 -------------------------------------------------------------------------------------------


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
    reason = text("지정 사유", rows=3)

    def __init__(self, *args, handler_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Every staff member is offered so that the service's rule answers with its own message.
        self.fields["handler"].queryset = (
            handler_choices if handler_choices is not None else staff_candidates()
        )


class UnmarkForm(KrdsForm):
    reason = text("해제 사유", rows=2)


class IncidentForm(KrdsForm):
    occurred_at = forms.DateTimeField(
        label="발생일시", widget=DATETIME_WIDGET, error_messages=DATETIME_ERRORS
    )
    kind = forms.ChoiceField(label="유형", choices=AbuseIncident.Kind.choices)
    duration_minutes = forms.IntegerField(
        label="통화·면담 시간(분)", required=False, min_value=0, max_value=1440
    )
    description = text("경위", rows=4)
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
        self.fields["staff_affected"].queryset = staff_candidates()


class ProtectionRequestForm(KrdsForm):
    incident = forms.ChoiceField(label="관련 발생 기록", required=False)
    measures = forms.MultipleChoiceField(
        label="요청하는 조치", choices=Measure.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    details = text(
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
    response = text("조치 내용", rows=3)


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
    question = text("자문 요청 내용", rows=4)
    advice = text("자문 결과", rows=4)
    fee = forms.IntegerField(label="자문료(원)", min_value=0, initial=0)
