"""공익신고 (공익신고자 보호법): intake with a sealed identity, designated officers, the 60-day clock, notices to
the reporter, the finish and the report of the result to 국민권익위원회 (영 제11조②, 10 days).

The reporter's identity (법 제12조) is sealed once into the vault shared with 청렴톡 (gamsa.hotline.vault): encrypted
under its own key that only custodians hold. A designated officer asks for it with a reason; a custodian's recorded,
time-boxed, revocable approval seals it to that officer alone; `open_identity()` then opens it with the officer's
unlocked hotline key and writes an access-log row every time.
Nothing here puts the identity into an Event, an error message or the application log: events name the
report by its number and the reporter by the pseudonym. Free texts typed later (summary, notices, result)
are refused when they contain the reporter's name or phone number.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gamsa.complaints.reports import permissions as perms
from gamsa.complaints.reports.models import DesignatedOfficer, PublicInterestReport, ReportNotice
from gamsa.core import calendar as legal
from gamsa.core.models import User
from gamsa.core.services import next_case_number, record_event
from gamsa.core.validators import reject_rrn
from gamsa.hotline import vault

Status = PublicInterestReport.Status
OPEN_STATUSES = (Status.RECEIVED, Status.INVESTIGATING, Status.REFERRED)
IDENTITY_FIELDS = vault.IDENTITY_LABELS
PSEUDONYM_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class ReportError(ValueError):
    """A refused action; the message is Korean, safe to show and never contains the identity."""


# --- helpers --------------------------------------------------------------------------------------------------


def _clean(text: str, label: str, *, required: bool = True) -> str:
    text = (text or "").strip()
    if required and not text:
        raise ReportError(f"{label}을(를) 입력하세요.")
    try:
        reject_rrn(text)
    except ValidationError as exc:
        raise ReportError(exc.messages[0]) from None
    return text


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def _reveals(identity_name: str, identity_phone: str, text: str) -> bool:
    compact = re.sub(r"\s", "", text or "")
    name = re.sub(r"\s", "", identity_name or "")
    if len(name) >= 2 and name in compact:
        return True
    phone = _digits(identity_phone)
    return len(phone) >= 7 and phone in _digits(text)


SUBJECT = "complaints.publicinterestreport"


def envelope_of(report: PublicInterestReport):
    return vault.envelope_of(SUBJECT, report.public_id)


def _refuse_identity(report: PublicInterestReport, text: str, label: str) -> None:
    """The sealed name and phone cannot be read here: their keyed hashes (pepper) are matched against the text."""
    envelope = envelope_of(report)
    if envelope and vault.text_reveals(envelope.tags, text):
        raise ReportError(
            f"{label}에 신고자의 성명이나 연락처가 들어 있습니다. 신고자의 신원이나 신원을 알 수 있는 사실은 "
            "적을 수 없습니다 (공익신고자 보호법 제12조). 가명으로 바꿔 적으세요."
        )


def _pseudonym() -> str:
    code = "".join(secrets.choice(PSEUDONYM_LETTERS) for _ in range(5))
    return f"신고자-{code}"


def _lock(report: PublicInterestReport) -> PublicInterestReport:
    return PublicInterestReport.objects.select_for_update().get(pk=report.pk)


def _require_manager(actor: User) -> None:
    if not perms.can_manage(actor):
        raise ReportError("공익신고를 처리할 권한이 없습니다.")


# --- intake ---------------------------------------------------------------------------------------------------


@transaction.atomic
def receive_report(
    actor: User,
    *,
    subject: str,
    summary: str,
    identity: dict,
    received_at: dt.datetime | None = None,
) -> PublicInterestReport:
    """Register a report. The identity goes into the sealed table once; everything else uses a pseudonym."""
    _require_manager(actor)
    subject = _clean(subject, "신고 대상 분야")
    summary = _clean(summary, "신고 내용")
    name = (identity.get("name") or "").strip()
    if not name:
        raise ReportError("신고자의 성명을 입력하세요 (공익신고자 보호법 제8조: 인적사항을 적은 신고서).")
    phone = (identity.get("phone") or "").strip()
    if _reveals(name, phone, f"{subject}\n{summary}"):
        raise ReportError(
            "신고 내용에 신고자의 성명이나 연락처가 들어 있습니다. 신원은 '신고자 인적사항' 칸에만 적고, "
            "내용에는 가명으로 적으세요 (공익신고자 보호법 제12조)."
        )
    received_at = received_at or timezone.now()
    try:
        deadline = legal.deadline_for("public_interest", received_at)
    except legal.CalendarError as exc:
        raise ReportError(str(exc)) from None
    number, _ = next_case_number("report", timezone.localtime(received_at).year, prefix="PI-")
    report = PublicInterestReport.objects.create(
        case_number=number,
        pseudonym=_pseudonym(),
        subject=subject,
        summary=summary,
        received_at=received_at,
        due_at=deadline.due_at,
        created_by=actor,
    )
    vault.seal_identity(
        SUBJECT,
        str(report.public_id),
        {
            "name": name,
            "phone": phone,
            "email": (identity.get("email") or "").strip(),
            "address": (identity.get("address") or "").strip(),
        },
        created_at=received_at,
    )
    record_event(
        actor,
        "report.received",
        report,
        pseudonym=report.pseudonym,
        subject=subject,
        due_at=report.due_at,
        basis=deadline.basis,
    )
    return report


# --- designated officers -----------------------------------------------------------------------------------------


@transaction.atomic
def designate_officer(actor: User, officer: User, *, on: dt.date | None = None) -> DesignatedOfficer:
    if not perms.can_designate(actor):
        raise ReportError("공익신고 담당자는 감사담당관만 지정할 수 있습니다.")
    if not perms.can_be_designated(officer):
        raise ReportError("감사담당관실 직원만 공익신고 담당자로 지정할 수 있습니다.")
    if DesignatedOfficer.objects.filter(user=officer).exists():
        raise ReportError(f"{officer.display_name}은(는) 이미 지정된 담당자입니다.")
    designation = DesignatedOfficer.objects.create(
        user=officer, designated_on=on or timezone.localdate(), designated_by=actor
    )
    record_event(
        actor,
        "report.officer_designated",
        officer,
        officer=officer.username,
        designated_on=designation.designated_on,
    )
    return designation


@transaction.atomic
def revoke_officer(actor: User, designation: DesignatedOfficer) -> None:
    if not perms.can_designate(actor):
        raise ReportError("공익신고 담당자는 감사담당관만 지정·해제할 수 있습니다.")
    officer = designation.user
    designation.delete()
    record_event(actor, "report.officer_revoked", officer, officer=officer.username)


# --- the sealed identity ---------------------------------------------------------------------------------------


def request_identity(actor: User, report: PublicInterestReport, *, reason: str):
    if not perms.can_open_identity(actor):
        raise ReportError("공익신고자의 신원은 지정된 담당자만 요청할 수 있습니다.")
    try:
        return vault.request_access(actor, envelope_of(report), reason=reason, target=report)
    except vault.VaultError as exc:
        raise ReportError(str(exc)) from None


def open_identity(
    actor: User, report: PublicInterestReport, private: bytes, *, request=None, reason: str = ""
) -> dict:
    """The identity, for a designated officer with a live custodian approval (or a custodian); every call writes
    one access-log row. `private` is the actor's unlocked hotline key."""
    if not perms.may_reach_identity(actor):
        raise ReportError("공익신고자의 신원은 지정된 담당자만 열람할 수 있습니다.")
    envelope = envelope_of(report)
    if envelope is None:
        raise ReportError("봉인된 신원이 없습니다.")
    try:
        return vault.open_identity(
            actor,
            private,
            envelope,
            request=request,
            target=report,
            reason=reason or "공익신고자 신원 열람(승인된 담당자)",
        )
    except vault.VaultError as exc:
        raise ReportError(str(exc)) from None


# --- handling ----------------------------------------------------------------------------------------------------


@transaction.atomic
def start_investigation(actor: User, report: PublicInterestReport, *, note: str = "") -> PublicInterestReport:
    _require_manager(actor)
    report = _lock(report)
    if report.status != Status.RECEIVED:
        raise ReportError(f"'{report.get_status_display()}' 상태에서는 조사를 시작할 수 없습니다.")
    note = _clean(note, "메모", required=False)
    _refuse_identity(report, note, "메모")
    report.status = Status.INVESTIGATING
    report.save(update_fields=["status"])
    record_event(actor, "report.investigating", report, note=note)
    return report


@transaction.atomic
def refer(actor: User, report: PublicInterestReport, *, agency: str, reason: str) -> PublicInterestReport:
    """Hand the report to a 조사기관·수사기관 (without the identity unless the reporter consented)."""
    _require_manager(actor)
    report = _lock(report)
    if report.status not in (Status.RECEIVED, Status.INVESTIGATING):
        raise ReportError(f"'{report.get_status_display()}' 상태에서는 이첩할 수 없습니다.")
    agency = _clean(agency, "이첩 기관")
    reason = _clean(reason, "이첩 사유")
    _refuse_identity(report, f"{agency}\n{reason}", "이첩 사유")
    report.status = Status.REFERRED
    report.save(update_fields=["status"])
    record_event(actor, "report.referred", report, agency=agency, reason=reason)
    return report


@transaction.atomic
def send_notice(
    actor: User, report: PublicInterestReport, *, text: str, sent_at: dt.datetime | None = None
) -> ReportNotice:
    """A notice to the reporter (접수·이첩·결과 통지), delivered by a designated officer; the text is kept."""
    _require_manager(actor)
    text = _clean(text, "통지 내용")
    _refuse_identity(report, text, "통지 내용")
    notice = ReportNotice.objects.create(report=report, text=text, sent_at=sent_at or timezone.now())
    record_event(actor, "report.notice_sent", report, notice=notice.pk, sent_at=notice.sent_at)
    return notice


@transaction.atomic
def finish(
    actor: User, report: PublicInterestReport, *, result: str, finished_at: dt.datetime | None = None
) -> PublicInterestReport:
    """Finish handling; the result must reach 권익위 within 10 days (영 제11조②)."""
    _require_manager(actor)
    report = _lock(report)
    if report.status not in OPEN_STATUSES:
        raise ReportError(f"'{report.get_status_display()}' 상태에서는 처리를 완료할 수 없습니다.")
    result = _clean(result, "처리 결과")
    _refuse_identity(report, result, "처리 결과")
    finished_at = finished_at or timezone.now()
    if finished_at < report.received_at:
        raise ReportError("처리 완료일은 접수일시보다 앞설 수 없습니다.")
    try:
        acrc = legal.deadline_for("public_interest_acrc", finished_at)
    except legal.CalendarError as exc:
        raise ReportError(str(exc)) from None
    report.status = Status.DONE
    report.result = result
    report.finished_at = finished_at
    report.acrc_report_due_at = acrc.due_at
    report.save(update_fields=["status", "result", "finished_at", "acrc_report_due_at"])
    record_event(
        actor,
        "report.finished",
        report,
        finished_at=finished_at,
        acrc_report_due_at=acrc.due_at,
        late=finished_at > report.due_at,
        basis=acrc.basis,
    )
    return report


@transaction.atomic
def record_acrc_report(
    actor: User, report: PublicInterestReport, *, reported_at: dt.datetime | None = None
) -> PublicInterestReport:
    _require_manager(actor)
    report = _lock(report)
    if report.status != Status.DONE:
        raise ReportError("처리를 완료한 신고만 권익위 통보를 기록할 수 있습니다.")
    reported_at = reported_at or timezone.now()
    if report.finished_at and reported_at < report.finished_at:
        raise ReportError("권익위 통보일은 처리 완료일보다 앞설 수 없습니다.")
    report.status = Status.REPORTED
    report.acrc_reported_at = reported_at
    report.save(update_fields=["status", "acrc_reported_at"])
    record_event(
        actor,
        "report.acrc_reported",
        report,
        reported_at=reported_at,
        late=bool(report.acrc_report_due_at and reported_at > report.acrc_report_due_at),
    )
    return report
