"""Findings, dispositions and their legal clocks, follow-up by the audited unit, reminders and 재심의."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gamsa.audits.models import (
    DEADLINE_KIND,
    Disposition,
    DispositionKind,
    DispositionStatus,
    Engagement,
    EngagementStatus,
    Finding,
    FollowUpReport,
    Reexamination,
    ReexaminationOutcome,
    Verdict,
)
from gamsa.audits.services import AuditError
from gamsa.core import calendar as legal
from gamsa.core.services import record_event, store_attachment

D = DispositionStatus
RECORDING_STATUSES = (EngagementStatus.FIELDWORK, EngagementStatus.RESULTING)


def start_clock(disposition: Disposition, notified_at: dt.datetime, calendar=None) -> None:
    """Open the disposition and set its due moment from the calendar's rule for its kind."""
    kind = DEADLINE_KIND.get(disposition.kind, "")
    disposition.notified_at = notified_at
    disposition.deadline_kind = kind
    disposition.due_at = legal.deadline_for(kind, notified_at, calendar).due_at if kind else None
    disposition.status = D.OPEN if kind else D.DONE
    if disposition.status == D.DONE:  # 주의·경고·고발: no reply clock; the notice itself completes it
        disposition.completed_at = notified_at
    disposition.save(update_fields=["notified_at", "deadline_kind", "due_at", "status", "completed_at"])


def _check_amounts(recover: int, reduce: int) -> None:
    if recover < 0 or reduce < 0:
        raise AuditError("금액은 0원 이상이어야 합니다.")


@transaction.atomic
def add_disposition(
    actor,
    finding: Finding,
    *,
    kind: str,
    target_unit,
    demand: str,
    amount_recover: int = 0,
    amount_reduce: int = 0,
) -> Disposition:
    if finding.engagement.status not in RECORDING_STATUSES:
        raise AuditError("처분요구는 감사 실시 중이거나 결과처리 중에만 정할 수 있습니다.")
    if kind not in DispositionKind.values:
        raise AuditError("처분 종류를 고르세요.")
    if not demand.strip():
        raise AuditError("요구 내용을 적으세요.")
    _check_amounts(amount_recover, amount_reduce)
    if kind == DispositionKind.RESTITUTION and amount_recover <= 0:
        raise AuditError("변상명령에는 변상할 금액을 적어야 합니다.")
    disposition = Disposition.objects.create(
        finding=finding,
        kind=kind,
        target_unit=target_unit,
        demand=demand.strip(),
        amount_recover=amount_recover,
        amount_reduce=amount_reduce,
    )
    notified_at = finding.engagement.result_notified_at
    if notified_at:  # added after the result notice: its clock starts from that notice
        start_clock(disposition, notified_at)
    record_event(
        actor, "disposition.issued", disposition, kind=kind, unit=target_unit.name, amount=amount_recover
    )
    return disposition


@transaction.atomic
def record_finding(actor, engagement: Engagement, *, disposition: dict | None = None, **fields) -> Finding:
    """A 지적사항, optionally with its first disposition (kind, target_unit, demand, amounts)."""
    if engagement.status not in RECORDING_STATUSES:
        raise AuditError("지적사항은 감사 실시 중이거나 결과처리 중에만 기록할 수 있습니다.")
    if not fields.get("is_public", True) and not fields.get("nondisclosure_reason", "").strip():
        raise AuditError("비공개로 하려면 정보공개법 제9조①의 비공개 사유를 적어야 합니다.")
    seq = (engagement.findings.aggregate(m=Max("seq"))["m"] or 0) + 1
    finding = Finding.objects.create(engagement=engagement, seq=seq, created_by=actor, **fields)
    record_event(actor, "finding.recorded", finding, unit=finding.unit.name)
    if disposition:
        add_disposition(actor, finding, **disposition)
    return finding


@transaction.atomic
def report_followup(
    actor, disposition: Disposition, *, text: str, is_plan: bool = False, recovered_amount: int = 0, files=()
) -> FollowUpReport:
    """이행결과 통보 by the audited unit, with evidence files (checked by content; nothing saved on a bad file)."""
    if not disposition.is_open:
        raise AuditError("이행 중인 처분요구에만 이행결과를 낼 수 있습니다.")
    if not text.strip():
        raise AuditError("이행 내용을 적으세요.")
    if recovered_amount < 0:
        raise AuditError("회수액은 0원 이상이어야 합니다.")
    report = FollowUpReport.objects.create(
        disposition=disposition,
        text=text.strip(),
        is_plan=is_plan,
        recovered_amount=recovered_amount,
        submitted_by=actor,
        submitted_at=timezone.now(),
    )
    for data, name in files:
        store_attachment(actor, data=data, original_name=name, owner=report)  # raises FileRejected
    disposition.status = D.REPORTED
    disposition.save(update_fields=["status"])
    record_event(
        actor, "followup.reported", disposition, plan=is_plan, files=len(files), amount=recovered_amount
    )
    return report


@transaction.atomic
def verify_report(actor, report: FollowUpReport, *, verdict: str, note: str = "") -> FollowUpReport:
    """The team's review (자체감사기준 제31조): accept (done), accept a plan (stays open), or return."""
    disposition = report.disposition
    if report.verdict or disposition.status != D.REPORTED:
        raise AuditError("이미 검토한 이행결과입니다.")
    if verdict not in (Verdict.ACCEPTED, Verdict.PLAN_ACCEPTED, Verdict.RETURNED):
        raise AuditError("검토 결과를 고르세요.")
    if verdict == Verdict.RETURNED and not note.strip():
        raise AuditError("보완을 요구할 때는 그 내용을 적으세요.")
    now = timezone.now()
    report.verdict, report.verdict_note, report.verdict_by, report.verdict_at = (
        verdict,
        note.strip(),
        actor,
        now,
    )
    report.save(update_fields=["verdict", "verdict_note", "verdict_by", "verdict_at"])
    disposition.amount_recovered += report.recovered_amount if verdict != Verdict.RETURNED else 0
    if verdict == Verdict.ACCEPTED:
        disposition.status, disposition.completed_at = D.DONE, now
    elif verdict == Verdict.PLAN_ACCEPTED:
        disposition.status = D.OPEN
    else:
        disposition.status = D.RETURNED
    disposition.save(update_fields=["status", "completed_at", "amount_recovered"])
    record_event(actor, "followup.verified", disposition, verdict=verdict)
    return report


@transaction.atomic
def send_reminder(actor, disposition: Disposition, *, now: dt.datetime | None = None) -> Disposition:
    """독촉 (자체감사기준 제31조③): for open dispositions past their due moment."""
    now = now or timezone.now()
    if not disposition.is_open or disposition.due_at is None or disposition.due_at >= now:
        raise AuditError("기한이 지난 이행 중 처분요구에만 독촉할 수 있습니다.")
    disposition.reminder_count += 1
    disposition.last_reminded_at = now
    disposition.save(update_fields=["reminder_count", "last_reminded_at"])
    record_event(actor, "disposition.reminded", disposition, count=disposition.reminder_count)
    return disposition


RESTITUTION_NOT_REEXAMINED = (
    "변상명령은 재심의를 청구할 수 없습니다. 변상명령에 대한 불복은 「회계관계직원 등의 책임에 관한 법률」 "
    "제6조제3항부터 제5항까지에 따릅니다 (공공감사에 관한 법률 제25조① 단서). 변상명령을 받은 회계관계직원은 "
    "이의가 있으면 판정청구서로 감사원에 판정을 청구할 수 있습니다 (같은 법 제6조③)."
)


def reexamination_refusal(disposition: Disposition) -> str:
    """Why a 재심의 cannot be filed against this disposition at all ("" if it can): objections to a 변상명령 go to
    the 감사원 under 회계관계직원 등의 책임에 관한 법률 제6조, not to 재심의 (공공감사법 제25조① 단서)."""
    if disposition.kind == DispositionKind.RESTITUTION:
        return RESTITUTION_NOT_REEXAMINED
    return ""


@transaction.atomic
def file_reexamination(
    actor, disposition: Disposition, *, grounds: str, filed_at: dt.datetime | None = None
) -> Reexamination:
    """재심의 청구 (법 제25조①). A late filing is recorded (and will be 각하); both clocks come from the calendar.
    A 변상명령 is refused outright (법 제25조① 단서): nothing is recorded."""
    refusal = reexamination_refusal(disposition)
    if refusal:
        raise AuditError(refusal)
    if disposition.notified_at is None:
        raise AuditError("결과를 통보받은 처분요구에만 재심의를 청구할 수 있습니다.")
    if disposition.reexaminations.filter(outcome="").exists():
        raise AuditError("심의 중인 재심의가 있습니다.")
    if not grounds.strip():
        raise AuditError("청구 이유를 적으세요.")
    filed_at = filed_at or timezone.now()
    calendar = legal.get_calendar()
    item = Reexamination.objects.create(
        disposition=disposition,
        filed_at=filed_at,
        filing_due_at=legal.deadline_for("reexamination_filing", disposition.notified_at, calendar).due_at,
        decision_due_at=legal.deadline_for("reexamination_decision", filed_at, calendar).due_at,
        grounds=grounds.strip(),
        filed_by=actor,
    )
    record_event(actor, "reexamination.filed", item, late=item.filed_late)
    return item


@transaction.atomic
def decide_reexamination(actor, item: Reexamination, *, outcome: str, note: str) -> Reexamination:
    """Decided by an auditor who was not on the engagement's team (자체감사기준 제30조)."""
    if item.outcome:
        raise AuditError("이미 결정한 재심의입니다.")
    if outcome not in ReexaminationOutcome.values or not outcome:
        raise AuditError("결정을 고르세요.")
    if not note.strip():
        raise AuditError("결정 이유를 적으세요.")
    engagement = item.disposition.finding.engagement
    if engagement.members.filter(user=actor).exists():
        raise AuditError("해당 감사에 참여한 감사관은 재심의를 맡을 수 없습니다 (자체감사기준 제30조).")
    if item.filed_late and outcome != ReexaminationOutcome.DISMISSED:
        raise AuditError("청구 기간(통보 후 1개월)이 지난 청구는 각하해야 합니다 (시행령 제15조).")
    item.outcome, item.decision_note, item.handler, item.decided_at = (
        outcome,
        note.strip(),
        actor,
        timezone.now(),
    )
    item.save(update_fields=["outcome", "decision_note", "handler", "decided_at"])
    if outcome == ReexaminationOutcome.CANCELLED:
        disposition = item.disposition
        disposition.status = D.CANCELLED
        disposition.save(update_fields=["status"])
    record_event(actor, "reexamination.decided", item, outcome=outcome)
    return item
