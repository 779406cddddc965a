"""A public UUID for API tokens (issue 16 item 9: no database ids in URLs); existing rows get one each."""

import uuid

from django.db import migrations, models


def fill(apps, schema_editor):
    ApiToken = apps.get_model("core", "ApiToken")
    for row in ApiToken.objects.filter(public_id__isnull=True).only("pk").iterator():
        ApiToken.objects.filter(pk=row.pk).update(public_id=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("core", "0008_throttle_and_enrolment_codes")]

    operations = [
        migrations.AddField(
            model_name="apitoken", name="public_id", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
