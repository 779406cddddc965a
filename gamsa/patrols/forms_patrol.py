"""Forms of the patrol pages: rounds, findings and their transitions, guardian reports, guardians, training."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings

from gamsa.core.forms import KrdsForm
from gamsa.core.models import OrgUnit, UnitKind, User
from gamsa.core.validators import reject_rrn
from gamsa.patrols.models import FieldItem, FindingCategory, FindingStatus, Guardian, PatrolRound, RoundKind

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


class RoundForm(KrdsForm):
    kind = forms.ChoiceField(label="순찰 유형", choices=RoundKind.choices)
    theme = forms.CharField(
        label="주제",
        max_length=200,
        required=False,
        help_text="기획순찰은 주제를 적습니다(예: 해빙기 취약시설).",
    )
    date = forms.DateField(label="순찰일", widget=DATE_WIDGET, error_messages=DATE_ERRORS)
    start_time = forms.TimeField(label="시작", required=False, widget=TIME_WIDGET, error_messages=TIME_ERRORS)
    end_time = forms.TimeField(label="종료", required=False, widget=TIME_WIDGET, error_messages=TIME_ERRORS)
    area = forms.ModelChoiceField(label="지역(동)", queryset=dong_units(), required=False, empty_label="전역")
    staff = forms.ModelMultipleChoiceField(
        label="참여 직원", queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    residents = forms.IntegerField(label="참여 주민 수", min_value=0, initial=0)
    police = forms.IntegerField(label="참여 경찰 수", min_value=0, initial=0)
    participants_note = forms.CharField(
        label="참여자(기관·단체)", max_length=300, required=False, help_text="예: 지구대, 자율방범대, 통장"
    )
    route = forms.CharField(
        label="경로(선택)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="한 줄에 '위도, 경도' 하나씩 적습니다. 예: 37.5263, 126.8962",
    )
    note = forms.CharField(label="비고", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from gamsa.core.models import Membership, Role

        ids = Membership.objects.filter(
            ended_on__isnull=True,
            unit__office_team="patrol",
            role__in=[Role.PATROL_OFFICER, Role.TEAM_LEADER],
        ).values("user_id")
        self.fields["staff"].queryset = User.objects.filter(pk__in=ids).order_by("full_name")
        self.fields["staff"].label_from_instance = lambda u: u.display_name

    def clean_route(self):
        points = []
        for n, line in enumerate((self.cleaned_data.get("route") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.replace("\t", ",").split(",")]
            try:
                lat, lng = float(parts[0]), float(parts[1])
            except (ValueError, IndexError) as exc:
                raise forms.ValidationError(
                    f"{n}번째 줄을 읽을 수 없습니다. '위도, 경도'로 적어 주세요."
                ) from exc
            points.append([lat, lng])
        return points

    def clean(self):
        data = super().clean()
        if data.get("kind") == RoundKind.PLANNED and not (data.get("theme") or "").strip():
            self.add_error("theme", "기획순찰은 주제를 적어 주세요.")
        return data


class FindingForm(PhotoMixin, PlaceMixin, KrdsForm):
    """A finding recorded by the patrol team (on a round or alone)."""

    round = forms.ModelChoiceField(
        label="순찰 회차", queryset=PatrolRound.objects.all(), required=False, empty_label="회차 없음"
    )
    category = forms.ModelChoiceField(label="분야", queryset=FindingCategory.objects.filter(active=True))
    item = forms.ModelChoiceField(
        label="현장민원 항목(선택)",
        queryset=FieldItem.objects.filter(active=True).select_related("category"),
        required=False,
        empty_label="선택 안 함",
        help_text="같은 항목의 현장민원과 중복 여부를 확인할 때 씁니다.",
    )
    title = forms.CharField(label="제목", max_length=300, validators=[reject_rrn])
    description = forms.CharField(
        label="내용", required=False, widget=forms.Textarea(attrs={"rows": 4}), validators=[reject_rrn]
    )
    address = forms.CharField(label="장소", max_length=300, required=False)
    latitude = forms.CharField(label="위도", required=False, help_text="예: 37.526300")
    longitude = forms.CharField(label="경도", required=False, help_text="예: 126.896200")
    unit = forms.ModelChoiceField(
        label="처리부서",
        queryset=department_units(),
        required=False,
        empty_label="분야의 기본 부서",
        help_text="정하면 바로 부서에 통보됩니다.",
    )
    requested_action = forms.CharField(
        label="요청 조치", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    due_date = forms.DateField(
        label="조치기한",
        required=False,
        widget=DATE_WIDGET,
        error_messages=DATE_ERRORS,
        help_text="비워 두면 분야의 기본 조치기한(근무일)으로 정합니다.",
    )
    photo = forms.ImageField(
        label="사진(조치 전)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
        error_messages={"invalid_image": "사진 파일(JPEG·PNG)만 올릴 수 있습니다."},
    )

    def clean(self):
        data = super().clean()
        if not (data.get("address") or "").strip() and data.get("latitude") is None:
            self.add_error("address", "장소(주소) 또는 좌표를 입력하세요.")
        return data


class RouteForm(KrdsForm):
    unit = forms.ModelChoiceField(label="처리부서", queryset=department_units())
    due_date = forms.DateField(
        label="조치기한", required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )
    requested_action = forms.CharField(
        label="요청 조치", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(PhotoMixin, KrdsForm):
    answer = forms.CharField(
        label="조치 내용",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "조치 내용을 적어 주세요."},
    )
    photo = forms.ImageField(
        label="조치 후 사진",
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
        error_messages={
            "required": "조치 후 사진을 올려 주세요.",
            "invalid_image": "사진 파일(JPEG·PNG)만 올릴 수 있습니다.",
        },
    )


class CloseForm(KrdsForm):
    note = forms.CharField(label="확인 의견", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(KrdsForm):
    note = forms.CharField(
        label="사유",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "사유를 적어 주세요."},
    )
    due_date = forms.DateField(
        label="새 조치기한", required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )


class FindingFilterForm(KrdsForm):
    q = forms.CharField(label="검색어", required=False)
    status = forms.ChoiceField(
        label="상태", required=False, choices=[("", "전체"), ("open", "진행 중"), *FindingStatus.choices]
    )
    category = forms.ModelChoiceField(
        label="분야", queryset=FindingCategory.objects.all(), required=False, empty_label="전체"
    )
    unit = forms.ModelChoiceField(
        label="처리부서", queryset=department_units(), required=False, empty_label="전체"
    )
    source = forms.ChoiceField(
        label="경로",
        required=False,
        choices=[("", "전체"), ("patrol", "순찰"), ("guardian", "내 지역 지킴이"), ("open311", "Open311")],
    )


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
