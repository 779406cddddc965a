"""Demo data of findings: the finding categories, a few patrol rounds with their findings, and a report of the demo
guardian (the `guardian` account, gamsa/patrols/guardians/demo.py) routed to 건설과.

Idempotent: `gamsa demo` runs twice in CI; everything is looked up before it is created.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from gamsa.core.calendar import SEOUL
from gamsa.core.models import OrgUnit, User
from gamsa.patrols import seeds
from gamsa.patrols.guardians.demo import ensure_guardian_account
from gamsa.patrols.models import Finding, FindingCategory, PatrolRound, RoundKind

CENTRE = (37.5264, 126.8962)  # 영등포구청 부근


def seed_finding_categories() -> int:
    return seeds.seed_finding_categories(FindingCategory, OrgUnit)


@transaction.atomic
def load_demo_patrols() -> None:
    from gamsa.patrols.findings.services import create_finding, route_finding
    from gamsa.patrols.rounds.services import create_round

    seed_finding_categories()
    guardian = ensure_guardian_account()
    if PatrolRound.objects.filter(note="데모 순찰").exists():
        return
    patrol = User.objects.filter(username="patrol").first()
    if patrol is None:
        return
    rng = random.Random(4)
    today = timezone.localdate()
    categories = list(FindingCategory.objects.all())
    dongs = list(OrgUnit.objects.filter(kind="dong")[:6])
    kinds = [
        (RoundKind.PLANNED, "해빙기 취약시설 점검", 0, 0),
        (RoundKind.ROUTINE, "", 0, 0),
        (RoundKind.NIGHT_JOINT, "", 6, 2),
        (RoundKind.NEIGHBOURHOOD, "", 8, 0),
        (RoundKind.DONG_POLICE, "", 2, 2),
    ]
    for n, (kind, theme, residents, police) in enumerate(kinds):
        date = today - dt.timedelta(days=7 * (n + 1))
        patrol_round = create_round(
            patrol,
            kind=kind,
            date=date,
            theme=theme,
            area=dongs[n % len(dongs)] if dongs else None,
            staff=[patrol],
            residents=residents,
            police=police,
            participants_note="지구대, 자율방범대" if police else "",
            note="데모 순찰",
        )
        for i in range(3):
            category = categories[(n * 3 + i) % len(categories)]
            reported = dt.datetime.combine(date, dt.time(10 + i), SEOUL)
            create_finding(
                patrol,
                source=Finding.Source.PATROL,
                category=category,
                title=f"{category.name} 불편사항 {i + 1}",
                description="순찰 중 발견한 불편사항입니다.",
                address=f"영등포구 당산로 {100 + n * 10 + i}",
                latitude=round(CENTRE[0] + rng.uniform(-0.01, 0.01), 6),
                longitude=round(CENTRE[1] + rng.uniform(-0.012, 0.012), 6),
                round=patrol_round,
                requested_action="현장 확인 후 정비 바랍니다.",
                reported_at=reported,
            )
    construction = OrgUnit.objects.filter(name="건설과").first()
    street = FindingCategory.objects.filter(name="가로정비").first()
    if construction and street:
        report = create_finding(
            guardian,
            source=Finding.Source.GUARDIAN,
            category=street,
            title="보도블록이 들떠 넘어질 뻔했어요",
            address="영등포구 영등포로 150 앞",
            latitude=CENTRE[0] + 0.002,
            longitude=CENTRE[1] - 0.003,
        )
        route_finding(patrol, report, unit=construction, requested_action="보도블록 재시공 바랍니다.")
