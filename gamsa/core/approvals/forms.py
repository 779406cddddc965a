"""Forms of the approval screens. Each keeps what was typed on an error."""

from __future__ import annotations

from django import forms

from gamsa.core.approvals import kinds
from gamsa.core.approvals.models import SIGNING_RANKS, Rank
from gamsa.core.models import OrgUnit, User, UserKind

TEXTAREA = forms.Textarea(attrs={"rows": 3, "class": "krds-input"})


class OpinionForm(forms.Form):
    opinion = forms.CharField(label="의견", required=False, max_length=2000, widget=TEXTAREA)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="사유", max_length=2000, widget=TEXTAREA)


class CooperationForm(forms.Form):
    decision = forms.ChoiceField(
        label="협조 의견",
        choices=[("agree", "동의"), ("agree_with_opinion", "의견 있음(동의)"), ("disagree", "부동의")],
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(
        label="의견·부동의 사유", required=False, max_length=2000, widget=TEXTAREA,
        help_text="의견 있음이나 부동의는 그 내용을 적어야 합니다.",
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        if (
            data.get("decision") in ("agree_with_opinion", "disagree")
            and not (data.get("opinion") or "").strip()
        ):
            self.add_error("opinion", "의견이나 부동의 사유를 적으세요.")
        return data


class PersonField(forms.CharField):
    """A staff member by login name (아이디): a select of 1,700 officials would be unusable."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        user = User.objects.filter(username=value.strip(), kind=UserKind.STAFF, is_active=True).first()
        if user is None:
            raise forms.ValidationError("해당 아이디의 직원을 찾을 수 없습니다.")
        return user


class RuleForm(forms.Form):
    kind = forms.ChoiceField(label="문서 종류")
    grade = forms.CharField(
        label="등급·구분", required=False, max_length=40, help_text="비우면 모든 등급 (예: 중대)"
    )
    amount_min = forms.IntegerField(label="금액 이상(원)", required=False, min_value=0, max_value=10**15)
    amount_max = forms.IntegerField(label="금액 미만(원)", required=False, min_value=0, max_value=10**15)
    signer_rank = forms.ChoiceField(label="전결권자", choices=[(r.value, r.label) for r in SIGNING_RANKS])
    effective_from = forms.DateField(label="시행일", widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label="근거·비고", required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds.choices()

    def clean(self):
        data = super().clean()
        lo, hi = data.get("amount_min"), data.get("amount_max")
        if lo is not None and hi is not None and lo >= hi:
            self.add_error("amount_max", "'미만' 금액은 '이상' 금액보다 커야 합니다.")
        return data


class PositionForm(forms.Form):
    person = PersonField(label="직원 아이디", max_length=150)
    unit = forms.ModelChoiceField(
        label="부서", queryset=OrgUnit.objects.filter(active=True).order_by("path"), empty_label="고르세요"
    )
    rank = forms.ChoiceField(label="결재 직급", choices=Rank.choices)
    title = forms.CharField(label="직위", max_length=50, help_text="결재란에 찍힙니다 (예: 도로관리팀장)")


class AbsenceForm(forms.Form):
    person = PersonField(label="부재자 아이디", max_length=150)
    starts_on = forms.DateField(label="시작일", widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label="종료일", widget=forms.DateInput(attrs={"type": "date"}))
    acting = PersonField(label="직무대리자 아이디", max_length=150)
    reason = forms.CharField(label="사유", required=False, max_length=100, help_text="예: 연가, 출장")

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "종료일이 시작일보다 빠릅니다.")
        return data


class NumberFormatForm(forms.Form):
    pattern = forms.CharField(
        label="문서번호 형식",
        max_length=60,
        help_text="{unit} 처리과명, {year} 연도, {seq} 일련번호 (예: {unit}-{seq})",
    )
    effective_from = forms.DateField(label="시행일", widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label="비고", required=False, max_length=200)


class MyAbsenceForm(forms.Form):
    """부재 등록 by the absent person: the acting person is one of their 처리과's colleagues."""

    starts_on = forms.DateField(label="시작일", widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label="종료일", widget=forms.DateInput(attrs={"type": "date"}))
    acting = forms.ModelChoiceField(
        label="직무대리자",
        queryset=User.objects.none(),
        to_field_name="username",
        empty_label="고르세요",
        help_text="같은 부서 직원 가운데에서 고릅니다. 부재 기간에 내 차례의 결재를 대결합니다.",
        error_messages={
            "required": "직무대리자를 고르세요.",
            "invalid_choice": "직무대리자는 같은 부서의 직원 가운데에서 고르세요.",
        },
    )
    reason = forms.CharField(label="사유", required=False, max_length=100, help_text="예: 연가, 출장")

    def __init__(self, *args, person: User, **kwargs):
        from gamsa.core.approvals.lines import acting_candidates

        super().__init__(*args, **kwargs)
        self.fields["acting"].queryset = acting_candidates(person)
        self.fields["acting"].label_from_instance = lambda u: f"{u.display_name} ({u.position or '직원'})"
        for field in self.fields.values():
            css = "krds-form-select" if isinstance(field.widget, forms.Select) else "krds-input"
            field.widget.attrs["class"] = f"{field.widget.attrs.get('class', '')} {css}".strip()

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "종료일이 시작일보다 빠릅니다.")
        return data
