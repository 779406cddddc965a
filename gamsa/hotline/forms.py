"""Forms of 청렴톡. The reporter's questionnaire is built from the category's questions (data)."""

from __future__ import annotations

from django import forms

from gamsa.core.models import Grade, OrgUnit, Role, User
from gamsa.hotline.models import Category
from gamsa.investigations.forms import DateInput, UnitChoiceField
from gamsa.investigations.models import AllegationType

PASSPHRASE = forms.PasswordInput(attrs={"autocomplete": "off", "class": "krds-input"})
TEXTAREA = forms.Textarea(attrs={"rows": 4, "class": "krds-input", "autocomplete": "off"})
INPUT = forms.TextInput(attrs={"class": "krds-input", "autocomplete": "off"})


class ReportForm(forms.Form):
    """Answers (q_<code>), the optional identity, the receipt form; files are read from request.FILES."""

    receipt_kind = forms.ChoiceField(
        label="접수 암호 형태",
        choices=[("words", "한글 단어 7개"), ("digits", "숫자 25자리")],
        initial="words",
        widget=forms.RadioSelect,
    )
    id_name = forms.CharField(label="성명", required=False, max_length=60, widget=INPUT)
    id_phone = forms.CharField(label="연락처", required=False, max_length=30, widget=INPUT)
    id_email = forms.CharField(label="이메일", required=False, max_length=120, widget=INPUT)
    pow_challenge = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)
    pow_nonce = forms.CharField(required=False, widget=forms.HiddenInput, max_length=40)

    def __init__(self, category: Category, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.category = category
        self.question_fields = []
        for q in category.questions.filter(active=True):
            name = f"q_{q.code}"
            self.fields[name] = forms.CharField(
                label=q.label,
                help_text=q.help_text,
                required=q.required,
                max_length=q.max_length,
                widget=TEXTAREA if q.multiline else INPUT,
            )
            self.question_fields.append(name)

    def answers(self) -> dict:
        data = self.cleaned_data
        return {name[2:]: data[name] for name in self.question_fields if data.get(name)}

    def identity(self) -> dict | None:
        data = self.cleaned_data
        values = {"name": data["id_name"], "phone": data["id_phone"], "email": data["id_email"]}
        return values if any(values.values()) else None

    def questions(self):
        return [self[name] for name in self.question_fields]


class ReceiptForm(forms.Form):
    receipt = forms.CharField(
        label="접수 암호",
        max_length=200,
        widget=forms.TextInput(attrs={"class": "krds-input", "autocomplete": "off", "spellcheck": "false"}),
    )
    pow_challenge = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)
    pow_nonce = forms.CharField(required=False, widget=forms.HiddenInput, max_length=40)


class TextForm(forms.Form):
    text = forms.CharField(label="내용", max_length=4000, widget=TEXTAREA)


class PassphraseForm(forms.Form):
    passphrase = forms.CharField(label="청렴톡 암호", max_length=200, widget=PASSPHRASE)


class SetUpForm(forms.Form):
    passphrase = forms.CharField(label="새 청렴톡 암호 (12자 이상)", max_length=200, widget=PASSPHRASE)
    passphrase2 = forms.CharField(label="한 번 더", max_length=200, widget=PASSPHRASE)

    def clean(self):
        data = super().clean()
        if data.get("passphrase") != data.get("passphrase2"):
            self.add_error("passphrase2", "두 암호가 같지 않습니다.")
        return data


class RecoverCodeForm(SetUpForm):
    code = forms.CharField(label="복구 코드", max_length=60, widget=INPUT)


def office_members():
    from gamsa.hotline.models import Keyring

    return User.objects.filter(hotline_member__isnull=False, pk__in=Keyring.objects.values("user")).order_by(
        "username"
    )


class EscrowCreateForm(forms.Form):
    holder_a = forms.ModelChoiceField(
        label="보관자 1 (감사담당관)", queryset=User.objects.none(), to_field_name="username"
    )
    holder_b = forms.ModelChoiceField(
        label="보관자 2 (정보보안 담당)", queryset=User.objects.none(), to_field_name="username"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder_a"].queryset = office_members()
        self.fields["holder_b"].queryset = office_members()


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(
        label="처리 담당자", queryset=User.objects.none(), to_field_name="username"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = office_members().filter(hotline_member__is_handler=True)


def case_investigators():
    """Investigation-team investigators and leaders with a staff key: who a converted case can go to."""
    from gamsa.hotline.models import Keyring

    return (
        User.objects.filter(
            memberships__ended_on__isnull=True,
            memberships__unit__office_team="investigation",
            memberships__role__in=[Role.INVESTIGATOR, Role.TEAM_LEADER],
            pk__in=Keyring.objects.values("user"),
        )
        .distinct()
        .order_by("username")
    )


class ConvertForm(forms.Form):
    """What goes into the investigation case: typed by the handler, nothing copied from the report."""

    investigator = forms.ModelChoiceField(
        label="배정할 조사관", queryset=User.objects.none(), to_field_name="username"
    )
    title = forms.CharField(label="사건명", max_length=120, widget=INPUT)
    summary = forms.CharField(
        label="비위 개요 (조사 사건 기록에 들어갑니다)",
        max_length=4000,
        widget=TEXTAREA,
        help_text="신고 내용에서 조사에 필요한 부분만 골라 적으세요. 신고자를 알 수 있는 내용은 적지 마세요.",
    )
    subject_name = forms.CharField(label="대상자 성명", max_length=50, widget=INPUT)
    subject_unit = UnitChoiceField(label="대상자 소속 (행위 당시)", queryset=OrgUnit.objects.none())
    subject_grade = forms.ChoiceField(label="직급 (행위 당시)", choices=[("", "선택")] + Grade.choices)
    subject_position = forms.CharField(label="직위", max_length=50, required=False, widget=INPUT)
    allegation_type = forms.ModelChoiceField(label="비위 유형", queryset=AllegationType.objects.none())
    act_date = forms.DateField(label="행위일", widget=DateInput())
    note = forms.CharField(
        label="인계 메모 (청렴톡 안에만, 암호화)", max_length=2000, required=False, widget=TEXTAREA
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["investigator"].queryset = case_investigators()
        self.fields["subject_unit"].queryset = OrgUnit.objects.filter(active=True).order_by("path")
        self.fields["allegation_type"].queryset = AllegationType.objects.filter(active=True)

    def subject(self) -> dict:
        d = self.cleaned_data
        return {
            "name": d["subject_name"],
            "unit": d["subject_unit"],
            "grade": d["subject_grade"],
            "position": d["subject_position"],
            "allegations": [{"type": d["allegation_type"], "act_date": d["act_date"]}],
        }


class RevokeForm(forms.Form):
    holder = forms.ModelChoiceField(
        label="열쇠를 회수할 사람", queryset=User.objects.none(), to_field_name="username"
    )
    text = forms.CharField(label="회수 사유 (내부 메모로 남음)", max_length=1000, widget=TEXTAREA)

    def __init__(self, *args, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        if report is not None:
            self.fields["holder"].queryset = User.objects.filter(
                pk__in=report.grants.values("user")
            ).order_by("username")


class HoldForm(forms.Form):
    hold = forms.BooleanField(label="보존 명령(삭제 정지)", required=False)
    text = forms.CharField(label="사유", max_length=300, widget=INPUT)


class DecisionForm(forms.Form):
    days = forms.IntegerField(label="열람 기간(일)", min_value=1, max_value=90, initial=7, required=False)
    note = forms.CharField(label="메모", max_length=300, required=False, widget=INPUT)
