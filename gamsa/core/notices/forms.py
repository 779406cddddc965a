from __future__ import annotations

from django import forms

from gamsa.core.forms import KrdsForm
from gamsa.core.notices.models import Channel, Kind

CONSENT_ITEMS = "휴대전화 번호(문자·알림톡을 고른 경우) 또는 전자우편 주소(전자우편을 고른 경우)"
CONSENT_PURPOSE = "민원 접수, 이송, 처리기간 연장, 중간 통지, 처리 결과의 안내"
CONSENT_RETENTION = "해당 민원 기록의 보존기간 동안 보관한 뒤 파기"
CONSENT_REFUSAL = (
    "동의하지 않을 권리가 있습니다. 동의하지 않아도 민원은 접수되며, 처리 상황과 결과는 접수번호와 확인번호로 "
    "조회 화면에서 보실 수 있습니다."
)


class NoticeChoiceForm(KrdsForm):
    """On the public grievance form: how the citizen wants to be told, and the consent for that contact."""

    channel = forms.ChoiceField(
        label="처리 상황을 알려 드릴 방법",
        choices=Channel.choices,
        initial=Channel.NONE,  # nothing is sent until the citizen picks a channel and consents
        required=False,  # a form posted without it (an older page) means "받지 않음"
        help_text="문자·알림톡·전자우편을 고르고 아래 동의에 표시하면 접수, 연장, 결과를 알려 드립니다.",
        error_messages={"invalid_choice": "알림 받을 방법을 목록에서 고르세요."},
    )
    consent = forms.BooleanField(
        label="위 연락처를 민원 처리 상황 안내에 쓰는 데 동의합니다(개인정보 수집·이용 동의).", required=False
    )

    def clean(self):
        data = super().clean()
        data["channel"] = data.get("channel") or Channel.NONE
        if data.get("channel") and data["channel"] != Channel.NONE and not data.get("consent"):
            self.add_error(
                "consent",
                "문자·알림톡·전자우편으로 받으시려면 연락처 수집·이용에 동의해 주세요. "
                "원하지 않으시면 '받지 않음'을 고르세요.",
            )
        return data

    def check_contact(self, *, phone: str, email: str) -> bool:
        """The chosen channel needs its contact on the main form."""
        channel = self.cleaned_data.get("channel")
        if channel == Channel.EMAIL and not (email or "").strip():
            self.add_error("channel", "전자우편으로 받으시려면 이메일 주소를 입력하세요.")
            return False
        if channel in (Channel.SMS, Channel.KAKAO) and not (phone or "").strip():
            self.add_error("channel", "문자·알림톡으로 받으시려면 휴대전화 번호를 입력하세요.")
            return False
        return True


class StaffChoiceForm(KrdsForm):
    """On the case page: the channel the complainant asked for by phone or in person, and how that was confirmed."""

    channel = forms.ChoiceField(label="통지 수단", choices=Channel.choices)
    consent = forms.BooleanField(label="민원인이 연락처 이용에 동의함", required=False)
    how = forms.CharField(
        label="확인 방법", max_length=100, required=False, help_text="예: 2026. 5. 4. 전화로 확인"
    )


class PreferenceForm(KrdsForm):
    channel = forms.ChoiceField(
        label="업무 알림 받는 방법",
        choices=Channel.choices,
        help_text="적출사항 통보와 처리기한 지남 알림을 이 방법으로 받습니다. 문자·알림톡은 내 연락처로, "
        "전자우편은 계정의 이메일로 보냅니다.",
    )


class TemplateForm(KrdsForm):
    kind = forms.ChoiceField(label="통지 종류", choices=Kind.choices)
    effective_from = forms.DateField(
        label="적용일",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "적용일을 입력하세요.",
            "invalid": "적용일은 2026-05-04 형식으로 입력하세요.",
        },
    )
    subject = forms.CharField(label="제목", max_length=120, error_messages={"required": "제목을 입력하세요."})
    body = forms.CharField(
        label="내용",
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": "내용을 입력하세요."},
        help_text="#{접수번호}처럼 쓴 항목은 보낼 때 그 건의 값으로 바뀝니다.",
    )
    kakao_template_id = forms.CharField(label="알림톡 템플릿 코드", max_length=60, required=False)
    note = forms.CharField(label="변경 사유", max_length=200, required=False)
