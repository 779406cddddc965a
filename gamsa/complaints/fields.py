"""Form pieces the complaints concepts share: help texts, date widgets and fields with their Korean messages.

Each concept's forms.py builds its forms from these and core's KrdsForm; who may be picked in a staff field is
decided by the concept's permissions module, not here.
"""

from __future__ import annotations

from django import forms

from gamsa.core.validators import reject_rrn

PHONE_HELP = "숫자와 하이픈만 입력하세요. 예: 010-1234-5678"
PHONE_ERRORS = {"invalid": "연락처 형식이 올바르지 않습니다. " + PHONE_HELP}
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_ERRORS = {"invalid": "일시를 '2026-11-26 14:30' 형식으로 입력하세요."}
BOARD_DATE_ERRORS = {"invalid": "날짜를 '2026-03-10' 형식으로 입력하세요.", "required": "날짜를 입력하세요."}


def board_date(label: str, **kwargs) -> forms.DateField:
    """A date of a board or committee (terms, meetings)."""
    return forms.DateField(label=label, widget=DATE_WIDGET, error_messages=BOARD_DATE_ERRORS, **kwargs)


def text(label: str, rows: int = 4, required: bool = True, **kwargs) -> forms.CharField:
    """A free text that refuses resident registration numbers."""
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        validators=[reject_rrn],
        **kwargs,
    )


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name} ({obj.position or obj.username})"
