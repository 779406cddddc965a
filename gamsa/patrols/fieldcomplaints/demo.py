"""Demo field complaints: 360 응답소-like cases over the demo's departments and 동 (idempotent)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from gamsa.core.models import OrgUnit, Role, UnitKind, User
from gamsa.patrols.clock import complaint_due_at
from gamsa.patrols.models import (
    ComplaintStatus,
    FieldCategory,
    FieldComplaint,
    FieldItem,
    QualityReview,
    SiteCheck,
    Source,
)
from gamsa.patrols.seeds import default_department_names, seed_field_items

COUNT = 360
PREFIX = "DEMO-"
ROADS = [
    "당산로",
    "영등포로",
    "도림로",
    "문래로",
    "신길로",
    "여의대방로",
    "국회대로",
    "선유로",
    "대림로",
    "경인로",
]


def load_demo_field_complaints() -> int:
    """Create the demo complaints once. Returns how many were created (0 on the second run)."""
    seed_field_items(FieldCategory, FieldItem)
    units = {u.name: u for u in OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT)}
    dongs = list(OrgUnit.objects.filter(kind=UnitKind.DONG).order_by("sort_order"))
    defaults = default_department_names()
    for item in FieldItem.objects.filter(default_unit__isnull=True, code__in=list(defaults)):
        unit = units.get(defaults[item.code])
        if unit is not None:
            item.default_unit = unit
            item.save(update_fields=["default_unit"])
    if FieldComplaint.objects.filter(source_id__startswith=PREFIX).exists():
        return 0
    items = list(
        FieldItem.objects.filter(provisional=False, alias_of__isnull=True).select_related("default_unit")
    )
    if not items:
        return 0
    rng = random.Random(2026)
    now = timezone.now()
    year = timezone.localdate().year
    rows = []
    for n in range(1, COUNT + 1):
        item = (
            rng.choice(items)
            if rng.random() < 0.6
            else next(i for i in items if i.code == "traffic-illegal-parking")
        )
        received = now - dt.timedelta(minutes=rng.randrange(30, 60 * 24 * 45))
        due = complaint_due_at(item, received)
        roll = rng.random()
        if roll < 0.78:
            status = ComplaintStatus.DONE
            late = rng.random() < 0.08
            span = (due - received) * (1.4 if late else rng.uniform(0.1, 0.9))
            processed = min(received + span, now)
        else:
            # Open cases are mostly recent: some due soon, some overdue, as on a real board.
            status = ComplaintStatus.PROCESSING if roll < 0.9 else ComplaintStatus.RECEIVED
            processed = None
            received = now - dt.timedelta(minutes=rng.randrange(10, 60 * 30))
            due = complaint_due_at(item, received)
        unit = rng.choice(dongs) if dongs and rng.random() < 0.25 else (item.default_unit or None)
        lat = Decimal(str(round(37.52 + rng.uniform(-0.025, 0.02), 6)))
        lng = Decimal(str(round(126.90 + rng.uniform(-0.03, 0.035), 6)))
        road = rng.choice(ROADS)
        rows.append(
            FieldComplaint(
                source_id=f"{PREFIX}{year}-{n:05d}",
                source=Source.OPEN311 if n % 30 == 0 else Source.EUNGDAPSO,
                received_at=received,
                item=item,
                title=f"{road} {item.name}",
                body=f"{road} {rng.randrange(1, 200)} 부근 {item.name} 신고입니다. 확인 부탁드립니다.",
                address=f"서울특별시 영등포구 {road} {rng.randrange(1, 200)}",
                latitude=lat,
                longitude=lng,
                unit=unit,
                unit_name=unit.name if unit else "",
                status=status,
                due_at=due,
                processed_at=processed,
                result="현장 확인 후 조치를 마쳤습니다." if status == ComplaintStatus.DONE else "",
                reporter_name="김신고" if n % 30 == 0 else "",
                reporter_phone="010-0000-1234" if n % 30 == 0 else "",
            )
        )
    FieldComplaint.objects.bulk_create(rows, batch_size=500)
    patrol = User.objects.filter(
        memberships__role=Role.PATROL_OFFICER, memberships__ended_on__isnull=True
    ).first()
    if patrol is not None:
        done = list(
            FieldComplaint.objects.filter(source_id__startswith=PREFIX, status=ComplaintStatus.DONE)[:40]
        )
        for i, complaint in enumerate(done):
            if i < 12:
                SiteCheck.objects.create(
                    complaint=complaint,
                    checked_at=complaint.processed_at or now,
                    checked_by=patrol,
                    result=SiteCheck.Result.CONFIRMED if i % 4 else SiteCheck.Result.NOT_DONE,
                    note="현장 확인",
                )
            QualityReview.objects.create(
                complaint=complaint,
                reviewed_at=now,
                reviewer=patrol,
                score=60 + (i * 7) % 40,
                has_photo=i % 3 != 0,
                note="표본 평가",
            )
    return len(rows)
