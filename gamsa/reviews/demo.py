"""Demo reviews: 건설과 (liaison, depthead) files, the auditor answers. Idempotent (적극행정: proactive/demo.py)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gamsa.core.calendar import SEOUL, get_calendar
from gamsa.core.models import Membership, Role, User
from gamsa.reviews.models import PreExecutionReview
from gamsa.reviews.services import requests as svc

PRE = [
    ("contract", "works_general", "영등포로 보도 정비공사", 420_000_000, 500_000_000, "conditional"),
    ("contract", "services", "도림천 산책로 실시설계 용역", 85_000_000, 93_500_000, "appropriate"),
    ("safety", "safety", "관내 육교 정밀안전점검", 45_000_000, 49_500_000, None),
    ("contract", "goods", "제설용 염화칼슘 구매", 18_000_000, 19_800_000, None),
    ("major_project", "policy", "보행친화거리 조성사업", 650_000_000, 715_000_000, "inappropriate"),
]
CONTRACT = [
    ("contract", "works", "신길로 하수관로 정비공사", 312_400_000, 297_810_000),
    ("contract", "services", "교량 유지관리 용역", 48_600_000, 46_100_000),
    ("contract", "goods", "도로 안전표지판 제작·설치", 27_300_000, 25_980_000),
    ("completion", "works", "대림로 보도블록 교체공사 (준공 전)", 183_000_000, 176_420_000),
    ("contract", "works", "문래동 골목길 포장공사", 64_800_000, None),
    ("completion", "works", "당산로 가로등 교체공사 (준공 전)", 92_500_000, None),
]
OPINION_TEXT = {
    "appropriate": "",
    "conditional": "설계서의 가설공사비 산정 근거를 보완하고, 분할발주 여부를 다시 검토하는 조건으로 적정.",
    "inappropriate": "사업 타당성 검토와 주민 의견 수렴 절차가 없어 부적정. 절차를 거친 뒤 다시 요청하세요.",
}


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), SEOUL)


@transaction.atomic
def load_demo_reviews() -> None:
    if PreExecutionReview.objects.exists():
        return
    liaison = User.objects.get(username="liaison")
    depthead = User.objects.get(username="depthead")
    auditor = User.objects.get(username="auditor")
    unit = Membership.objects.filter(user=liaison, role=Role.DEPT_LIAISON).select_related("unit").first().unit
    cal = get_calendar()
    today = timezone.now().astimezone(SEOUL).date()
    day = today - dt.timedelta(days=30)
    for i, (field, category, title, price, amount, opinion) in enumerate(PRE):
        # answered requests a few weeks back; open ones filed in the last days (not yet overdue)
        start = day + dt.timedelta(days=3 * i) if opinion else today - dt.timedelta(days=2 + i % 2)
        filed = _at(cal.next_working_day(start, include_self=True), 10)
        filed = min(filed, timezone.now())
        r = svc.file_pre_execution(
            liaison if i % 2 == 0 else depthead,
            unit,
            title=title,
            field=field,
            category=category,
            estimated_price=price,
            estimated_amount=amount,
            filed_at=filed,
            calendar=cal,
            description=f"{title} 추진 전 일상감사를 요청합니다.",
        )
        if opinion:
            svc.assign_reviewer(auditor, r, auditor)
            svc.record_opinion(auditor, r, opinion=opinion, text=OPINION_TEXT[opinion])
    for i, (kind, category, title, designed, reviewed) in enumerate(CONTRACT):
        start = day + dt.timedelta(days=2 * i + 1) if reviewed else today - dt.timedelta(days=1 + i % 3)
        filed = _at(cal.next_working_day(start, include_self=True), 14)
        filed = min(filed, timezone.now())
        r = svc.file_contract_review(
            liaison,
            unit,
            review_kind=kind,
            title=title,
            category=category,
            designed_amount=designed,
            filed_at=filed,
            calendar=cal,
        )
        if reviewed:
            svc.assign_reviewer(auditor, r, auditor)
            svc.record_contract_result(
                auditor, r, reviewed_amount=reviewed, note="품셈 적용 오류와 제경비율을 조정함."
            )
