"""Findings (적출사항): creation, routing to a department, the department's answer, the patrol team's close.

Every transition is one service in one transaction that records one event. Access is checked by the callers
(views, API) with gamsa/patrols/findings/permissions.py; these functions only check the state machine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from gamsa.core.calendar import SEOUL
from gamsa.core.models import OrgUnit, User
from gamsa.core.notices import schedule as schedule_notice
from gamsa.core.services import next_case_number, record_event, store_attachment
from gamsa.patrols.clock import finding_due_date
from gamsa.patrols.models import Finding, FindingCategory, FindingStatus, Photo


class FindingStateError(Exception):
    """A transition not allowed from the finding's current status (Korean message)."""


ROUTABLE = (FindingStatus.REPORTED, FindingStatus.ROUTED, FindingStatus.RETURNED)
ANSWERABLE = (FindingStatus.ROUTED, FindingStatus.RETURNED)
VERIFIABLE = (FindingStatus.ANSWERED,)


def _add_photos(actor: User | None, finding: Finding, photos: Iterable, stage: str) -> list[Photo]:
    stored = []
    for data, filename in photos or ():
        if not data:
            continue
        attachment = store_attachment(actor, data=data, original_name=filename or "photo.jpg", owner=finding)
        stored.append(Photo.objects.create(attachment=attachment, finding=finding, stage=stage))
    return stored


@transaction.atomic
def create_finding(
    actor: User | None,
    *,
    source: str,
    category: FindingCategory,
    title: str,
    description: str = "",
    address: str = "",
    latitude=None,
    longitude=None,
    unit: OrgUnit | None = None,
    round=None,  # noqa: A002  (the model's field name)
    item=None,
    requested_action: str = "",
    due_date: dt.date | None = None,
    photos: Iterable = (),
    reported_at: dt.datetime | None = None,
    scan_duplicates: bool = True,
    open311_token: str = "",
) -> Finding:
    """A new finding. Guardian (and Open311) reports start REPORTED for the patrol team to route; a patrol
    finding with a responsible department starts ROUTED. Photos are (bytes, filename) pairs; a bad file raises
    FileRejected and nothing is stored. `open311_token`: the token an Open311 POST answered with (ADR 0015)."""
    now = reported_at or timezone.now()
    year = now.astimezone(SEOUL).year
    number, _ = next_case_number("finding", year)
    if unit is None:
        unit = category.default_unit
    if due_date is None:
        due_date = finding_due_date(now, category.due_days)
    routed = source == Finding.Source.PATROL and unit is not None
    finding = Finding.objects.create(
        case_number=number,
        source=source,
        round=round,
        category=category,
        item=item,
        title=title.strip()[:300],
        description=description,
        address=address[:300],
        latitude=latitude,
        longitude=longitude,
        unit=unit,
        requested_action=requested_action,
        due_date=due_date,
        status=FindingStatus.ROUTED if routed else FindingStatus.REPORTED,
        reported_by=actor if actor and actor.pk else None,
        reported_at=now,
        routed_at=now if routed else None,
        open311_token=open311_token,
    )
    _add_photos(actor, finding, photos, Photo.Stage.BEFORE)
    record_event(
        actor,
        "finding.created",
        finding,
        source=source,
        category=category.name,
        unit=unit.name if unit else "",
        status=finding.status,
        due_date=due_date,
        round=round.number if round else "",
    )
    if routed:
        schedule_notice("finding_routed", finding)
    if scan_duplicates and finding.latitude is not None and finding.longitude is not None:
        from gamsa.patrols.duplicates.scan import scan_finding

        scan_finding(finding)
    return finding


@transaction.atomic
def route_finding(
    actor: User,
    finding: Finding,
    *,
    unit: OrgUnit,
    due_date: dt.date | None = None,
    requested_action: str | None = None,
) -> Finding:
    """The patrol team sends the finding to the responsible department (also re-routes to another one)."""
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if finding.status not in ROUTABLE:
        raise FindingStateError("이 적출사항은 지금 부서에 통보할 수 없습니다.")
    previous = finding.unit.name if finding.unit else ""
    now = timezone.now()
    finding.unit = unit
    finding.status = FindingStatus.ROUTED
    finding.routed_at = now
    if due_date is not None:
        finding.due_date = due_date
    elif finding.due_date is None:
        finding.due_date = finding_due_date(now, finding.category.due_days)
    if requested_action is not None:
        finding.requested_action = requested_action
    finding.save()
    record_event(
        actor, "finding.routed", finding, unit=unit.name, previous_unit=previous, due_date=finding.due_date
    )
    schedule_notice("finding_routed", finding)
    return finding


@transaction.atomic
def answer_finding(actor: User, finding: Finding, *, answer: str, photos: Iterable = ()) -> Finding:
    """The department reports what it did, with an after-photo."""
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if finding.status not in ANSWERABLE:
        raise FindingStateError("부서에 통보된 적출사항에만 조치 결과를 등록할 수 있습니다.")
    if not answer.strip():
        raise FindingStateError("조치 내용을 적어 주세요.")
    _add_photos(actor, finding, photos, Photo.Stage.AFTER)
    finding.answer = answer.strip()
    finding.answered_by = actor
    finding.answered_at = timezone.now()
    finding.status = FindingStatus.ANSWERED
    finding.save()
    late = bool(finding.due_date and finding.answered_at.astimezone(SEOUL).date() > finding.due_date)
    record_event(
        actor, "finding.answered", finding, unit=finding.unit.name if finding.unit else "", late=late
    )
    return finding


@transaction.atomic
def close_finding(actor: User, finding: Finding, *, note: str = "") -> Finding:
    """The patrol team verifies the department's action and closes the finding."""
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if finding.status not in VERIFIABLE:
        raise FindingStateError("부서 조치가 끝난 적출사항만 확인 종결할 수 있습니다.")
    finding.status = FindingStatus.CLOSED
    finding.closed_by = actor
    finding.closed_at = timezone.now()
    finding.closing_note = note.strip()
    finding.save()
    record_event(actor, "finding.closed", finding, note=bool(note.strip()))
    return finding


@transaction.atomic
def return_finding(actor: User, finding: Finding, *, note: str, due_date: dt.date | None = None) -> Finding:
    """The patrol team sends the finding back to the department for more work."""
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if finding.status not in VERIFIABLE:
        raise FindingStateError("부서 조치가 끝난 적출사항만 보완을 요구할 수 있습니다.")
    if not note.strip():
        raise FindingStateError("보완이 필요한 내용을 적어 주세요.")
    finding.status = FindingStatus.RETURNED
    finding.closing_note = note.strip()
    if due_date is not None:
        finding.due_date = due_date
    finding.save()
    record_event(actor, "finding.returned", finding, due_date=finding.due_date)
    return finding


@transaction.atomic
def dismiss_finding(actor: User, finding: Finding, *, note: str) -> Finding:
    """A report that is no finding (not a public matter, private land, …): the patrol team dismisses it."""
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if not finding.is_open:
        raise FindingStateError("이미 끝난 적출사항입니다.")
    if not note.strip():
        raise FindingStateError("반려 사유를 적어 주세요.")
    finding.status = FindingStatus.DISMISSED
    finding.closing_note = note.strip()
    finding.closed_by = actor
    finding.closed_at = timezone.now()
    finding.save()
    record_event(actor, "finding.dismissed", finding)
    return finding
