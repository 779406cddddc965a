"""Key recovery through the office escrow, with two-person control (ADR 0023, "Recovery").

The escrow key's private half exists only as two halves, one sealed to the office head, one to the information
security officer (keys.create_escrow). A person who lost both their passphrase and their recovery code:

1. asks (`ask`), choosing a new passphrase; it protects a temporary key pair kept with the request;
2. each holder approves in their own session with their own unlocked key (`approve`), each step an event. The
   first seals their half to the other holder; the second joins both halves in memory only, opens the person's
   escrowed private key and seals it to the temporary public key;
3. the person unlocks with the new passphrase (`finish`, called by the key page's unlock): their private key is
   wrapped under it, and the request's boxes are wiped.

Neither holder ever sees the other's passphrase, and nobody learns the person's new one. With no escrowed copy
(no escrow, a key made before it and never unlocked since, or the person is a holder) the answer is
keys.UNRECOVERABLE, never silent loss. Requests expire after RECOVERY_DAYS.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone

from gamsa.core.models import User
from gamsa.core.services import record_event
from gamsa.hotline import crypto, keys
from gamsa.hotline.models import EscrowKey, Keyring, RecoveryRequest

RECOVERY_DAYS = 7
Status = RecoveryRequest.Status


def _ctx(req: RecoveryRequest, part: str) -> str:
    return f"recovery:{req.public_id}|{part}"


def _wipe(req: RecoveryRequest) -> None:
    req.new_private_box = None
    req.share_box = None
    req.result_box = None


def escrow() -> EscrowKey | None:
    return EscrowKey.objects.filter(active=True).select_related("holder_a", "holder_b").first()


def is_holder(user: User) -> bool:
    current = escrow()
    return bool(user.is_authenticated and current and user.pk in (current.holder_a_id, current.holder_b_id))


def open_requests():
    """Pending and ready requests, the expired ones cancelled first."""
    now = timezone.now()
    for req in RecoveryRequest.objects.filter(status=Status.PENDING, expires_at__lt=now):
        cancel(None, req, reason="expired")
    return RecoveryRequest.objects.filter(status__in=[Status.PENDING, Status.READY]).select_related(
        "user", "first_by", "second_by"
    )


def current_for(user: User) -> RecoveryRequest | None:
    return (
        RecoveryRequest.objects.filter(user=user, status__in=[Status.PENDING, Status.READY])
        .order_by("-created_at")
        .first()
    )


@transaction.atomic
def ask(user: User, new_passphrase: str) -> RecoveryRequest:
    """The person asks for recovery; raises keys.Unrecoverable when there is no escrowed copy of their key."""
    ring = Keyring.objects.filter(user=user).first()
    current = escrow()
    if ring is None or not ring.escrow_box or current is None:
        raise keys.Unrecoverable
    if user.pk in (current.holder_a_id, current.holder_b_id):
        raise keys.Unrecoverable  # a holder's own half would be needed to recover the holder
    keys.check_passphrase(new_passphrase, user)
    for old in RecoveryRequest.objects.filter(user=user, status__in=[Status.PENDING, Status.READY]):
        cancel(user, old, reason="replaced")
    private, public = crypto.keypair()
    salt = secrets.token_bytes(16)
    params = crypto.passphrase_params()
    now = timezone.now()
    req = RecoveryRequest(
        user=user,
        escrow=current,
        new_public=public,
        salt=salt,
        kdf=params.encode(),
        created_at=now,
        expires_at=now + dt.timedelta(days=RECOVERY_DAYS),
    )
    req.new_private_box = crypto.seal_box(
        crypto.passphrase_key(new_passphrase, salt, params), private, _ctx(req, "temporary")
    )
    req.save()
    record_event(user, "hotline.recovery_requested", req, user=user.username)
    return req


def _own_half(holder: User, private: bytes, current: EscrowKey) -> tuple[bytes, str]:
    part = "a" if holder.pk == current.holder_a_id else "b"
    share = current.share_a if part == "a" else current.share_b
    try:
        return crypto.open_from(private, bytes(share), keys.escrow_share_context(part)), part
    except crypto.DecryptionError:
        raise keys.KeyError_("이 열쇠로는 분할 보관 열쇠의 내 몫을 열 수 없습니다.") from None


@transaction.atomic
def approve(holder: User, private: bytes, req: RecoveryRequest) -> RecoveryRequest:
    """One holder's approval, in their own session with their unlocked key. Recorded as an event each."""
    req = RecoveryRequest.objects.select_for_update().select_related("escrow", "user").get(pk=req.pk)
    current = req.escrow
    if not current.active or holder.pk not in (current.holder_a_id, current.holder_b_id):
        raise keys.KeyError_("분할 보관 열쇠의 보관자만 승인할 수 있습니다.")
    if req.status != Status.PENDING or req.expires_at < timezone.now():
        raise keys.KeyError_("승인을 기다리는 복구 요청이 아닙니다(끝났거나 기한이 지났습니다).")
    if req.first_by_id == holder.pk:
        raise keys.KeyError_("이미 승인했습니다. 다른 보관자의 승인을 기다립니다.")
    half, part = _own_half(holder, private, current)
    other = current.holder_b if part == "a" else current.holder_a
    now = timezone.now()
    if req.first_by_id is None:
        ring = Keyring.objects.filter(user=other).first()
        if ring is None:
            raise keys.KeyError_(f"다른 보관자({other.display_name})의 열쇠가 없습니다.")
        req.share_box = crypto.seal_to(
            bytes(ring.public_key), half, _ctx(req, f"share-for-{other.public_id}")
        )
        req.first_by, req.first_at = holder, now
        req.save(update_fields=["share_box", "first_by", "first_at"])
        record_event(holder, "hotline.recovery_approved", req, user=req.user.username, step=1)
        return req
    try:
        other_half = crypto.open_from(
            private, bytes(req.share_box), _ctx(req, f"share-for-{holder.public_id}")
        )
    except crypto.DecryptionError:
        raise keys.KeyError_("먼저 승인한 보관자의 몫을 열 수 없습니다.") from None
    escrow_private = crypto.join_secret(half, other_half)
    if crypto.public_of(escrow_private) != bytes(current.public_key):
        raise keys.Unrecoverable
    ring = Keyring.objects.get(user=req.user)
    try:
        user_private = crypto.open_from(escrow_private, bytes(ring.escrow_box), keys.escrow_context(req.user))
    except crypto.DecryptionError:
        raise keys.Unrecoverable from None
    req.result_box = crypto.seal_to(bytes(req.new_public), user_private, _ctx(req, "result"))
    req.share_box = None
    req.second_by, req.second_at, req.status = holder, now, Status.READY
    req.save(update_fields=["result_box", "share_box", "second_by", "second_at", "status"])
    record_event(holder, "hotline.recovery_approved", req, user=req.user.username, step=2)
    return req


@transaction.atomic
def finish(user: User, new_passphrase: str) -> bool:
    """The person's unlock with the new passphrase completes a ready recovery; False when none is ready or the
    passphrase is not the one chosen for it."""
    req = (
        RecoveryRequest.objects.select_for_update()
        .filter(user=user, status=Status.READY)
        .order_by("-created_at")
        .first()
    )
    if req is None:
        return False
    key = crypto.passphrase_key(new_passphrase or "", bytes(req.salt), crypto.KdfParams.decode(req.kdf))
    try:
        temporary = crypto.open_box(key, bytes(req.new_private_box), _ctx(req, "temporary"))
        private = crypto.open_from(temporary, bytes(req.result_box), _ctx(req, "result"))
    except crypto.DecryptionError:
        return False
    ring = Keyring.objects.select_for_update().get(user=user)
    if crypto.public_of(private) != bytes(ring.public_key):
        raise keys.Unrecoverable
    keys.rewrap(ring, private, new_passphrase)
    _wipe(req)
    req.status, req.finished_at = Status.DONE, timezone.now()
    req.save(update_fields=["new_private_box", "share_box", "result_box", "status", "finished_at"])
    record_event(
        user,
        "hotline.key_recovered",
        ring,
        path="escrow",
        approved_by=[req.first_by.username, req.second_by.username],
    )
    return True


@transaction.atomic
def cancel(actor: User | None, req: RecoveryRequest, *, reason: str = "cancelled") -> RecoveryRequest:
    req = RecoveryRequest.objects.select_for_update().get(pk=req.pk)
    if req.status not in (Status.PENDING, Status.READY):
        return req
    _wipe(req)
    req.status, req.finished_at = Status.CANCELLED, timezone.now()
    req.save(update_fields=["new_private_box", "share_box", "result_box", "status", "finished_at"])
    record_event(actor, "hotline.recovery_cancelled", req, user=req.user.username, reason=reason)
    return req
