"""Every write of 청렴톡: the reporter's side (submit, return with the receipt, message, add files, change the
receipt) and the office's (assign = key grant, acknowledge, messages, notes, extension, recusal, conversion,
closing, legal hold, retention). Each write runs in one transaction and records one Event without content.

Office functions take the actor's unlocked private key (`private`): no grant, no report key, no plaintext.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import secrets
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gamsa.core import calendar as legal
from gamsa.core.models import AccessLog, User
from gamsa.core.permissions import is_office_staff
from gamsa.core.services import log_access, next_case_number, record_event
from gamsa.core.validators import reject_rrn
from gamsa.hotline import crypto, receipts, vault
from gamsa.hotline.models import (
    Attachment,
    Category,
    HandOver,
    Keyring,
    Member,
    Message,
    Recusal,
    Report,
    ReportKeyGrant,
    RetentionRule,
)
from gamsa.hotline.privacy import EncryptedUpload, file_context

Status = Report.Status
OPEN = (Status.RECEIVED, Status.IN_PROGRESS)
SUBJECT = "hotline.report"
MAX_TEXT = 4000
UNIFORM_RECEIPT_ERROR = "접수 암호가 맞지 않거나 없는 신고입니다. 띄어쓰기 없이 다시 확인해 주세요."


class HotlineError(ValueError):
    """A refused action; Korean, safe to show, never containing report content."""


class ReceiptError(HotlineError):
    def __init__(self):
        super().__init__(UNIFORM_RECEIPT_ERROR)


class NoKey(HotlineError):
    def __init__(self):
        super().__init__("이 신고의 열쇠가 없습니다. 배정된 담당자만 열 수 있습니다.")


def _pepper() -> bytes:
    return settings.GAMSA_HOTLINE_PEPPER.encode()


def _ctx(report: Report, field: str) -> str:
    return f"report:{report.public_id}|{field}"


def _hour(moment: dt.datetime) -> dt.datetime:
    """Reporter-side times are rounded down to the hour: they cannot be matched to a network log's second."""
    local = timezone.localtime(moment)
    return local.replace(minute=0, second=0, microsecond=0)


def _text(value, label: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    if value is not None and not isinstance(value, str):
        raise HotlineError(f"{label}은(는) 글자로 적어야 합니다.")
    value = (value or "").strip()
    if required and not value:
        raise HotlineError(f"{label}을(를) 적어 주세요.")
    if len(value) > limit:
        raise HotlineError(f"{label}은(는) {limit:,}자까지 적을 수 있습니다 (지금 {len(value):,}자).")
    try:
        reject_rrn(value)
    except ValidationError as exc:
        raise HotlineError(exc.messages[0]) from None
    return value


def discard(files) -> None:
    for upload in files or []:
        if isinstance(upload, EncryptedUpload):
            upload.discard()


# --- clocks --------------------------------------------------------------------------------------------------------


def _deadline(kind: str, start: dt.datetime) -> dt.datetime:
    try:
        return legal.deadline_for(kind, start).due_at
    except legal.CalendarError as exc:
        raise HotlineError(str(exc)) from None


# --- the reporter's side -------------------------------------------------------------------------------------------


def validate_answers(category: Category, answers) -> dict[str, str]:
    if not isinstance(answers, dict):
        raise HotlineError("답변은 질문 코드와 답을 짝지은 JSON 객체여야 합니다.")
    questions = {q.code: q for q in category.questions.filter(active=True)}
    unknown = sorted(set(answers) - set(questions))
    if unknown:
        raise HotlineError(f"이 분야에 없는 질문입니다: {', '.join(str(u)[:40] for u in unknown[:5])}")
    clean = {}
    for code, question in questions.items():
        value = _text(
            answers.get(code), question.label, required=question.required, limit=question.max_length
        )
        if value:
            clean[code] = value
    if not clean:
        raise HotlineError("적어도 한 질문에는 답해 주세요.")
    return clean


def validate_identity(identity) -> dict | None:
    if identity is None:
        return None
    if not isinstance(identity, dict):
        raise HotlineError("신원은 name, phone, email을 담은 JSON 객체여야 합니다.")
    unknown = set(identity) - {"name", "phone", "email"}
    if unknown:
        raise HotlineError("신원에는 name, phone, email만 적을 수 있습니다.")
    values = {
        "name": _text(identity.get("name"), "성명", required=False, limit=60),
        "phone": _text(identity.get("phone"), "연락처", required=False, limit=30),
        "email": _text(identity.get("email"), "이메일", required=False, limit=120),
    }
    return values if any(values.values()) else None


def _check_files(files) -> list[EncryptedUpload]:
    files = [f for f in (files or []) if f is not None]
    if len(files) > settings.GAMSA_HOTLINE_MAX_FILES:
        raise HotlineError(f"파일은 {settings.GAMSA_HOTLINE_MAX_FILES}개까지 올릴 수 있습니다.")
    for upload in files:
        if not isinstance(upload, EncryptedUpload):
            raise HotlineError("파일을 받을 수 없습니다.")
        if upload.too_large:
            raise HotlineError(f"파일 하나는 {settings.GAMSA_HOTLINE_MAX_FILE_MB} MB까지 올릴 수 있습니다.")
    return files


def _attach(report: Report, key: bytes, upload: EncryptedUpload, *, from_reporter: bool, at) -> Attachment:
    att_id = uuid.UUID(upload.file_id)
    name = Path(str(upload.name or "file")).name[:200] or "file"
    rel = str(upload.path.relative_to(settings.MEDIA_ROOT))
    return Attachment.objects.create(
        public_id=att_id,
        report=report,
        from_reporter=from_reporter,
        name_box=crypto.seal_text(key, name, _ctx(report, f"file:{att_id}|name")),
        key_box=crypto.seal_box(key, upload.key, _ctx(report, f"file:{att_id}|key")),
        path=rel,
        size=upload.size,
        created_at=at,
    )


def intake_rings():
    members = Member.objects.filter(is_intake=True).values_list("user_id", flat=True)
    return list(Keyring.objects.filter(user_id__in=list(members)).select_related("user"))


def _grant(report: Report, key: bytes, ring: Keyring, kind: str, by: User | None, at) -> ReportKeyGrant:
    grant, _ = ReportKeyGrant.objects.update_or_create(
        report=report,
        user=ring.user,
        defaults={
            "kind": kind,
            "sealed_key": crypto.seal_to(
                bytes(ring.public_key), key, _ctx(report, f"grant:{ring.user.public_id}")
            ),
            "granted_by": by,
            "granted_at": at,
        },
    )
    return grant


def _wrap_for_reporter(report: Report, key: bytes, receipt: str) -> None:
    params = crypto.receipt_params()
    lookup, wrap = crypto.receipt_secrets(_pepper(), receipt, params)
    report.lookup = lookup
    report.reporter_kdf = params.encode()
    report.reporter_box = crypto.seal_box(wrap, key, _ctx(report, "reporter"))


def submit(
    *,
    category_code: str,
    answers,
    identity=None,
    files=(),
    receipt_kind: str = "words",
    receipt: str | None = None,
    now: dt.datetime | None = None,
) -> tuple[Report, str]:
    """A new anonymous report; returns it and the receipt (shown once, never stored)."""
    try:
        return _submit(category_code, answers, identity, files, receipt_kind, receipt, now)
    except Exception:
        discard(files)
        raise


@transaction.atomic
def _submit(category_code, answers, identity, files, receipt_kind, receipt, now):
    category = Category.objects.filter(code=str(category_code or "")[:40], active=True).first()
    if category is None:
        raise HotlineError("신고 분야를 고르세요.")
    clean = validate_answers(category, answers)
    identity = validate_identity(identity)
    files = _check_files(files)
    rings = intake_rings()
    if not rings:
        raise HotlineError("지금은 청렴톡 신고를 받을 수 없습니다. 감사담당관(전화·방문)으로 연락해 주세요.")
    receipt = receipts.normalise(receipt) if receipt else None
    display = receipt or receipts.new_receipt("digits" if receipt_kind == "digits" else "words")
    normal = receipts.normalise(display)
    received = _hour(now or timezone.now())
    ack_due = _deadline("hotline_ack", received)
    number, _ = next_case_number("hotline", received.year, prefix="HT-")
    key = crypto.random_key()
    report = Report(
        case_number=number,
        category=category,
        received_at=received,
        ack_due_at=ack_due,
        feedback_due_at=_deadline("hotline_feedback", ack_due),
        has_identity=identity is not None,
    )
    _wrap_for_reporter(report, key, normal)
    if Report.objects.filter(lookup=report.lookup).exists():  # 2^-80; never silently share a receipt
        raise HotlineError("다시 제출해 주세요.")
    report.answers_box = b""
    report.save()
    report.answers_box = crypto.seal_text(key, json.dumps(clean, ensure_ascii=False), _ctx(report, "answers"))
    report.save(update_fields=["answers_box"])
    for ring in rings:
        _grant(report, key, ring, ReportKeyGrant.Kind.INTAKE, None, received)
    for upload in files:
        _attach(report, key, upload, from_reporter=True, at=received)
    if identity is not None:
        vault.seal_identity(SUBJECT, str(report.public_id), identity, created_at=received)
    record_event(
        None,
        "hotline.received",
        report,
        category=category.code,
        files=len(files),
        identity=identity is not None,
    )
    return report, display


def _params_in_use() -> list[crypto.KdfParams]:
    """The shipped parameters first, then any older ones reports still carry (after a parameter change)."""
    current = crypto.receipt_params()
    older = (
        Report.objects.exclude(reporter_kdf=current.encode())
        .values_list("reporter_kdf", flat=True)
        .distinct()
    )
    return [current] + [crypto.KdfParams.decode(text) for text in older]


def find(receipt: str) -> tuple[Report, bytes]:
    """The report and its key for a receipt. Unknown, wrong and malformed receipts fail alike: the same message
    and the same Argon2id work (a malformed receipt is stretched like any other before it is refused)."""
    try:
        normal = receipts.normalise(receipt)
    except receipts.ReceiptFormatError:
        normal = None
    probe = normal or "invalid receipt " + secrets.token_hex(8)
    for params in _params_in_use():
        lookup, wrap = crypto.receipt_secrets(_pepper(), probe, params)
        report = Report.objects.filter(lookup=lookup).first() if normal else None
        if report is None:
            continue
        try:
            key = crypto.open_box(wrap, bytes(report.reporter_box), _ctx(report, "reporter"))
        except crypto.DecryptionError:
            raise ReceiptError from None
        if not hmac.compare_digest(bytes(report.lookup), lookup):
            raise ReceiptError
        return report, key
    raise ReceiptError


@transaction.atomic
def change_receipt(report: Report, key: bytes, kind: str = "words") -> str:
    report = Report.objects.select_for_update().get(pk=report.pk)
    display = receipts.new_receipt("digits" if kind == "digits" else "words")
    _wrap_for_reporter(report, key, receipts.normalise(display))
    report.save(update_fields=["lookup", "reporter_kdf", "reporter_box"])
    record_event(None, "hotline.receipt_changed", report)
    return display


def _message(report, key, text, *, author, user=None, internal=False, at=None) -> Message:
    msg = Message(
        report=report,
        author=author,
        author_user=user,
        internal=internal,
        created_at=at or timezone.now(),
        box=b"",
    )
    msg.box = crypto.seal_text(key, text, _ctx(report, f"message:{msg.public_id}"))
    msg.save()
    return msg


@transaction.atomic
def reporter_message(report: Report, key: bytes, text: str) -> Message:
    text = _text(text, "메시지")
    if report.status not in OPEN:
        raise HotlineError("종결된 신고에는 메시지를 보낼 수 없습니다.")
    msg = _message(report, key, text, author=Message.Author.REPORTER, at=_hour(timezone.now()))
    record_event(None, "hotline.reporter_message", report)
    return msg


def reporter_add_files(report: Report, key: bytes, files) -> int:
    try:
        with transaction.atomic():
            files = _check_files(files)
            if not files:
                raise HotlineError("올릴 파일을 고르세요.")
            if report.status not in OPEN:
                raise HotlineError("종결된 신고에는 파일을 더할 수 없습니다.")
            at = _hour(timezone.now())
            for upload in files:
                _attach(report, key, upload, from_reporter=True, at=at)
            record_event(None, "hotline.reporter_files", report, files=len(files))
            return len(files)
    except Exception:
        discard(files)
        raise


def read(report: Report, key: bytes, *, for_reporter: bool) -> dict:
    """The decrypted report: answers, messages (internal notes only for the office), files, result."""
    answers = json.loads(crypto.open_text(key, bytes(report.answers_box), _ctx(report, "answers")))
    questions = {q.code: q.label for q in report.category.questions.all()}
    messages = report.messages.all()
    if for_reporter:
        messages = messages.filter(internal=False)
    return {
        "answers": [(questions.get(code, code), value) for code, value in answers.items()],
        "messages": [
            {
                "author": m.get_author_display(),
                "from_office": m.author == Message.Author.OFFICE,
                "internal": m.internal,
                "text": crypto.open_text(key, bytes(m.box), _ctx(report, f"message:{m.public_id}")),
                "at": m.created_at,
            }
            for m in messages
        ],
        "files": [
            {
                "id": a.public_id,
                "name": crypto.open_text(key, bytes(a.name_box), _ctx(report, f"file:{a.public_id}|name")),
                "size": a.size,
                "from_reporter": a.from_reporter,
            }
            for a in report.attachments.all()
        ],
        "result": crypto.open_text(key, bytes(report.result_box), _ctx(report, "result"))
        if report.result_box
        else "",
    }


def file_body(report: Report, key: bytes, attachment: Attachment):
    """(name, chunk iterator) of a decrypted file; a tampered file stops the stream with an error."""
    name = crypto.open_text(
        key, bytes(attachment.name_box), _ctx(report, f"file:{attachment.public_id}|name")
    )
    file_key = crypto.open_box(
        key, bytes(attachment.key_box), _ctx(report, f"file:{attachment.public_id}|key")
    )
    path = Path(settings.MEDIA_ROOT) / attachment.path

    def chunks():
        with path.open("rb") as src:
            yield from crypto.iter_decrypt(file_key, file_context(attachment.public_id.hex), src)

    return name, chunks


# --- the office's side -----------------------------------------------------------------------------------------


def grant_of(report: Report, user: User) -> ReportKeyGrant | None:
    if not user.is_authenticated:
        return None
    return ReportKeyGrant.objects.filter(report=report, user=user).first()


def report_key(report: Report, user: User, private: bytes | None) -> bytes:
    grant = grant_of(report, user)
    if grant is None or private is None:
        raise NoKey
    try:
        return crypto.open_from(private, bytes(grant.sealed_key), _ctx(report, f"grant:{user.public_id}"))
    except crypto.DecryptionError:
        raise NoKey from None


def log_read(user: User, report: Report, request=None, fields=("신고 내용",)) -> None:
    log_access(
        user, report, list(fields), action=AccessLog.Action.VIEW, request=request, reason="청렴톡 신고 열람"
    )


def _locked(report: Report) -> Report:
    return Report.objects.select_for_update().get(pk=report.pk)


def _require_open(report: Report) -> None:
    if report.status not in OPEN:
        raise HotlineError(f"'{report.get_status_display()}' 상태의 신고입니다.")


@transaction.atomic
def assign(actor: User, private: bytes, report: Report, handler: User) -> ReportKeyGrant:
    """Assignment is a key grant: the actor's copy of the report key is sealed to the handler's public key."""
    key = report_key(report, actor, private)
    report = _locked(report)
    _require_open(report)
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
    grant = _grant(report, key, ring, ReportKeyGrant.Kind.HANDLER, actor, timezone.now())
    record_event(actor, "hotline.assigned", report, handler=handler.username)
    return grant


@transaction.atomic
def acknowledge(actor: User, private: bytes, report: Report, text: str, *, at=None) -> Message:
    """The acknowledgement of receipt (7 days); the 3-month feedback clock runs from it."""
    key = report_key(report, actor, private)
    report = _locked(report)
    if report.acknowledged_at:
        raise HotlineError("이미 접수 확인을 보냈습니다.")
    _require_open(report)
    text = _text(text, "접수 확인 메시지")
    at = at or timezone.now()
    msg = _message(report, key, text, author=Message.Author.OFFICE, user=actor, at=at)
    report.acknowledged_at = at
    report.status = Status.IN_PROGRESS
    if not report.feedback_extended:
        report.feedback_due_at = _deadline("hotline_feedback", min(at, report.ack_due_at))
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
    key = report_key(report, actor, private)
    report = _locked(report)
    if not internal:
        _require_open(report)
        if not report.acknowledged_at:
            raise HotlineError("먼저 접수 확인을 보내세요.")
    text = _text(text, "내부 메모" if internal else "메시지")
    at = at or timezone.now()
    msg = _message(report, key, text, author=Message.Author.OFFICE, user=actor, internal=internal, at=at)
    if not internal and report.first_feedback_at is None:
        report.first_feedback_at = at
        report.save(update_fields=["first_feedback_at"])
    record_event(actor, "hotline.note_added" if internal else "hotline.message_sent", report)
    return msg


@transaction.atomic
def extend_feedback(actor: User, private: bytes, report: Report, justification: str) -> Report:
    """Feedback within 6 months instead of 3, only with a recorded justification (once)."""
    key = report_key(report, actor, private)
    report = _locked(report)
    _require_open(report)
    if report.feedback_extended:
        raise HotlineError("결과 안내 기한은 한 번만 늘릴 수 있습니다.")
    justification = _text(justification, "연장 사유", limit=1000)
    if len(justification) < 10:
        raise HotlineError("연장 사유를 10자 이상 구체적으로 적으세요.")
    start = min(report.acknowledged_at or report.ack_due_at, report.ack_due_at)
    report.feedback_due_at = _deadline("hotline_feedback_extended", start)
    report.feedback_extended = True
    report.extension_box = crypto.seal_text(key, justification, _ctx(report, "extension"))
    report.save(update_fields=["feedback_due_at", "feedback_extended", "extension_box"])
    record_event(actor, "hotline.feedback_extended", report, feedback_due=report.feedback_due_at)
    return report


@transaction.atomic
def recuse(actor: User, private: bytes, report: Report, reason: str) -> Recusal:
    """A handler with a conflict of interest steps aside: their key grant is deleted."""
    key = report_key(report, actor, private)
    report = _locked(report)
    reason = _text(reason, "회피 사유", limit=1000)
    if not ReportKeyGrant.objects.filter(report=report).exclude(user=actor).exists():
        raise HotlineError(
            "이 신고의 열쇠를 가진 다른 담당자가 없어 회피할 수 없습니다. 먼저 다른 담당자에게 배정하세요."
        )
    recusal = Recusal.objects.create(report=report, user=actor, reason_box=b"", at=timezone.now())
    recusal.reason_box = crypto.seal_text(key, reason, _ctx(report, f"recusal:{recusal.pk}"))
    recusal.save(update_fields=["reason_box"])
    ReportKeyGrant.objects.filter(report=report, user=actor).delete()
    record_event(actor, "hotline.recused", report)
    return recusal


def _retention_years(report: Report) -> int:
    """The most specific rule in force: category and status, then category, then status, then any."""
    rules = list(
        RetentionRule.objects.filter(effective_from__lte=timezone.localdate()).order_by("-effective_from")
    )
    for category_id, status in (
        (report.category_id, report.status),
        (report.category_id, ""),
        (None, report.status),
        (None, ""),
    ):
        for rule in rules:
            if rule.category_id == category_id and rule.status == status:
                return rule.keep_years
    return 3


def _finish(report: Report, status: str, at: dt.datetime) -> None:
    report.status = status
    report.closed_at = at
    years = _retention_years(report)
    local = timezone.localtime(at)
    try:
        until = local.replace(year=local.year + years)
    except ValueError:  # 29 February
        until = local.replace(year=local.year + years, day=28)
    report.retain_until = until


@transaction.atomic
def close(actor: User, private: bytes, report: Report, result: str, *, at=None) -> Report:
    """Close with a result the reporter reads with the receipt."""
    key = report_key(report, actor, private)
    report = _locked(report)
    _require_open(report)
    result = _text(result, "처리 결과")
    at = at or timezone.now()
    report.result_box = crypto.seal_text(key, result, _ctx(report, "result"))
    report.first_feedback_at = report.first_feedback_at or at
    report.acknowledged_at = report.acknowledged_at or at
    _finish(report, Status.CLOSED, at)
    report.save()
    record_event(actor, "hotline.closed", report, retain_until=report.retain_until)
    return report


@transaction.atomic
def convert(
    actor: User, private: bytes, report: Report, *, to_user: User, note: str, reference: str = "", at=None
) -> HandOver:
    """Turn the report into an investigation case. The investigations app is not installed: a hand-over record
    names the investigator, who receives the report key (never the identity key)."""
    key = report_key(report, actor, private)
    report = _locked(report)
    _require_open(report)
    note = _text(note, "인계 내용", limit=2000)
    reference = _text(reference, "조사 사건번호", required=False, limit=40)
    ring = Keyring.objects.filter(user=to_user).select_related("user").first()
    if ring is None or not is_office_staff(to_user) or report.recusals.filter(user=to_user).exists():
        raise HotlineError("청렴톡 열쇠가 있는 감사담당관실 조사 담당자에게만 인계할 수 있습니다.")
    at = at or timezone.now()
    _grant(report, key, ring, ReportKeyGrant.Kind.HANDLER, actor, at)
    hand_over = HandOver.objects.create(
        report=report,
        to_user=to_user,
        by_user=actor,
        note_box=crypto.seal_text(key, note, _ctx(report, "handover")),
        investigation_reference=reference,
        identity_included=False,
        created_at=at,
    )
    report.result_box = crypto.seal_text(
        key,
        "신고하신 내용은 조사 사건으로 넘겨 조사합니다. 조사 결과에 따라 필요한 조치를 합니다.",
        _ctx(report, "result"),
    )
    report.first_feedback_at = report.first_feedback_at or at
    report.acknowledged_at = report.acknowledged_at or at
    _finish(report, Status.CONVERTED, at)
    report.save()
    record_event(actor, "hotline.converted", report, to=to_user.username, reference=reference)
    return hand_over


@transaction.atomic
def set_legal_hold(actor: User, report: Report, hold: bool, reason: str) -> Report:
    reason = _text(reason, "사유", limit=300)
    report = _locked(report)
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
