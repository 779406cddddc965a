from django.db import migrations


def seed(apps, schema_editor):
    from gamsa.integrity.seeds import seed_all

    seed_all(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("integrity", "0002_indexes")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
