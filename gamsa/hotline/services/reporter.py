"""The reporter's side: submit, return with the receipt, message, add files, change the receipt; and reading a
report's content with its key (both sides)."""

from __future__ import annotations

import datetime as dt
import hmac
import json
import secrets
import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gamsa.core.services import next_case_number, record_event
from gamsa.hotline import crypto, receipts, vault
from gamsa.hotline.models import Attachment, Category, Keyring, Member, Message, Report, ReportKeyGrant
from gamsa.hotline.privacy import EncryptedUpload, file_context
from gamsa.hotline.services.common import (
    OPEN,
    SUBJECT,
    HotlineError,
    ReceiptError,
    StaleKey,
    clean_text,
    ctx,
    deadline,
    discard,
    grant_to,
    hour,
    key_matches,
    locked,
    open_for_reporter,
    pepper,
    wrap_for_reporter,
)


def validate_answers(category: Category, answers) -> dict[str, str]:
    if not isinstance(answers, dict):
        raise HotlineError("답변은 질문 코드와 답을 짝지은 JSON 객체여야 합니다.")
    questions = {q.code: q for q in category.questions.filter(active=True)}
    unknown = sorted(set(answers) - set(questions))
    if unknown:
        raise HotlineError(f"이 분야에 없는 질문입니다: {', '.join(str(u)[:40] for u in unknown[:5])}")
    clean = {}
    for code, question in questions.items():
        value = clean_text(
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
        "name": clean_text(identity.get("name"), "성명", required=False, limit=60),
        "phone": clean_text(identity.get("phone"), "연락처", required=False, limit=30),
        "email": clean_text(identity.get("email"), "이메일", required=False, limit=120),
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
        name_box=crypto.seal_text(key, name, ctx(report, f"file:{att_id}|name")),
        key_box=crypto.seal_box(key, upload.key, ctx(report, f"file:{att_id}|key")),
        path=rel,
        size=upload.size,
        created_at=at,
    )


def intake_rings():
    members = Member.objects.filter(is_intake=True).values_list("user_id", flat=True)
    return list(Keyring.objects.filter(user_id__in=list(members)).select_related("user"))


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
    received = hour(now or timezone.now())
    ack_due = deadline("hotline_ack", received)
    number, _ = next_case_number("hotline", received.year, prefix="HT-")
    key = crypto.random_key()
    report = Report(
        case_number=number,
        category=category,
        received_at=received,
        ack_due_at=ack_due,
        feedback_due_at=deadline("hotline_feedback", ack_due),
        has_identity=identity is not None,
    )
    wrap_for_reporter(report, key, normal)
    if Report.objects.filter(lookup=report.lookup).exists():  # 2^-80; never silently share a receipt
        raise HotlineError("다시 제출해 주세요.")
    report.answers_box = b""
    report.save()
    report.answers_box = crypto.seal_text(key, json.dumps(clean, ensure_ascii=False), ctx(report, "answers"))
    report.save(update_fields=["answers_box"])
    for ring in rings:
        grant_to(report, key, ring, ReportKeyGrant.Kind.INTAKE, None, received)
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
        lookup, wrap = crypto.receipt_secrets(pepper(), probe, params)
        report = Report.objects.filter(lookup=lookup).first() if normal else None
        if report is None:
            continue
        if not hmac.compare_digest(bytes(report.lookup), lookup):
            raise ReceiptError
        try:
            key, old_kind = open_for_reporter(report, wrap)
        except crypto.DecryptionError:
            raise ReceiptError from None
        if old_kind:
            _upgrade_wrap(report, key, normal)
        return report, key
    raise ReceiptError


@transaction.atomic
def _upgrade_wrap(report: Report, key: bytes, receipt: str) -> None:
    """A report made before the reporter's key pair existed gets it now that the receipt is at hand."""
    row = locked(report)
    if row.reporter_public:
        return
    wrap_for_reporter(row, key, receipt)
    row.save(update_fields=["lookup", "reporter_kdf", "reporter_public", "reporter_box", "reporter_bridge"])
    record_event(None, "hotline.reporter_key_upgraded", row)


def _current(report: Report, key: bytes) -> Report:
    """The report locked for a reporter's write, refused when a re-keying has replaced the page's key."""
    row = locked(report)
    if not key_matches(row, key):
        raise StaleKey
    return row


@transaction.atomic
def change_receipt(report: Report, key: bytes, kind: str = "words") -> str:
    report = _current(report, key)
    display = receipts.new_receipt("digits" if kind == "digits" else "words")
    wrap_for_reporter(report, key, receipts.normalise(display))
    report.save(
        update_fields=["lookup", "reporter_kdf", "reporter_public", "reporter_box", "reporter_bridge"]
    )
    record_event(None, "hotline.receipt_changed", report)
    return display


def message(report, key, text, *, author, user=None, internal=False, at=None) -> Message:
    msg = Message(
        report=report,
        author=author,
        author_user=user,
        internal=internal,
        created_at=at or timezone.now(),
        box=b"",
    )
    msg.box = crypto.seal_text(key, text, ctx(report, f"message:{msg.public_id}"))
    msg.save()
    return msg


@transaction.atomic
def reporter_message(report: Report, key: bytes, text: str) -> Message:
    text = clean_text(text, "메시지")
    report = _current(report, key)
    if report.status not in OPEN:
        raise HotlineError("종결된 신고에는 메시지를 보낼 수 없습니다.")
    msg = message(report, key, text, author=Message.Author.REPORTER, at=hour(timezone.now()))
    record_event(None, "hotline.reporter_message", report)
    return msg


def reporter_add_files(report: Report, key: bytes, files) -> int:
    try:
        with transaction.atomic():
            files = _check_files(files)
            if not files:
                raise HotlineError("올릴 파일을 고르세요.")
            report = _current(report, key)
            if report.status not in OPEN:
                raise HotlineError("종결된 신고에는 파일을 더할 수 없습니다.")
            at = hour(timezone.now())
            for upload in files:
                _attach(report, key, upload, from_reporter=True, at=at)
            record_event(None, "hotline.reporter_files", report, files=len(files))
            return len(files)
    except Exception:
        discard(files)
        raise


def read(report: Report, key: bytes, *, for_reporter: bool) -> dict:
    """The decrypted report: answers, messages (internal notes only for the office), files, result."""
    answers = json.loads(crypto.open_text(key, bytes(report.answers_box), ctx(report, "answers")))
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
                "text": crypto.open_text(key, bytes(m.box), ctx(report, f"message:{m.public_id}")),
                "at": m.created_at,
            }
            for m in messages
        ],
        "files": [
            {
                "id": a.public_id,
                "name": crypto.open_text(key, bytes(a.name_box), ctx(report, f"file:{a.public_id}|name")),
                "size": a.size,
                "from_reporter": a.from_reporter,
            }
            for a in report.attachments.all()
        ],
        "result": crypto.open_text(key, bytes(report.result_box), ctx(report, "result"))
        if report.result_box
        else "",
    }


def file_key(report: Report, key: bytes, attachment: Attachment) -> bytes:
    return crypto.open_box(key, bytes(attachment.key_box), ctx(report, f"file:{attachment.public_id}|key"))


def file_body(report: Report, key: bytes, attachment: Attachment):
    """(name, chunk iterator) of a decrypted file; a tampered file stops the stream with an error."""
    name = crypto.open_text(key, bytes(attachment.name_box), ctx(report, f"file:{attachment.public_id}|name"))
    body_key = file_key(report, key, attachment)
    path = Path(settings.MEDIA_ROOT) / attachment.path

    def chunks():
        with path.open("rb") as src:
            yield from crypto.iter_decrypt(body_key, file_context(attachment.public_id.hex), src)

    return name, chunks
