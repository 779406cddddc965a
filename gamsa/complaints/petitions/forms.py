"""Forms of the petition desk and the 청원심의회. Views validate with these, services decide."""

from __future__ import annotations

from django import forms

from gamsa.complaints.fields import PHONE_HELP, board_date
from gamsa.complaints.petitions.models import BoardMember, Petition
from gamsa.complaints.petitions.services import MATTERS, NOT_PROCESSED_REASONS, OPEN_STATUSES
from gamsa.core.forms import KrdsForm
from gamsa.core.validators import reject_rrn


class _PetitionerFields(KrdsForm):
    name = forms.CharField(
        label="청원인 성명", max_length=60, error_messages={"required": "청원인 성명을 입력하세요."}
    )
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
    address = forms.CharField(
        label="주소",
        max_length=200,
        error_messages={"required": "주소를 입력하세요 (청원법 제11조①: 성명과 주소를 적어야 합니다)."},
    )
    matter = forms.ChoiceField(label="청원 사항 (청원법 제5조)", choices=MATTERS)
    title = forms.CharField(
        label="제목",
        max_length=200,
        validators=[reject_rrn],
        error_messages={"required": "제목을 입력하세요."},
    )
    body = forms.CharField(
        label="청원 내용",
        widget=forms.Textarea(attrs={"rows": 10}),
        validators=[reject_rrn],
        error_messages={"required": "청원 내용을 입력하세요."},
        help_text="주민등록번호는 적지 마세요. 적으면 접수되지 않습니다.",
    )
    is_public_request = forms.BooleanField(
        label="공개청원으로 신청합니다",
        required=False,
        help_text="공개청원은 법령·조례의 제정·개정·폐지나 공공의 제도·시설 운영에 관한 청원만 가능합니다. "
        "15일 안에 공개 여부를 정하고, 공개하면 30일 동안 국민 의견을 듣습니다 (청원법 제11조②, 제13조).",
    )

    def petitioner(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("name", "phone", "email", "address")}


class PetitionForm(_PetitionerFields):
    """Staff intake (방문·우편·전자 청원서)."""

    received_at = forms.DateTimeField(
        label="접수일시",
        required=False,
        help_text="비워 두면 지금 시각으로 접수합니다.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": "접수일시를 '2026-03-02 10:00' 형식으로 입력하세요."},
    )


class PublicPetitionForm(_PetitionerFields):
    phone = forms.RegexField(
        label="휴대전화",
        regex=r"^[0-9+\-() ]{9,20}$",
        help_text=PHONE_HELP,
        error_messages={
            "invalid": "휴대전화 번호 형식이 올바르지 않습니다. " + PHONE_HELP,
            "required": "결과를 알려 드릴 연락처를 입력하세요.",
        },
    )
    agree = forms.BooleanField(
        label="청원 처리를 위한 개인정보 수집·이용에 동의합니다.",
        error_messages={"required": "개인정보 수집·이용에 동의해야 접수할 수 있습니다."},
    )


class PetitionFilterForm(KrdsForm):
    q = forms.CharField(label="검색어", required=False, help_text="청원번호나 제목에서 찾습니다.")
    status = forms.ChoiceField(
        label="상태",
        required=False,
        choices=[("", "전체"), ("open", "처리 중 전체")] + list(Petition.Status.choices),
    )
    due = forms.ChoiceField(label="기한", required=False, choices=[("", "전체"), ("overdue", "기한 지남")])


# --- actions on a petition -----------------------------------------------------------------------------------------


class DisclosureForm(KrdsForm):
    disclose = forms.TypedChoiceField(
        label="공개 여부",
        choices=[("yes", "공개"), ("no", "공개하지 않음")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "공개 여부를 고르세요."},
    )
    reason = forms.CharField(
        label="결정 이유",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="공개하지 않을 때는 이유를 꼭 적으세요 (이의신청 대상).",
    )


class PetitionExtensionForm(KrdsForm):
    amount = forms.IntegerField(
        label="연장 일수",
        min_value=1,
        max_value=60,
        help_text="한 차례, 60일 이내 (청원법 제21조③)",
        error_messages={
            "max_value": "연장 기간은 60일 이내여야 합니다 (청원법 제21조③).",
            "min_value": "연장 일수는 1일 이상이어야 합니다.",
            "required": "연장 일수를 입력하세요.",
            "invalid": "연장 일수는 숫자로 입력하세요.",
        },
    )
    reason = forms.CharField(
        label="연장 사유",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "연장 사유를 적으세요."},
    )


class ResultForm(KrdsForm):
    result = forms.CharField(
        label="처리 결과와 이유",
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[reject_rrn],
        error_messages={"required": "처리 결과를 적으세요."},
    )


class NotProcessForm(KrdsForm):
    reason = forms.ChoiceField(label="처리하지 않는 사유 (청원법 제6조)", choices=NOT_PROCESSED_REASONS)
    detail = forms.CharField(
        label="청원인에게 알릴 이유",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "청원인에게 알릴 이유를 적으세요."},
    )


class RepeatForm(KrdsForm):
    original = forms.RegexField(
        label="원 청원번호",
        regex=r"^\s*\d{4}-\d{6}\s*$",
        error_messages={
            "invalid": "청원번호는 '2026-000123' 형식입니다.",
            "required": "같은 내용의 먼저 접수된 청원번호를 입력하세요.",
        },
    )
    note = forms.CharField(
        label="종결 통지에 덧붙일 말", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class NoteForm(KrdsForm):
    note = forms.CharField(label="메모", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ObjectionForm(KrdsForm):
    reason = forms.CharField(
        label="이의신청 이유",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "이의신청 이유를 적으세요."},
    )
    filed_at = forms.DateTimeField(
        label="신청일시",
        required=False,
        help_text="비워 두면 지금 시각으로 기록합니다.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": "신청일시를 '2026-07-01 10:00' 형식으로 입력하세요."},
    )


class ObjectionDecisionForm(KrdsForm):
    decision = forms.CharField(
        label="결정 내용과 이유",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "결정 내용을 적으세요."},
    )


# --- 청원심의회 ---------------------------------------------------------------------------------------------------


class BoardMemberForm(KrdsForm):
    name = forms.CharField(label="성명", max_length=60)
    affiliation = forms.CharField(label="소속·직위", max_length=100)
    is_outside = forms.BooleanField(label="외부 전문가 위원", required=False)
    is_chair = forms.BooleanField(label="위원장", required=False)
    term_start = board_date("임기 시작일")
    term_end = board_date("임기 종료일")


class _MemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.affiliation})"


class EndBoardMemberForm(KrdsForm):
    member = _MemberChoice(
        label="위원",
        queryset=BoardMember.objects.order_by("name"),
        error_messages={"required": "위원을 고르세요.", "invalid_choice": "위원을 다시 고르세요."},
    )
    on = board_date("임기 종료일")


class _PetitionChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.case_number} {obj.title}"


class _BoardAttendeeChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({'외부' if obj.is_outside else '내부'}{', 위원장' if obj.is_chair else ''})"


class BoardMeetingForm(KrdsForm):
    held_on = board_date("개최일")
    attendees = _BoardAttendeeChoice(
        label="출석 위원",
        queryset=BoardMember.objects.order_by("-is_chair", "name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "출석 위원을 고르세요.", "invalid_choice": "출석 위원을 다시 고르세요."},
    )
    petitions = _PetitionChoice(
        label="심의할 청원",
        required=False,
        to_field_name="case_number",
        widget=forms.CheckboxSelectMultiple,
        queryset=Petition.objects.filter(status__in=OPEN_STATUSES).order_by("received_at"),
        error_messages={"invalid_choice": "청원 %(value)s을(를) 찾을 수 없습니다."},
    )
    minutes = forms.CharField(label="회의 결과", required=False, widget=forms.Textarea(attrs={"rows": 4}))


class MinutesForm(KrdsForm):
    minutes = forms.CharField(
        label="회의 결과",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "회의 결과를 적으세요."},
    )
