"""Default attribute definitions of a few services (차량번호, 전주번호, …): editable data, created only if missing."""

from django.db import migrations


def default_attributes(apps, schema_editor):
    from gamsa.open311.seeds import seed_attribute_rows

    seed_attribute_rows(apps.get_model("patrols", "FieldItem"), apps.get_model("open311", "ServiceAttribute"))


class Migration(migrations.Migration):
    dependencies = [("open311", "0001_initial"), ("patrols", "0002_field_items_seed")]
    operations = [migrations.RunPython(default_attributes, migrations.RunPython.noop)]
