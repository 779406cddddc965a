"""The office's side: assign (a key grant), acknowledge, messages and notes, extension, recusal and the revoking
of a grant (both re-key the report), closing, legal hold, identity requests.

Every function takes the actor's unlocked private key (`private`): no grant, no report key, no plaintext. The report
row is locked before the key is opened from the grant, so a write never lands under a key a re-keying replaced.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gamsa.core.models import AccessLog, Role, User
from gamsa.core.permissions import has_role, is_office_staff
from gamsa.core.services import log_access, record_event
from gamsa.hotline import crypto, vault
from gamsa.hotline.models import Keyring, Member, Message, Recusal, Report, ReportKeyGrant
from gamsa.hotline.services import rekey
from gamsa.hotline.services.common import (
    SUBJECT,
    HotlineError,
    NoKey,
    Status,
    clean_text,
    ctx,
    deadline,
    finish,
    grant_context,
    grant_to,
    locked,
    require_open,
)
from gamsa.hotline.services.reporter import message


def grant_of(report: Report, user: User) -> ReportKeyGrant | None:
    if not user.is_authenticated:
        return None
    return ReportKeyGrant.objects.filter(report=report, user=user).first()


def report_key(report: Report, user: User, private: bytes | None) -> bytes:
    grant = grant_of(report, user)
    if grant is None or private is None:
        raise NoKey
    try:
        return crypto.open_from(private, bytes(grant.sealed_key), grant_context(report, user))
    except crypto.DecryptionError:
        raise NoKey from None


def log_read(user: User, report: Report, request=None, fields=("신고 내용",)) -> None:
    log_access(
        user, report, list(fields), action=AccessLog.Action.VIEW, request=request, reason="청렴톡 신고 열람"
    )


def _opened(actor: User, private: bytes, report: Report) -> tuple[Report, bytes]:
    report = locked(report)
    return report, report_key(report, actor, private)


@transaction.atomic
def assign(actor: User, private: bytes, report: Report, handler: User) -> ReportKeyGrant:
    """Assignment is a key grant: the actor's copy of the report key is sealed to the handler's public key."""
    report, key = _opened(actor, private, report)
    require_open(report)
    member = Member.objects.filter(user=handler, is_handler=True).first()
    ring = Keyring.objects.filter(user=handler).select_related("user").first()
    if member is None or not is_office_staff(handler):
        raise HotlineError("청렴톡 처리 담당자로 지정된 직원에게만 배정할 수 있습니다.")
    if ring is None:
        raise HotlineError(
            f"{handler.display_name}에게 아직 청렴톡 열쇠가 없습니다. 열쇠를 만든 뒤 배정하세요."
        )
    if report.recusals.filter(user=handler).exists():
        raise HotlineError(f"{handler.display_name}은(는) 이 신고에서 회피했습니다.")
    grant = grant_to(report, key, ring, ReportKeyGrant.Kind.HANDLER, actor, timezone.now())
    record_event(actor, "hotline.assigned", report, handler=handler.username)
    return grant


@transaction.atomic
def acknowledge(actor: User, private: bytes, report: Report, text: str, *, at=None) -> Message:
    """The acknowledgement of receipt (7 days); the 3-month feedback clock runs from it."""
    report, key = _opened(actor, private, report)
    if report.acknowledged_at:
        raise HotlineError("이미 접수 확인을 보냈습니다.")
    require_open(report)
    text = clean_text(text, "접수 확인 메시지")
    at = at or timezone.now()
    msg = message(report, key, text, author=Message.Author.OFFICE, user=actor, at=at)
    report.acknowledged_at = at
    report.status = Status.IN_PROGRESS
    if not report.feedback_extended:
        report.feedback_due_at = deadline("hotline_feedback", min(at, report.ack_due_at))
    report.save(update_fields=["acknowledged_at", "status", "feedback_due_at"])
    record_event(
        actor,
        "hotline.acknowledged",
        report,
        late=at > report.ack_due_at,
        feedback_due=report.feedback_due_at,
    )
    return msg


@transaction.atomic
def office_message(
    actor: User, private: bytes, report: Report, text: str, *, internal=False, at=None
) -> Message:
    report, key = _opened(actor, private, report)
    if not internal:
        require_open(report)
        if not report.acknowledged_at:
            raise HotlineError("먼저 접수 확인을 보내세요.")
    text = clean_text(text, "내부 메모" if internal else "메시지")
    at = at or timezone.now()
    msg = message(report, key, text, author=Message.Author.OFFICE, user=actor, internal=internal, at=at)
    if not internal and report.first_feedback_at is None:
        report.first_feedback_at = at
        report.save(update_fields=["first_feedback_at"])
    record_event(actor, "hotline.note_added" if internal else "hotline.message_sent", report)
    return msg


@transaction.atomic
def extend_feedback(actor: User, private: bytes, report: Report, justification: str) -> Report:
    """Feedback within 6 months instead of 3, only with a recorded justification (once)."""
    report, key = _opened(actor, private, report)
    require_open(report)
    if report.feedback_extended:
        raise HotlineError("결과 안내 기한은 한 번만 늘릴 수 있습니다.")
    justification = clean_text(justification, "연장 사유", limit=1000)
    if len(justification) < 10:
        raise HotlineError("연장 사유를 10자 이상 구체적으로 적으세요.")
    start = min(report.acknowledged_at or report.ack_due_at, report.ack_due_at)
    report.feedback_due_at = deadline("hotline_feedback_extended", start)
    report.feedback_extended = True
    report.extension_box = crypto.seal_text(key, justification, ctx(report, "extension"))
    report.save(update_fields=["feedback_due_at", "feedback_extended", "extension_box"])
    record_event(actor, "hotline.feedback_extended", report, feedback_due=report.feedback_due_at)
    return report


@transaction.atomic
def recuse(actor: User, private: bytes, report: Report, reason: str) -> Recusal:
    """A handler with a conflict of interest steps aside: their grant is destroyed and the report re-keyed."""
    report, key = _opened(actor, private, report)
    reason = clean_text(reason, "회피 사유", limit=1000)
    if not ReportKeyGrant.objects.filter(report=report).exclude(user=actor).exists():
        raise HotlineError(
            "이 신고의 열쇠를 가진 다른 담당자가 없어 회피할 수 없습니다. 먼저 다른 담당자에게 배정하세요."
        )
    recusal = Recusal.objects.create(report=report, user=actor, reason_box=b"", at=timezone.now())
    recusal.reason_box = crypto.seal_text(key, reason, ctx(report, f"recusal:{recusal.pk}"))
    recusal.save(update_fields=["reason_box"])
    _, done = rekey.rotate(report, key, drop=actor)
    record_event(actor, "hotline.recused", report, rekeyed=True, **done)
    return recusal


def can_revoke(actor: User) -> bool:
    """Who takes a grant back (reassignment): the intake holders and the office head, as they assign."""
    member = Member.objects.filter(user=actor).first()
    return bool(member and member.is_intake) or has_role(actor, Role.OFFICE_HEAD)


@transaction.atomic
def revoke_grant(actor: User, private: bytes, report: Report, holder: User, reason: str) -> dict:
    """Take `holder`'s grant back (reassignment): their sealed key is destroyed and the report re-keyed, so the
    old key opens nothing that is kept or written afterwards (ADR 0023, "Re-keying"). The reason is kept as an
    internal note, encrypted under the new key."""
    report, key = _opened(actor, private, report)
    if not can_revoke(actor):
        raise HotlineError("열쇠 회수는 접수 담당 또는 감사담당관이 합니다.")
    if holder.pk == actor.pk:
        raise HotlineError("자기 열쇠는 회수할 수 없습니다. 이해충돌이면 '회피'를 하세요.")
    if not ReportKeyGrant.objects.filter(report=report, user=holder).exists():
        raise HotlineError(f"{holder.display_name}은(는) 이 신고의 열쇠가 없습니다.")
    reason = clean_text(reason, "회수 사유", limit=1000)
    new_key, done = rekey.rotate(report, key, drop=holder)
    message(
        report,
        new_key,
        f"열쇠 회수: {holder.display_name} — {reason}",
        author=Message.Author.OFFICE,
        user=actor,
        internal=True,
    )
    record_event(actor, "hotline.grant_revoked", report, holder=holder.username, rekeyed=True, **done)
    return done


@transaction.atomic
def close(actor: User, private: bytes, report: Report, result: str, *, at=None) -> Report:
    """Close with a result the reporter reads with the receipt."""
    report, key = _opened(actor, private, report)
    require_open(report)
    result = clean_text(result, "처리 결과")
    at = at or timezone.now()
    report.result_box = crypto.seal_text(key, result, ctx(report, "result"))
    report.first_feedback_at = report.first_feedback_at or at
    report.acknowledged_at = report.acknowledged_at or at
    finish(report, Status.CLOSED, at)
    report.save()
    record_event(actor, "hotline.closed", report, retain_until=report.retain_until)
    return report


@transaction.atomic
def set_legal_hold(actor: User, report: Report, hold: bool, reason: str) -> Report:
    reason = clean_text(reason, "사유", limit=300)
    report = locked(report)
    report.legal_hold = hold
    report.save(update_fields=["legal_hold"])
    record_event(actor, "hotline.legal_hold" if hold else "hotline.legal_hold_lifted", report, reason=reason)
    return report


def request_identity(actor: User, report: Report, reason: str):
    if grant_of(report, actor) is None:
        raise NoKey
    envelope = vault.envelope_of(SUBJECT, report.public_id)
    if envelope is None:
        raise HotlineError("이 신고에는 신원이 없습니다.")
    try:
        return vault.request_access(actor, envelope, reason=reason, target=report)
    except vault.VaultError as exc:
        raise HotlineError(str(exc)) from None
