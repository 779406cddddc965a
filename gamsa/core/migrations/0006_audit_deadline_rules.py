from django.db import migrations

from gamsa.core.seeds import seed_deadline_rules


def seed(apps, schema_editor):
    seed_deadline_rules(apps.get_model("core", "DeadlineRule"))


class Migration(migrations.Migration):
    dependencies = [("core", "0005_citizen_auditor_role")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
