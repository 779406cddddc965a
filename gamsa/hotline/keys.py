"""Staff keys: set-up with a hotline passphrase, unlocking into the session, recovery code, escrow, recovery.

The private key of a handler or custodian is protected by a separate hotline passphrase, not the login password:
an administrator who resets a login password gains nothing, and a later single sign-on cannot break decryption
(ADR 0023). Unlocked, the key lives in the session only encrypted under a random key held in an HttpOnly cookie,
for GAMSA_HOTLINE_KEY_MINUTES.

Recovery paths, in this order: the personal recovery code printed at set-up; the office escrow, whose private key
exists only as two halves sealed to the office head and the information security officer, who each approve in their
own session (recovery.py). When neither is available the answer is "복구할 수 없습니다", with what follows.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gamsa.core.models import Role, User
from gamsa.core.permissions import has_role, is_office_staff
from gamsa.core.services import record_event
from gamsa.hotline import crypto
from gamsa.hotline.models import EscrowKey, Keyring, Member

COOKIE = "gamsa_hotline_key"
SESSION_KEY = "hotline_key"
MIN_PASSPHRASE = 12
UNRECOVERABLE = (
    "복구할 수 없습니다. 청렴톡 암호와 복구 코드를 모두 잃었고 분할 보관된 복구 열쇠로도 열 수 없는 열쇠입니다. "
    "이 열쇠로만 열리던 신고는 그 신고의 열쇠를 가진 다른 담당자(접수 담당)가 새 열쇠로 다시 배정해야 볼 수 있습니다. "
    "새 열쇠를 만들 수 있습니다."
)


class KeyError_(ValueError):
    """A refused key operation; the message is Korean and safe to show."""


class Unrecoverable(KeyError_):
    def __init__(self):
        super().__init__(UNRECOVERABLE)


def _ctx_private(user: User) -> str:
    return f"user:{user.public_id}|private"


def escrow_share_context(part: str) -> str:
    return f"escrow|share-{part}"


_HOLDER_RULES: list = []


def register_key_holder(rule) -> None:
    """Another app whose records are sealed to staff keys (investigations: the case file) names who else may
    hold a key: `rule(user) -> bool`. The staff key is one per person, whatever it opens."""
    if rule not in _HOLDER_RULES:
        _HOLDER_RULES.append(rule)


def may_hold_keys(user: User) -> bool:
    """Office staff designated on the hotline, or named by another app's rule; a system administrator manages
    people but never holds keys."""
    if not user.is_authenticated or has_role(user, Role.SYSADMIN) or not is_office_staff(user):
        return False
    return Member.objects.filter(user=user).exists() or any(rule(user) for rule in _HOLDER_RULES)


def check_passphrase(passphrase: str, user: User) -> None:
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise KeyError_(f"청렴톡 암호는 {MIN_PASSPHRASE}자 이상이어야 합니다.")
    if passphrase == user.username:
        raise KeyError_("청렴톡 암호로 아이디를 쓸 수 없습니다.")


def escrow_context(user: User) -> str:
    return _ctx_private(user) + "|escrow"


def _wrap_private(user: User, private: bytes, passphrase: str) -> tuple[bytes, bytes, str]:
    salt = secrets.token_bytes(16)
    params = crypto.passphrase_params()
    key = crypto.passphrase_key(passphrase, salt, params)
    return crypto.seal_box(key, private, _ctx_private(user)), salt, params.encode()


def _recovery_code() -> str:
    raw = secrets.token_hex(16).upper()  # 128 bits
    return "-".join(raw[i : i + 4] for i in range(0, 32, 4))


@transaction.atomic
def set_up_key(user: User, passphrase: str) -> tuple[Keyring, str]:
    """Create the user's key pair; returns the keyring and the recovery code (shown once)."""
    if not may_hold_keys(user):
        raise KeyError_(
            "청렴톡 담당자나 조사팀(조사관·조사팀장·감사담당관)인 감사담당관실 직원만 열쇠를 만들 수 있습니다."
        )
    if Keyring.objects.filter(user=user).exists():
        raise KeyError_("이미 청렴톡 열쇠가 있습니다.")
    check_passphrase(passphrase, user)
    private, public = crypto.keypair()
    box, salt, kdf = _wrap_private(user, private, passphrase)
    code = _recovery_code()
    recovery_salt = secrets.token_bytes(16)
    recovery_key = crypto.passphrase_key(code, recovery_salt, crypto.KdfParams.decode(kdf))
    escrow = EscrowKey.objects.filter(active=True).first()
    ring = Keyring.objects.create(
        user=user,
        public_key=public,
        private_box=box,
        salt=salt,
        kdf=kdf,
        recovery_box=crypto.seal_box(recovery_key, private, _ctx_private(user) + "|recovery"),
        recovery_salt=recovery_salt,
        escrow_box=crypto.seal_to(escrow.public_key, private, escrow_context(user)) if escrow else None,
    )
    record_event(user, "hotline.key_created", ring, escrowed=escrow is not None)
    from gamsa.hotline import vault

    vault.claim_bootstrap(user, private)
    return ring, code


def open_private(user: User, passphrase: str) -> bytes:
    ring = Keyring.objects.filter(user=user).first()
    if ring is None:
        raise KeyError_("청렴톡 열쇠가 아직 없습니다. 먼저 열쇠를 만드세요.")
    key = crypto.passphrase_key(passphrase or "", bytes(ring.salt), crypto.KdfParams.decode(ring.kdf))
    try:
        return crypto.open_box(key, bytes(ring.private_box), _ctx_private(user))
    except crypto.DecryptionError:
        raise KeyError_("청렴톡 암호가 맞지 않습니다.") from None


# --- the key in the session -------------------------------------------------------------------------------------


def unlock(request, passphrase: str) -> bytes:
    private = open_private(request.user, passphrase)
    cookie_key = crypto.random_key()
    request.session[SESSION_KEY] = {
        "box": crypto.b64(crypto.seal_box(cookie_key, private, f"session|{request.user.public_id}")),
        "until": (timezone.now() + dt.timedelta(minutes=settings.GAMSA_HOTLINE_KEY_MINUTES)).isoformat(),
    }
    request._hotline_cookie = crypto.b64(cookie_key)
    return private


def attach_cookie(request, response):
    value = getattr(request, "_hotline_cookie", None)
    if value:
        response.set_cookie(
            COOKIE, value, httponly=True, secure=settings.SESSION_COOKIE_SECURE, samesite="Strict", path="/"
        )
    return response


def lock(request, response=None):
    request.session.pop(SESSION_KEY, None)
    if response is not None:
        response.delete_cookie(COOKIE, path="/")


def unlocked_private(request) -> bytes | None:
    held = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    cookie = request.COOKIES.get(COOKIE) or getattr(request, "_hotline_cookie", None)
    if not held or not cookie or not request.user.is_authenticated:
        return None
    try:
        if dt.datetime.fromisoformat(held["until"]) < timezone.now():
            request.session.pop(SESSION_KEY, None)
            return None
        return crypto.open_box(
            crypto.unb64(cookie), crypto.unb64(held["box"]), f"session|{request.user.public_id}"
        )
    except (crypto.DecryptionError, KeyError, ValueError, TypeError):
        return None


# --- escrow ----------------------------------------------------------------------------------------------------


@transaction.atomic
def create_escrow(actor: User, holder_a: User, holder_b: User) -> EscrowKey:
    """Make the office escrow key; its private key is split in two halves, one sealed to each holder.
    Existing keyrings are escrowed when their owners next unlock (`escrow_own_key`)."""
    if not has_role(actor, Role.OFFICE_HEAD):
        raise KeyError_("복구 열쇠는 감사담당관이 만듭니다.")
    if holder_a.pk == holder_b.pk:
        raise KeyError_("복구 열쇠의 두 보관자는 서로 다른 사람이어야 합니다.")
    rings = {r.user_id: r for r in Keyring.objects.filter(user__in=[holder_a, holder_b])}
    if len(rings) != 2:
        raise KeyError_("두 보관자 모두 먼저 청렴톡 열쇠를 만들어야 합니다.")
    EscrowKey.objects.filter(active=True).update(active=False)
    private, public = crypto.keypair()
    half_a, half_b = crypto.split_secret(private)
    escrow = EscrowKey.objects.create(
        public_key=public,
        holder_a=holder_a,
        share_a=crypto.seal_to(bytes(rings[holder_a.pk].public_key), half_a, escrow_share_context("a")),
        holder_b=holder_b,
        share_b=crypto.seal_to(bytes(rings[holder_b.pk].public_key), half_b, escrow_share_context("b")),
    )
    record_event(
        actor, "hotline.escrow_created", None, holder_a=holder_a.username, holder_b=holder_b.username
    )
    return escrow


@transaction.atomic
def escrow_own_key(user: User, private: bytes) -> bool:
    escrow = EscrowKey.objects.filter(active=True).first()
    ring = Keyring.objects.select_for_update().filter(user=user).first()
    if escrow is None or ring is None:
        return False
    ring.escrow_box = crypto.seal_to(bytes(escrow.public_key), private, escrow_context(user))
    ring.save(update_fields=["escrow_box"])
    from gamsa.hotline import vault

    vault.escrow_vault(private, user)
    record_event(user, "hotline.key_escrowed", ring)
    return True


def recovery_paths(user: User) -> list[str]:
    ring = Keyring.objects.filter(user=user).first()
    if ring is None:
        return []
    paths = []
    if ring.recovery_box:
        paths.append("code")
    escrow = EscrowKey.objects.filter(active=True).first()
    if ring.escrow_box and escrow and user.pk not in (escrow.holder_a_id, escrow.holder_b_id):
        paths.append("escrow")
    return paths


@transaction.atomic
def recover_with_code(user: User, code: str, new_passphrase: str) -> Keyring:
    ring = Keyring.objects.select_for_update().filter(user=user).first()
    if ring is None or not ring.recovery_box:
        raise Unrecoverable
    check_passphrase(new_passphrase, user)
    key = crypto.passphrase_key(
        (code or "").strip().upper(), bytes(ring.recovery_salt), crypto.KdfParams.decode(ring.kdf)
    )
    try:
        private = crypto.open_box(key, bytes(ring.recovery_box), _ctx_private(user) + "|recovery")
    except crypto.DecryptionError:
        raise KeyError_("복구 코드가 맞지 않습니다.") from None
    ring.private_box, ring.salt, ring.kdf = _wrap_private(user, private, new_passphrase)
    ring.save(update_fields=["private_box", "salt", "kdf"])
    record_event(user, "hotline.key_recovered", ring, path="recovery_code")
    return ring


def rewrap(ring: Keyring, private: bytes, passphrase: str) -> None:
    """The private key under a new passphrase (a completed recovery; the caller records the event)."""
    check_passphrase(passphrase, ring.user)
    ring.private_box, ring.salt, ring.kdf = _wrap_private(ring.user, private, passphrase)
    ring.save(update_fields=["private_box", "salt", "kdf"])


@transaction.atomic
def start_over(user: User, passphrase: str) -> tuple[Keyring, str]:
    """The key cannot be recovered: drop it and the report grants it opened; make a new one."""
    from gamsa.hotline.models import ReportKeyGrant, VaultKeyWrap

    old = Keyring.objects.filter(user=user).first()
    if old is not None:
        lost = ReportKeyGrant.objects.filter(user=user).count()
        ReportKeyGrant.objects.filter(user=user).delete()
        VaultKeyWrap.objects.filter(user=user).delete()
        old.delete()
        record_event(user, "hotline.key_abandoned", None, user=user.username, grants_lost=lost)
    return set_up_key(user, passphrase)
