from __future__ import annotations

from django import forms

from gamsa.core.forms import KrdsForm
from gamsa.humanrights.education.models import Audience
from gamsa.humanrights.viewkit import date_field


class SessionForm(KrdsForm):
    audience = forms.ChoiceField(label="대상", choices=[("", "선택")] + Audience.choices)
    title = forms.CharField(label="교육명", max_length=150)
    held_on = date_field("교육일")
    headcount = forms.IntegerField(label="참여 인원(명)", min_value=1)
    institution = forms.CharField(
        label="기관·시설명",
        max_length=100,
        required=False,
        help_text="찾아가는 인권교육은 방문한 기관·시설을 적습니다.",
    )
    place = forms.CharField(label="장소", max_length=150, required=False)
    instructor = forms.CharField(label="강사", max_length=100, required=False)
    hours = forms.DecimalField(label="시간", min_value=0.5, max_value=40, decimal_places=1, initial=2)
    note = forms.CharField(label="내용", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ParticipantsForm(KrdsForm):
    raw = forms.CharField(
        label="참여자 명단",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="한 줄에 한 명씩 '성명, 소속, 연락처' 순서로 적습니다 (소속·연락처는 비워도 됩니다). 엑셀에서 세 칸을 복사해 붙여도 됩니다.",
    )
    consented = forms.BooleanField(
        label="위 안내에 따라 명단에 적은 참여자 모두에게서 개인정보 수집·이용 동의를 받았습니다.",
        required=False,
    )
