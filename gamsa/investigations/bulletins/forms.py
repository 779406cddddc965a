"""Forms of the bulletin screens. Views validate; services decide. Which units a trend report may name is a rule
(permissions.trend_units)."""

from __future__ import annotations

import datetime as dt

from django import forms

from gamsa.core.forms import KrdsForm
from gamsa.core.models import OrgUnit
from gamsa.investigations.bulletins import permissions as perms
from gamsa.investigations.bulletins.models import ItemKind, MisconductItem
from gamsa.investigations.forms import DateInput, UnitChoiceField
from gamsa.investigations.models import AllegationType

TAG_HELP = "쉼표나 띄어쓰기로 나눕니다. 예: 음주운전, 금품수수"


def _date(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput())


class UnitsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ItemChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.published_on:%Y. %-m. %-d.} [{obj.get_kind_display()}] {obj.title}"


class ItemForm(KrdsForm):
    earliest_dates = {"published_on": dt.date(1990, 1, 1)}

    kind = forms.ChoiceField(label="종류", choices=ItemKind.choices)
    title = forms.CharField(label="제목", max_length=200)
    source = forms.CharField(
        label="출처", max_length=100, help_text="언론사나 기관 이름 (예: 연합뉴스, 서울시 감사위원회)"
    )
    published_on = _date("보도·처분일")
    link = forms.URLField(label="링크", max_length=500, required=False, assume_scheme="https")
    summary = forms.CharField(label="요지", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    allegation_type = forms.ModelChoiceField(
        label="비위 유형", queryset=AllegationType.objects.filter(active=True), required=False
    )
    tags = forms.CharField(label="태그", max_length=300, required=False, help_text=TAG_HELP)
    departments = UnitsField(
        label="관련 부서",
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    card_message = forms.CharField(
        label="카드뉴스 알림 문구",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="카드뉴스 종류만: 비우면 요지를 씁니다.",
    )
    card_actions = forms.CharField(
        label="카드뉴스 실천 사항",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="한 줄에 하나",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = perms.department_units()

    @staticmethod
    def initial_of(item: MisconductItem) -> dict:
        return {
            "kind": item.kind,
            "title": item.title,
            "source": item.source,
            "published_on": item.published_on,
            "link": item.link,
            "summary": item.summary,
            "allegation_type": item.allegation_type_id,
            "tags": ", ".join(item.tags.values_list("name", flat=True)),
            "departments": list(item.departments.values_list("pk", flat=True)),
            "card_message": item.card_message,
            "card_actions": item.card_actions,
        }


class BulletinForm(KrdsForm):
    title = forms.CharField(label="제목", max_length=150, help_text="예: 음주운전·금품수수 징계 사례")
    intro = forms.CharField(label="머리말", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    items = ItemChoiceField(
        label="비위 사례",
        queryset=MisconductItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="아직 다른 비위 사례 공유에 넣지 않은 사례입니다(최근 200건).",
    )
    audience_units = UnitsField(
        label="받는 부서",
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="고르지 않으면 전 직원에게 게시합니다. 고른 부서의 하위 팀에도 보입니다.",
    )

    def __init__(self, *args, bulletin=None, **kwargs):
        super().__init__(*args, **kwargs)
        free = MisconductItem.objects.filter(entries__isnull=True)
        ids = list(free.order_by("-published_on", "-id").values_list("pk", flat=True)[:200])
        if bulletin is not None:
            ids += list(bulletin.entries.values_list("item_id", flat=True))
        self.fields["items"].queryset = MisconductItem.objects.filter(pk__in=ids).order_by(
            "-published_on", "-id"
        )
        self.fields["audience_units"].queryset = perms.department_units()


class TrendForm(KrdsForm):
    reported_on = _date("보고일")
    unit = UnitChoiceField(label="부서", queryset=OrgUnit.objects.none())
    title = forms.CharField(label="제목", max_length=200)
    summary = forms.CharField(label="내용", widget=forms.Textarea(attrs={"rows": 6}))
    tags = forms.CharField(label="태그", max_length=300, required=False, help_text=TAG_HELP)
    items = ItemChoiceField(
        label="관련 비위 사례",
        queryset=MisconductItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="최근 1년의 비위 사례 가운데 최근 100건에서 고릅니다.",
    )

    def __init__(self, *args, user, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = perms.trend_units(user)
        recent = MisconductItem.objects.filter(published_on__gte=today - dt.timedelta(days=366))
        ids = list(recent.order_by("-published_on", "-id").values_list("pk", flat=True)[:100])
        self.fields["items"].queryset = MisconductItem.objects.filter(pk__in=ids).order_by(
            "-published_on", "-id"
        )


class SearchForm(KrdsForm):
    """The filters of the item and trend-report lists (all optional; a bad value is ignored with its message)."""

    earliest_dates = {"date_from": dt.date(1990, 1, 1), "date_to": dt.date(1990, 1, 1)}

    q = forms.CharField(label="검색어", max_length=100, required=False)
    tag = forms.CharField(label="태그", max_length=30, required=False)
    kind = forms.ChoiceField(label="종류", choices=[("", "전체"), *ItemKind.choices], required=False)
    unit = UnitChoiceField(label="부서", queryset=OrgUnit.objects.none(), required=False, empty_label="전체")
    date_from = _date("기간 시작", required=False)
    date_to = _date("기간 끝", required=False)

    def __init__(self, *args, units=None, with_kind=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else perms.department_units()
        if not with_kind:
            del self.fields["kind"]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "기간 끝은 기간 시작과 같거나 그 뒤여야 합니다.")
        return data

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v and k not in self.errors}
