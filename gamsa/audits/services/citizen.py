"""Citizen auditors: appointment, assignments to sites and engagements, inspection reports with photos."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gamsa.audits.models import CitizenAssignment, CitizenAuditor, SiteInspection
from gamsa.audits.services import AuditError
from gamsa.core.models import Role
from gamsa.core.services import add_membership, record_event, store_attachment


@transaction.atomic
def appoint(
    actor, *, user, unit, cohort: int, field: str, term_start: dt.date, term_end: dt.date, specialty=""
):
    if term_end <= term_start:
        raise AuditError("임기 종료일이 시작일보다 늦어야 합니다.")
    if CitizenAuditor.objects.filter(user=user).exists():
        raise AuditError("이미 위촉된 구민감사관입니다.")
    auditor = CitizenAuditor.objects.create(
        user=user, cohort=cohort, field=field, specialty=specialty, term_start=term_start, term_end=term_end
    )
    add_membership(actor, user=user, unit=unit, role=Role.CITIZEN_AUDITOR)
    record_event(actor, "citizen_auditor.appointed", user, cohort=cohort, field=field)
    return auditor


@transaction.atomic
def assign(
    actor,
    auditor: CitizenAuditor,
    *,
    site: str,
    scheduled_on: dt.date,
    engagement=None,
    unit=None,
    instructions: str = "",
) -> CitizenAssignment:
    if not auditor.active or not (auditor.term_start <= scheduled_on <= auditor.term_end):
        raise AuditError("점검일이 구민감사관의 임기 밖이거나 활동 중이 아닙니다.")
    if not site.strip():
        raise AuditError("점검 현장을 적으세요.")
    assignment = CitizenAssignment.objects.create(
        auditor=auditor,
        site=site.strip(),
        scheduled_on=scheduled_on,
        engagement=engagement,
        unit=unit,
        instructions=instructions,
        created_by=actor,
    )
    record_event(actor, "citizen_auditor.assigned", assignment, auditor=auditor.user.username)
    return assignment


@transaction.atomic
def file_inspection(
    actor, assignment: CitizenAssignment, *, observations: str, issues_found: bool, photos=()
) -> SiteInspection:
    if not observations.strip():
        raise AuditError("점검 내용을 적으세요.")
    report = SiteInspection.objects.create(
        assignment=assignment,
        observations=observations.strip(),
        issues_found=issues_found,
        submitted_by=actor,
        submitted_at=timezone.now(),
    )
    for data, name in photos:
        store_attachment(actor, data=data, original_name=name, owner=report)
    record_event(actor, "citizen_inspection.filed", report, issues=issues_found, photos=len(photos))
    return report
