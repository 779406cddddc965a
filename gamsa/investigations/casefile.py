"""The sealed case file: statements and evidence encrypted at rest under a per-case key, on the hotline's
primitives (gamsa.hotline.crypto, the staff key pairs of gamsa.hotline.keys; ADR 0023 "Case files", ADR 0025).

- Each case has an X25519 key pair (CaseKey). Writing needs only its public half: a statement's text is sealed to
  it; an evidence file's body is encrypted in 64 KiB chunks (secretstream) under a fresh file key, and that key and
  the file's name are sealed to it. Every ciphertext names its place (case, statement or file, field).
- Reading needs the case's private half. It exists only sealed to the staff key of each person who may open the
  case (CaseKeyGrant): the office head, the investigation team leader and the investigators assigned now
  (permissions.case_key_holders). A staff key opens with the person's own passphrase; an administrator has none.
- Someone allowed who has no staff key yet gets the grant the next time a holder opens the case with an unlocked
  key (`sync_grants`); a grant whose holder may no longer open the case (unassigned) is destroyed then, or at once
  by `unassign`. A case whose key could be sealed to nobody (the data migration, before anyone had a key) waits
  under a key derived from the pepper (outside the database) until the first allowed person with a key opens it.
"""

from __future__ import annotations

import io
import secrets
import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gamsa.core.filecheck import CONTENT_TYPES, EXTENSIONS, check_upload
from gamsa.core.models import User
from gamsa.core.services import record_event
from gamsa.hotline import crypto
from gamsa.hotline.models import Keyring
from gamsa.investigations import permissions as perms
from gamsa.investigations.models import Case, CaseKey, CaseKeyGrant, EvidenceFile, Statement

EVIDENCE_DIR = "investigations/evidence"
LOCKED = "조사 기록(진술·증거)은 암호화되어 있습니다. 열쇠를 연 뒤 다시 여세요."
NO_GRANT = (
    "이 사건의 기록 열쇠를 아직 받지 못했습니다. 열쇠를 가진 사람(조사팀장·감사담당관)이 사건을 열면 "
    "전달됩니다. 열쇠가 없으면 먼저 '열쇠' 화면에서 만드세요."
)


class CaseFileError(ValueError):
    """The case file cannot be opened for this person now; the message is Korean and safe to show."""


def ctx(case_public_id, field: str) -> str:
    return f"case:{case_public_id}|{field}"


def grant_context(case_public_id, user_public_id) -> str:
    return ctx(case_public_id, f"grant:{user_public_id}")


def _bootstrap_key() -> bytes:
    return crypto.derived_key(settings.GAMSA_HOTLINE_PEPPER.encode(), "investigations-case-bootstrap")


def create_key(case, rings, *, by=None, key_model=CaseKey, grant_model=CaseKeyGrant):
    """A new case key pair, its private half sealed to each (user, public key) in `rings`, or to the bootstrap
    when there is none. Takes the model classes so that a data migration can call it."""
    private, public = crypto.keypair()
    case_key = key_model.objects.create(case=case, public_key=public)
    now = timezone.now()
    for user, public_key in rings:
        grant_model.objects.create(
            case=case,
            user=user,
            sealed_key=crypto.seal_to(public_key, private, grant_context(case.public_id, user.public_id)),
            public_key=public_key,
            granted_by=by,
            granted_at=now,
        )
    if not rings:
        case_key.bootstrap_box = crypto.seal_box(_bootstrap_key(), private, ctx(case.public_id, "bootstrap"))
        case_key.save(update_fields=["bootstrap_box"])
    return case_key


def seal_text(public_key: bytes, case_public_id, statement_public_id, text: str) -> bytes:
    return crypto.seal_to(
        bytes(public_key), text.encode("utf-8"), ctx(case_public_id, f"statement:{statement_public_id}")
    )


def evidence_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / EVIDENCE_DIR
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_evidence(
    case, public_key: bytes, content: bytes, name: str, kind: str, *, by, at, model=EvidenceFile
):
    """Encrypt `content` into a new file and record it (name and file key sealed to the case key)."""
    evidence_id = uuid.uuid4()
    file_key = crypto.random_key()
    path = evidence_dir() / f"{secrets.token_hex(16)}.bin"
    try:
        with path.open("wb") as out:
            crypto.encrypt_stream(
                file_key, ctx(case.public_id, f"evidence:{evidence_id}|body"), io.BytesIO(content), out
            )
        return model.objects.create(
            public_id=evidence_id,
            case=case,
            name_box=crypto.seal_to(
                bytes(public_key), name.encode("utf-8"), ctx(case.public_id, f"evidence:{evidence_id}|name")
            ),
            key_box=crypto.seal_to(
                bytes(public_key), file_key, ctx(case.public_id, f"evidence:{evidence_id}|key")
            ),
            kind=kind,
            size=len(content),
            path=str(path.relative_to(settings.MEDIA_ROOT)),
            uploaded_by=by,
            uploaded_at=at,
        )
    except Exception:
        path.unlink(missing_ok=True)
        raise


# --- keys at run time ----------------------------------------------------------------------------------------------


def holder_rings(case: Case) -> list[tuple[User, bytes]]:
    holders = perms.case_key_holders(case)
    rings = {r.user_id: bytes(r.public_key) for r in Keyring.objects.filter(user__in=[u.pk for u in holders])}
    return [(user, rings[user.pk]) for user in holders if user.pk in rings]


def ensure_key(case: Case, by: User | None = None) -> CaseKey:
    existing = CaseKey.objects.filter(case=case).first()
    return existing or create_key(case, holder_rings(case), by=by)


def has_grant(case: Case, user: User) -> bool:
    return user.is_authenticated and CaseKeyGrant.objects.filter(case=case, user=user).exists()


def case_private(case: Case, user: User, private: bytes | None) -> bytes:
    """The case's private key for `user` with their unlocked staff key: by their grant, or — while the case key
    waits under the bootstrap — for anyone allowed. Raises CaseFileError (Korean) otherwise."""
    if private is None:
        raise CaseFileError(LOCKED)
    grant = CaseKeyGrant.objects.filter(case=case, user=user).first()
    if grant is not None and bytes(grant.public_key) != crypto.public_of(private):
        grant = None  # sealed to a key the person has since abandoned: a holder seals it again (sync_grants)
    try:
        if grant is not None:
            return crypto.open_from(
                private, bytes(grant.sealed_key), grant_context(case.public_id, user.public_id)
            )
        case_key = CaseKey.objects.filter(case=case).first()
        if case_key is not None and case_key.bootstrap_box and perms.can_open(user, case):
            return crypto.open_box(
                _bootstrap_key(), bytes(case_key.bootstrap_box), ctx(case.public_id, "bootstrap")
            )
    except crypto.DecryptionError:
        raise CaseFileError("이 열쇠로는 사건 기록을 열 수 없습니다.") from None
    raise CaseFileError(NO_GRANT)


def _destroy(grants) -> list[str]:
    names = list(grants.values_list("user__username", flat=True))
    grants.update(sealed_key=b"\0" * 80)  # the wrapped key does not wait in the row for the delete
    grants.delete()
    return names


@transaction.atomic
def sync_grants(case: Case, private_of_case: bytes, by: User) -> dict:
    """Seal the case key to every allowed person with a staff key who lacks a grant; destroy the grants of those
    no longer allowed; retire the bootstrap once someone holds a grant. One event when anything changed."""
    case_key = CaseKey.objects.select_for_update().get(case=case)
    if crypto.public_of(private_of_case) != bytes(case_key.public_key):
        raise CaseFileError("이 사건의 열쇠가 아닙니다.")
    holders = holder_rings(case)
    have = {g.user_id: bytes(g.public_key) for g in CaseKeyGrant.objects.filter(case=case)}
    now = timezone.now()
    added = []
    for user, public_key in holders:
        if have.get(user.pk) == public_key:
            continue
        CaseKeyGrant.objects.update_or_create(
            case=case,
            user=user,
            defaults={
                "sealed_key": crypto.seal_to(
                    public_key, private_of_case, grant_context(case.public_id, user.public_id)
                ),
                "public_key": public_key,
                "granted_by": by,
                "granted_at": now,
            },
        )
        added.append(user.username)
    allowed = [u.pk for u in perms.case_key_holders(case)]
    removed = _destroy(CaseKeyGrant.objects.filter(case=case).exclude(user_id__in=allowed))
    retired = False
    if case_key.bootstrap_box and CaseKeyGrant.objects.filter(case=case).exists():
        case_key.bootstrap_box = None
        case_key.save(update_fields=["bootstrap_box"])
        retired = True
    if added or removed or retired:
        record_event(
            by, "investigation.keys_granted", case, added=added, removed=removed, bootstrap_retired=retired
        )
    return {"added": added, "removed": removed, "bootstrap_retired": retired}


def drop_grant(case: Case, user: User) -> list[str]:
    """Destroy `user`'s grant if they may no longer open the case (the caller's transaction and event)."""
    if perms.can_open(user, case):
        return []
    return _destroy(CaseKeyGrant.objects.filter(case=case, user=user))


# --- statements and evidence ------------------------------------------------------------------------------------


def seal_statement(case: Case, statement: Statement, text: str) -> None:
    statement.text_box = seal_text(ensure_key(case).public_key, case.public_id, statement.public_id, text)


def open_statement(case: Case, private_of_case: bytes, statement: Statement) -> str:
    try:
        return crypto.open_from(
            private_of_case,
            bytes(statement.text_box),
            ctx(case.public_id, f"statement:{statement.public_id}"),
        ).decode("utf-8")
    except crypto.DecryptionError:
        raise CaseFileError("진술을 열 수 없습니다(손상되었거나 다른 사건의 기록입니다).") from None


def store_evidence(actor: User, case: Case, data: bytes, original_name: str) -> EvidenceFile:
    """Check by content and size (core.filecheck: image metadata stripped), then encrypt. Raises FileRejected."""
    checked = check_upload(data, settings.GAMSA_ATTACHMENT_MAX_BYTES)
    name = (original_name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:200] or "file"
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return write_evidence(
        case,
        ensure_key(case, actor).public_key,
        checked.content,
        f"{stem}.{EXTENSIONS[checked.kind]}",
        checked.kind,
        by=actor,
        at=timezone.now(),
    )


def evidence_name(case: Case, private_of_case: bytes, evidence: EvidenceFile) -> str:
    return crypto.open_from(
        private_of_case, bytes(evidence.name_box), ctx(case.public_id, f"evidence:{evidence.public_id}|name")
    ).decode("utf-8")


def evidence_body(case: Case, private_of_case: bytes, evidence: EvidenceFile):
    """(name, content type, chunk iterator); a tampered or truncated file stops the stream with an error."""
    name = evidence_name(case, private_of_case, evidence)
    file_key = crypto.open_from(
        private_of_case, bytes(evidence.key_box), ctx(case.public_id, f"evidence:{evidence.public_id}|key")
    )
    path = Path(settings.MEDIA_ROOT) / evidence.path
    place = ctx(case.public_id, f"evidence:{evidence.public_id}|body")

    def chunks():
        with path.open("rb") as src:
            yield from crypto.iter_decrypt(file_key, place, src)

    return name, CONTENT_TYPES.get(evidence.kind, "application/octet-stream"), chunks
