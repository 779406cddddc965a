from __future__ import annotations

from django import forms

from gamsa.audits.models import (
    ChecklistResult,
    DisciplineTheme,
    DispositionKind,
    EngagementType,
    MemberKind,
    ReexaminationOutcome,
    Verdict,
)
from gamsa.core.forms import KrdsForm
from gamsa.core.models import OrgUnit, UnitKind, User
from gamsa.core.validators import reject_rrn

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERR = {"invalid": "날짜를 '2026-03-02' 형식으로 입력하세요."}
AMOUNT_ERR = {
    "invalid": "금액은 원 단위 숫자로 입력하세요 (쉼표 없이).",
    "min_value": "금액은 0원 이상이어야 합니다.",
}


def target_units():
    kinds = (UnitKind.DEPARTMENT, UnitKind.DONG, UnitKind.FACILITY)
    return OrgUnit.objects.filter(active=True, kind__in=kinds, is_audit_office=False).order_by("path")


class PlanForm(KrdsForm):
    year = forms.IntegerField(label="연도", min_value=2000, max_value=2100)
    title = forms.CharField(label="계획명", max_length=200)
    policy = forms.CharField(
        label="추진 방향·고려사항",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="감사빈도·주기, 일상감사 결과, 의회·언론 지적 등 (자체감사기준 제11조①)",
    )
    adopted_on = forms.DateField(label="수립일", required=False, widget=DATE, error_messages=DATE_ERR)
    reported_to_bai_on = forms.DateField(
        label="감사원 송부일",
        required=False,
        widget=DATE,
        error_messages=DATE_ERR,
        help_text="시행령 제18조①",
    )


class CopyPlanForm(KrdsForm):
    year = forms.IntegerField(label="새 계획 연도", min_value=2000, max_value=2100)


class EngagementForm(KrdsForm):
    title = forms.CharField(label="감사사항", max_length=200, validators=[reject_rrn])
    type = forms.ChoiceField(label="감사 종류", choices=EngagementType.choices)
    theme = forms.ChoiceField(
        label="공직기강 특별점검 주제",
        choices=DisciplineTheme.choices,
        required=False,
        help_text="복무감사 중 특별점검일 때만 고르세요.",
    )
    purpose = forms.CharField(label="목적·필요성", widget=forms.Textarea(attrs={"rows": 3}))
    targets = forms.ModelMultipleChoiceField(
        label="감사 대상 (부서·동·시설)",
        queryset=OrgUnit.objects.none(),
        error_messages={"required": "감사 대상을 하나 이상 고르세요."},
    )
    scope = forms.CharField(label="감사 범위", widget=forms.Textarea(attrs={"rows": 2}))
    start_date = forms.DateField(label="감사 시작일", widget=DATE, error_messages=DATE_ERR)
    end_date = forms.DateField(label="감사 종료일", widget=DATE, error_messages=DATE_ERR)
    headcount = forms.IntegerField(label="감사 인원", min_value=1, max_value=99, initial=3)
    out_of_plan_reason = forms.CharField(label="계획 외 감사 사유", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["targets"].queryset = target_units()
        self.fields["targets"].widget.attrs["size"] = 8

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", "감사 종료일이 시작일보다 빠릅니다.")
        if data.get("theme") and data.get("type") != EngagementType.DISCIPLINE:
            self.add_error("theme", "특별점검 주제는 복무감사에만 정할 수 있습니다.")
        return data


class NoticeForm(KrdsForm):
    notified_on = forms.DateField(
        label="사전 통보일",
        widget=DATE,
        error_messages=DATE_ERR,
        help_text="감사예정일 7일 전까지 (시행령 제12조①): 시작일 전날을 1일째로 거꾸로 세어 7일째 날이 시작되기 전, "
        "곧 시작일보다 8일 앞선 날까지입니다. 예: 시작일 10. 12. → 10. 4.까지.",
    )
    exception = forms.CharField(
        label="7일 전 통보 예외 사유",
        max_length=200,
        required=False,
        help_text="긴급하거나 사전 통보로 감사 목적을 이루기 어려운 경우 (시행령 제12조① 단서)",
    )


class FinishForm(KrdsForm):
    ended_on = forms.DateField(label="실지감사 종료일", widget=DATE, error_messages=DATE_ERR)


class PublishForm(KrdsForm):
    summary = forms.CharField(
        label="공개용 요약", widget=forms.Textarea(attrs={"rows": 4}), validators=[reject_rrn]
    )


class MemberForm(KrdsForm):
    user = forms.ModelChoiceField(label="감사단원", queryset=User.objects.none())
    kind = forms.ChoiceField(label="구분", choices=MemberKind.choices)
    is_lead = forms.BooleanField(label="감사단장", required=False)
    duty = forms.CharField(label="사무분장", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(
            is_active=True, kind__in=("staff", "volunteer")
        ).order_by("full_name")


class ChecklistItemForm(KrdsForm):
    area = forms.CharField(label="분야", max_length=100, required=False)
    text = forms.CharField(label="점검 항목", max_length=300)


class ChecklistResultForm(KrdsForm):
    result = forms.ChoiceField(label="결과", choices=ChecklistResult.choices, required=False)
    note = forms.CharField(label="비고", max_length=300, required=False)


class DispositionFields(KrdsForm):
    kind = forms.ChoiceField(label="처분 종류", choices=DispositionKind.choices)
    target_unit = forms.ModelChoiceField(label="처분 대상 부서", queryset=OrgUnit.objects.none())
    demand = forms.CharField(
        label="요구 내용", widget=forms.Textarea(attrs={"rows": 3}), validators=[reject_rrn]
    )
    amount_recover = forms.IntegerField(
        label="회수·추징·환급·변상액(원)", min_value=0, initial=0, error_messages=AMOUNT_ERR
    )
    amount_reduce = forms.IntegerField(label="감액(원)", min_value=0, initial=0, error_messages=AMOUNT_ERR)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_unit"].queryset = target_units()


class FindingForm(DispositionFields):
    title = forms.CharField(label="제목", max_length=200, validators=[reject_rrn])
    unit = forms.ModelChoiceField(label="책임 부서", queryset=OrgUnit.objects.none())
    responsible_person = forms.CharField(
        label="관련자",
        max_length=100,
        required=False,
        help_text="여러 명은 쉼표로 구분. 공개 화면에서는 가려집니다.",
    )
    condition = forms.CharField(
        label="현황 (위법·부당 사항)", widget=forms.Textarea(attrs={"rows": 5}), validators=[reject_rrn]
    )
    criteria = forms.CharField(
        label="관계 법령·기준", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    cause = forms.CharField(label="원인", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    effect = forms.CharField(label="영향", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    rebuttal = forms.CharField(label="변명·반론", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    is_public = forms.BooleanField(label="공개", required=False, initial=True)
    nondisclosure_reason = forms.CharField(label="비공개 사유", max_length=200, required=False)
    is_key = forms.BooleanField(label="주요 지적사례 (카드뉴스)", required=False)

    field_order = [
        "title",
        "unit",
        "responsible_person",
        "condition",
        "criteria",
        "cause",
        "effect",
        "rebuttal",
        "is_public",
        "nondisclosure_reason",
        "is_key",
        "kind",
        "target_unit",
        "demand",
        "amount_recover",
        "amount_reduce",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = target_units()
        self.order_fields(self.field_order)

    def clean(self):
        data = super().clean()
        if not data.get("is_public") and not (data.get("nondisclosure_reason") or "").strip():
            self.add_error(
                "nondisclosure_reason", "비공개로 하려면 정보공개법 제9조①의 비공개 사유를 적으세요."
            )
        return data


class FollowUpForm(KrdsForm):
    text = forms.CharField(
        label="이행 내용", widget=forms.Textarea(attrs={"rows": 5}), validators=[reject_rrn]
    )
    is_plan = forms.BooleanField(label="집행계획입니다 (2개월 안에 끝낼 수 없는 사항)", required=False)
    recovered_amount = forms.IntegerField(
        label="이번에 회수한 금액(원)", min_value=0, initial=0, error_messages=AMOUNT_ERR
    )
    evidence = forms.FileField(label="증빙 파일", required=False, help_text="PDF·이미지·한글·오피스 문서")


class VerifyForm(KrdsForm):
    verdict = forms.ChoiceField(label="검토 결과", choices=[c for c in Verdict.choices if c[0]])
    note = forms.CharField(label="검토 의견", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReexaminationForm(KrdsForm):
    grounds = forms.CharField(
        label="청구 이유", widget=forms.Textarea(attrs={"rows": 4}), validators=[reject_rrn]
    )

    def __init__(self, *args, disposition=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.disposition = disposition

    def clean(self):
        from gamsa.audits.services.findings import reexamination_refusal

        data = super().clean()
        if self.disposition is not None:
            refusal = reexamination_refusal(self.disposition)
            if refusal:
                raise forms.ValidationError(refusal)
        return data


class ReexaminationDecisionForm(KrdsForm):
    outcome = forms.ChoiceField(label="결정", choices=[c for c in ReexaminationOutcome.choices if c[0]])
    note = forms.CharField(label="결정 이유", widget=forms.Textarea(attrs={"rows": 3}))


class AssignmentForm(KrdsForm):
    auditor = forms.ModelChoiceField(label="구민감사관", queryset=None)
    site = forms.CharField(label="점검 현장", max_length=200)
    scheduled_on = forms.DateField(label="점검일", widget=DATE, error_messages=DATE_ERR)
    instructions = forms.CharField(
        label="점검 요청 사항", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        from gamsa.audits.models import CitizenAuditor

        super().__init__(*args, **kwargs)
        self.fields["auditor"].queryset = CitizenAuditor.objects.filter(active=True).select_related("user")


class InspectionForm(KrdsForm):
    observations = forms.CharField(
        label="점검 내용", widget=forms.Textarea(attrs={"rows": 5}), validators=[reject_rrn]
    )
    issues_found = forms.BooleanField(label="개선이 필요한 사항이 있습니다", required=False)
    photo = forms.FileField(label="현장 사진", required=False)
