"""Move every 공익신고 reporter identity from the plaintext table into the custodian-sealed vault (ADR 0023), then
drop the table. Nothing is lost: each row becomes one envelope with the same four fields. Irreversible by design:
going back would need a custodian's key."""

from django.db import migrations


def seal_all(apps, schema_editor):
    from gamsa.hotline import vault

    SealedIdentity = apps.get_model("complaints", "SealedIdentity")
    Envelope = apps.get_model("hotline", "IdentityEnvelope")
    VaultKey = apps.get_model("hotline", "VaultKey")
    for row in SealedIdentity.objects.select_related("report").order_by("pk").iterator(chunk_size=500):
        subject_id = str(row.report.public_id)
        if Envelope.objects.filter(subject_type="complaints.publicinterestreport", subject_id=subject_id).exists():
            continue
        vault.seal_identity(
            "complaints.publicinterestreport",
            subject_id,
            {"name": row.name, "phone": row.phone, "email": row.email, "address": row.address},
            created_at=row.report.received_at,
            envelope_model=Envelope,
            vault_model=VaultKey,
        )
    if SealedIdentity.objects.count() != Envelope.objects.filter(
        subject_type="complaints.publicinterestreport"
    ).count():
        raise RuntimeError("not every identity was sealed; nothing is dropped")


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0005_grievance_places_matter_joint"),
        ("hotline", "0002_seed"),
    ]

    operations = [
        migrations.RunPython(seal_all),
        migrations.DeleteModel(name="SealedIdentity"),
    ]
