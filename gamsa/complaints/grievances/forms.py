"""Forms of the grievance desk: intake (staff and public), the status lookup, the list filter, the case actions and
the quarterly inspection. Views validate with these, services decide."""

from __future__ import annotations

import uuid

from django import forms

from gamsa.complaints.fields import PHONE_HELP
from gamsa.complaints.grievances.models import CHECK_ITEMS, Answer, Category, Channel, Extension, Kind, Status
from gamsa.core.forms import CachedModelChoiceField, KrdsForm, apply_krds
from gamsa.core.models import OrgUnit, UnitKind, User
from gamsa.core.validators import reject_rrn


class GrievanceForm(KrdsForm):
    """Staff intake from any channel."""

    channel = forms.ChoiceField(label="접수경로", choices=Channel.choices)
    kind = forms.ChoiceField(label="민원 종류", choices=Kind.choices, initial=Kind.GRIEVANCE)
    category = forms.ModelChoiceField(
        label="분야", queryset=Category.objects.filter(active=True), required=False, empty_label="선택 안 함"
    )
    received_at = forms.DateTimeField(
        label="접수일시",
        required=False,
        help_text="비워 두면 지금 시각으로 접수합니다.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": "접수일시를 '2026-11-26 14:30' 형식으로 입력하세요."},
    )
    name = forms.CharField(label="민원인 성명", max_length=60)
    phone = forms.RegexField(
        label="연락처",
        regex=r"^[0-9+\-() ]{9,20}$",
        required=False,
        help_text=PHONE_HELP,
        error_messages={"invalid": "연락처 형식이 올바르지 않습니다. " + PHONE_HELP},
    )
    email = forms.EmailField(
        label="이메일", required=False, error_messages={"invalid": "이메일 주소 형식이 올바르지 않습니다."}
    )
    address = forms.CharField(label="민원인 주소", max_length=200, required=False)
    title = forms.CharField(label="제목", max_length=200, validators=[reject_rrn])
    body = forms.CharField(label="내용", widget=forms.Textarea(attrs={"rows": 8}), validators=[reject_rrn])
    place_address = forms.CharField(
        label="민원 발생 장소", max_length=200, required=False, validators=[reject_rrn]
    )
    households = forms.IntegerField(
        label="세대 수", min_value=1, initial=1, help_text="5세대·5명 이상이면 다수인관련민원입니다."
    )
    signatories = forms.IntegerField(label="연명 인원", min_value=1, initial=1)
    source_ref = forms.CharField(label="원 접수번호(응답소·국민신문고)", max_length=40, required=False)


class PublicGrievanceForm(KrdsForm):
    """The public web form (no account needed)."""

    name = forms.CharField(label="성명", max_length=60, error_messages={"required": "성명을 입력하세요."})
    phone = forms.RegexField(
        label="휴대전화",
        regex=r"^[0-9+\-() ]{9,20}$",
        help_text=PHONE_HELP,
        error_messages={
            "invalid": "휴대전화 번호 형식이 올바르지 않습니다. " + PHONE_HELP,
            "required": "결과를 알려 드릴 연락처를 입력하세요.",
        },
    )
    email = forms.EmailField(
        label="이메일", required=False, error_messages={"invalid": "이메일 주소 형식이 올바르지 않습니다."}
    )
    address = forms.CharField(
        label="주소",
        max_length=200,
        error_messages={"required": "주소를 입력하세요 (민원처리법 시행령 제2조)."},
    )
    title = forms.CharField(
        label="제목",
        max_length=200,
        validators=[reject_rrn],
        error_messages={"required": "제목을 입력하세요."},
    )
    body = forms.CharField(
        label="내용",
        widget=forms.Textarea(attrs={"rows": 10}),
        validators=[reject_rrn],
        error_messages={"required": "민원 내용을 입력하세요."},
        help_text="주민등록번호는 적지 마세요. 적으면 접수되지 않습니다.",
    )
    place_address = forms.CharField(
        label="불편 사항이 있는 장소", max_length=200, required=False, validators=[reject_rrn]
    )
    attachment = forms.FileField(
        label="사진·자료 (선택)",
        required=False,
        help_text="사진, PDF, 한글, 엑셀, 워드 파일 한 개. 사진의 촬영 위치 정보는 저장하지 않습니다.",
    )
    agree = forms.BooleanField(
        label="민원 처리를 위한 개인정보 수집·이용에 동의합니다.",
        error_messages={"required": "개인정보 수집·이용에 동의해야 접수할 수 있습니다."},
    )


class StatusLookupForm(KrdsForm):
    case_number = forms.RegexField(
        label="접수번호",
        regex=r"^\s*\d{4}-\d{6}\s*$",
        error_messages={"invalid": "접수번호는 '2026-000123' 형식입니다."},
    )
    pin = forms.RegexField(
        label="확인번호(8자리)",
        regex=r"^\s*(\d{8}|\d{6})\s*$",
        help_text="접수할 때 받은 번호입니다(예전에 받은 6자리 번호도 그대로 쓸 수 있습니다).",
        error_messages={
            "invalid": "접수할 때 받은 확인번호(8자리, 이전 접수는 6자리)를 숫자로 입력하세요.",
            "required": "확인번호를 입력하세요.",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 8}),
    )
    phone_tail = forms.RegexField(
        label="휴대전화 끝 4자리",
        regex=r"^\s*\d{4}\s*$",
        help_text="민원을 신청할 때 적은 휴대전화 번호의 마지막 4자리입니다.",
        error_messages={
            "invalid": "신청할 때 적은 휴대전화 번호의 끝 4자리를 숫자로 입력하세요.",
            "required": "신청할 때 적은 휴대전화 번호의 끝 4자리를 입력하세요.",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 4}),
    )


class FilterForm(KrdsForm):
    q = forms.CharField(label="검색어", required=False, help_text="제목·내용에서 찾습니다.")
    status = forms.ChoiceField(
        label="상태", required=False, choices=[("", "전체"), ("open", "처리 중 전체")] + list(Status.choices)
    )
    channel = forms.ChoiceField(
        label="접수경로", required=False, choices=[("", "전체")] + list(Channel.choices)
    )
    kind = forms.ChoiceField(label="종류", required=False, choices=[("", "전체")] + list(Kind.choices))
    department = CachedModelChoiceField(
        label="처리부서",
        required=False,
        empty_label="전체",
        queryset=OrgUnit.objects.filter(kind__in=[UnitKind.DEPARTMENT, UnitKind.DONG], active=True),
        choices_key="complaints:filter-departments",
    )
    due = forms.ChoiceField(
        label="기한",
        required=False,
        choices=[
            ("", "전체"),
            ("overdue", "기한 지남"),
            ("today", "오늘 마감"),
            ("week", "이번 주 마감"),
            ("next7", "7일 안에 마감"),
        ],
    )
    received = forms.ChoiceField(
        label="접수 시기",
        required=False,
        choices=[("", "전체"), ("month", "이번 달 접수"), ("year", "올해 접수")],
    )


class HandlerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        detail = " ".join(x for x in (obj.get_grade_display(), obj.position) if x)
        return f"{obj.display_name} ({detail})" if detail else obj.display_name


class AssignForm(KrdsForm):
    """배정: a department picked by searching its name (js/combobox.js over a plain select) and a handler among that
    department's staff only (the list follows the department; a handler from elsewhere is refused)."""

    department = forms.ModelChoiceField(
        label="처리부서",
        queryset=OrgUnit.objects.filter(kind__in=[UnitKind.DEPARTMENT, UnitKind.DONG], active=True).order_by(
            "name"
        ),
        error_messages={
            "required": "처리부서를 고르세요.",
            "invalid_choice": "목록에 있는 처리부서를 고르세요.",
        },
    )
    handler = HandlerChoiceField(
        label="담당자",
        required=False,
        queryset=User.objects.none(),
        empty_label="부서에서 지정",
        help_text="고른 처리부서의 직원만 나옵니다. 비워 두면 부서에서 담당자를 정합니다.",
        error_messages={
            "invalid_choice": "담당자는 고른 처리부서 소속 직원이어야 합니다. 담당자를 다시 고르세요."
        },
    )
    note = forms.CharField(label="배정 메모", required=False, max_length=300)

    def __init__(self, *args, handlers_url: str = "", **kwargs):
        from gamsa.complaints.grievances.permissions import handler_candidates

        kwargs.setdefault("auto_id", "assign_%s")
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handler_candidates(self.chosen_department())
        attrs = self.fields["department"].widget.attrs
        attrs.update({"data-combobox": "", "data-combobox-placeholder": "부서 이름 일부를 입력해 찾기"})
        if handlers_url:  # htmx: a new department brings its own staff into the handler list
            attrs.update(
                {
                    "hx-get": handlers_url,
                    "hx-target": "#assign_handler",
                    "hx-trigger": "change",
                    "hx-swap": "innerHTML",
                }
            )

    def chosen_department(self):
        """The department the handler list is for: the one submitted, else the case's current one."""
        raw = (
            self.data.get(self.add_prefix("department")) if self.is_bound else self.initial.get("department")
        )
        if isinstance(raw, OrgUnit):
            return raw
        try:
            return self.fields["department"].queryset.filter(pk=int(raw)).first() if raw else None
        except (TypeError, ValueError):
            return None


class ExtensionForm(KrdsForm):
    reason = forms.ChoiceField(label="연장 사유", choices=Extension.Reason.choices)
    reason_detail = forms.CharField(label="구체적 사유", widget=forms.Textarea(attrs={"rows": 3}))
    amount = forms.IntegerField(
        label="연장 기간", min_value=1, help_text="당초 처리기간과 같은 단위(일 또는 시간)로, 당초 기간 이내"
    )
    consent = forms.BooleanField(label="민원인이 연장에 동의함 (두 번째 연장에 필요)", required=False)
    consent_note = forms.CharField(label="동의 일시·방법", required=False, max_length=300)


class UnitsField(forms.ModelMultipleChoiceField):
    """Units picked by their public identifier; anything that is not one is "not in the list", not a UUID lecture."""

    def _check_values(self, value):
        for item in value:
            try:
                uuid.UUID(str(item))
            except ValueError:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                ) from None
        return super()._check_values(value)


class AnswerForm(KrdsForm):
    method = forms.ChoiceField(label="통지 방법", choices=Answer.Method.choices)
    outcome = forms.ChoiceField(label="처리 결과", choices=Answer.Outcome.choices)
    text = forms.CharField(label="답변 내용", widget=forms.Textarea(attrs={"rows": 8}))
    reasons = forms.CharField(
        label="거부·불수용 사유", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    remedies = forms.CharField(
        label="불복 구제 절차",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        initial="이 처분에 이의가 있으면 처분을 안 날부터 90일 이내에 행정심판이나 행정소송을 제기할 수 있습니다.",
    )
    cooperating_units = UnitsField(
        label="협조 부서 (선택)",
        required=False,
        queryset=OrgUnit.objects.filter(
            kind__in=[UnitKind.DEPARTMENT, UnitKind.DONG, UnitKind.FACILITY], active=True
        ).order_by("path"),
        to_field_name="public_id",
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="다른 부서의 합의가 필요하면 고르세요(Ctrl 키로 여러 부서). 그 부서의 과장이 협조(동의·부동의)합니다.",
        error_messages={
            "invalid_choice": "협조 부서를 목록에서 고르세요.",
            "invalid_pk_value": "협조 부서를 목록에서 고르세요.",
        },
    )


class ReasonForm(KrdsForm):
    reason = forms.CharField(label="사유", widget=forms.Textarea(attrs={"rows": 3}))


class SiteSurveyForm(KrdsForm):
    days = forms.IntegerField(label="현장조사 기간(일)", min_value=1, max_value=14)
    reason = forms.CharField(label="사유", widget=forms.Textarea(attrs={"rows": 2}))


class TransferForm(KrdsForm):
    agency = forms.CharField(label="이송 기관", max_length=100)
    reason = forms.CharField(label="이송 사유", widget=forms.Textarea(attrs={"rows": 2}))


class RejectForm(KrdsForm):
    reasons = forms.CharField(label="반려 사유", widget=forms.Textarea(attrs={"rows": 3}))
    remedies = forms.CharField(label="불복 구제 절차", widget=forms.Textarea(attrs={"rows": 2}))


class ReviewForm(KrdsForm):
    candidate = forms.RegexField(label="비교 민원 접수번호", regex=r"^\d{4}-\d{6}$")
    decision = forms.ChoiceField(
        label="판단", choices=[("confirmed", "같은 민원으로 확인"), ("dismissed", "다른 민원")]
    )
    new_grounds = forms.BooleanField(label="새로운 이유가 있음(반복 횟수에 넣지 않음)", required=False)
    score = forms.FloatField(widget=forms.HiddenInput, required=False)
    note = forms.CharField(label="메모", required=False, max_length=300)


class JointForm(KrdsForm):
    """Link another resident's complaint about the same matter (중복민원) for joint handling."""

    candidate = forms.RegexField(
        label="같은 사안 민원 접수번호",
        regex=r"^\d{4}-\d{6}$",
        error_messages={"invalid": "접수번호는 2026-000123처럼 적으세요."},
    )
    note = forms.CharField(label="메모", required=False, max_length=300)


class RefileForm(KrdsForm):
    """재민원: the same complainant files again after an answer (영 제17조②: back to the audit office)."""

    channel = forms.ChoiceField(label="접수경로", choices=Channel.choices)
    title = forms.CharField(label="제목", max_length=200, validators=[reject_rrn])
    body = forms.CharField(label="내용", widget=forms.Textarea(attrs={"rows": 5}), validators=[reject_rrn])


# --- 처리실태 점검 ---------------------------------------------------------------------------------------------


class QuarterForm(KrdsForm):
    year = forms.IntegerField(label="연도", min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label="분기", coerce=int, choices=[(q, f"{q}분기") for q in range(1, 5)])


VERDICT_CHOICES = [("", "미점검"), ("yes", "적정"), ("no", "부적정")]


class InspectionForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in CHECK_ITEMS:
            self.fields[f"{code}_ok"] = forms.ChoiceField(
                label=label, choices=VERDICT_CHOICES, required=False
            )
            self.fields[f"{code}_note"] = forms.CharField(
                label=f"{label} 비고", required=False, max_length=500
            )
        self.fields["letter"] = forms.CharField(
            label="점검 결과 통보문", widget=forms.Textarea(attrs={"rows": 16}), required=False
        )
        apply_krds(self)

    def checklist(self) -> dict:
        data = self.cleaned_data
        return {
            code: {"ok": {"yes": True, "no": False}.get(data[f"{code}_ok"]), "note": data[f"{code}_note"]}
            for code, _ in CHECK_ITEMS
        }


class SatisfactionForm(KrdsForm):
    """The complainant's rating after the answer (1–5 and an optional comment)."""

    SCORES = [(5, "매우 만족"), (4, "만족"), (3, "보통"), (2, "불만족"), (1, "매우 불만족")]

    score = forms.TypedChoiceField(
        label="처리 결과에 얼마나 만족하십니까?",
        choices=[(value, f"{label} ({value}점)") for value, label in SCORES],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "만족도를 하나 고르세요.",
            "invalid_choice": "만족도를 목록에서 고르세요.",
        },
    )
    comment = forms.CharField(
        label="의견 (선택)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="500자 안으로 적어 주세요. 주민등록번호 등 개인정보는 적지 마세요.",
        error_messages={"max_length": "의견은 500자 안으로 적어 주세요."},
    )
