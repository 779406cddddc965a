from django.db import migrations

from gamsa.core.seeds import seed_deadline_rules


def seed(apps, schema_editor):
    seed_deadline_rules(apps.get_model("core", "DeadlineRule"))


class Migration(migrations.Migration):
    dependencies = [("core", "0002_seed_deadline_rules")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
