"""Every write on a grievance: intake, routing, the legal clock, answers, repeats and internal closure.

Each function runs in one transaction, checks the workflow, writes one Event and returns the grievance.
Errors the user can fix raise `GrievanceError` with a Korean message (articles cited where the law decides).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gamsa.complaints.models import (
    OPEN_STATUSES,
    Answer,
    Complainant,
    Extension,
    Grievance,
    Notice,
    Pause,
    Status,
)
from gamsa.complaints.placeindex import index_grievance

# Re-exported so callers keep one entry point for grievance writes (`services.grievances`).
from gamsa.complaints.services.repeats import (  # noqa: F401
    chain_of,
    decide_internal_closure,
    joint_group_of,
    link_joint_handling,
    repeat_evidence,
    request_internal_closure,
    review_similarity,
)
from gamsa.complaints.services.workflow import (  # noqa: F401
    SITE_SURVEY_EXTENSION_MAX_DAYS,
    SITE_SURVEY_MAX_DAYS,
    TRANSITIONS,
    GrievanceError,
    lock,
    move_status,
)
from gamsa.core import calendar as legal
from gamsa.core.models import OrgUnit, User
from gamsa.core.notices import schedule as schedule_notice
from gamsa.core.services import next_case_number, record_event
from gamsa.core.validators import reject_rrn
from gamsa.text.grams import bigram_terms
from gamsa.text.normalize import normalize_name, normalize_phone, place_key

# --- intake ------------------------------------------------------------------------------------------------------


def find_or_create_complainant(
    *, name: str, phone: str = "", email: str = "", address: str = "", user=None
) -> Complainant:
    name = (name or "").strip()
    if not name:
        raise GrievanceError(
            "민원인 성명을 입력하세요 (민원처리법 시행령 제2조: 성명·주소가 불명확하면 민원인이 아닙니다)."
        )
    name_key, phone_key = normalize_name(name), normalize_phone(phone)
    existing = None
    if phone_key:
        existing = Complainant.objects.filter(name_key=name_key, phone_key=phone_key).order_by("pk").first()
    if existing:
        changed = []
        for field, value in (("email", email), ("address", address)):
            if value and getattr(existing, field) != value:
                setattr(existing, field, value)
                changed.append(field)
        if changed:
            existing.save(update_fields=changed)
        return existing
    return Complainant.objects.create(
        name=name,
        phone=phone.strip(),
        email=email.strip(),
        address=address.strip(),
        name_key=name_key,
        phone_key=phone_key,
        user=user if user and user.is_authenticated else None,
    )


# Digits of the citizen's status PIN (receipts before December 2026 had 6; those still work).
PIN_DIGITS = 8


@dataclass
class Receipt:
    grievance: Grievance
    pin: str | None


@transaction.atomic
def receive_grievance(
    actor: User | None,
    *,
    channel: str,
    kind: str,
    title: str,
    body: str,
    complainant: dict,
    received_at: dt.datetime | None = None,
    place_address: str = "",
    latitude=None,
    longitude=None,
    category=None,
    source_ref: str = "",
    households: int = 1,
    signatories: int = 1,
    case_number: str | None = None,
    with_pin: bool = False,
    calendar: legal.LegalCalendar | None = None,
) -> Receipt:
    """Register a grievance from any channel and start its legal clock."""
    for text in (title, body, place_address):
        try:
            reject_rrn(text)
        except ValidationError as exc:
            raise GrievanceError(exc.messages[0]) from None
    if not title.strip() or not body.strip():
        raise GrievanceError("제목과 내용을 모두 입력하세요.")
    received_at = received_at or timezone.now()
    try:
        clock = legal.deadline_for(kind, received_at, calendar)
    except legal.CalendarError as exc:
        raise GrievanceError(str(exc)) from None
    person = find_or_create_complainant(**complainant)
    local = clock.received_at
    if case_number:
        try:
            year, sequence = int(case_number[:4]), int(case_number[5:])
        except ValueError:
            raise GrievanceError(
                f"접수번호 형식이 올바르지 않습니다: {case_number} (예: 2026-000123)"
            ) from None
        if Grievance.objects.filter(case_number=case_number).exists():
            raise GrievanceError(f"이미 있는 접수번호입니다: {case_number}")
    else:
        case_number, sequence = next_case_number("grievance", local.year)
        year = local.year
    pin = f"{secrets.randbelow(10**PIN_DIGITS):0{PIN_DIGITS}d}" if with_pin else None
    grievance = Grievance.objects.create(
        case_number=case_number,
        year=year,
        sequence=sequence,
        source_ref=source_ref,
        channel=channel,
        kind=kind,
        category=category,
        complainant=person,
        title=title.strip(),
        body=body.strip(),
        place_address=place_address.strip(),
        place_key=place_key(place_address or f"{title} {body}"),
        latitude=latitude,
        longitude=longitude,
        households=households,
        signatories=signatories,
        received_at=clock.received_at,
        counted_from=clock.counted_from,
        original_due_at=clock.due_at,
        due_at=clock.due_at,
        clock_method=clock.method,
        pin_hash=make_password(pin) if pin else "",
        search_grams=bigram_terms(f"{title} {body}"),
        created_by=actor if actor and actor.pk else None,
    )
    index_grievance(grievance)
    Notice.objects.create(
        grievance=grievance,
        kind=Notice.Kind.RECEIPT,
        sent_at=timezone.now(),
        text=(
            f"귀하의 민원이 {legal.format_moment(clock.received_at)}에 접수번호 {case_number}(으)로 접수되었습니다. "
            f"처리기한은 {legal.format_moment(clock.due_at)}입니다 ({clock.basis})."
        ),
    )
    record_event(
        actor,
        "grievance.received",
        grievance,
        channel=channel,
        kind=kind,
        due_at=clock.due_at,
        method=clock.method,
    )
    schedule_notice("receipt", grievance)
    return Receipt(grievance, pin)


def check_pin(grievance: Grievance, pin: str) -> bool:
    return bool(grievance.pin_hash) and check_password((pin or "").strip(), grievance.pin_hash)


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
    g.save(update_fields=["status", "department", "handler", "updated_at"])
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


@transaction.atomic
def start_processing(actor: User, grievance: Grievance) -> Grievance:
    g = lock(grievance)
    move_status(g, Status.IN_PROGRESS)
    if g.handler_id is None:
        g.handler = actor
    g.save(update_fields=["status", "handler", "updated_at"])
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


# --- notices and answers -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressNoticeStatus:
    """Where a complaint stands on 영 제23조② ("접수된 날부터 30일이 지날 때마다"): the n-th notice falls due n × 30
    days after receipt, whenever the earlier ones were sent."""

    required: bool  # the latest cycle that has fallen due has no notice sent on or after its day
    cycle: legal.Cycle | None  # the latest cycle fallen due (None in the first 30 days)
    next_cycle: legal.Cycle


def progress_notice_status(
    g: Grievance, now: dt.datetime, calendar: legal.LegalCalendar | None = None
) -> ProgressNoticeStatus | None:
    """영 제23조: the progress-notice cycle of an open complaint, counted from the day of receipt (None if closed)."""
    if g.status not in OPEN_STATUSES:
        return None
    cycle, next_cycle = legal.current_cycle("progress_notice", g.received_at, now, calendar)
    required = cycle is not None and (
        g.last_progress_notice_at is None
        or g.last_progress_notice_at.astimezone(legal.SEOUL).date() < cycle.opens_on
    )
    return ProgressNoticeStatus(required=required, cycle=cycle, next_cycle=next_cycle)


def progress_notice_due(g: Grievance, now: dt.datetime, calendar: legal.LegalCalendar | None = None) -> bool:
    """영 제23조: a progress notice is owed for the latest 30-day mark since receipt (see `progress_notice_status`).
    A notice sent before that mark, e.g. on the complainant's request on day 10, does not answer it."""
    if g.status not in OPEN_STATUSES or now - g.received_at < dt.timedelta(days=28):
        return False  # cannot be due yet: spare the calendar
    status = progress_notice_status(g, now, calendar)
    return status is not None and status.required


@transaction.atomic
def send_progress_notice(actor: User, grievance: Grievance, *, text: str) -> Notice:
    g = lock(grievance)
    if g.status not in OPEN_STATUSES:
        raise GrievanceError("끝난 민원에는 중간 통지를 보내지 않습니다.")
    now = timezone.now()
    notice = Notice.objects.create(
        grievance=g, kind=Notice.Kind.PROGRESS, sent_at=now, text=text, created_by=actor
    )
    g.last_progress_notice_at = now
    g.save(update_fields=["last_progress_notice_at", "updated_at"])
    record_event(actor, "grievance.progress_notice", g)
    schedule_notice("progress", g, text=text)
    return notice


@transaction.atomic
def answer(
    actor: User,
    grievance: Grievance,
    *,
    method: str,
    outcome: str,
    text: str,
    reasons: str = "",
    remedies: str = "",
    now: dt.datetime | None = None,
) -> Answer:
    """처리결과 통지 (법 제27조). A refusal or non-acceptance must state the reasons and the remedies."""
    g = lock(grievance)
    if not text.strip():
        raise GrievanceError("답변 내용을 입력하세요.")
    if outcome in (Answer.Outcome.REFUSED, Answer.Outcome.NOT_ACCEPTED) and not (
        reasons.strip() and remedies.strip()
    ):
        raise GrievanceError(
            "거부·불수용 답변에는 그 사유와 불복 구제 절차(이의신청·행정심판 등)를 함께 적어야 합니다 (법 제27조)."
        )
    if g.status in (Status.SUPPLEMENT, Status.SITE_SURVEY):
        raise GrievanceError("정지된 처리기간을 먼저 재개하세요.")
    now = now or timezone.now()
    move_status(g, Status.ANSWERED)
    result = Answer.objects.create(
        grievance=g,
        method=method,
        outcome=outcome,
        text=text.strip(),
        reasons=reasons.strip(),
        remedies=remedies.strip(),
        answered_by=actor,
        answered_at=now,
    )
    g.answered_at = now
    g.save(update_fields=["status", "answered_at", "updated_at"])
    record_event(actor, "grievance.answered", g, outcome=outcome, method=method, on_time=now <= g.due_at)
    schedule_notice("answer", g)
    return result


@transaction.atomic
def close(actor: User, grievance: Grievance) -> Grievance:
    g = lock(grievance)
    move_status(g, Status.CLOSED)
    g.closed_at = timezone.now()
    g.save(update_fields=["status", "closed_at", "updated_at"])
    record_event(actor, "grievance.closed", g)
    return g


@transaction.atomic
def withdraw(actor: User | None, grievance: Grievance, *, note: str = "") -> Grievance:
    g = lock(grievance)
    move_status(g, Status.WITHDRAWN)
    g.closed_at = timezone.now()
    g.save(update_fields=["status", "closed_at", "updated_at"])
    record_event(actor, "grievance.withdrawn", g, note=note)
    return g


@transaction.atomic
def reject(actor: User, grievance: Grievance, *, reasons: str, remedies: str) -> Grievance:
    """반려: with reasons and remedies, like a refusal."""
    if not reasons.strip() or not remedies.strip():
        raise GrievanceError("반려 사유와 불복 구제 절차를 함께 적어야 합니다 (법 제27조).")
    g = lock(grievance)
    move_status(g, Status.REJECTED)
    now = timezone.now()
    Answer.objects.create(
        grievance=g,
        method=Answer.Method.DOCUMENT,
        outcome=Answer.Outcome.REFUSED,
        text=f"반려합니다. {reasons.strip()}",
        reasons=reasons.strip(),
        remedies=remedies.strip(),
        answered_by=actor,
        answered_at=now,
    )
    g.closed_at = now
    g.save(update_fields=["status", "closed_at", "updated_at"])
    record_event(actor, "grievance.rejected", g)
    return g


@transaction.atomic
def refile(
    actor: User | None,
    original: Grievance,
    *,
    title: str,
    body: str,
    channel: str,
    received_at: dt.datetime | None = None,
) -> Receipt:
    """A re-filed grievance with the same content goes back to the audit office (영 제17조②).

    The new case is received by the office; the department that answered keeps seeing it (reopened_from).
    """
    person = original.complainant
    receipt = receive_grievance(
        actor,
        channel=channel,
        kind=original.kind,
        title=title,
        body=body,
        complainant={
            "name": person.name,
            "phone": person.phone,
            "email": person.email,
            "address": person.address,
        },
        received_at=received_at,
        place_address=original.place_address,
        category=original.category,
    )
    g = receipt.grievance
    g.reopened_from = original
    g.save(update_fields=["reopened_from"])
    record_event(actor, "grievance.refiled", g, original=original.case_number)
    return receipt
