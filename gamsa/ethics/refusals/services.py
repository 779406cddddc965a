"""Writes of 고지거부: applications (new and re-examination), the committee's 10-day decision (+10), the 3-year
re-examination cycle, and the deemed extension of an initial registration after a refusal (영 제27조④)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gamsa.core import calendar as legal
from gamsa.core.services import next_case_number, record_event
from gamsa.ethics.errors import EthicsError, day, due_day, moment, require_manager, text
from gamsa.ethics.refusals.models import (
    DECISION_EXTENSION_DAYS,
    REEXAMINATION_EVERY_YEARS,
    DisclosureRefusal,
    RefusalKind,
    RefusalStatus,
    RefusalTrigger,
    Relation,
)
from gamsa.ethics.registration.models import Declarant, DeclarantStatus, FilingKind

APPLICATION_RULE = "disclosure_refusal_application"
DECISION_RULE = "disclosure_refusal_decision"
REEXAMINATION_RULE = "disclosure_refusal_reexamination"


def reexamination_start(granted_on: dt.date, cycle: int = 1) -> dt.date:
    """1 January of the `3 × cycle`-th year from the grant (영 제27조⑤ "3년마다 그 3년째 정기변동신고기간의 개시일")."""
    return legal.LegalCalendar.first_new_year_in_year(granted_on, REEXAMINATION_EVERY_YEARS * cycle)


def reexamination_window(start: dt.date) -> tuple[dt.date, dt.date]:
    """The application window (3 months from the 정기 period's first day; core kind, counted from 31 December) and
    the day the committee decides by (11월 30일, 영 제27조⑥)."""
    return due_day(REEXAMINATION_RULE, start - dt.timedelta(days=1)), dt.date(start.year, 11, 30)


def _money(value, label: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise EthicsError(f"{label}은(는) 원 단위 숫자로 입력하세요.") from None
    if not 0 <= number <= 10**15:
        raise EthicsError(f"{label}을(를) 확인하세요.")
    return number


@transaction.atomic
def receive_application(actor, declarant: Declarant, *, relation: str, relative_name: str, trigger: str,
                        trigger_on: dt.date, applied_on: dt.date, relative_birth_year: int | None = None,
                        separate_household: bool = False, occupation: str = "", annual_income=None, assets=None,
                        reason: str = "", renews: DisclosureRefusal | None = None) -> DisclosureRefusal:  # fmt: skip
    """A new application (or, with `renews`, the re-examination of a permission). The committee decides a new one
    within 10 days of receiving it (영 제27조②), a re-examination by 11월 30일 of its year (⑥)."""
    require_manager(actor)
    if declarant.status not in (DeclarantStatus.ACTIVE, DeclarantStatus.DEFERRED):
        raise EthicsError("명부에 있는 등록의무자만 신청할 수 있습니다.")
    if relation not in Relation.values:
        raise EthicsError("고지거부자와의 관계를 고르세요.")
    if trigger not in RefusalTrigger.values:
        raise EthicsError("신청 사유를 고르세요.")
    day(trigger_on, "사유 발생일")
    if day(applied_on, "신청일") < trigger_on and renews is None:
        raise EthicsError("신청일은 사유 발생일보다 빠를 수 없습니다.")
    if renews is not None:
        if not renews.is_permission or renews.declarant_id != declarant.pk:
            raise EthicsError("재심사할 고지거부 허가를 찾을 수 없습니다.")
        if renews.reexaminations.filter(status__in=[RefusalStatus.RECEIVED, RefusalStatus.REFERRED]).exists():
            raise EthicsError("이미 재심사 신청을 받은 허가입니다.")
        start = renews.next_reexamination_on
        application_due, decision_due = reexamination_window(start)  # ⑥: decided by 11월 30일, not in 10 days
        trigger_on, trigger = start, RefusalTrigger.REGULAR
        if applied_on < start - dt.timedelta(days=60):
            raise EthicsError(f"재심사 신청은 {start.year}년 정기신고기간에 받습니다 (영 제27조⑤).")
    else:
        application_due = due_day(APPLICATION_RULE, trigger_on)
        decision_due = due_day(DECISION_RULE, applied_on)
    birth = relative_birth_year
    if birth is not None and not 1900 <= int(birth) <= applied_on.year:
        raise EthicsError("출생연도를 확인하세요.")
    number, _ = next_case_number("ethics_refusal", applied_on.year, prefix="DR-")
    refusal = DisclosureRefusal.objects.create(
        case_number=number,
        year=applied_on.year,
        declarant=declarant,
        kind=RefusalKind.REEXAMINATION if renews else RefusalKind.NEW,
        renews=renews,
        relation=relation if renews is None else renews.relation,
        relative_name=text(relative_name or (renews.relative_name if renews else ""), "고지거부자 성명", 50),
        relative_birth_year=birth,
        separate_household=bool(separate_household),
        occupation=text(occupation, "직업", 60, required=False),
        annual_income=_money(annual_income, "연간 소득"),
        assets=_money(assets, "보유 재산"),
        reason=text(reason, "신청 사유", 2000, required=False),
        trigger=trigger,
        trigger_on=trigger_on,
        applied_on=applied_on,
        application_due_on=application_due,
        decision_due_on=decision_due,
        created_by=actor,
    )
    record_event(
        actor,
        "ethics.refusal_received",
        refusal,
        kind=refusal.kind,
        late=applied_on > application_due,
        decision_due_on=refusal.decision_due_on,
    )
    return refusal


@transaction.atomic
def extend_decision(actor, refusal: DisclosureRefusal) -> DisclosureRefusal:
    """영 제27조②: the decision period may be extended once, by up to 10 days."""
    require_manager(actor)
    if not refusal.is_open:
        raise EthicsError("이미 결정한 신청입니다.")
    if refusal.kind == RefusalKind.REEXAMINATION:
        raise EthicsError("재심사는 그 해 11월 30일까지 결정합니다 (영 제27조⑥). 연장할 수 없습니다.")
    if refusal.decision_extended:
        raise EthicsError("결정 기간은 한 번, 10일의 범위에서만 연장할 수 있습니다 (영 제27조②).")
    deadline = legal.deadline_for(DECISION_RULE, moment(refusal.applied_on))
    refusal.decision_due_on = legal.extend_by_days(deadline, DECISION_EXTENSION_DAYS).date()
    refusal.decision_extended = True
    refusal.save(update_fields=["decision_due_on", "decision_extended"])
    record_event(actor, "ethics.refusal_extended", refusal, decision_due_on=refusal.decision_due_on)
    return refusal


def mark_referred(refusal: DisclosureRefusal) -> None:
    """Put on a meeting's agenda (the committee's service logs it)."""
    if not refusal.is_open:
        raise EthicsError("이미 결정한 고지거부 신청입니다.")
    refusal.status = RefusalStatus.REFERRED
    refusal.save(update_fields=["status"])


@transaction.atomic
def decide(
    actor, refusal: DisclosureRefusal, *, granted: bool, on: dt.date, note: str = ""
) -> DisclosureRefusal:
    """The committee's decision taken in writing (서면 심의) and recorded by the officer."""
    require_manager(actor)
    apply_decision(refusal, granted=granted, on=on, note=note)
    record_event(
        actor,
        "ethics.refusal_decided",
        refusal,
        granted=granted,
        on=on,
        late=on > refusal.decision_due_on,
        next_reexamination_on=refusal.next_reexamination_on,
    )
    return refusal


def apply_decision(
    refusal: DisclosureRefusal, *, granted: bool, on: dt.date, note: str = ""
) -> DisclosureRefusal:
    """A new permission falls due for re-examination in its 3rd year; a re-examination keeps it (next cycle) or ends
    it; a refusal for an initial registration deems the filing period extended (영 제27조④). The caller's service
    (`decide`, or the committee's item decision) writes the event."""
    if not refusal.is_open:
        raise EthicsError("이미 결정한 신청입니다.")
    if day(on, "결정일") < refusal.applied_on:
        raise EthicsError("결정일은 신청일보다 빠를 수 없습니다.")
    refusal.status = RefusalStatus.GRANTED if granted else RefusalStatus.DENIED
    refusal.decided_on, refusal.decision_note = on, text(note, "결정 사유", 2000, required=False)
    fields = ["status", "decided_on", "decision_note"]
    if refusal.kind == RefusalKind.NEW and granted:
        refusal.granted_on, refusal.next_reexamination_on = on, reexamination_start(on)
        fields += ["granted_on", "next_reexamination_on"]
    refusal.save(update_fields=fields)
    if refusal.kind == RefusalKind.REEXAMINATION:
        permission = refusal.renews
        if granted:
            cycle = 1
            while reexamination_start(permission.granted_on, cycle) <= permission.next_reexamination_on:
                cycle += 1
            permission.next_reexamination_on = reexamination_start(permission.granted_on, cycle)
        else:
            permission.ended_on, permission.next_reexamination_on = on, None
        permission.save(update_fields=["next_reexamination_on", "ended_on"])
    elif not granted and refusal.trigger in (RefusalTrigger.INITIAL, RefusalTrigger.PUBLIC):
        from gamsa.ethics.registration.services import deem_extended

        filing = refusal.declarant.filings.filter(kind=FilingKind.INITIAL, filed_on__isnull=True).first()
        if filing is not None:
            deem_extended(filing, notified_on=on)
    return refusal
