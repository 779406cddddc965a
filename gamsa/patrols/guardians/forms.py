"""Forms of the guardian pages: the phone report, appointing a guardian, a training session."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from gamsa.core.forms import KrdsForm
from gamsa.core.validators import reject_rrn
from gamsa.patrols.formkit import DATE_ERRORS, DATE_WIDGET, PhotoMixin, PlaceMixin, dong_units
from gamsa.patrols.models import FindingCategory, Guardian


class GuardianReportForm(PhotoMixin, PlaceMixin, KrdsForm):
    """The guardian's phone form: category, what, photo, location (from the phone or typed)."""

    category = forms.ModelChoiceField(
        label="분야", queryset=FindingCategory.objects.filter(active=True), empty_label="분야를 고르세요"
    )
    title = forms.CharField(label="무엇이 불편한가요?", max_length=300, validators=[reject_rrn])
    description = forms.CharField(
        label="자세한 내용", required=False, widget=forms.Textarea(attrs={"rows": 3}), validators=[reject_rrn]
    )
    photo = forms.ImageField(
        label="현장 사진",
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
        error_messages={
            "required": "현장 사진을 찍어 올려 주세요.",
            "invalid_image": "사진 파일(JPEG·PNG)만 올릴 수 있습니다.",
        },
    )
    address = forms.CharField(
        label="주소(위치를 못 찾을 때)",
        max_length=300,
        required=False,
        help_text="휴대전화 위치를 쓰지 못하면 가까운 주소나 건물 이름을 적어 주세요.",
    )
    latitude = forms.CharField(required=False, widget=forms.HiddenInput)
    longitude = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("latitude") is None and not (data.get("address") or "").strip():
            self.add_error("address", "위치를 확인하지 못했습니다. 주소를 직접 적어 주세요.")
        return data


class GuardianForm(KrdsForm):
    username = forms.RegexField(
        label="아이디",
        regex=r"^[a-z0-9_.-]{3,40}$",
        error_messages={"invalid": "아이디는 영문 소문자·숫자·_.- 3~40자로 적어 주세요."},
    )
    full_name = forms.CharField(label="성명", max_length=50)
    phone = forms.RegexField(
        label="연락처",
        regex=r"^[0-9+\-() ]{9,20}$",
        required=False,
        error_messages={"invalid": "연락처 형식이 올바르지 않습니다. 예: 010-1234-5678"},
    )
    dong = forms.ModelChoiceField(
        label="활동 동", queryset=dong_units(), required=False, empty_label="선택 안 함"
    )
    appointed_on = forms.DateField(label="위촉일", widget=DATE_WIDGET, error_messages=DATE_ERRORS)
    password = forms.CharField(
        label="처음 비밀번호",
        widget=forms.PasswordInput(render_value=True),
        min_length=10,
        error_messages={"min_length": "비밀번호는 10자 이상이어야 합니다."},
    )


class TrainingForm(KrdsForm):
    title = forms.CharField(label="교육명", max_length=200)
    held_on = forms.DateField(label="교육일", widget=DATE_WIDGET, error_messages=DATE_ERRORS)
    hours = forms.DecimalField(
        label="시간", min_value=Decimal("0.5"), max_digits=4, decimal_places=1, initial=2
    )
    place = forms.CharField(label="장소", max_length=200, required=False)
    attendees = forms.ModelMultipleChoiceField(
        label="참석자",
        queryset=Guardian.objects.filter(ended_on__isnull=True).select_related("user"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label="내용", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].label_from_instance = lambda g: g.user.display_name
