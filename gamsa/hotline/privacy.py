"""No trace of the reporter: the middleware for the reporter routes, the global budgets, the proof of work and
the upload handler that encrypts files as they arrive (no plaintext temporary file).

Reporter routes are /hotline/ (the pages) and /api/v1/hotline/ (the API). Before any other layer sees the request,
the middleware removes the client address (REMOTE_ADDR becomes 0.0.0.0), every forwarding header, the user agent,
the referrer, and takes the receipt header out of META into the request, so sessions, django-axes, the
application log and error reports never see them. It then sets no-store, no-referrer, a strict CSP and a
Permissions-Policy on the answer.

Throttling uses no address (GlobaLeaks' approach): a global counter per hour (submissions) or minute (receipt
lookups). A browser with script solves a small proof of work (SHA-256 with GAMSA_HOTLINE_POW_BITS leading zero
bits over a signed, single-use challenge) and draws on the larger budget; without script, the request draws on a
smaller separate budget, so the no-script path always works but cannot be used to flood (ADR 0023).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gamsa.hotline import crypto

REPORTER_PREFIXES = ("/hotline/", "/api/v1/hotline/")
_DROP_META = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_CLIENT_IP",
    "HTTP_CLIENT_IP",
    "HTTP_CF_CONNECTING_IP",
    "HTTP_TRUE_CLIENT_IP",
    "HTTP_X_CLUSTER_CLIENT_IP",
    "HTTP_VIA",
    "HTTP_USER_AGENT",
    "HTTP_REFERER",
    "HTTP_ORIGIN_IP",
    "HTTP_SEC_CH_UA",
    "HTTP_SEC_CH_UA_MOBILE",
    "HTTP_SEC_CH_UA_PLATFORM",
    "HTTP_FROM",
    "HTTP_DNT",
)
RECEIPT_HEADER = "HTTP_X_HOTLINE_RECEIPT"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


def is_reporter_path(path: str) -> bool:
    return path.startswith(REPORTER_PREFIXES)


class ReporterPrivacyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_reporter_path(request.path_info):
            return self.get_response(request)
        meta = request.META
        request.hotline_receipt = meta.pop(RECEIPT_HEADER, None)
        for name in _DROP_META:
            meta.pop(name, None)
        for name in [k for k in meta if k.startswith("HTTP_X_FORWARDED")]:
            meta.pop(name, None)
        meta["REMOTE_ADDR"] = "0.0.0.0"  # noqa: S104 (a placeholder, never an address we bind)
        meta.pop("REMOTE_HOST", None)
        request.upload_handlers = [EncryptingUploadHandler(request)]
        request.hotline_reporter = True
        response = self.get_response(request)
        response["Cache-Control"] = "no-store, max-age=0"
        response["Pragma"] = "no-cache"
        response["Referrer-Policy"] = "no-referrer"
        response["Content-Security-Policy"] = CSP
        response["Permissions-Policy"] = PERMISSIONS
        response["X-Robots-Tag"] = "noindex, noarchive"
        response["Cross-Origin-Resource-Policy"] = "same-origin"
        response["X-Frame-Options"] = "DENY"
        if response.has_header("Vary"):
            response["Vary"] = ", ".join(
                v.strip()
                for v in response["Vary"].split(",")
                if v.strip().lower() not in ("user-agent", "referer")
            )
        return response


# --- global budgets -----------------------------------------------------------------------------------------------


def _window(kind: str, now: dt.datetime) -> dt.datetime:
    if kind.endswith("hour"):
        return now.replace(minute=0, second=0, microsecond=0)
    return now.replace(second=0, microsecond=0)


def take_budget(bucket: str, limit: int, now: dt.datetime | None = None) -> bool:
    """Count one use of the global `bucket` in its current window; False when the window is full."""
    from gamsa.hotline.models import Budget

    now = now or timezone.now()
    start = _window(bucket, now)
    with transaction.atomic():
        row = Budget.objects.select_for_update().filter(bucket=bucket, window_start=start).first()
        if row is None:
            try:
                with transaction.atomic():
                    Budget.objects.create(bucket=bucket, window_start=start, count=1)
                    return True
            except IntegrityError:
                row = Budget.objects.select_for_update().get(bucket=bucket, window_start=start)
        if row.count >= limit:
            return False
        Budget.objects.filter(pk=row.pk).update(count=F("count") + 1)
    return True


def prune_budgets(now: dt.datetime | None = None) -> None:
    from gamsa.hotline.models import Budget, SpentChallenge

    now = now or timezone.now()
    Budget.objects.filter(window_start__lt=now - dt.timedelta(days=1)).delete()
    SpentChallenge.objects.filter(expires_at__lt=now).delete()


# --- proof of work ------------------------------------------------------------------------------------------------

CHALLENGE_MINUTES = 30


def _sign(body: str) -> str:
    key = crypto.derived_key(settings.SECRET_KEY.encode(), "hotline-pow")
    return hmac.new(key, body.encode(), hashlib.sha256).hexdigest()[:32]


def new_challenge(now: dt.datetime | None = None) -> str:
    """A signed challenge: random, with its expiry; nothing about who asked."""
    now = now or timezone.now()
    expires = int((now + dt.timedelta(minutes=CHALLENGE_MINUTES)).timestamp())
    body = f"{secrets.token_hex(12)}.{expires}.{settings.GAMSA_HOTLINE_POW_BITS}"
    return f"{body}.{_sign(body)}"


def _leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        return bits + (8 - byte.bit_length())
    return bits


def check_pow(challenge: str, nonce: str, now: dt.datetime | None = None) -> bool:
    """True for a valid, unexpired, unused challenge whose nonce meets the difficulty (then it is spent)."""
    from gamsa.hotline.models import SpentChallenge

    now = now or timezone.now()
    try:
        rand, expires, bits, signature = (challenge or "").split(".")
        body = f"{rand}.{expires}.{bits}"
        if not hmac.compare_digest(signature, _sign(body)):
            return False
        expires_at = dt.datetime.fromtimestamp(int(expires), tz=dt.UTC)
        if expires_at < now or len(nonce or "") > 32:
            return False
        digest = hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()
        if _leading_zero_bits(digest) < int(bits):
            return False
    except (ValueError, OverflowError):
        return False
    try:
        with transaction.atomic():
            SpentChallenge.objects.create(
                digest=hashlib.sha256(challenge.encode()).hexdigest(), expires_at=expires_at
            )
    except IntegrityError:
        return False
    return True


def solve_pow(challenge: str) -> str:
    """What the browser script does (used by tests, the bench and API clients written in Python)."""
    bits = int(challenge.split(".")[2])
    counter = 0
    while True:
        nonce = format(counter, "x")
        if _leading_zero_bits(hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()) >= bits:
            return nonce
        counter += 1


def admit(kind: str, challenge: str | None, nonce: str | None) -> bool:
    """One submission ('reports') or lookup ('lookups') admitted against the global budgets."""
    solved = bool(challenge and nonce) and check_pow(challenge, nonce)
    if kind == "reports":
        if solved:
            return take_budget("reports-hour", settings.GAMSA_HOTLINE_REPORTS_PER_HOUR)
        return take_budget("reports-noscript-hour", settings.GAMSA_HOTLINE_NOSCRIPT_REPORTS_PER_HOUR)
    if solved:
        return take_budget("lookups-minute", settings.GAMSA_HOTLINE_LOOKUPS_PER_MINUTE)
    return take_budget("lookups-noscript-minute", settings.GAMSA_HOTLINE_NOSCRIPT_LOOKUPS_PER_MINUTE)


# --- uploads encrypted as they arrive ----------------------------------------------------------------------------


def spool_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "hotline" / "files"
    path.mkdir(parents=True, exist_ok=True)
    return path


class EncryptedUpload(UploadedFile):
    """An uploaded file already encrypted on disk under a fresh file key held only in memory (and, once the
    report takes it, wrapped under the report key). `.name` is the original name, in memory only."""

    def __init__(self, name: str, content_type: str | None, path: Path, file_id: str, key: bytes, size: int):
        super().__init__(file=None, name=None, content_type=content_type, size=size)
        self._name = name
        self.path, self.file_id, self.key = path, file_id, key
        self.too_large = False

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, value):
        self._name = value

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)

    def read(self, *args):  # the plaintext is not kept
        raise OSError("encrypted upload")

    def __repr__(self) -> str:
        return "<EncryptedUpload>"


def file_context(file_id: str) -> str:
    return f"file:{file_id}|body"


class EncryptingUploadHandler(FileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self._writer = None

    def new_file(
        self, field_name, file_name, content_type, content_length, charset=None, content_type_extra=None
    ):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        self._id = secrets.token_hex(16)
        self._key = crypto.random_key()
        self._path = spool_dir() / f"{self._id}.bin"
        self._out = self._path.open("wb")
        self._writer = crypto.StreamWriter(self._key, file_context(self._id), self._out)
        self._limit = settings.GAMSA_HOTLINE_MAX_FILE_MB * 1024 * 1024
        self._too_large = False
        raise StopFutureHandlers

    def receive_data_chunk(self, raw_data, start):
        if self._too_large:
            return None
        if self._writer.size + len(raw_data) > self._limit:
            self._too_large = True
            return None
        self._writer.write(raw_data)
        return None

    def file_complete(self, file_size):
        self._writer.close()
        self._out.close()
        upload = EncryptedUpload(
            self.file_name or "file", self.content_type, self._path, self._id, self._key, self._writer.size
        )
        upload.too_large = self._too_large
        if self._too_large:
            upload.discard()
        self._writer = None
        return upload

    def upload_interrupted(self):
        if self._writer is not None:
            self._out.close()
            self._path.unlink(missing_ok=True)
