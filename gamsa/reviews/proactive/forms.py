"""Forms of the 적극행정 pages: selection rounds, committee members, nominations and scores, 사전컨설팅, 면책."""

from __future__ import annotations

from django import forms

from gamsa.core.forms import KrdsForm
from gamsa.core.models import OrgUnit
from gamsa.core.validators import reject_rrn
from gamsa.reviews.forms import UnitChoiceMixin
from gamsa.reviews.proactive.models import ExemptionCase


class RoundForm(KrdsForm):
    year = forms.IntegerField(label="연도", min_value=2000, max_value=2100)
    half = forms.ChoiceField(label="반기", choices=[(1, "상반기"), (2, "하반기")])
    quota = forms.IntegerField(label="선정 인원", min_value=1, max_value=100, initial=8)


class MemberForm(KrdsForm):
    name = forms.CharField(label="위원 성명", max_length=60)
    affiliation = forms.CharField(label="소속·직위", max_length=100, required=False)
    external = forms.BooleanField(label="민간위원", required=False)


class NominationForm(KrdsForm):
    nominee_name = forms.CharField(label="추천 대상 공무원", max_length=60)
    nominee_unit = forms.ModelChoiceField(label="소속부서", queryset=OrgUnit.objects.none(), empty_label=None)
    achievement = forms.CharField(label="적극행정 사례", max_length=200, validators=[reject_rrn])
    description = forms.CharField(
        label="추진 내용", widget=forms.Textarea(attrs={"rows": 4}), validators=[reject_rrn]
    )

    def __init__(self, *args, unit_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = OrgUnit.objects.filter(active=True)
        if unit_ids is not None:
            qs = qs.filter(pk__in=unit_ids)
        self.fields["nominee_unit"].queryset = qs.order_by("sort_order", "name")


class ScoreForm(KrdsForm):
    """One member's points for one nomination; fields built from the round's criteria."""

    def __init__(self, *args, criteria=(), members=(), nominations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"] = forms.ChoiceField(label="위원", choices=[(m.pk, m.name) for m in members])
        self.fields["nomination"] = forms.ChoiceField(
            label="추천 건", choices=[(n.pk, f"{n.nominee_name} — {n.achievement}") for n in nominations]
        )
        for c in criteria:
            self.fields[f"c_{c['code']}"] = forms.IntegerField(
                label=f"{c['label']} (0~{c['max']}점)", min_value=0, max_value=c["max"]
            )
        from gamsa.core.forms import apply_krds

        apply_krds(self)


class ConsultingForm(UnitChoiceMixin, KrdsForm):
    unit = forms.ModelChoiceField(label="요청부서", queryset=OrgUnit.objects.none(), empty_label=None)
    subject = forms.CharField(label="제목", max_length=200, validators=[reject_rrn])
    question = forms.CharField(
        label="질의 내용", widget=forms.Textarea(attrs={"rows": 5}), validators=[reject_rrn]
    )
    facts = forms.CharField(
        label="사실관계·관련 법령",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[reject_rrn],
    )


class AdviceForm(KrdsForm):
    advice = forms.CharField(label="컨설팅 의견 (반려 시 사유)", widget=forms.Textarea(attrs={"rows": 5}))
    decline = forms.BooleanField(label="반려 (사전컨설팅 대상이 아님)", required=False)


class ExemptionForm(UnitChoiceMixin, KrdsForm):
    unit = forms.ModelChoiceField(label="소속부서", queryset=OrgUnit.objects.none(), empty_label=None)
    applicant_name = forms.CharField(label="대상 공무원", max_length=60)
    matter = forms.CharField(
        label="면책 신청 사항", widget=forms.Textarea(attrs={"rows": 5}), validators=[reject_rrn]
    )
    audit_reference = forms.CharField(label="관련 감사", max_length=200, required=False)
    consulting = forms.CharField(label="관련 사전컨설팅 접수번호", max_length=20, required=False)
    public_interest = forms.BooleanField(label="공익을 위한 적극적 업무 처리", required=False)
    no_private_interest = forms.BooleanField(label="사적 이해관계 없음", required=False)
    no_serious_defect = forms.BooleanField(label="중대한 절차상 하자 없음", required=False)


class ExemptionDecisionForm(KrdsForm):
    decision = forms.ChoiceField(
        label="결정",
        choices=[
            (ExemptionCase.Decision.GRANTED.value, "면책"),
            (ExemptionCase.Decision.DENIED.value, "면책 불인정"),
        ],
    )
    reason = forms.CharField(label="결정 사유", widget=forms.Textarea(attrs={"rows": 4}))
