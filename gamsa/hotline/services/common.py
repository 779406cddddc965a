"""What the reporter's and the office's services share: errors, the place names of ciphertexts, clean text, clocks,
key grants, the reporter's wrap of the report key and the retention date of a finished report."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from gamsa.core import calendar as legal
from gamsa.core.models import User
from gamsa.core.validators import reject_rrn
from gamsa.hotline import crypto
from gamsa.hotline.models import Keyring, Report, ReportKeyGrant, RetentionRule
from gamsa.hotline.privacy import EncryptedUpload

Status = Report.Status
OPEN = (Status.RECEIVED, Status.IN_PROGRESS)
SUBJECT = "hotline.report"
MAX_TEXT = 4000
UNIFORM_RECEIPT_ERROR = "접수 암호가 맞지 않거나 없는 신고입니다. 띄어쓰기 없이 다시 확인해 주세요."
STALE_KEY = "신고의 열쇠가 바뀌었습니다(담당자 변경). 접수 암호를 다시 입력해 주세요. 보내려던 내용은 저장되지 않았습니다."


class HotlineError(ValueError):
    """A refused action; Korean, safe to show, never containing report content."""


class ReceiptError(HotlineError):
    def __init__(self):
        super().__init__(UNIFORM_RECEIPT_ERROR)


class StaleKey(HotlineError):
    """The reporter's page holds a report key that a re-keying has since replaced."""

    def __init__(self):
        super().__init__(STALE_KEY)


class NoKey(HotlineError):
    def __init__(self):
        super().__init__("이 신고의 열쇠가 없습니다. 배정된 담당자만 열 수 있습니다.")


def pepper() -> bytes:
    return settings.GAMSA_HOTLINE_PEPPER.encode()


def ctx(report: Report, field: str) -> str:
    return f"report:{report.public_id}|{field}"


def hour(moment: dt.datetime) -> dt.datetime:
    """Reporter-side times are rounded down to the hour: they cannot be matched to a network log's second."""
    local = timezone.localtime(moment)
    return local.replace(minute=0, second=0, microsecond=0)


def clean_text(value, label: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
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


def deadline(kind: str, start: dt.datetime) -> dt.datetime:
    try:
        return legal.deadline_for(kind, start).due_at
    except legal.CalendarError as exc:
        raise HotlineError(str(exc)) from None


def locked(report: Report) -> Report:
    return Report.objects.select_for_update().select_related("category").get(pk=report.pk)


def require_open(report: Report) -> None:
    if report.status not in OPEN:
        raise HotlineError(f"'{report.get_status_display()}' 상태의 신고입니다.")


def key_matches(report: Report, key: bytes) -> bool:
    """Whether `key` is the report's current key (the answers open with it)."""
    try:
        crypto.open_box(key, bytes(report.answers_box), ctx(report, "answers"))
    except crypto.DecryptionError:
        return False
    return True


# --- key grants ------------------------------------------------------------------------------------------------


def grant_context(report: Report, user: User) -> str:
    return ctx(report, f"grant:{user.public_id}")


def grant_to(report: Report, key: bytes, ring: Keyring, kind: str, by: User | None, at) -> ReportKeyGrant:
    grant, _ = ReportKeyGrant.objects.update_or_create(
        report=report,
        user=ring.user,
        defaults={
            "kind": kind,
            "sealed_key": crypto.seal_to(bytes(ring.public_key), key, grant_context(report, ring.user)),
            "granted_by": by,
            "granted_at": at,
        },
    )
    return grant


# --- the reporter's wrap -----------------------------------------------------------------------------------------
# The receipt gives (lookup, wrap). From `wrap` comes the reporter's X25519 key pair; the report key is sealed to its
# public half, which the database keeps. So a re-keying (ADR 0023, "Re-keying") can seal a new report key for the
# reporter without the receipt. Reports made before the key pair existed keep a box under `wrap` itself until the
# reporter next returns; a re-keying meanwhile leaves the new key under a key derived from the pepper (the bridge).


def _bridge_key() -> bytes:
    return crypto.derived_key(pepper(), "reporter-bridge")


def wrap_for_reporter(report: Report, key: bytes, receipt: str) -> None:
    params = crypto.receipt_params()
    lookup, wrap = crypto.receipt_secrets(pepper(), receipt, params)
    _, public = crypto.reporter_keypair(wrap)
    report.lookup = lookup
    report.reporter_kdf = params.encode()
    report.reporter_public = public
    report.reporter_box = crypto.seal_to(public, key, ctx(report, "reporter"))
    report.reporter_bridge = None


def seal_for_reporter(report: Report, key: bytes) -> None:
    """After a re-keying: the new key for the reporter, without the receipt."""
    if report.reporter_public:
        report.reporter_box = crypto.seal_to(bytes(report.reporter_public), key, ctx(report, "reporter"))
        report.reporter_bridge = None
    else:
        report.reporter_bridge = crypto.seal_box(_bridge_key(), key, ctx(report, "reporter-bridge"))


def open_for_reporter(report: Report, wrap: bytes) -> tuple[bytes, bool]:
    """(the report key, whether the stored wrap is of the old kind and should be upgraded)."""
    if report.reporter_public:
        private, public = crypto.reporter_keypair(wrap)
        if public != bytes(report.reporter_public):
            raise crypto.DecryptionError("another reporter key")
        return crypto.open_from(private, bytes(report.reporter_box), ctx(report, "reporter")), False
    key = crypto.open_box(wrap, bytes(report.reporter_box), ctx(report, "reporter"))
    if report.reporter_bridge:
        key = crypto.open_box(_bridge_key(), bytes(report.reporter_bridge), ctx(report, "reporter-bridge"))
    return key, True


# --- finishing ---------------------------------------------------------------------------------------------------


def retention_years(report: Report) -> int:
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


def finish(report: Report, status: str, at: dt.datetime) -> None:
    report.status = status
    report.closed_at = at
    years = retention_years(report)
    local = timezone.localtime(at)
    try:
        until = local.replace(year=local.year + years)
    except ValueError:  # 29 February
        until = local.replace(year=local.year + years, day=28)
    report.retain_until = until
