"""Every write of the investigation workflow: 접수 → 배정 → 조사 중 → 결과 보고 → 조치 → 징계 진행 → 종결.

Each function checks the actor, runs in one transaction and writes one Event. Events carry case numbers and
codes only: never a subject's name or a statement's text (the file is sealed).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Min

from gamsa.core import calendar as legal
from gamsa.core.models import Grade, OrgUnit, User
from gamsa.core.services import next_case_number, record_event
from gamsa.investigations import casefile
from gamsa.investigations import permissions as perms
from gamsa.investigations.models import (
    DISCIPLINE_ACTIONS,
    Action,
    Allegation,
    AllegationType,
    Assignment,
    Case,
    Committee,
    DiaryEntry,
    ExternalBody,
    Penalty,
    Source,
    Statement,
    Status,
    Subject,
)

DISPOSITION_DAYS = 15  # 지방공무원 징계 및 소청 규정 제10조②
UNIT_NOTICE_DAYS = 10  # 공공감사에 관한 법률 제24조: 조사 개시·종료 통보 10일 이내
NEAR_DAYS = 60  # shown red under 60 days


class InvestigationError(ValueError):
    """A refused step; the message is Korean and safe to show."""


class Denied(PermissionError):
    pass


def _require(allowed: bool) -> None:
    if not allowed:
        raise Denied


def _text(value, label: str, max_len: int | None = None) -> str:
    value = (value or "").strip()
    if not value:
        raise InvestigationError(f"{label}을(를) 입력하세요.")
    if max_len and len(value) > max_len:
        raise InvestigationError(f"{label}은(는) {max_len}자 이내로 입력하세요.")
    return value


def _status(case: Case, *allowed: str) -> None:
    if case.status not in allowed:
        labels = ", ".join(Status(s).label for s in allowed)
        raise InvestigationError(
            f"현재 상태({case.get_status_display()})에서는 할 수 없습니다. 가능한 상태: {labels}"
        )


def committee_for(grade: str) -> str:
    """지방공무원법 제72조①: 5급 이상 → 서울특별시 인사위원회, otherwise the district's own."""
    return Committee.SEOUL if grade in (Grade.G4, Grade.G5) else Committee.DISTRICT


def refresh_expiry(case: Case, cal: legal.LegalCalendar | None = None) -> None:
    """Recompute every allegation's 징계시효 (a 감사원·수사 end notice may extend it) and the case's nearest one."""
    cal = cal or legal.get_calendar()
    ended = case.block_ended_on if case.block_started_on else None
    for allegation in Allegation.objects.filter(subject__case=case):
        result = cal.limitation(allegation.ground, allegation.act_date, ended)
        if (allegation.expires_on, allegation.basis) != (result.expires_on, result.basis[:200]):
            allegation.expires_on, allegation.basis = result.expires_on, result.basis[:200]
            allegation.save(update_fields=["expires_on", "basis"])
    pending = Allegation.objects.filter(subject__case=case, subject__disposed_on__isnull=True).exclude(
        subject__action__in=[
            Action.NO_FAULT,
            Action.CLOSE,
            Action.TRANSFER,
            Action.ADMONITION,
            Action.CAUTION,
        ]
    )
    case.nearest_expiry = pending.aggregate(m=Min("expires_on"))["m"] if case.is_open else None
    case.save(update_fields=["nearest_expiry"])


# --- 접수 -------------------------------------------------------------------------------------------------------


@transaction.atomic
def receive_case(
    actor: User,
    *,
    title: str,
    summary: str,
    source: str,
    received_on: dt.date,
    subjects: list[dict],
    external_body: str = "",
    external_body_name: str = "",
    document_number: str = "",
    document_date: dt.date | None = None,
    public_interest_report=None,
    grievance=None,
    hotline_report=None,
) -> Case:
    """Register a case with its subjects and their allegations, and make its case-file key.

    A case from 청렴톡 comes only through the hotline's conversion (`hotline_report`, never its content).

    `subjects`: [{"name", "unit": OrgUnit, "grade", "position", "person": User|None,
                  "allegations": [{"type": AllegationType|code, "act_date": date, "description"}]}]
    """
    _require(perms.can_receive(actor))
    title = _text(title, "사건명", 120)
    summary = _text(summary, "비위 개요")
    if source not in Source.values:
        raise InvestigationError("사건 출처를 고르세요.")
    if source == Source.EXTERNAL:
        if external_body not in ExternalBody.values:
            raise InvestigationError("통보 기관을 고르세요.")
        if not (document_number or "").strip() or document_date is None:
            raise InvestigationError("외부기관 통보는 통보 문서번호와 통보일을 입력하세요.")
        if document_date > received_on:
            raise InvestigationError("통보일은 접수일보다 늦을 수 없습니다.")
    else:
        external_body = external_body_name = document_number = ""
        document_date = None
    if source == Source.PUBLIC_INTEREST and public_interest_report is None:
        raise InvestigationError("공익신고에서 온 사건은 공익신고 번호를 입력하세요.")
    if source == Source.GRIEVANCE and grievance is None:
        raise InvestigationError("민원에서 온 사건은 민원 접수번호를 입력하세요.")
    if source == Source.HOTLINE and hotline_report is None:
        raise InvestigationError(
            "청렴톡 신고에서 온 사건은 청렴톡 신고함의 '조사 사건으로 전환'으로 접수합니다."
        )
    if not subjects:
        raise InvestigationError("조사 대상자를 한 명 이상 입력하세요.")
    number, _ = next_case_number("investigation", received_on.year, prefix="IV-")
    case = Case.objects.create(
        case_number=number,
        year=received_on.year,
        title=title,
        summary=summary,
        source=source,
        external_body=external_body,
        external_body_name=(external_body_name or "").strip()[:60],
        document_number=(document_number or "").strip()[:60],
        document_date=document_date,
        public_interest_report=public_interest_report if source == Source.PUBLIC_INTEREST else None,
        grievance=grievance if source == Source.GRIEVANCE else None,
        hotline_report=hotline_report if source == Source.HOTLINE else None,
        received_on=received_on,
        created_by=actor,
    )
    cal = legal.get_calendar()
    for data in subjects:
        _add_subject(case, data, cal)
    refresh_expiry(case, cal)
    casefile.ensure_key(case, actor)
    record_event(
        actor,
        "investigation.received",
        case,
        source=source,
        external_body=external_body,
        subjects=case.subjects.count(),
        linked=(public_interest_report.case_number if public_interest_report else "")
        or (grievance.case_number if grievance else "")
        or (hotline_report.case_number if case.hotline_report_id else ""),
    )
    return case


def _add_subject(case: Case, data: dict, cal) -> Subject:
    name = _text(data.get("name"), "대상자 성명", 50)
    unit = data.get("unit")
    if not isinstance(unit, OrgUnit):
        raise InvestigationError("대상자의 소속을 고르세요.")
    grade = data.get("grade") or ""
    if grade not in Grade.values:
        raise InvestigationError("대상자의 직급을 고르세요.")
    allegations = data.get("allegations") or []
    if not allegations:
        raise InvestigationError("대상자마다 비위 유형과 행위일을 하나 이상 입력하세요.")
    subject = Subject.objects.create(
        case=case,
        person=data.get("person"),
        name=name,
        unit=unit,
        grade=grade,
        position=(data.get("position") or "").strip()[:50],
        committee=committee_for(grade),
    )
    for item in allegations:
        kind = item.get("type")
        if not isinstance(kind, AllegationType):
            kind = AllegationType.objects.filter(code=kind, active=True).first()
        if kind is None:
            raise InvestigationError("비위 유형을 고르세요.")
        act_date = item.get("act_date")
        if not isinstance(act_date, dt.date):
            raise InvestigationError("행위일을 입력하세요.")
        if act_date > case.received_on:
            raise InvestigationError("행위일은 접수일보다 늦을 수 없습니다.")
        result = cal.limitation(kind.ground, act_date)
        Allegation.objects.create(
            subject=subject,
            allegation_type=kind,
            ground=kind.ground,
            act_date=act_date,
            description=(item.get("description") or "").strip()[:200],
            expires_on=result.expires_on,
            basis=result.basis[:200],
        )
    return subject


@transaction.atomic
def add_subjects(actor: User, case: Case, subjects: list[dict]) -> list[Subject]:
    """More subject officials found after receipt (same shape as `receive_case`'s `subjects`), each allegation with
    its 징계시효 from core's calendar; the case's nearest 징계시효 follows. Until the result is reported (the
    report has a finding per subject). All or nothing."""
    _require(perms.can_add_subjects(actor, case))
    _status(case, Status.RECEIVED, Status.ASSIGNED, Status.INVESTIGATING)
    if not subjects:
        raise InvestigationError("추가할 대상자를 한 명 이상 입력하세요.")
    cal = legal.get_calendar()
    added = [_add_subject(case, data, cal) for data in subjects]
    refresh_expiry(case, cal)
    record_event(
        actor,
        "investigation.subjects_added",
        case,
        subjects=[str(s.public_id) for s in added],
        allegations=sum(s.allegations.count() for s in added),
    )
    return added


# --- 배정 · 조사 ---------------------------------------------------------------------------------------------------


@transaction.atomic
def assign(
    actor: User,
    case: Case,
    investigators: list[User],
    on: dt.date,
    lead: User | None = None,
    *,
    private: bytes | None = None,
) -> Case:
    """Assign investigators. With the actor's unlocked staff key (`private`) the case-file key is sealed to the new
    investigators at once; otherwise when a key holder next opens the case (casefile.sync_grants)."""
    _require(perms.can_assign(actor, case))
    _status(case, Status.RECEIVED, Status.ASSIGNED, Status.INVESTIGATING)
    if not investigators:
        raise InvestigationError("조사관을 한 명 이상 고르세요.")
    for person in investigators:
        if not perms.is_investigator(person) and not perms.is_investigation_lead(person):
            raise InvestigationError("조사팀 조사관만 배정할 수 있습니다.")
    for person in investigators:
        Assignment.objects.get_or_create(
            case=case,
            investigator=person,
            ended_on=None,
            defaults={"assigned_on": on, "lead": person == (lead or investigators[0])},
        )
    if case.status == Status.RECEIVED:
        case.status = Status.ASSIGNED
        case.save(update_fields=["status"])
    keyed = False
    if private is not None:
        try:
            casefile.sync_grants(case, casefile.case_private(case, actor, private), actor)
            keyed = True
        except casefile.CaseFileError:
            pass  # the grants follow when a key holder next opens the case
    record_event(
        actor,
        "investigation.assigned",
        case,
        investigators=[p.username for p in investigators],
        on=on,
        keys_sealed=keyed,
    )
    return case


@transaction.atomic
def unassign(actor: User, case: Case, investigator: User, on: dt.date) -> Case:
    _require(perms.can_assign(actor, case))
    updated = Assignment.objects.filter(case=case, investigator=investigator, ended_on__isnull=True).update(
        ended_on=on
    )
    if not updated:
        raise InvestigationError("배정된 조사관이 아닙니다.")
    dropped = casefile.drop_grant(case, investigator)
    record_event(
        actor,
        "investigation.unassigned",
        case,
        investigator=investigator.username,
        on=on,
        key_grant_destroyed=bool(dropped),
    )
    return case


@transaction.atomic
def start_investigation(actor: User, case: Case, on: dt.date) -> Case:
    _require(perms.can_investigate(actor, case))
    _status(case, Status.ASSIGNED)
    if on < case.received_on:
        raise InvestigationError("조사 개시일은 접수일보다 빠를 수 없습니다.")
    case.status, case.investigation_started_on = Status.INVESTIGATING, on
    case.save(update_fields=["status", "investigation_started_on"])
    record_event(actor, "investigation.started", case, on=on)
    return case


def unit_notice_due(started_or_ended_on: dt.date | None) -> dt.date | None:
    """공공감사법 제24조: the start/end notice to the subject's unit within 10 days (core's calendar)."""
    if started_or_ended_on is None:
        return None
    moment = dt.datetime.combine(started_or_ended_on, dt.time(9), legal.SEOUL)
    return legal.get_calendar().due_in_calendar_days(moment, UNIT_NOTICE_DAYS).date()


@transaction.atomic
def record_unit_notice(actor: User, subject: Subject, kind: str, on: dt.date) -> Subject:
    """The notice of the investigation's start ("start") or end ("end") sent to the subject's unit."""
    case = subject.case
    _require(perms.can_investigate(actor, case))
    if kind == "start":
        if case.investigation_started_on is None:
            raise InvestigationError("조사를 시작한 뒤에 개시 통보를 기록하세요.")
        subject.start_notice_on = on
    elif kind == "end":
        if case.investigation_ended_on is None:
            raise InvestigationError("결과 보고 뒤에 종료 통보를 기록하세요.")
        subject.end_notice_on = on
    else:
        raise InvestigationError("통보 구분이 올바르지 않습니다.")
    subject.save(update_fields=["start_notice_on", "end_notice_on"])
    record_event(actor, f"investigation.unit_notice_{kind}", case, subject=str(subject.public_id), on=on)
    return subject


@transaction.atomic
def record_block(
    actor: User, case: Case, *, body: str, started_on: dt.date, ended_on: dt.date | None = None
) -> Case:
    """지방공무원법 제73조: 감사원 조사 or 수사 on the same facts (start and end notices). The end notice may extend
    every 징계시효 of the case by 제73조의2②."""
    _require(perms.can_investigate(actor, case))
    if body not in ("bai", "criminal"):
        raise InvestigationError("조사·수사 기관 구분을 고르세요.")
    if ended_on and ended_on < started_on:
        raise InvestigationError("종료 통보일은 개시 통보일보다 빠를 수 없습니다.")
    case.blocking_body, case.block_started_on, case.block_ended_on = body, started_on, ended_on
    case.save(update_fields=["blocking_body", "block_started_on", "block_ended_on"])
    refresh_expiry(case)
    record_event(
        actor, "investigation.block_recorded", case, body=body, started_on=started_on, ended_on=ended_on
    )
    return case


@transaction.atomic
def add_statement(
    actor: User,
    case: Case,
    *,
    taken_on: dt.date,
    text: str,
    subject: Subject | None = None,
    kind: str = "문답서",
    deponent_role: str = "대상자",
) -> Statement:
    _require(perms.can_investigate(actor, case))
    _status(case, Status.INVESTIGATING)
    statement = Statement(
        case=case,
        subject=subject,
        taken_on=taken_on,
        kind=(kind or "문답서").strip()[:20],
        deponent_role=(deponent_role or "대상자").strip()[:30],
        taken_by=actor,
    )
    casefile.seal_statement(case, statement, _text(text, "진술 내용"))
    statement.save()
    record_event(
        actor, "investigation.statement_added", case, statement=str(statement.public_id), on=taken_on
    )
    return statement


@transaction.atomic
def add_evidence(actor: User, case: Case, *, data: bytes, original_name: str):
    """An evidence file, checked by content (core.filecheck), then encrypted under the case key (casefile.py);
    its downloads follow the case's rule and need a key grant."""
    _require(perms.can_investigate(actor, case))
    _status(case, Status.INVESTIGATING, Status.REPORTED)
    evidence = casefile.store_evidence(actor, case, data, original_name)
    record_event(
        actor, "investigation.evidence_added", case, evidence=str(evidence.public_id), kind=evidence.kind
    )
    return evidence


@transaction.atomic
def add_diary(actor: User, case: Case, *, on: dt.date, text: str) -> DiaryEntry:
    _require(perms.can_investigate(actor, case))
    _status(case, Status.ASSIGNED, Status.INVESTIGATING, Status.REPORTED, Status.ACTION, Status.DISCIPLINE)
    entry = DiaryEntry.objects.create(case=case, on=on, text=_text(text, "일지 내용"), author=actor)
    record_event(actor, "investigation.diary_added", case, on=on)
    return entry


# --- 결과 보고 · 조치 · 징계 -----------------------------------------------------------------------------------------


@transaction.atomic
def report_findings(actor: User, case: Case, *, on: dt.date, report: str, findings: dict) -> Case:
    """결과 보고: the report and a finding per subject (`findings`: {subject public_id str: text})."""
    _require(perms.can_investigate(actor, case))
    _status(case, Status.INVESTIGATING)
    report = _text(report, "조사 결과 보고")
    subjects = list(case.subjects.all())
    for subject in subjects:
        subject.finding = _text(findings.get(str(subject.public_id)), "대상자별 조사 결과")
    for subject in subjects:
        subject.save(update_fields=["finding"])
    case.report_text, case.reported_on, case.investigation_ended_on = report, on, on
    case.status = Status.REPORTED
    case.save(update_fields=["report_text", "reported_on", "investigation_ended_on", "status"])
    record_event(actor, "investigation.reported", case, on=on, subjects=len(subjects))
    return case


@transaction.atomic
def decide_action(
    actor: User, subject: Subject, *, action: str, on: dt.date, transferred_to: str = ""
) -> Subject:
    """조치 for one subject. A 징계 request is for the committee of the subject's grade (법 제72조①)."""
    case = subject.case
    _require(perms.can_decide(actor, case))
    _status(case, Status.REPORTED, Status.ACTION)
    if action not in Action.values:
        raise InvestigationError("조치를 고르세요.")
    if action == Action.TRANSFER and not (transferred_to or "").strip():
        raise InvestigationError("이첩할 기관을 입력하세요.")
    subject.action, subject.action_on = action, on
    subject.transferred_to = (transferred_to or "").strip()[:60] if action == Action.TRANSFER else ""
    subject.save(update_fields=["action", "action_on", "transferred_to"])
    if case.status == Status.REPORTED:
        case.status = Status.ACTION
        case.save(update_fields=["status"])
    refresh_expiry(case)
    record_event(
        actor, "investigation.action_decided", case, subject=str(subject.public_id), action=action, on=on
    )
    return subject


@transaction.atomic
def request_discipline(actor: User, subject: Subject, *, on: dt.date) -> Subject:
    """징계의결 요구 to the 인사위원회 (구 for 6급 이하, 서울시 for 5급 이상). Refused while the office still
    investigates or a 감사원 조사 on the same facts is under way (법 제73조①), and after the 징계시효."""
    case = subject.case
    _require(perms.can_decide(actor, case))
    _status(case, Status.ACTION, Status.DISCIPLINE)
    if subject.action not in DISCIPLINE_ACTIONS:
        raise InvestigationError("중징계 또는 경징계 요구로 조치한 대상자만 징계의결을 요구할 수 있습니다.")
    if subject.discipline_requested_on:
        raise InvestigationError("이미 징계의결을 요구했습니다.")
    if case.blocking_body == "bai" and case.block_started_on and not case.block_ended_on:
        raise InvestigationError("감사원 조사 중에는 징계 절차를 진행할 수 없습니다 (지방공무원법 제73조①).")
    nearest = subject.allegations.aggregate(m=Min("expires_on"))["m"]
    latest = subject.allegations.order_by("-expires_on").values_list("expires_on", flat=True).first()
    if latest and on > latest:
        raise InvestigationError("모든 비위 사실의 징계시효가 지났습니다. 징계의결을 요구할 수 없습니다.")
    subject.discipline_requested_on = on
    subject.committee = committee_for(subject.grade)
    subject.save(update_fields=["discipline_requested_on", "committee"])
    if case.status == Status.ACTION:
        case.status = Status.DISCIPLINE
        case.save(update_fields=["status"])
    record_event(
        actor,
        "investigation.discipline_requested",
        case,
        subject=str(subject.public_id),
        committee=subject.committee,
        on=on,
        nearest_expiry=nearest,
    )
    return subject


@transaction.atomic
def record_decision(actor: User, subject: Subject, *, decision: str, received_on: dt.date) -> Subject:
    """The committee's decision received: the disposition is due within 15 days (규정 제10조②)."""
    case = subject.case
    _require(perms.can_decide(actor, case))
    if not subject.discipline_requested_on:
        raise InvestigationError("징계의결을 요구한 대상자만 의결 결과를 기록할 수 있습니다.")
    if decision not in Penalty.values:
        raise InvestigationError("의결 결과를 고르세요.")
    if received_on < subject.discipline_requested_on:
        raise InvestigationError("의결 통보일은 요구일보다 빠를 수 없습니다.")
    moment = dt.datetime.combine(received_on, dt.time(9), legal.SEOUL)
    due = legal.get_calendar().due_in_calendar_days(moment, DISPOSITION_DAYS).date()
    subject.decision, subject.decided_on, subject.disposition_due_on = decision, received_on, due
    subject.save(update_fields=["decision", "decided_on", "disposition_due_on"])
    record_event(
        actor, "investigation.decision_recorded", case, subject=str(subject.public_id), decision=decision
    )
    return subject


@transaction.atomic
def record_disposition(actor: User, subject: Subject, *, on: dt.date) -> Subject:
    case = subject.case
    _require(perms.can_decide(actor, case))
    if not subject.decided_on:
        raise InvestigationError("의결 결과를 먼저 기록하세요.")
    if on < subject.decided_on:
        raise InvestigationError("처분일은 의결 통보일보다 빠를 수 없습니다.")
    subject.disposed_on = on
    subject.save(update_fields=["disposed_on"])
    refresh_expiry(case)
    record_event(actor, "investigation.disposed", case, subject=str(subject.public_id), on=on)
    return subject


@transaction.atomic
def close_case(actor: User, case: Case, *, on: dt.date) -> Case:
    """종결: every subject has an action, and every 징계 request has been disposed of."""
    _require(perms.can_decide(actor, case))
    _status(case, Status.ACTION, Status.DISCIPLINE)
    for subject in case.subjects.all():
        if not subject.action:
            raise InvestigationError("조치를 정하지 않은 대상자가 있습니다.")
        if subject.action in DISCIPLINE_ACTIONS and not subject.disposed_on:
            raise InvestigationError("징계 처분이 끝나지 않은 대상자가 있습니다.")
    case.status, case.closed_on = Status.CLOSED, on
    case.save(update_fields=["status", "closed_on"])
    refresh_expiry(case)
    record_event(actor, "investigation.closed", case, on=on)
    return case
