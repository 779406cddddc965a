from django.db import migrations


def seed(apps, schema_editor):
    from gamsa.investigations.seeds import seed_allegation_types

    seed_allegation_types(apps.get_model("investigations", "AllegationType"))


class Migration(migrations.Migration):
    dependencies = [("investigations", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
