"""The sealed-identity vault, shared by 청렴톡 and 공익신고 (complaints).

An identity is encrypted under its own random key; that key is sealed to the vault key; the vault key's private
half is sealed to each custodian (and to the escrow, and, until the first custodian claims it, to a key derived from
the pepper). A handler never holds the vault key: a custodian's recorded approval seals one identity's key to one
named person, until a set time, and can be revoked. Every opening writes an access-log row.

The functions that create envelopes take the model classes as arguments where a data migration must call them.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gamsa.core.models import AccessLog, User
from gamsa.core.services import log_access, record_event
from gamsa.hotline import crypto
from gamsa.hotline.models import (
    IdentityEnvelope,
    IdentityGrant,
    IdentityRequest,
    Keyring,
    Member,
    VaultKey,
    VaultKeyWrap,
)

IDENTITY_FIELDS = ("name", "phone", "email", "address")
IDENTITY_LABELS = ["성명", "연락처", "이메일", "주소"]
_BOOTSTRAP = "vault-bootstrap"


class VaultError(ValueError):
    """A refused vault operation; Korean, safe to show, never containing the identity."""


def pepper() -> bytes:
    return settings.GAMSA_HOTLINE_PEPPER.encode()


def _ctx_envelope(subject_type: str, subject_id: str) -> str:
    return f"identity:{subject_type}:{subject_id}"


def _ctx_vault_private() -> str:
    return "vault|private"


def _ctx_grant(envelope, user) -> str:
    return f"identity-grant:{envelope.public_id}:{user.public_id}"


# --- the vault key -----------------------------------------------------------------------------------------------


def ensure_vault(vault_model=VaultKey, keyring_model=None, member_model=None):
    """The vault key, made on first use. Without a custodian key yet, its private half waits under the bootstrap
    wrap (a key derived from the pepper, outside the database) until the first custodian sets up a key."""
    vault = vault_model.objects.order_by("pk").first()
    if vault is not None:
        return vault
    private, public = crypto.keypair()
    return vault_model.objects.create(
        public_key=public,
        bootstrap_box=crypto.seal_box(
            crypto.derived_key(pepper(), _BOOTSTRAP), private, _ctx_vault_private()
        ),
    )


def vault_private_for(user: User, private: bytes) -> bytes:
    vault = VaultKey.objects.order_by("pk").first()
    wrap = VaultKeyWrap.objects.filter(vault=vault, user=user).first() if vault else None
    if wrap is None:
        raise VaultError("신원 관리자 열쇠가 없습니다.")
    return crypto.open_from(private, bytes(wrap.sealed), _ctx_vault_private())


def is_custodian(user: User) -> bool:
    return user.is_authenticated and Member.objects.filter(user=user, is_custodian=True).exists()


@transaction.atomic
def claim_bootstrap(user: User, private: bytes) -> bool:
    """A custodian's new key takes the vault key out of the bootstrap wrap (or from nobody: then nothing)."""
    if not is_custodian(user):
        return False
    vault = ensure_vault()
    public = crypto.public_of(private)
    if vault.bootstrap_box:
        vault_private = crypto.open_box(
            crypto.derived_key(pepper(), _BOOTSTRAP), bytes(vault.bootstrap_box), _ctx_vault_private()
        )
        VaultKeyWrap.objects.update_or_create(
            vault=vault,
            user=user,
            defaults={"sealed": crypto.seal_to(public, vault_private, _ctx_vault_private())},
        )
        vault.bootstrap_box = None
        vault.save(update_fields=["bootstrap_box"])
        record_event(user, "hotline.vault_claimed", None, custodian=user.username)
        return True
    return False


@transaction.atomic
def add_custodian_wrap(actor: User, actor_private: bytes, custodian: User) -> VaultKeyWrap:
    if not is_custodian(actor) or not is_custodian(custodian):
        raise VaultError("신원 관리자만 다른 신원 관리자에게 금고 열쇠를 넘길 수 있습니다.")
    ring = Keyring.objects.filter(user=custodian).first()
    if ring is None:
        raise VaultError(f"{custodian.display_name}에게 아직 청렴톡 열쇠가 없습니다.")
    vault_private = vault_private_for(actor, actor_private)
    wrap, _ = VaultKeyWrap.objects.update_or_create(
        vault=ensure_vault(),
        user=custodian,
        defaults={"sealed": crypto.seal_to(bytes(ring.public_key), vault_private, _ctx_vault_private())},
    )
    record_event(actor, "hotline.custodian_wrapped", None, custodian=custodian.username)
    return wrap


def escrow_vault(private: bytes, user: User) -> None:
    from gamsa.hotline.models import EscrowKey

    escrow = EscrowKey.objects.filter(active=True).first()
    vault = VaultKey.objects.order_by("pk").first()
    if escrow and vault and is_custodian(user):
        try:
            vault_private = vault_private_for(user, private)
        except VaultError:
            return
        vault.escrow_box = crypto.seal_to(
            bytes(escrow.public_key), vault_private, _ctx_vault_private() + "|escrow"
        )
        vault.save(update_fields=["escrow_box"])


# --- sealing -------------------------------------------------------------------------------------------------------


def _compact(text: str) -> str:
    return re.sub(r"\s", "", text or "")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def reveal_tags(identity: dict) -> list[list]:
    """Keyed hashes of the name and the phone's digits, with their lengths: enough to refuse a free text that
    contains them (`text_reveals`), nothing to read them back without the pepper."""
    tags = []
    name = _compact(identity.get("name", ""))
    if len(name) >= 2:
        tags.append(["name", len(name), crypto.keyed_tag(pepper(), "name", name)])
    phone = _digits(identity.get("phone", ""))
    if len(phone) >= 7:
        tags.append(["phone", len(phone), crypto.keyed_tag(pepper(), "phone", phone)])
    return tags


def text_reveals(tags: list, text: str) -> bool:
    compact, digits = _compact(text), _digits(text)
    for kind, size, tag in tags or []:
        source = compact if kind == "name" else digits
        for i in range(0, max(len(source) - size + 1, 0)):
            if crypto.keyed_tag(pepper(), kind, source[i : i + size]) == tag:
                return True
    return False


def seal_identity(
    subject_type: str,
    subject_id: str,
    identity: dict,
    *,
    created_at: dt.datetime | None = None,
    envelope_model=IdentityEnvelope,
    vault_model=VaultKey,
):
    """Seal `identity` (name, phone, email, address) for the subject; returns the envelope."""
    values = {k: str(identity.get(k) or "").strip() for k in IDENTITY_FIELDS}
    vault = ensure_vault(vault_model)
    key = crypto.random_key()
    ctx = _ctx_envelope(subject_type, str(subject_id))
    return envelope_model.objects.create(
        subject_type=subject_type,
        subject_id=str(subject_id),
        sealed_key=crypto.seal_to(bytes(vault.public_key), key, ctx + "|key"),
        box=crypto.seal_box(key, json.dumps(values, ensure_ascii=False).encode(), ctx),
        tags=reveal_tags(values),
        created_at=created_at or timezone.now(),
    )


def envelope_of(subject_type: str, subject_id) -> IdentityEnvelope | None:
    return IdentityEnvelope.objects.filter(subject_type=subject_type, subject_id=str(subject_id)).first()


def _open_with_key(envelope: IdentityEnvelope, key: bytes) -> dict:
    return json.loads(
        crypto.open_box(key, bytes(envelope.box), _ctx_envelope(envelope.subject_type, envelope.subject_id))
    )


def _identity_key_by_vault(envelope: IdentityEnvelope, vault_private: bytes) -> bytes:
    ctx = _ctx_envelope(envelope.subject_type, envelope.subject_id) + "|key"
    return crypto.open_from(vault_private, bytes(envelope.sealed_key), ctx)


def active_grant(envelope: IdentityEnvelope, user: User, now=None) -> IdentityGrant | None:
    now = now or timezone.now()
    return (
        IdentityGrant.objects.filter(
            envelope=envelope, grantee=user, revoked_at__isnull=True, expires_at__gt=now
        )
        .order_by("-approved_at")
        .first()
    )


def open_identity(
    user: User, private: bytes, envelope: IdentityEnvelope, *, request=None, target=None, reason: str = ""
) -> dict:
    """The identity for a custodian (their vault key) or for the named grantee of a live approval. Logged."""
    grant = active_grant(envelope, user)
    try:
        if grant is not None:
            key = crypto.open_from(private, bytes(grant.sealed_key), _ctx_grant(envelope, user))
            how = "승인된 열람"
        elif is_custodian(user):
            key = _identity_key_by_vault(envelope, vault_private_for(user, private))
            how = "신원 관리자 열람"
        else:
            raise VaultError("신원 열람 승인이 없거나 기간이 끝났습니다.")
        identity = _open_with_key(envelope, key)
    except crypto.DecryptionError:
        raise VaultError("이 열쇠로는 신원을 열 수 없습니다.") from None
    log_access(
        user,
        target if target is not None else envelope,
        IDENTITY_LABELS,
        action=AccessLog.Action.VIEW,
        request=request,
        reason=(reason or how)[:200],
    )
    return identity


# --- requests, approvals, revocation ------------------------------------------------------------------------------


@transaction.atomic
def request_access(user: User, envelope: IdentityEnvelope, *, reason: str, target=None) -> IdentityRequest:
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise VaultError("신원 열람 사유를 5자 이상 적으세요.")
    if IdentityRequest.objects.filter(
        envelope=envelope, requester=user, status=IdentityRequest.Status.PENDING
    ).exists():
        raise VaultError("이미 승인을 기다리는 신원 열람 요청이 있습니다.")
    req = IdentityRequest.objects.create(envelope=envelope, requester=user, reason=reason[:300])
    record_event(user, "identity.access_requested", target or envelope, request=str(req.public_id))
    return req


@transaction.atomic
def approve(
    custodian: User,
    custodian_private: bytes,
    req: IdentityRequest,
    *,
    days: int | None = None,
    note: str = "",
    target=None,
) -> IdentityGrant:
    if not is_custodian(custodian):
        raise VaultError("신원 관리자만 승인할 수 있습니다.")
    req = IdentityRequest.objects.select_for_update().get(pk=req.pk)
    if req.status != IdentityRequest.Status.PENDING:
        raise VaultError("이미 처리한 요청입니다.")
    if req.requester_id == custodian.pk:
        raise VaultError("자기 요청은 승인할 수 없습니다. 다른 신원 관리자가 승인해야 합니다.")
    ring = Keyring.objects.filter(user=req.requester).first()
    if ring is None:
        raise VaultError("요청자에게 아직 청렴톡 열쇠가 없습니다.")
    envelope = req.envelope
    key = _identity_key_by_vault(envelope, vault_private_for(custodian, custodian_private))
    now = timezone.now()
    days = days or settings.GAMSA_HOTLINE_IDENTITY_GRANT_DAYS
    if not 1 <= days <= 90:
        raise VaultError("승인 기간은 1일부터 90일까지입니다.")
    grant = IdentityGrant.objects.create(
        envelope=envelope,
        grantee=req.requester,
        sealed_key=crypto.seal_to(bytes(ring.public_key), key, _ctx_grant(envelope, req.requester)),
        request=req,
        approved_by=custodian,
        approved_at=now,
        expires_at=now + dt.timedelta(days=days),
    )
    req.status = IdentityRequest.Status.APPROVED
    req.decided_by, req.decided_at, req.decision_note = custodian, now, note[:300]
    req.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    record_event(
        custodian,
        "identity.access_approved",
        target or envelope,
        grantee=req.requester.username,
        expires_at=grant.expires_at,
    )
    return grant


@transaction.atomic
def deny(custodian: User, req: IdentityRequest, *, note: str = "", target=None) -> IdentityRequest:
    if not is_custodian(custodian):
        raise VaultError("신원 관리자만 거절할 수 있습니다.")
    req = IdentityRequest.objects.select_for_update().get(pk=req.pk)
    if req.status != IdentityRequest.Status.PENDING:
        raise VaultError("이미 처리한 요청입니다.")
    req.status = IdentityRequest.Status.DENIED
    req.decided_by, req.decided_at, req.decision_note = custodian, timezone.now(), note[:300]
    req.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    record_event(
        custodian, "identity.access_denied", target or req.envelope, requester=req.requester.username
    )
    return req


@transaction.atomic
def revoke(custodian: User, grant: IdentityGrant, *, target=None) -> IdentityGrant:
    if not is_custodian(custodian):
        raise VaultError("신원 관리자만 승인을 취소할 수 있습니다.")
    grant = IdentityGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.revoked_at:
        raise VaultError("이미 취소된 승인입니다.")
    grant.revoked_at, grant.revoked_by = timezone.now(), custodian
    grant.sealed_key = b""  # the wrapped key goes with the approval
    grant.save(update_fields=["revoked_at", "revoked_by", "sealed_key"])
    record_event(
        custodian, "identity.access_revoked", target or grant.envelope, grantee=grant.grantee.username
    )
    return grant
