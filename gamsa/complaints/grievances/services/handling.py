"""Handling a grievance: routing (배정, 처리 시작, 이송), the pauses that stop the clock (보완, 현장조사) and
extensions of the deadline (영 제21조). Each write runs in one transaction and writes one Event."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gamsa.complaints.grievances.models import OPEN_STATUSES, Extension, Grievance, Notice, Pause, Status
from gamsa.complaints.grievances.services.workflow import (
    SITE_SURVEY_EXTENSION_MAX_DAYS,
    SITE_SURVEY_MAX_DAYS,
    GrievanceError,
    lock,
    move_status,
)
from gamsa.core import calendar as legal
from gamsa.core.models import OrgUnit, User
from gamsa.core.notices import schedule as schedule_notice
from gamsa.core.services import record_event

# --- routing -----------------------------------------------------------------------------------------------------


@transaction.atomic
def assign(
    actor: User, grievance: Grievance, *, department: OrgUnit, handler: User | None = None, note: str = ""
) -> Grievance:
    """배정 or 부서 재배정. A re-filed grievance stays visible to the department that answered before."""
    g = lock(grievance)
    if (
        handler is not None
        and handler.unit_id not in (department.pk, None)
        and not handler.memberships.filter(unit=department, ended_on__isnull=True).exists()
    ):
        raise GrievanceError("담당자가 선택한 부서 소속이 아닙니다.")
    previous = g.department.code if g.department_id else None
    move_status(g, Status.ASSIGNED)
    g.department, g.handler = department, handler
    # New on the department's desk again until its handler opens or confirms it (acknowledge_assignment).
    g.assigned_at, g.acknowledged_at, g.acknowledged_by = timezone.now(), None, None
    fields = ["status", "department", "handler", "assigned_at", "acknowledged_at", "acknowledged_by"]
    g.save(update_fields=[*fields, "updated_at"])
    verb = "grievance.reassigned" if previous and previous != department.code else "grievance.assigned"
    record_event(
        actor,
        verb,
        g,
        department=department.code,
        previous=previous,
        handler=handler.username if handler else None,
        note=note,
    )
    return g


def is_new_assignment(grievance: Grievance) -> bool:
    """Assigned and not yet opened or confirmed by its handler (or, without one, by its department)."""
    return grievance.status == Status.ASSIGNED and grievance.acknowledged_at is None


@transaction.atomic
def acknowledge_assignment(actor: User, grievance: Grievance) -> Grievance:
    """The handler (or, without one, someone of the department) has seen the new assignment: it leaves the desk's
    '새로 배정' list and the menu's count. Seen already (or no longer just assigned): nothing changes."""
    g = lock(grievance)
    if not is_new_assignment(g):
        return g
    g.acknowledged_at, g.acknowledged_by = timezone.now(), actor
    g.save(update_fields=["acknowledged_at", "acknowledged_by", "updated_at"])
    record_event(
        actor,
        "grievance.assignment_acknowledged",
        g,
        department=g.department.code if g.department_id else None,
    )
    return g


@transaction.atomic
def start_processing(actor: User, grievance: Grievance) -> Grievance:
    g = lock(grievance)
    move_status(g, Status.IN_PROGRESS)
    if g.handler_id is None:
        g.handler = actor
    if g.acknowledged_at is None:  # starting the work is seeing it
        g.acknowledged_at, g.acknowledged_by = timezone.now(), actor
    g.save(update_fields=["status", "handler", "acknowledged_at", "acknowledged_by", "updated_at"])
    record_event(actor, "grievance.processing", g)
    return g


@transaction.atomic
def transfer(
    actor: User, grievance: Grievance, *, agency: str, reason: str, now: dt.datetime | None = None
) -> Grievance:
    """이송 to another agency (영 제13조: within 8 working hours, the complainant notified)."""
    if not agency.strip() or not reason.strip():
        raise GrievanceError("이송할 기관과 이송 사유를 입력하세요.")
    g = lock(grievance)
    move_status(g, Status.TRANSFERRED)
    now = now or timezone.now()
    limit = legal.deadline_for("transfer", g.received_at)
    g.closed_at = now
    g.save(update_fields=["status", "closed_at", "updated_at"])
    Notice.objects.create(
        grievance=g,
        kind=Notice.Kind.TRANSFER,
        sent_at=now,
        created_by=actor,
        text=f"귀하의 민원({g.case_number})은 소관 기관인 {agency}(으)로 이송되었습니다. 사유: {reason}",
    )
    record_event(
        actor,
        "grievance.transferred",
        g,
        agency=agency,
        reason=reason,
        limit=limit.due_at,
        late=now > limit.due_at,
    )
    schedule_notice("transfer", g, agency=agency, reason=reason)
    return g


# --- pauses: 보완 and 현장조사 -------------------------------------------------------------------------------------


@transaction.atomic
def request_supplement(
    actor: User,
    grievance: Grievance,
    *,
    reason: str,
    until: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Grievance:
    if not reason.strip():
        raise GrievanceError("보완을 요청할 내용을 입력하세요.")
    g = lock(grievance)
    move_status(g, Status.SUPPLEMENT)
    now = now or timezone.now()
    g.paused_at = now
    g.save(update_fields=["status", "paused_at", "updated_at"])
    Pause.objects.create(
        grievance=g, kind=Pause.Kind.SUPPLEMENT, reason=reason, started_at=now, planned_until=until
    )
    Notice.objects.create(
        grievance=g,
        kind=Notice.Kind.SUPPLEMENT,
        sent_at=now,
        created_by=actor,
        text=f"민원({g.case_number}) 처리를 위해 다음 사항의 보완을 요청합니다: {reason}",
    )
    record_event(actor, "grievance.supplement_requested", g, reason=reason, until=until)
    schedule_notice("supplement", g, supplement=reason)
    return g


@transaction.atomic
def start_site_survey(
    actor: User, grievance: Grievance, *, days: int, reason: str, now: dt.datetime | None = None
) -> Grievance:
    """현장조사 (영 제17조④): up to 14 days, not counted in the grievance's 7 days."""
    if grievance.kind != "grievance":
        raise GrievanceError("현장조사 기간 제외는 고충민원에만 적용됩니다 (영 제17조④).")
    if not 1 <= days <= SITE_SURVEY_MAX_DAYS:
        raise GrievanceError(f"현장조사 기간은 {SITE_SURVEY_MAX_DAYS}일 이내여야 합니다 (영 제17조④).")
    if grievance.pauses.filter(kind=Pause.Kind.SITE_SURVEY).exists():
        raise GrievanceError(
            "현장조사는 이미 실시했습니다. 연장은 1회 7일 이내로만 할 수 있습니다 (영 제17조④ 단서)."
        )
    g = lock(grievance)
    move_status(g, Status.SITE_SURVEY)
    now = now or timezone.now()
    g.paused_at = now
    g.save(update_fields=["status", "paused_at", "updated_at"])
    Pause.objects.create(
        grievance=g,
        kind=Pause.Kind.SITE_SURVEY,
        reason=reason,
        started_at=now,
        planned_until=now + dt.timedelta(days=days),
    )
    record_event(actor, "grievance.site_survey_started", g, days=days, reason=reason)
    return g


@transaction.atomic
def extend_site_survey(actor: User, grievance: Grievance, *, days: int, reason: str) -> Grievance:
    g = lock(grievance)
    pause = g.pauses.filter(kind=Pause.Kind.SITE_SURVEY, ended_at__isnull=True).first()
    if g.status != Status.SITE_SURVEY or pause is None:
        raise GrievanceError("진행 중인 현장조사가 없습니다.")
    if pause.survey_extended:
        raise GrievanceError("현장조사 기간은 한 번만 연장할 수 있습니다 (영 제17조④ 단서).")
    if not 1 <= days <= SITE_SURVEY_EXTENSION_MAX_DAYS:
        raise GrievanceError(
            f"현장조사 연장은 {SITE_SURVEY_EXTENSION_MAX_DAYS}일 이내여야 합니다 (영 제17조④ 단서)."
        )
    pause.survey_extended = True
    pause.planned_until = (pause.planned_until or timezone.now()) + dt.timedelta(days=days)
    pause.reason = f"{pause.reason}\n[연장] {reason}"
    pause.save(update_fields=["survey_extended", "planned_until", "reason"])
    record_event(actor, "grievance.site_survey_extended", g, days=days, reason=reason)
    return g


@transaction.atomic
def resume(actor: User, grievance: Grievance, *, note: str = "", now: dt.datetime | None = None) -> Grievance:
    """End a 보완 or 현장조사 pause; the clock moves by the time not counted (영 제17조⑤, 제20조)."""
    g = lock(grievance)
    if g.status not in (Status.SUPPLEMENT, Status.SITE_SURVEY) or g.paused_at is None:
        raise GrievanceError("처리기간이 정지된 민원이 아닙니다.")
    now = now or timezone.now()
    new_due, shifted = legal.get_calendar().shift_for_pause(g.due_at, g.clock_method, g.paused_at, now)
    pause = g.pauses.filter(ended_at__isnull=True).order_by("-started_at").first()
    if pause:
        pause.ended_at, pause.shifted_by = now, shifted
        pause.save(update_fields=["ended_at", "shifted_by"])
    previous_due = g.due_at
    move_status(g, Status.IN_PROGRESS)
    g.due_at, g.paused_at = new_due, None
    g.save(update_fields=["status", "due_at", "paused_at", "updated_at"])
    record_event(
        actor, "grievance.resumed", g, previous_due=previous_due, due_at=new_due, shifted=shifted, note=note
    )
    return g


# --- extensions (영 제21조) ----------------------------------------------------------------------------------------


def _original_amount(g: Grievance) -> tuple[int, str]:
    from gamsa.core.models import DeadlineRule

    rule = DeadlineRule.objects.get(kind=g.kind)
    return rule.amount, rule.unit


@transaction.atomic
def extend_deadline(
    actor: User,
    grievance: Grievance,
    *,
    reason: str,
    reason_detail: str,
    amount: int,
    consent: bool = False,
    consent_note: str = "",
) -> Extension:
    g = lock(grievance)
    if g.status not in OPEN_STATUSES:
        raise GrievanceError("처리 중인 민원만 처리기간을 연장할 수 있습니다.")
    if reason in Extension.FORBIDDEN:
        raise GrievanceError(
            f"'{Extension.Reason(reason).label}'은(는) 연장 사유가 될 수 없습니다. 업무량 과다, 담당자 지정 지연, "
            "담당자 부재만으로는 처리기간을 연장할 수 없습니다 (민원처리법 시행령 제21조②)."
        )
    if reason not in Extension.Reason.values:
        raise GrievanceError("연장 사유를 목록에서 고르세요.")
    if not reason_detail.strip():
        raise GrievanceError("구체적인 연장 사유를 적으세요 (영 제21조③: 사유와 완료 예정일을 통지).")
    number = g.extension_count + 1
    if number > 2:
        raise GrievanceError("처리기간은 두 번까지만 연장할 수 있습니다 (영 제21조①).")
    if number == 2 and not (consent and consent_note.strip()):
        raise GrievanceError(
            "두 번째 연장은 민원인의 동의가 있어야 합니다. 동의 일시와 방법을 기록하세요 (영 제21조①)."
        )
    original, unit = _original_amount(g)
    if not 1 <= amount <= original:
        unit_label = "시간" if unit == "hours" else "일"
        raise GrievanceError(
            f"연장 기간은 당초 처리기간({original}{unit_label})을 넘을 수 없습니다 (영 제21조①)."
        )
    previous = g.due_at
    new_due = legal.get_calendar().extend(previous, g.clock_method, amount, unit)
    handler = g.handler or actor
    notice = (
        f"민원({g.case_number}) 처리기간 연장 안내\n"
        f"사유: {Extension.Reason(reason).label} — {reason_detail.strip()}\n"
        f"종전 처리기한: {legal.format_moment(previous)}\n변경 처리기한: {legal.format_moment(new_due)}\n"
        f"담당: {g.department.name if g.department_id else '감사담당관'} {handler.display_name}"
        f"{' (' + handler.phone + ')' if handler.phone else ''}\n근거: 민원 처리에 관한 법률 시행령 제21조"
    )
    extension = Extension.objects.create(
        grievance=g,
        number=number,
        reason=reason,
        reason_detail=reason_detail.strip(),
        amount=amount,
        previous_due_at=previous,
        new_due_at=new_due,
        consent_recorded=consent,
        consent_note=consent_note.strip(),
        notice_text=notice,
        created_by=actor,
    )
    g.due_at, g.extension_count = new_due, number
    g.save(update_fields=["due_at", "extension_count", "updated_at"])
    Notice.objects.create(
        grievance=g, kind=Notice.Kind.EXTENSION, sent_at=timezone.now(), text=notice, created_by=actor
    )
    record_event(
        actor,
        "grievance.extended",
        g,
        number=number,
        reason=reason,
        amount=amount,
        previous_due=previous,
        due_at=new_due,
        consent=consent,
    )
    schedule_notice("extension", g)
    return extension
