"""Re-keying a report when a grant is taken away (recusal, reassignment): ADR 0023, "Re-keying".

A fresh report key replaces the old one everywhere, in the same transaction as the revocation:
- every box under the report key is opened and sealed again under the new key (answers, messages and notes, file
  names, the result, the extension justification, recusal reasons, the hand-over note);
- every file body is decrypted and encrypted again under a fresh file key into a new file; the old files are
  overwritten and unlinked once the transaction commits (the new ones removed if it does not);
- the new key is sealed to each remaining grant holder's public key and to the reporter's public key (or, for a
  report made before the reporter had one, left in the bridge under a key derived from the pepper);
- the revoked person's grant row is overwritten and deleted.
So the old report key, even if its holder copied it, opens nothing that is kept or written after the rotation.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.db import transaction

from gamsa.core.models import User
from gamsa.hotline import crypto
from gamsa.hotline.models import HandOver, Keyring, Report, ReportKeyGrant
from gamsa.hotline.privacy import file_context, spool_dir
from gamsa.hotline.retention import shred
from gamsa.hotline.services.common import ctx, grant_context, seal_for_reporter


def _again(old: bytes, new: bytes, blob, place: str) -> bytes:
    return crypto.seal_box(new, crypto.open_box(old, bytes(blob), place), place)


def _reencrypt_file(report: Report, old: bytes, new: bytes, attachment, written: list[Path]) -> Path:
    """The body under a fresh file key in a new file; returns the old file's path."""
    place_key = ctx(report, f"file:{attachment.public_id}|key")
    old_file_key = crypto.open_box(old, bytes(attachment.key_box), place_key)
    new_file_key = crypto.random_key()
    body = file_context(attachment.public_id.hex)
    old_path = Path(settings.MEDIA_ROOT) / attachment.path
    new_path = spool_dir() / f"{secrets.token_hex(16)}.bin"
    written.append(new_path)
    with old_path.open("rb") as src, new_path.open("wb") as out:
        writer = crypto.StreamWriter(new_file_key, body, out)
        for chunk in crypto.iter_decrypt(old_file_key, body, src):
            writer.write(chunk)
        writer.close()
    attachment.key_box = crypto.seal_box(new, new_file_key, place_key)
    attachment.name_box = _again(
        old, new, attachment.name_box, ctx(report, f"file:{attachment.public_id}|name")
    )
    attachment.path = str(new_path.relative_to(settings.MEDIA_ROOT))
    attachment.save(update_fields=["key_box", "name_box", "path"])
    return old_path


def rotate(report: Report, old: bytes, *, drop: User) -> tuple[bytes, dict]:
    """Re-key `report` (locked by the caller, inside its transaction) and destroy `drop`'s grant.
    Returns the new key and a content-free summary for the caller's event."""
    new = crypto.random_key()
    for field in ("answers", "result", "extension"):
        blob = getattr(report, f"{field}_box")
        if blob:
            setattr(report, f"{field}_box", _again(old, new, blob, ctx(report, field)))
    seal_for_reporter(report, new)
    report.save(
        update_fields=["answers_box", "result_box", "extension_box", "reporter_box", "reporter_bridge"]
    )
    for msg in report.messages.all():
        msg.box = _again(old, new, msg.box, ctx(report, f"message:{msg.public_id}"))
        msg.save(update_fields=["box"])
    for recusal in report.recusals.all():
        recusal.reason_box = _again(old, new, recusal.reason_box, ctx(report, f"recusal:{recusal.pk}"))
        recusal.save(update_fields=["reason_box"])
    hand_over = HandOver.objects.filter(report=report).first()
    if hand_over is not None:
        hand_over.note_box = _again(old, new, hand_over.note_box, ctx(report, "handover"))
        hand_over.save(update_fields=["note_box"])
    written: list[Path] = []
    old_paths: list[Path] = []
    try:
        for attachment in report.attachments.all():
            old_paths.append(_reencrypt_file(report, old, new, attachment, written))
    except Exception:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    # Old files go once the new keys are committed. (Should the caller's transaction roll back instead, the new
    # files stay behind as ciphertext under a key that no longer exists anywhere.)
    transaction.on_commit(lambda: [shred(path) for path in old_paths])
    dropped = ReportKeyGrant.objects.filter(report=report, user=drop)
    dropped.update(sealed_key=b"\0" * 80)  # the wrapped old key does not wait in the row for the delete
    dropped.delete()
    rings = {r.user_id: r for r in Keyring.objects.filter(user__in=report.grants.values("user"))}
    kept = 0
    for grant in report.grants.select_related("user"):
        ring = rings.get(grant.user_id)
        if ring is None:  # the holder abandoned their key: the grant opened nothing anyway
            grant.delete()
            continue
        grant.sealed_key = crypto.seal_to(bytes(ring.public_key), new, grant_context(report, grant.user))
        grant.save(update_fields=["sealed_key"])
        kept += 1
    return new, {"grants": kept, "files": len(old_paths)}
