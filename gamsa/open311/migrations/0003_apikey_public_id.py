"""A public UUID for Open311 partner keys (issue 16 item 9: no database ids in URLs); existing rows get one each."""

import uuid

from django.db import migrations, models


def fill(apps, schema_editor):
    ApiKey = apps.get_model("open311", "ApiKey")
    for row in ApiKey.objects.filter(public_id__isnull=True).only("pk").iterator():
        ApiKey.objects.filter(pk=row.pk).update(public_id=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("open311", "0002_default_attributes")]

    operations = [
        migrations.AddField(
            model_name="apikey", name="public_id", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apikey",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
