"""A public UUID for department-name aliases and duplicate candidates (issue 16 item 9: no database ids in
URLs); existing rows get one each."""

import uuid

from django.db import migrations, models


def fill(apps, schema_editor):
    UnitAlias = apps.get_model("patrols", "UnitAlias")
    for row in UnitAlias.objects.filter(public_id__isnull=True).only("pk").iterator():
        UnitAlias.objects.filter(pk=row.pk).update(public_id=uuid.uuid4())
    DuplicateCandidate = apps.get_model("patrols", "DuplicateCandidate")
    for row in DuplicateCandidate.objects.filter(public_id__isnull=True).only("pk").iterator():
        DuplicateCandidate.objects.filter(pk=row.pk).update(public_id=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("patrols", "0011_evaluation_rule")]

    operations = [
        migrations.AddField(
            model_name="unitalias", name="public_id", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.AddField(
            model_name="duplicatecandidate",
            name="public_id",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="unitalias",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="duplicatecandidate",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
