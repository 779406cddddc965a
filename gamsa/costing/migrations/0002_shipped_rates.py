"""Load the shipped rate table: A- and B-grade values active, C-grade values as inactive drafts.

The values come from gamsa/costing/engine/defaults.py (one list for the migration, the tests and the bench,
with the sources of every value). Later changes are new RateVersion rows added by an administrator.
"""

from django.db import migrations


def load(apps, schema_editor):
    from gamsa.costing.engine.defaults import default_rates

    RateVersion = apps.get_model("costing", "RateVersion")
    if RateVersion.objects.exists():
        return
    objs = []
    for row in default_rates():
        row = dict(row)
        row["check_kind"] = row.pop("check")
        objs.append(RateVersion(**row))
    RateVersion.objects.bulk_create(objs)


def unload(apps, schema_editor):
    apps.get_model("costing", "RateVersion").objects.filter(created_by__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("costing", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
