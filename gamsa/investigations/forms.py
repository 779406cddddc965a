"""Forms of the investigation screens. Views validate; services decide."""

from __future__ import annotations

from django import forms

from gamsa.complaints.models import Grievance, PublicInterestReport
from gamsa.core.models import Grade, OrgUnit, User
from gamsa.investigations import permissions as perms
from gamsa.investigations.models import Action, AllegationType, ExternalBody, Penalty, Source


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput())


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class CaseForm(forms.Form):
    title = forms.CharField(label="사건명", max_length=120)
    summary = forms.CharField(label="비위 개요", widget=forms.Textarea(attrs={"rows": 4}))
    # A case from 청렴톡 is received only by the hotline's conversion (it links the report, copies nothing).
    source = forms.ChoiceField(
        label="사건 출처", choices=[c for c in Source.choices if c[0] != Source.HOTLINE]
    )
    external_body = forms.ChoiceField(
        label="통보 기관 (외부기관 통보)", choices=[("", "선택")] + ExternalBody.choices, required=False
    )
    external_body_name = forms.CharField(
        label="통보 기관명 (예: 영등포경찰서)", max_length=60, required=False
    )
    document_number = forms.CharField(label="통보 문서번호", max_length=60, required=False)
    document_date = _date("통보일", required=False)
    report_number = forms.CharField(
        label="공익신고 번호 (공익신고)",
        max_length=20,
        required=False,
        help_text="예: PI-2025-000003. 신고자 신원은 옮기지 않습니다.",
    )
    grievance_number = forms.CharField(label="민원 접수번호 (민원)", max_length=20, required=False)
    received_on = _date("접수일")
    subject_name = forms.CharField(label="대상자 성명", max_length=50)
    subject_unit = UnitChoiceField(label="대상자 소속 (행위 당시)", queryset=OrgUnit.objects.none())
    subject_grade = forms.ChoiceField(label="직급 (행위 당시)", choices=[("", "선택")] + Grade.choices)
    subject_position = forms.CharField(label="직위 (행위 당시)", max_length=50, required=False)
    allegation_type = forms.ModelChoiceField(label="비위 유형", queryset=AllegationType.objects.none())
    act_date = _date("행위일")
    allegation_description = forms.CharField(label="비위 내용 요지", max_length=200, required=False)
    allegation_type_2 = forms.ModelChoiceField(
        label="두 번째 비위 유형 (있으면)", queryset=AllegationType.objects.none(), required=False
    )
    act_date_2 = _date("두 번째 행위일", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject_unit"].queryset = OrgUnit.objects.filter(active=True).order_by("path")
        types = AllegationType.objects.filter(active=True)
        self.fields["allegation_type"].queryset = types
        self.fields["allegation_type_2"].queryset = types

    def clean(self):
        data = super().clean()
        source = data.get("source")
        if source == Source.PUBLIC_INTEREST:
            number = (data.get("report_number") or "").strip()
            data["public_interest_report"] = PublicInterestReport.objects.filter(case_number=number).first()
            if data["public_interest_report"] is None:
                self.add_error("report_number", "해당 번호의 공익신고가 없습니다.")
        if source == Source.GRIEVANCE:
            number = (data.get("grievance_number") or "").strip()
            data["grievance"] = Grievance.objects.filter(case_number=number).first()
            if data["grievance"] is None:
                self.add_error("grievance_number", "해당 접수번호의 민원이 없습니다.")
        if data.get("allegation_type_2") and not data.get("act_date_2"):
            self.add_error("act_date_2", "두 번째 비위 유형의 행위일을 입력하세요.")
        return data


def investigator_choices():
    people = User.objects.filter(
        memberships__ended_on__isnull=True,
        memberships__unit__office_team=perms.TEAM,
        memberships__role__in=["investigator", "team_leader"],
        is_active=True,
    ).distinct()
    return people.order_by("full_name")


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name} ({obj.position or obj.username})"


class AssignForm(forms.Form):
    investigators = PersonChoiceField(
        label="조사관", queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    on = _date("배정일")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["investigators"].queryset = investigator_choices()
        self.fields["investigators"].to_field_name = "username"


class DateForm(forms.Form):
    on = _date("일자")


class StatementForm(forms.Form):
    taken_on = _date("진술일")
    subject = forms.ChoiceField(label="진술인", required=False)
    kind = forms.ChoiceField(
        label="구분", choices=[("문답서", "문답서"), ("진술서", "진술서"), ("확인서", "확인서")]
    )
    text = forms.CharField(label="진술 내용", widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, subjects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = [("", "참고인")] + [
            (str(s.public_id), f"대상자 {i}") for i, s in enumerate(subjects, start=1)
        ]


class EvidenceForm(forms.Form):
    file = forms.FileField(label="증거 파일 (PDF·이미지·HWP·HWPX·XLSX·DOCX)")


class DiaryForm(forms.Form):
    on = _date("일자")
    text = forms.CharField(label="조사 일지", widget=forms.Textarea(attrs={"rows": 3}))


class BlockForm(forms.Form):
    body = forms.ChoiceField(
        label="조사·수사 기관", choices=[("bai", "감사원 조사"), ("criminal", "수사기관 수사")]
    )
    started_on = _date("개시 통보일")
    ended_on = _date("종료 통보일", required=False)


class ReportForm(forms.Form):
    on = _date("결과 보고일")
    report = forms.CharField(label="조사 결과 보고", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, subjects=(), **kwargs):
        super().__init__(*args, **kwargs)
        for i, s in enumerate(subjects, start=1):
            self.fields[f"finding_{s.public_id}"] = forms.CharField(
                label=f"대상자 {i} 조사 결과", widget=forms.Textarea(attrs={"rows": 2})
            )


class SubjectActionForm(forms.Form):
    subject = forms.UUIDField(widget=forms.HiddenInput)
    action = forms.ChoiceField(label="조치", choices=Action.choices)
    on = _date("조치일")
    transferred_to = forms.CharField(label="이첩 기관 (타 기관 이첩)", max_length=60, required=False)


class SubjectDateForm(forms.Form):
    subject = forms.UUIDField(widget=forms.HiddenInput)
    on = _date("일자")


class UnitNoticeForm(SubjectDateForm):
    kind = forms.ChoiceField(label="통보", choices=[("start", "조사 개시 통보"), ("end", "조사 종료 통보")])


class DecisionForm(forms.Form):
    subject = forms.UUIDField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label="의결 결과", choices=Penalty.choices)
    received_on = _date("의결 통보 수령일")


class SubjectForm(forms.Form):
    """One more subject official (as at the time of the act) with one or two allegations."""

    name = forms.CharField(label="대상자 성명", max_length=50)
    unit = UnitChoiceField(label="소속 (행위 당시)", queryset=OrgUnit.objects.none())
    grade = forms.ChoiceField(label="직급 (행위 당시)", choices=[("", "선택")] + Grade.choices)
    position = forms.CharField(label="직위 (행위 당시)", max_length=50, required=False)
    allegation_type = forms.ModelChoiceField(label="비위 유형", queryset=AllegationType.objects.none())
    act_date = _date("행위일")
    allegation_description = forms.CharField(label="비위 내용 요지", max_length=200, required=False)
    allegation_type_2 = forms.ModelChoiceField(
        label="두 번째 비위 유형 (있으면)", queryset=AllegationType.objects.none(), required=False
    )
    act_date_2 = _date("두 번째 행위일", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(active=True).order_by("path")
        types = AllegationType.objects.filter(active=True)
        self.fields["allegation_type"].queryset = types
        self.fields["allegation_type_2"].queryset = types

    def clean(self):
        data = super().clean()
        if data.get("allegation_type_2") and not data.get("act_date_2"):
            self.add_error("act_date_2", "두 번째 비위 유형의 행위일을 입력하세요.")
        if data.get("act_date_2") and not data.get("allegation_type_2"):
            self.add_error("allegation_type_2", "두 번째 행위일의 비위 유형을 고르세요.")
        return data

    def subject(self) -> dict:
        """The service's shape (services.receive_case / add_subjects)."""
        d = self.cleaned_data
        allegations = [
            {
                "type": d["allegation_type"],
                "act_date": d["act_date"],
                "description": d["allegation_description"],
            }
        ]
        if d.get("allegation_type_2"):
            allegations.append({"type": d["allegation_type_2"], "act_date": d["act_date_2"]})
        return {
            "name": d["name"],
            "unit": d["unit"],
            "grade": d["grade"],
            "position": d["position"],
            "allegations": allegations,
        }


class BaseSubjectFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if not any(form.has_changed() for form in self.forms):
            raise forms.ValidationError("추가할 대상자를 한 명 이상 입력하세요.")

    def subjects(self) -> list[dict]:
        return [form.subject() for form in self.forms if form.has_changed()]


SubjectFormSet = forms.formset_factory(SubjectForm, formset=BaseSubjectFormSet, extra=3, max_num=10)
