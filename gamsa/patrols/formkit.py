"""Form parts the patrol concepts share: date and time widgets, the unit choices, the photo and place fields."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings

from gamsa.core.models import OrgUnit, UnitKind

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": "날짜를 '2026-11-26' 형식으로 입력하세요."}
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
TIME_ERRORS = {"invalid": "시각을 '14:30' 형식으로 입력하세요."}


def department_units():
    return OrgUnit.objects.filter(active=True, kind__in=[UnitKind.DEPARTMENT, UnitKind.DONG]).exclude(
        is_audit_office=True
    )


def dong_units():
    return OrgUnit.objects.filter(active=True, kind=UnitKind.DONG)


class PhotoMixin:
    """A single photo field checked for size here and by content in store_attachment."""

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and photo.size > settings.GAMSA_ATTACHMENT_MAX_BYTES:
            mb = settings.GAMSA_ATTACHMENT_MAX_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"사진이 너무 큽니다. {mb}MB 이하로 올려 주세요.")
        return photo

    def photos(self) -> list[tuple[bytes, str]]:
        photo = self.cleaned_data.get("photo")
        return [(photo.read(), photo.name)] if photo else []


def _coordinate(value: str, low: float, high: float, label: str):
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise forms.ValidationError(f"{label}를 숫자로 입력하세요.") from exc
    if not (low <= number <= high):
        raise forms.ValidationError(f"{label}가 우리나라 범위를 벗어났습니다.")
    return number.quantize(Decimal("0.000001"))


class PlaceMixin:
    def clean(self):
        data = super().clean()
        try:
            data["latitude"] = _coordinate(self.data.get("latitude"), 33, 39, "위도")
        except forms.ValidationError as exc:
            self.add_error("latitude", exc)
        try:
            data["longitude"] = _coordinate(self.data.get("longitude"), 124, 132, "경도")
        except forms.ValidationError as exc:
            self.add_error("longitude", exc)
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("latitude", "위도와 경도를 함께 입력하세요.")
        return data
