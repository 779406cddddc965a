"""Forms of the review pages: filing 일상감사 and 계약심사 requests, answers, ledgers, thresholds."""

from __future__ import annotations

from django import forms

from gamsa.core.forms import KrdsForm
from gamsa.core.models import OrgUnit, Role, User
from gamsa.core.validators import reject_rrn
from gamsa.reviews.models import (
    CATEGORIES_FOR,
    Basis,
    Category,
    Field,
    Opinion,
    ReviewKind,
    Status,
)

AMOUNT_ERRORS = {
    "invalid": "금액은 원 단위 숫자로만 입력하세요 (쉼표 없이).",
    "min_value": "0원 이상이어야 합니다.",
}


def _choices(kind):
    return [(c.value, c.label) for c in CATEGORIES_FOR[kind]]


def _amount(label, required=False, help_text=""):
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=10**15,
        help_text=help_text,
        error_messages=AMOUNT_ERRORS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class UnitChoiceMixin:
    def set_units(self, unit_ids):
        self.fields["unit"].queryset = OrgUnit.objects.filter(pk__in=unit_ids).order_by("sort_order", "name")
        if len(unit_ids) == 1:
            self.fields["unit"].initial = unit_ids[0]


class PreExecutionForm(UnitChoiceMixin, KrdsForm):
    unit = forms.ModelChoiceField(label="요청부서", queryset=OrgUnit.objects.none(), empty_label=None)
    title = forms.CharField(label="사업명(건명)", max_length=200, validators=[reject_rrn])
    field = forms.ChoiceField(label="분야", choices=Field.choices)
    category = forms.ChoiceField(label="유형", choices=_choices(ReviewKind.PRE_EXECUTION))
    estimated_price = _amount(
        "추정가격(원)", help_text="부가가치세 제외. 정책사업·예산 전용은 사업예산액(전용액)"
    )
    estimated_amount = _amount("추정금액(원)", help_text="추정가격 + 부가가치세 + 관급자재")
    description = forms.CharField(label="내용", required=False, widget=forms.Textarea(attrs={"rows": 4}))


class ContractForm(UnitChoiceMixin, KrdsForm):
    review_kind = forms.ChoiceField(
        label="심사 종류",
        choices=[
            (ReviewKind.CONTRACT.value, "계약심사"),
            (ReviewKind.COMPLETION.value, "준공 전 제비율 심사"),
        ],
    )
    unit = forms.ModelChoiceField(label="요청부서", queryset=OrgUnit.objects.none(), empty_label=None)
    title = forms.CharField(label="사업명(건명)", max_length=200, validators=[reject_rrn])
    category = forms.ChoiceField(label="유형", choices=_choices(ReviewKind.CONTRACT))
    designed_amount = _amount("설계금액(원)", required=True, help_text="부가가치세·관급자재 포함 (추정금액)")
    description = forms.CharField(label="내용", required=False, widget=forms.Textarea(attrs={"rows": 4}))


class AssignForm(KrdsForm):
    reviewer = forms.ModelChoiceField(label="담당 감사관", queryset=User.objects.none(), empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = (
            User.objects.filter(
                memberships__ended_on__isnull=True,
                memberships__role__in=[Role.AUDITOR, Role.TEAM_LEADER],
                memberships__unit__office_team="audit",
            )
            .distinct()
            .order_by("full_name", "username")
        )
        self.fields["reviewer"].label_from_instance = lambda u: u.display_name


class OpinionForm(KrdsForm):
    opinion = forms.ChoiceField(label="감사의견", choices=Opinion.choices)
    text = forms.CharField(
        label="의견 내용",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="조건부 적정·부적정은 필수",
    )


class ContractResultForm(KrdsForm):
    reviewed_amount = _amount(
        "심사금액(원)", help_text="원가계산서 검토를 연결하면 그 인정금액으로 채웁니다."
    )
    cost_review = forms.ChoiceField(
        label="원가계산서 검토 연결 (공사)",
        required=False,
        help_text="제비율 심사 화면에서 검토한 원가계산서를 고르면 인정금액이 심사금액이 됩니다.",
    )
    note = forms.CharField(label="심사 내용", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from gamsa.costing.models import CostReview

        recent = CostReview.objects.filter(kind="works").order_by("-created_at", "-id")[:50]
        self.fields["cost_review"].choices = [("", "연결하지 않음")] + [
            (str(c.public_id), f"{c.title} — 인정금액 {c.allowed_total:,}원 ({c.created_at:%Y. %m. %d.})")
            for c in recent
        ]

    def clean(self):
        data = super().clean()
        if data.get("reviewed_amount") is None and not data.get("cost_review") and not self.errors:
            raise forms.ValidationError("심사금액을 입력하거나 원가계산서 검토를 연결하세요.")
        return data


class LedgerFilterForm(KrdsForm):
    year = forms.IntegerField(label="연도", required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(label="상태", required=False, choices=[("", "전체")] + Status.choices)
    required = forms.ChoiceField(
        label="심사 대상", required=False, choices=[("", "전체"), ("yes", "대상"), ("no", "대상 아님")]
    )
    category = forms.ChoiceField(label="유형", required=False, choices=[("", "전체")] + Category.choices)
    unit = forms.ModelChoiceField(
        label="요청부서", required=False, queryset=OrgUnit.objects.none(), empty_label="전체"
    )
    q = forms.CharField(label="건명", required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(is_audit_office=False, office_team="").order_by(
            "sort_order", "name"
        )


class PreLedgerFilterForm(LedgerFilterForm):
    opinion = forms.ChoiceField(label="감사의견", required=False, choices=[("", "전체")] + Opinion.choices)


class ContractLedgerFilterForm(LedgerFilterForm):
    review_kind = forms.ChoiceField(
        label="심사 종류",
        required=False,
        choices=[
            ("", "전체"),
            (ReviewKind.CONTRACT.value, "계약심사"),
            (ReviewKind.COMPLETION.value, "준공 전 제비율 심사"),
        ],
    )


class ThresholdForm(KrdsForm):
    review_kind = forms.ChoiceField(label="심사 종류", choices=ReviewKind.choices)
    category = forms.ChoiceField(label="유형", choices=Category.choices)
    basis = forms.ChoiceField(label="금액 기준", choices=Basis.choices)
    min_amount = _amount("기준금액(원)", required=True, help_text="이 금액 이상이면 심사 대상")
    applies = forms.BooleanField(
        label="금액 기준 심사 대상 (해제하면 이 시행일부터 대상에서 뺍니다)", required=False, initial=True
    )
    effective_from = forms.DateField(
        label="시행일",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "시행일을 '2026-01-01' 형식으로 입력하세요."},
    )
    source = forms.CharField(label="근거 (규칙·별표 조항 또는 공개 자료)", max_length=300)
    note = forms.CharField(label="비고", max_length=300, required=False)

    def clean(self):
        data = super().clean()
        kind, category = data.get("review_kind"), data.get("category")
        if kind and category and category not in CATEGORIES_FOR[kind]:
            self.add_error("category", "이 심사 종류에서 쓰지 않는 유형입니다.")
        return data
