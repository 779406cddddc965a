"""Shared helpers of the audits tests: an engagement driven to a given state through the services."""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image

from gamsa.audits.models import EngagementType
from gamsa.audits.services import findings as fsvc
from gamsa.audits.services import plans as svc
from gamsa.core.calendar import SEOUL
from gamsa.core.models import OrgUnit, User


def user(username: str) -> User:
    return User.objects.get(username=username)


def unit(name: str) -> OrgUnit:
    return OrgUnit.objects.get(name=name)


def moment(y, m, d, h=10) -> dt.datetime:
    return dt.datetime(y, m, d, h, tzinfo=SEOUL)


def engagement(*, state="planned", start=dt.date(2026, 3, 16), targets=("건설과",), plan=None, **extra):
    leader = user("leader")
    e = svc.create_engagement(
        leader,
        plan=plan,
        out_of_plan_reason="" if plan else "시험용 계획 외 감사",
        targets=[unit(n) for n in targets],
        title=extra.pop("title", "도로 보수공사 특정감사"),
        purpose="공사 집행 적정성",
        type=extra.pop("type", EngagementType.SPECIAL),
        scope="2025년 공사",
        start_date=start,
        end_date=start + dt.timedelta(days=4),
        headcount=3,
        **extra,
    )
    order = ["notified", "fieldwork", "resulting"]
    if state in order:
        svc.notify_engagement(leader, e, notified_on=start - dt.timedelta(days=10))
    if state in order[1:]:
        svc.start_fieldwork(leader, e)
    if state == "resulting":
        svc.finish_fieldwork(leader, e, ended_on=e.end_date)
    return e


def finding_with(e, kind="correction", amount=1_250_000, unit_name="건설과", person="김민준"):
    target = unit(unit_name)
    return fsvc.record_finding(
        user("leader"),
        e,
        title="일상경비 분할 집행",
        condition=f"주무관 {person}이 자재 구입비를 3회로 나누어 집행함. 연락처 010-1234-5678.",
        unit=target,
        responsible_person=person,
        is_key=True,
        disposition={
            "kind": kind,
            "target_unit": target,
            "demand": "부당 집행액 회수",
            "amount_recover": amount,
            "amount_reduce": 0,
        },
    )


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "blue").save(out, format="PNG")
    return out.getvalue()
