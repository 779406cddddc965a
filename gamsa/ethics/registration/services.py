"""Writes of the roster and the filings: designated units, proposals from the organisation data, confirmation,
leaving (퇴직 or 전보), deferral, the filing clocks and their extension. Each writes one Event with no names."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gamsa.core import calendar as legal
from gamsa.core.models import Grade, OrgUnit, UnitKind, User, UserKind
from gamsa.core.services import record_event
from gamsa.ethics.errors import EthicsError, day, due_day, moment, require_manager, text
from gamsa.ethics.registration.models import (
    EXTENSION_MAX_DAYS,
    EXTENSION_MAX_DAYS_PUBLIC,
    FIELD_GRADES,
    FILING_RULES,
    Basis,
    Declarant,
    DeclarantStatus,
    DesignatedUnit,
    Field,
    Filing,
    FilingKind,
    ProposalKind,
    ProposalStatus,
    RosterProposal,
    Trigger,
)

ACTIVE = (DeclarantStatus.ACTIVE, DeclarantStatus.DEFERRED)


# --- designated units (영 제3조⑥⑧) -------------------------------------------------------------------------------


@transaction.atomic
def designate_unit(
    actor, *, unit: OrgUnit, field: str, effective_from: dt.date, basis: str = ""
) -> DesignatedUnit:
    require_manager(actor)
    if field not in Field.values:
        raise EthicsError("분야를 고르세요.")
    if not isinstance(unit, OrgUnit):
        raise EthicsError("부서를 고르세요.")
    if field == Field.AUDIT and unit.kind == UnitKind.DONG:
        raise EthicsError("읍·면·동 소속 공무원은 감사 분야 등록의무자가 아닙니다 (영 제3조⑥제10호).")
    day(effective_from, "지정일")
    if DesignatedUnit.objects.filter(unit=unit, field=field, effective_to__isnull=True).exists():
        raise EthicsError("이미 그 분야로 지정된 부서입니다.")
    designation = DesignatedUnit.objects.create(
        unit=unit,
        field=field,
        effective_from=effective_from,
        basis=text(basis, "근거", 200, required=False),
        created_by=actor,
    )
    record_event(actor, "ethics.unit_designated", designation, unit=unit.code, field=field, on=effective_from)
    return designation


@transaction.atomic
def end_designation(actor, designation: DesignatedUnit, *, on: dt.date) -> DesignatedUnit:
    require_manager(actor)
    if designation.effective_to is not None:
        raise EthicsError("이미 지정이 해제된 부서입니다.")
    if on <= designation.effective_from:
        raise EthicsError("해제일은 지정일 뒤여야 합니다.")
    designation.effective_to = on
    designation.save(update_fields=["effective_to"])
    record_event(actor, "ethics.unit_released", designation, unit=designation.unit.code, on=on)
    return designation


def designations_on(on: dt.date) -> list[DesignatedUnit]:
    return [
        d
        for d in DesignatedUnit.objects.select_related("unit").filter(effective_from__lte=on)
        if d.effective_to is None or on < d.effective_to
    ]


def basis_for(grade: str, unit: OrgUnit | None, designations: list[DesignatedUnit]) -> str | None:
    """Why someone of `grade` in `unit` must register (법 제3조①, 영 제3조⑥), or None. A designated unit's
    teams count as the unit (their path starts with its path)."""
    if grade == Grade.G4:
        return Basis.GRADE4
    if unit is None:
        return None
    for d in designations:
        if unit.path.startswith(d.unit.path) and grade in FIELD_GRADES[d.field]:
            if d.field == Field.AUDIT and unit.kind == UnitKind.DONG:
                continue
            return d.field
    return None


# --- the roster ----------------------------------------------------------------------------------------------


@transaction.atomic
def propose_roster_changes(actor, *, on: dt.date) -> dict[str, int]:
    """Compare the organisation data (staff, grade, unit, active) with the roster and propose additions and
    endings for the officer to confirm. Existing pending proposals are not repeated."""
    require_manager(actor)
    designations = designations_on(on)
    on_roster = dict(
        Declarant.objects.filter(status__in=ACTIVE, person__isnull=False).values_list("person_id", "pk")
    )
    pending = set(
        RosterProposal.objects.filter(status=ProposalStatus.PENDING).values_list("person_id", "kind")
    )
    # A retiree whose account is still active is not proposed again (a re-hired one is added by hand: 법 제5조①
    # lets someone back within 3 years file changes only).
    retired = set(
        Declarant.objects.filter(status=DeclarantStatus.RETIRED, person__isnull=False).values_list(
            "person_id", flat=True
        )
    )
    added = removed = 0
    staff = User.objects.filter(kind=UserKind.STAFF).exclude(grade="").select_related("unit")
    for person in staff.iterator(chunk_size=500):
        basis = basis_for(person.grade, person.unit, designations) if person.is_active else None
        if (
            basis
            and person.pk not in on_roster
            and person.pk not in retired
            and (person.pk, ProposalKind.ADD) not in pending
        ):
            reason = "4급 이상" if basis == Basis.GRADE4 else f"{Field(basis).label} 부서의 {person.grade}급"
            RosterProposal.objects.create(
                kind=ProposalKind.ADD,
                person=person,
                unit=person.unit,
                grade=person.grade,
                basis=basis,
                reason=f"{reason} (조직 자료 기준)",
                proposed_on=on,
            )
            added += 1
        elif not basis and person.pk in on_roster and (person.pk, ProposalKind.REMOVE) not in pending:
            reason = (
                "계정이 비활성(퇴직으로 보임)"
                if not person.is_active
                else "소속·직급이 등록 대상이 아님(전보 등)"
            )
            RosterProposal.objects.create(
                kind=ProposalKind.REMOVE,
                person=person,
                declarant_id=on_roster[person.pk],
                unit=person.unit,
                grade=person.grade,
                reason=reason,
                proposed_on=on,
            )
            removed += 1
    record_event(actor, "ethics.roster_proposed", None, on=on, added=added, removed=removed)
    return {"added": added, "removed": removed}


def _pending(proposal: RosterProposal, kind: str) -> None:
    if proposal.status != ProposalStatus.PENDING or proposal.kind != kind:
        raise EthicsError("이미 처리한 제안입니다.")


@transaction.atomic
def confirm_addition(
    actor, proposal: RosterProposal, *, became_on: dt.date, trigger: str, is_public: bool = False
) -> Declarant:
    """The officer confirms a proposed registrant with the real day they became one (신규 임용·전보·승진)."""
    require_manager(actor)
    _pending(proposal, ProposalKind.ADD)
    person = proposal.person
    declarant = _create_declarant(
        person=person,
        name=person.display_name,
        employee_number=person.employee_number,
        unit=proposal.unit,
        grade=proposal.grade,
        position=person.position,
        basis=proposal.basis,
        is_public=is_public,
        became_on=became_on,
        trigger=trigger,
        actor=actor,
    )
    proposal.status, proposal.declarant = ProposalStatus.CONFIRMED, declarant
    proposal.decided_by, proposal.decided_at = actor, timezone.now()
    proposal.save(update_fields=["status", "declarant", "decided_by", "decided_at"])
    record_event(
        actor,
        "ethics.declarant_added",
        declarant,
        basis=declarant.basis,
        trigger=trigger,
        became_on=became_on,
    )
    return declarant


@transaction.atomic
def register_declarant(actor, *, name: str, unit: OrgUnit, grade: str, basis: str, became_on: dt.date,
                       trigger: str, position: str = "", employee_number: str = "", is_public: bool = False,
                       person: User | None = None) -> Declarant:  # fmt: skip
    """Someone the organisation data does not propose (정무직, no account): added by hand."""
    require_manager(actor)
    declarant = _create_declarant(
        person=person,
        name=text(name, "성명", 50),
        employee_number=text(employee_number, "공무원번호", 20, required=False),
        unit=unit,
        grade=grade,
        position=text(position, "직위", 50, required=False),
        basis=basis,
        is_public=is_public,
        became_on=became_on,
        trigger=trigger,
        actor=actor,
    )
    record_event(
        actor, "ethics.declarant_added", declarant, basis=basis, trigger=trigger, became_on=became_on
    )
    return declarant


def _create_declarant(*, actor, person, name, employee_number, unit, grade, position, basis, is_public, became_on,
                      trigger) -> Declarant:  # fmt: skip
    if not isinstance(unit, OrgUnit):
        raise EthicsError("소속을 고르세요.")
    if grade not in Grade.values:
        raise EthicsError("직급을 고르세요.")
    if basis not in Basis.values:
        raise EthicsError("등록의무 근거를 고르세요.")
    if trigger not in Trigger.values:
        raise EthicsError("등록의무자가 된 사유를 고르세요.")
    day(became_on, "등록의무자가 된 날")
    if person is not None and Declarant.objects.filter(person=person, status__in=ACTIVE).exists():
        raise EthicsError("이미 등록의무자 명부에 있습니다.")
    declarant = Declarant.objects.create(
        person=person,
        name=name,
        employee_number=employee_number,
        unit=unit,
        grade=grade,
        position=position,
        basis=basis,
        is_public=bool(is_public),
        became_on=became_on,
        trigger=trigger,
        confirmed_by=actor,
        confirmed_at=timezone.now(),
    )
    _open_filing(declarant, FilingKind.INITIAL, became_on)
    return declarant


@transaction.atomic
def dismiss_proposal(actor, proposal: RosterProposal) -> RosterProposal:
    require_manager(actor)
    if proposal.status != ProposalStatus.PENDING:
        raise EthicsError("이미 처리한 제안입니다.")
    proposal.status, proposal.decided_by, proposal.decided_at = (
        ProposalStatus.DISMISSED,
        actor,
        timezone.now(),
    )
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    record_event(actor, "ethics.proposal_dismissed", proposal, kind=proposal.kind)
    return proposal


@transaction.atomic
def confirm_removal(actor, proposal: RosterProposal, *, left_on: dt.date, retired: bool) -> Declarant:
    require_manager(actor)
    _pending(proposal, ProposalKind.REMOVE)
    declarant = leave(actor, proposal.declarant, left_on=left_on, retired=retired)
    proposal.status, proposal.decided_by, proposal.decided_at = (
        ProposalStatus.CONFIRMED,
        actor,
        timezone.now(),
    )
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    return declarant


@transaction.atomic
def leave(actor, declarant: Declarant, *, left_on: dt.date, retired: bool) -> Declarant:
    """퇴직 (a retirement filing by 법 제6조② and the 3-year 취업제한) or 등록의무 면제 by 전보 (법 제11조①: the
    same 2-month rule, filed as a change report like a retirement)."""
    require_manager(actor)
    day(left_on, "퇴직·면제일")
    if declarant.status not in ACTIVE:
        raise EthicsError("이미 명부에서 빠진 등록의무자입니다.")
    if left_on < declarant.became_on:
        raise EthicsError("퇴직·면제일은 등록의무자가 된 날보다 빠를 수 없습니다.")
    declarant.status = DeclarantStatus.RETIRED if retired else DeclarantStatus.RELEASED
    declarant.left_on = left_on
    declarant.save(update_fields=["status", "left_on"])
    filing = _open_filing(declarant, FilingKind.RETIREMENT, left_on)
    if retired:
        from gamsa.ethics.restrictions.services import open_restriction

        open_restriction(declarant, retired_on=left_on)
    record_event(
        actor, "ethics.declarant_left", declarant, retired=retired, left_on=left_on, due_on=filing.due_on
    )
    return declarant


@transaction.atomic
def defer(actor, declarant: Declarant, *, reason: str, from_on: dt.date) -> Declarant:
    """변동신고 유예 (법 제6조의3: 파견·휴직 등, up to 3 years at a time)."""
    require_manager(actor)
    if declarant.status != DeclarantStatus.ACTIVE:
        raise EthicsError("명부에 있는 등록의무자만 유예할 수 있습니다.")
    declarant.status, declarant.deferred_from = DeclarantStatus.DEFERRED, day(from_on, "유예 시작일")
    declarant.deferral_reason = text(reason, "유예 사유", 60)
    declarant.save(update_fields=["status", "deferred_from", "deferral_reason"])
    record_event(actor, "ethics.declarant_deferred", declarant, on=from_on)
    return declarant


@transaction.atomic
def resume(actor, declarant: Declarant, *, on: dt.date) -> Declarant:
    require_manager(actor)
    if declarant.status != DeclarantStatus.DEFERRED:
        raise EthicsError("유예 중인 등록의무자가 아닙니다.")
    if on < declarant.deferred_from:
        raise EthicsError("유예 종료일은 유예 시작일보다 빠를 수 없습니다.")
    declarant.status, declarant.deferral_reason = DeclarantStatus.ACTIVE, ""
    declarant.save(update_fields=["status", "deferral_reason"])
    # 법 제6조의3: the changes during the deferral are filed by the "2개월 말일" rule from the day it ended
    filing = _open_filing(declarant, FilingKind.DEFERRAL_END, on)
    record_event(actor, "ethics.declarant_resumed", declarant, on=on, due_on=filing.due_on)
    return declarant


# --- filings ------------------------------------------------------------------------------------------------------


def filing_due(kind: str, trigger_on: dt.date, cal=None) -> dt.date:
    """The due day from core's calendar (kinds `property_registration_*`; received_at = the trigger)."""
    return due_day(FILING_RULES[kind], trigger_on, cal)


def _open_filing(declarant: Declarant, kind: str, trigger_on: dt.date, cal=None) -> Filing:
    filing, _ = Filing.objects.get_or_create(
        declarant=declarant,
        kind=kind,
        trigger_on=trigger_on,
        defaults={"year": trigger_on.year, "due_on": filing_due(kind, trigger_on, cal)},
    )
    return filing


@transaction.atomic
def open_regular_filings(actor, *, year: int) -> int:
    """정기 변동신고 (법 제6조①) of `year` for everyone on the roster on 31 December (trigger 12월 31일)."""
    require_manager(actor)
    trigger_on = dt.date(year, 12, 31)
    cal = legal.get_calendar()
    due = filing_due(FilingKind.REGULAR, trigger_on, cal)
    have = set(
        Filing.objects.filter(kind=FilingKind.REGULAR, trigger_on=trigger_on).values_list(
            "declarant_id", flat=True
        )
    )
    rows = [
        Filing(declarant_id=pk, kind=FilingKind.REGULAR, year=year, trigger_on=trigger_on, due_on=due)
        for pk in Declarant.objects.filter(status__in=ACTIVE, became_on__lte=trigger_on).values_list(
            "pk", flat=True
        )
        if pk not in have
    ]
    Filing.objects.bulk_create(rows, batch_size=1000)
    record_event(actor, "ethics.regular_filings_opened", None, year=year, count=len(rows), due_on=due)
    return len(rows)


@transaction.atomic
def record_filed(actor, filing: Filing, *, filed_on: dt.date) -> Filing:
    require_manager(actor)
    if filing.filed_on:
        raise EthicsError("이미 신고를 받았습니다.")
    if day(filed_on, "신고일") < filing.trigger_on and filing.kind != FilingKind.REGULAR:
        raise EthicsError("신고일은 기산일보다 빠를 수 없습니다.")
    filing.filed_on = filed_on
    filing.save(update_fields=["filed_on"])
    late = filed_on > filing.effective_due_on
    record_event(actor, "ethics.filing_received", filing.declarant, filing=str(filing.public_id), late=late)
    return filing


@transaction.atomic
def extend_filing(actor, filing: Filing, *, days: int, reason: str) -> Filing:
    """법 제7조, 영 제7조①: up to 30 days (20 for 재산공개자), counted from the day after the period's last day."""
    require_manager(actor)
    limit = EXTENSION_MAX_DAYS_PUBLIC if filing.declarant.is_public else EXTENSION_MAX_DAYS
    if filing.filed_on:
        raise EthicsError("신고를 받은 뒤에는 기간을 연장할 수 없습니다.")
    if filing.extension_days:
        raise EthicsError("이미 연장한 신고입니다.")
    if not isinstance(days, int) or not 1 <= days <= limit:
        who = "공개대상자" if filing.declarant.is_public else "등록의무자"
        raise EthicsError(
            f"{who}의 등록기간은 {limit}일까지 연장할 수 있습니다 (공직자윤리법 시행령 제7조①)."
        )
    deadline = legal.deadline_for(FILING_RULES[filing.kind], moment(filing.trigger_on))
    filing.extension_days = days
    filing.extended_due_on = legal.extend_by_days(deadline, days).date()
    filing.extension_reason = text(reason, "연장 사유", 200)
    filing.save(update_fields=["extension_days", "extended_due_on", "extension_reason"])
    record_event(actor, "ethics.filing_extended", filing.declarant, days=days, due_on=filing.extended_due_on)
    return filing


def deem_extended(filing: Filing, *, notified_on: dt.date) -> Filing:
    """영 제27조④: a 고지거부 refused for an initial registration deems the period extended 30 days (공개대상자 20)
    counted from the day the refusal was notified. Called inside the refusal's service (its event covers it)."""
    days = EXTENSION_MAX_DAYS_PUBLIC if filing.declarant.is_public else EXTENSION_MAX_DAYS
    due = legal.get_calendar().due_in_calendar_days(moment(notified_on), days).date()
    filing.extension_days, filing.extended_due_on = days, max(due, filing.due_on)
    filing.extension_reason = "고지거부 불허가에 따른 연장 (공직자윤리법 시행령 제27조④)"
    filing.save(update_fields=["extension_days", "extended_due_on", "extension_reason"])
    return filing
