"""Monitoring writes: a round, its findings (patrol findings routed to the department), closing or returning them."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gamsa.core.models import OrgUnit, User
from gamsa.core.services import next_case_number, record_event
from gamsa.integrity.monitoring import routing
from gamsa.integrity.monitoring.models import MonitoringFinding, MonitoringRound, VulnerableArea


class MonitoringError(ValueError):
    """Korean message."""


@transaction.atomic
def create_round(
    actor: User,
    *,
    area: VulnerableArea,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    method: str = "",
    summary: str = "",
) -> MonitoringRound:
    if ends_on and ends_on < starts_on:
        raise MonitoringError("종료일은 시작일 이후여야 합니다.")
    number, _ = next_case_number("integrity_monitoring", starts_on.year, prefix="MN")
    found = MonitoringRound.objects.create(
        number=number,
        area=area,
        title=title.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        method=method.strip(),
        summary=summary.strip(),
        created_by=actor,
    )
    record_event(actor, "monitoring.round_created", found, area=area.name)
    return found


@transaction.atomic
def record_summary(actor: User, monitoring: MonitoringRound, *, summary: str) -> MonitoringRound:
    monitoring.summary = summary.strip()
    monitoring.save(update_fields=["summary"])
    record_event(actor, "monitoring.summary_recorded", monitoring)
    return monitoring


@transaction.atomic
def add_finding(
    actor: User,
    monitoring: MonitoringRound,
    *,
    title: str,
    description: str,
    unit: OrgUnit,
    requested_action: str = "",
    due_date: dt.date | None = None,
) -> MonitoringFinding:
    """A finding of the round, routed at once to `unit` by the patrol app's own service (notice included)."""
    if not title.strip():
        raise MonitoringError("지적사항 제목을 입력하세요.")
    finding = routing.create_finding(
        actor,
        source=routing.Finding.Source.PATROL,
        category=routing.category(),
        title=title,
        description=description,
        unit=unit,
        requested_action=requested_action,
        due_date=due_date,
        scan_duplicates=False,
    )
    link = MonitoringFinding.objects.create(round=monitoring, finding=finding)
    record_event(actor, "monitoring.finding_added", monitoring, finding=finding.case_number, unit=unit.name)
    return link


def close(actor: User, link: MonitoringFinding, *, note: str = ""):
    try:
        return routing.close_finding(actor, link.finding, note=note)
    except routing.FindingStateError as exc:
        raise MonitoringError(str(exc)) from None


def send_back(actor: User, link: MonitoringFinding, *, note: str, due_date: dt.date | None = None):
    try:
        return routing.return_finding(actor, link.finding, note=note, due_date=due_date)
    except routing.FindingStateError as exc:
        raise MonitoringError(str(exc)) from None
