"""Patrol rounds (순찰 회차): create, update, and the yearly summary by kind (the 순찰팀 report's table)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count

from gamsa.core.models import User
from gamsa.core.services import next_case_number, record_event
from gamsa.patrols.models import JOINT_KINDS, Finding, PatrolRound, RoundKind


class RoundError(Exception):
    pass


def _clean_route(route) -> list[list[float]]:
    points = []
    for point in route or []:
        try:
            lat, lng = float(point[0]), float(point[1])
        except (TypeError, ValueError, IndexError) as exc:
            raise RoundError("경로의 좌표를 읽을 수 없습니다. [위도, 경도] 목록으로 적어 주세요.") from exc
        if not (33 <= lat <= 39 and 124 <= lng <= 132):
            raise RoundError("경로 좌표가 우리나라 범위를 벗어났습니다.")
        points.append([round(lat, 6), round(lng, 6)])
    return points


@transaction.atomic
def create_round(
    actor: User,
    *,
    kind: str,
    date: dt.date,
    theme: str = "",
    start_time=None,
    end_time=None,
    area=None,
    staff=(),
    residents: int = 0,
    police: int = 0,
    participants_note: str = "",
    route=(),
    note: str = "",
) -> PatrolRound:
    if kind not in RoundKind.values:
        raise RoundError("순찰 유형을 고르세요.")
    if kind == RoundKind.PLANNED and not theme.strip():
        raise RoundError("기획순찰은 주제를 적어 주세요.")
    if start_time and end_time and end_time < start_time:
        raise RoundError("종료 시각이 시작 시각보다 빠릅니다.")
    number, _ = next_case_number("patrol_round", date.year)
    patrol_round = PatrolRound.objects.create(
        number=number,
        kind=kind,
        theme=theme.strip(),
        date=date,
        start_time=start_time,
        end_time=end_time,
        area=area,
        residents=residents or 0,
        police=police or 0,
        participants_note=participants_note,
        route=_clean_route(route),
        note=note,
        created_by=actor,
    )
    staff = list(staff or [])
    if staff:
        patrol_round.staff.set(staff)
    record_event(
        actor,
        "patrol_round.created",
        patrol_round,
        kind=kind,
        date=date,
        staff=len(staff),
        residents=patrol_round.residents,
        police=patrol_round.police,
    )
    return patrol_round


def yearly_summary(year: int) -> dict:
    """Rounds and findings per kind in `year`, with the joint-patrol subtotal and the grand total.

    Findings without a round are counted by source (상시순찰 findings are often recorded without a round;
    guardian reports are listed apart)."""
    rounds = dict(
        PatrolRound.objects.filter(date__year=year).values_list("kind").annotate(n=Count("id")).order_by()
    )
    findings = dict(
        Finding.objects.filter(round__date__year=year)
        .values_list("round__kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    loose = Finding.objects.filter(round__isnull=True, reported_at__year=year)
    loose_patrol = loose.filter(source=Finding.Source.PATROL).count()
    guardian = loose.exclude(source=Finding.Source.PATROL).count()
    rows = []
    for kind in RoundKind:
        extra = loose_patrol if kind == RoundKind.ROUTINE else 0
        rows.append(
            {
                "kind": kind.value,
                "label": kind.label,
                "rounds": rounds.get(kind.value, 0),
                "findings": findings.get(kind.value, 0) + extra,
                "joint": kind in JOINT_KINDS,
            }
        )
    joint = {
        "rounds": sum(r["rounds"] for r in rows if r["joint"]),
        "findings": sum(r["findings"] for r in rows if r["joint"]),
    }
    total = {"rounds": sum(r["rounds"] for r in rows), "findings": sum(r["findings"] for r in rows)}
    return {"year": year, "rows": rows, "joint": joint, "total": total, "guardian_reports": guardian}
