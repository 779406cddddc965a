"""Telling the complainant and ending a case: the progress notices of 영 제23조, the answer (법 제27조), closing,
withdrawal and 반려. Each write runs in one transaction and writes one Event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from gamsa.complaints.grievances.models import OPEN_STATUSES, Answer, Grievance, Notice, Status
from gamsa.complaints.grievances.services.workflow import GrievanceError, lock, move_status
from gamsa.core import calendar as legal
from gamsa.core.models import User
from gamsa.core.notices import schedule as schedule_notice
from gamsa.core.services import record_event

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
