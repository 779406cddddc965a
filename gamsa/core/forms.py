from __future__ import annotations

import functools

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from gamsa.core.calendar import SEOUL
from gamsa.core.models import AccessLog, Closure, DeadlineRule
from gamsa.core.validators import check_date_window


def apply_krds(form: forms.BaseForm) -> None:
    """Give every widget the KRDS class for its kind, so templates only place fields. Every date and date-time
    field also gets the sane date window (gamsa.core.validators), so a date out of it is an error next to its
    field, with what was typed kept. A form whose dates go further back names them in `earliest_dates`
    ({field name: earliest date})."""
    earliest = getattr(form, "earliest_dates", {})
    for name, field in form.fields.items():
        if isinstance(field, forms.DateField | forms.DateTimeField):
            window = functools.partial(
                check_date_window, label=str(field.label or "날짜"), earliest=earliest.get(name)
            )
            if not any(getattr(v, "func", None) is check_date_window for v in field.validators):
                field.validators.append(window)
        widget = field.widget
        if isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "krds-form-select"
        elif isinstance(
            widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple | forms.FileInput
        ):
            css = ""
        else:
            css = "krds-input"
        if css:
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class KrdsForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_krds(self)


class KrdsModelForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_krds(self)


# How long another process may show a renamed or new choice (the saving process forgets at once).
CHOICES_SECONDS = 60
_CACHED_CHOICES: dict[type, set[str]] = {}  # model → cache keys of its choice lists


def _forget_choices(sender, **kwargs) -> None:
    cache.delete_many([f"choices:{key}" for key in _CACHED_CHOICES.get(sender, ())])


class _CachedChoiceIterator(forms.models.ModelChoiceIterator):
    def _rows(self) -> list[tuple[object, str]]:
        key = f"choices:{self.field.choices_key}"
        rows = cache.get(key)
        if rows is None:
            rows = [(obj.pk, self.field.label_from_instance(obj)) for obj in self.queryset]
            cache.set(key, rows, CHOICES_SECONDS)
        return rows

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self._rows()

    def __len__(self) -> int:
        return len(self._rows()) + (self.field.empty_label is not None)


class CachedModelChoiceField(forms.ModelChoiceField):
    """A model choice whose option list is read once a minute, not on every page: for filter forms on busy lists
    (the grievance desk's 80 departments cost a query and 80 objects per request). Validation still asks the
    database, so a choice deleted a moment ago is refused. Saving or deleting a row of the model forgets the list
    at once in this process (and in every process when the cache is shared, GAMSA_REDIS_URL)."""

    iterator = _CachedChoiceIterator

    def __init__(self, *args, choices_key: str, **kwargs):
        self.choices_key = choices_key
        super().__init__(*args, **kwargs)
        model = self.queryset.model
        if model not in _CACHED_CHOICES:
            _CACHED_CHOICES[model] = set()
            post_save.connect(_forget_choices, sender=model, weak=False)
            post_delete.connect(_forget_choices, sender=model, weak=False)
        _CACHED_CHOICES[model].add(choices_key)


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "아이디 또는 비밀번호가 맞지 않습니다. 5번 틀리면 잠시 로그인할 수 없습니다.",
        "inactive": "사용이 중지된 계정입니다. 시스템 관리자에게 문의하세요.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "아이디"
        self.fields["password"].label = "비밀번호"
        apply_krds(self)


class EnrolmentCodeForm(KrdsForm):
    enrolment_code = forms.CharField(
        label="등록 코드",
        max_length=20,
        help_text="시스템 관리자에게 받은 일회용 코드입니다 (예: ABCD-EFGH-JKLM).",
        error_messages={"required": "시스템 관리자에게 받은 등록 코드를 입력하세요."},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "maxlength": 20}
        ),
    )


class OtpForm(KrdsForm):
    token = forms.RegexField(
        label="인증 코드 6자리",
        regex=r"^\s*\d{6}\s*$",
        error_messages={
            "invalid": "인증 앱에 표시된 숫자 6자리를 입력하세요.",
            "required": "인증 코드를 입력하세요.",
        },
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": 6}
        ),
    )


class DeadlineQueryForm(KrdsForm):
    kind = forms.ModelChoiceField(
        label="민원 종류",
        queryset=DeadlineRule.objects.filter(active=True),
        to_field_name="kind",
        empty_label=None,
        error_messages={"invalid_choice": "목록에 있는 종류를 고르세요."},
    )
    received_at = forms.DateTimeField(
        label="접수 일시",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "invalid": "접수 일시를 '2026-11-26 14:30' 형식으로 입력하세요.",
            "required": "접수 일시를 입력하세요.",
        },
    )

    def clean_received_at(self):
        value = self.cleaned_data["received_at"]
        if value.tzinfo is None:
            value = value.replace(tzinfo=SEOUL)
        return value


class ClosureForm(KrdsModelForm):
    class Meta:
        model = Closure
        fields = ["date", "name", "kind", "basis", "note"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {
            "date": {
                "unique": "이미 등록된 날짜입니다.",
                "required": "날짜를 입력하세요.",
                "invalid": "날짜 형식이 올바르지 않습니다.",
            },
            "name": {"required": "휴무일 명칭을 입력하세요."},
        }


class EventFilterForm(KrdsForm):
    q = forms.CharField(label="행위·대상", required=False)
    actor = forms.CharField(label="행위자", required=False)
    since = forms.DateField(label="시작일", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label="종료일", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError("시작일이 종료일보다 늦습니다.")
        return data


class AccessFilterForm(EventFilterForm):
    action = forms.ChoiceField(
        label="행위", required=False, choices=[("", "전체")] + list(AccessLog.Action.choices)
    )


class UploadForm(KrdsForm):
    file = forms.FileField(label="파일", error_messages={"required": "올릴 파일을 고르세요."})


class TokenForm(KrdsForm):
    name = forms.CharField(
        label="토큰 이름", max_length=100, error_messages={"required": "토큰 이름을 입력하세요."}
    )
    days = forms.TypedChoiceField(
        label="유효기간", coerce=int, choices=[(30, "30일"), (90, "90일"), (365, "1년")], initial=30
    )
