"""Forms of 청렴톡. The reporter's questionnaire is built from the category's questions (data)."""

from __future__ import annotations

from django import forms

from gamsa.core.models import User
from gamsa.hotline.models import Category

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


class EscrowRecoverForm(forms.Form):
    user = forms.ModelChoiceField(label="복구할 직원", queryset=User.objects.none(), to_field_name="username")
    holder_a_passphrase = forms.CharField(label="보관자 1 청렴톡 암호", max_length=200, widget=PASSPHRASE)
    holder_b_passphrase = forms.CharField(label="보관자 2 청렴톡 암호", max_length=200, widget=PASSPHRASE)
    new_passphrase = forms.CharField(label="복구할 직원의 새 청렴톡 암호", max_length=200, widget=PASSPHRASE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = office_members()


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


class ConvertForm(AssignForm):
    text = forms.CharField(label="인계 내용", max_length=2000, widget=TEXTAREA)
    reference = forms.CharField(label="조사 사건번호 (있으면)", required=False, max_length=40, widget=INPUT)


class HoldForm(forms.Form):
    hold = forms.BooleanField(label="보존 명령(삭제 정지)", required=False)
    text = forms.CharField(label="사유", max_length=300, widget=INPUT)


class DecisionForm(forms.Form):
    days = forms.IntegerField(label="열람 기간(일)", min_value=1, max_value=90, initial=7, required=False)
    note = forms.CharField(label="메모", max_length=300, required=False, widget=INPUT)
