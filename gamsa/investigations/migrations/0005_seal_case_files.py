"""Seal every existing statement and evidence file of the investigations under a per-case key (ADR 0023 "Case
files"). Nothing is lost: each statement's text is sealed into text_box (0006 then drops the plaintext column), and
each evidence file stored by core (plaintext on disk, its name in core_attachment) becomes an EvidenceFile
encrypted on disk; the old file is overwritten and unlinked once the migration commits, the old row deleted.

Each case key is sealed to those who may open the case and already have a staff key (the office head, the
investigation team leader, the assigned investigators); a case with nobody like that waits under a key derived
from the pepper until the first of them opens it. An evidence row whose file is missing on disk is left as it was
(reported), never dropped."""

from pathlib import Path

from django.db import migrations, transaction


def _holder_ids(apps):
    Membership = apps.get_model("core", "Membership")
    active = Membership.objects.filter(ended_on__isnull=True, user__is_active=True)
    heads = set(active.filter(role="office_head").values_list("user_id", flat=True))
    leads = set(
        active.filter(role="team_leader", unit__office_team="investigation").values_list("user_id", flat=True)
    )
    investigators = set(
        active.filter(role="investigator", unit__office_team="investigation").values_list("user_id", flat=True)
    )
    return heads | leads, investigators


def seal_all(apps, schema_editor):
    from gamsa.hotline.retention import shred
    from gamsa.investigations import casefile

    Case = apps.get_model("investigations", "Case")
    Statement = apps.get_model("investigations", "Statement")
    CaseKey = apps.get_model("investigations", "CaseKey")
    CaseKeyGrant = apps.get_model("investigations", "CaseKeyGrant")
    EvidenceFile = apps.get_model("investigations", "EvidenceFile")
    Attachment = apps.get_model("core", "Attachment")
    Keyring = apps.get_model("hotline", "Keyring")

    rings = {r.user_id: (r.user, bytes(r.public_key)) for r in Keyring.objects.select_related("user")}
    everyone, investigators = _holder_ids(apps)
    old_files = []
    missing = []
    for case in Case.objects.order_by("pk").iterator(chunk_size=200):
        case_key = CaseKey.objects.filter(case=case).first()
        if case_key is None:
            assigned = set(
                case.assignments.filter(ended_on__isnull=True).values_list("investigator_id", flat=True)
            )
            holders = sorted(everyone | (assigned & investigators))
            case_key = casefile.create_key(
                case,
                [rings[uid] for uid in holders if uid in rings],
                key_model=CaseKey,
                grant_model=CaseKeyGrant,
            )
        public = bytes(case_key.public_key)
        for statement in Statement.objects.filter(case=case, text_box__isnull=True):
            statement.text_box = casefile.seal_text(public, case.public_id, statement.public_id, statement.text)
            statement.save(update_fields=["text_box"])
        for attachment in Attachment.objects.filter(owner_type="investigations.case", owner_id=case.case_number):
            try:
                with attachment.file.open("rb") as handle:
                    content = handle.read()
                path = Path(attachment.file.path)
            except (FileNotFoundError, ValueError):
                missing.append(str(attachment.public_id))
                continue
            casefile.write_evidence(
                case,
                public,
                content,
                attachment.original_name,
                attachment.kind,
                by=attachment.uploaded_by,
                at=attachment.uploaded_at,
                model=EvidenceFile,
            )
            attachment.delete()
            old_files.append(path)
    if Statement.objects.filter(text_box__isnull=True).exists():
        raise RuntimeError("not every statement was sealed; nothing is dropped")
    if missing:
        print(f"\n  investigations: {len(missing)} evidence row(s) without a file on disk kept as they were: {missing}")
    transaction.on_commit(lambda: [shred(path) for path in old_files])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_throttle_and_enrolment_codes"),
        ("hotline", "0002_seed"),
        ("investigations", "0004_case_file_vault"),
    ]

    operations = [migrations.RunPython(seal_all, migrations.RunPython.noop)]
