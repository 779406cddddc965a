"""The default 응답소 taxonomy: 12 분야 / 73 세부항목 with their deadlines.

Item names and deadlines are EDITABLE DATA (confidence: Medium; see gamsa/patrols/seeds.py): this migration only
creates what is missing, administrators edit the rest.
"""

from django.db import migrations

from gamsa.patrols.seeds import seed_field_items


def field_items(apps, schema_editor):
    seed_field_items(apps.get_model("patrols", "FieldCategory"), apps.get_model("patrols", "FieldItem"))


class Migration(migrations.Migration):
    dependencies = [("patrols", "0001_initial")]
    operations = [migrations.RunPython(field_items, migrations.RunPython.noop)]
