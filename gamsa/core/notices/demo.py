"""Demo notices: the default templates, staff preferences, and two grievances filed with a channel chosen, so the
case page shows notices sent (by the console backends) and one that could not be sent."""

from __future__ import annotations

from django.apps import apps

from gamsa.core.models import User
from gamsa.core.notices import services
from gamsa.core.notices.models import Channel, CitizenChoice, StaffNoticePreference
from gamsa.core.notices.seeds import seed_templates

DEMO_CASES = [
    ("DEMO-NOTICE-1", "문자", Channel.SMS, "010-2000-0101", "", "당산로 41 가로등 고장 방치"),
    ("DEMO-NOTICE-2", "전자우편", Channel.EMAIL, "010-2000-0102", "", "여의동 주민센터 민원 응대 불친절"),
]


def load_demo_notices() -> None:
    seed_templates()
    for username, channel in (
        ("complaints", Channel.EMAIL),
        ("liaison", Channel.SMS),
        ("depthead", Channel.EMAIL),
    ):
        user = User.objects.filter(username=username).first()
        if user and not StaffNoticePreference.objects.filter(user=user).exists():
            services.set_preference(user, channel=channel)
    if not apps.is_installed("gamsa.complaints"):
        return
    from gamsa.complaints.grievances import services as svc
    from gamsa.complaints.models import Channel as Via
    from gamsa.complaints.models import Grievance, Kind

    for ref, label, channel, phone, email, title in DEMO_CASES:
        if Grievance.objects.filter(source_ref=ref).exists():
            continue
        receipt = svc.receive_grievance(
            None,
            channel=Via.MAYOR_INBOX,
            kind=Kind.GRIEVANCE,
            title=title,
            body=f"{title} 건으로 불편을 겪고 있습니다. 확인 부탁드립니다. (알림: {label})",
            complainant={
                "name": "문알림",
                "phone": phone,
                "email": email,
                "address": "서울 영등포구 당산로 41",
            },
            source_ref=ref,
            with_pin=True,
        )
        if not CitizenChoice.objects.filter(target_id=receipt.grievance.case_number).exists():
            # the second one chose e-mail but left no address: its receipt shows as failed (no_address)
            services.record_choice(
                None, receipt.grievance, channel=channel, consent=True, how="온라인 신청서"
            )
