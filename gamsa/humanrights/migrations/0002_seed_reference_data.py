from django.db import migrations


def seed(apps, schema_editor):
    from gamsa.humanrights.seeds import seed_all

    seed_all(apps, schema_editor)


class Migration(migrations.Migration):
    """The first impact-assessment checklist, the consent notice for participant lists, and core's
    `hr_impact_assessment` deadline rule (kept with core's other rules in gamsa/core/seeds.py; seeded from here so
    that core's migration numbers stay free for core)."""

    dependencies = [("humanrights", "0001_initial"), ("core", "0009_apitoken_public_id")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
