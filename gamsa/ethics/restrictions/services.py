"""Writes of 취업제한: the 3-year window of a retiree (법 제17조①), the guidance before it and the reminder two
months before its end, and the employment checks filed at least 30 days before starting work (영 제33조의2)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gamsa.core import calendar as legal
from gamsa.core.services import record_event
from gamsa.ethics.errors import EthicsError, day, require_manager, text
from gamsa.ethics.registration.models import Declarant
from gamsa.ethics.restrictions.models import (
    APPLY_DAYS_BEFORE,
    REMINDER_MONTHS_BEFORE,
    RESTRICTION_YEARS,
    CheckKind,
    CheckResult,
    EmploymentCheck,
    Restriction,
)


def window(retired_on: dt.date) -> tuple[dt.date, dt.date]:
    """(last day of the restriction, first day of the reminder). "퇴직일부터 3년간" counted by 민법 제157·160조:
    retired 2025-06-30 → ends 2028-06-30. The window is not moved for a weekend (제161조 moves the last day for
    doing an act, and nothing is due then). The reminder shows from the day after 34 months (2 months before)."""
    cal = legal.LegalCalendar
    ends = cal.last_day_of_years(retired_on, RESTRICTION_YEARS)
    reminder = cal.last_day_of_months(retired_on, 12 * RESTRICTION_YEARS - REMINDER_MONTHS_BEFORE)
    return ends, reminder + dt.timedelta(days=1)


def open_restriction(declarant: Declarant, *, retired_on: dt.date) -> Restriction:
    """Called inside `leave` (its event covers it)."""
    ends, reminder = window(retired_on)
    restriction, created = Restriction.objects.get_or_create(
        declarant=declarant, defaults={"retired_on": retired_on, "ends_on": ends, "reminder_from": reminder}
    )
    if not created:
        restriction.retired_on, restriction.ends_on, restriction.reminder_from = retired_on, ends, reminder
        restriction.save(update_fields=["retired_on", "ends_on", "reminder_from"])
    return restriction


@transaction.atomic
def record_guidance(actor, restriction: Restriction, *, on: dt.date) -> Restriction:
    """The guidance (카드뉴스·안내문) given to the retiree about the restriction and the 30-day application."""
    require_manager(actor)
    restriction.guidance_sent_on = day(on, "안내일")
    restriction.save(update_fields=["guidance_sent_on"])
    record_event(actor, "ethics.restriction_guidance", restriction, on=on)
    return restriction


@transaction.atomic
def record_reminder(actor, restriction: Restriction, *, on: dt.date) -> Restriction:
    """The reminder sent ahead of the window's end (it leaves 내 업무 once recorded)."""
    require_manager(actor)
    if restriction.reminded_on:
        raise EthicsError("이미 종료 안내를 기록했습니다.")
    if day(on, "안내일") < restriction.retired_on:
        raise EthicsError("안내일은 퇴직일보다 빠를 수 없습니다.")
    restriction.reminded_on = on
    restriction.save(update_fields=["reminded_on"])
    record_event(actor, "ethics.restriction_reminded", restriction, on=on, ends_on=restriction.ends_on)
    return restriction


def apply_by(planned_start_on: dt.date) -> dt.date:
    """ "취업예정일 30일 전까지" read strictly, as the calendar reads "N일 전까지" (core, `latest_day_before`)."""
    return legal.get_calendar().latest_day_before(planned_start_on, APPLY_DAYS_BEFORE)


@transaction.atomic
def receive_check(actor, restriction: Restriction, *, kind: str, employer: str, planned_start_on: dt.date,
                  applied_on: dt.date, position: str = "") -> EmploymentCheck:  # fmt: skip
    require_manager(actor)
    if kind not in CheckKind.values:
        raise EthicsError("신청 구분을 고르세요.")
    day(planned_start_on, "취업예정일")
    if day(applied_on, "신청일") < restriction.retired_on - dt.timedelta(days=365):
        raise EthicsError("신청일을 확인하세요.")
    if planned_start_on > restriction.ends_on:
        raise EthicsError("취업제한 기간이 끝난 뒤의 취업은 심사 대상이 아닙니다.")
    check = EmploymentCheck.objects.create(
        restriction=restriction,
        kind=kind,
        employer=text(employer, "취업예정기관", 100),
        position=text(position, "직위", 60, required=False),
        planned_start_on=planned_start_on,
        apply_by=apply_by(planned_start_on),
        applied_on=applied_on,
    )
    record_event(
        actor, "ethics.employment_check_received", restriction, kind=kind, late=applied_on > check.apply_by
    )
    return check


@transaction.atomic
def decide_check(actor, check: EmploymentCheck, *, result: str, on: dt.date) -> EmploymentCheck:
    require_manager(actor)
    if check.result != CheckResult.PENDING:
        raise EthicsError("이미 결정한 신청입니다.")
    allowed = (
        (CheckResult.ALLOWED, CheckResult.RESTRICTED)
        if check.kind == CheckKind.CONFIRMATION
        else (CheckResult.APPROVED, CheckResult.DENIED)
    )
    if result not in allowed:
        raise EthicsError("신청 구분에 맞는 결과를 고르세요.")
    if day(on, "결정일") < check.applied_on:
        raise EthicsError("결정일은 신청일보다 빠를 수 없습니다.")
    check.result, check.decided_on = result, on
    check.save(update_fields=["result", "decided_on"])
    record_event(actor, "ethics.employment_check_decided", check.restriction, result=result, on=on)
    return check
