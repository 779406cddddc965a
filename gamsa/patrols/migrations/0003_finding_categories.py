"""The default finding categories (도로, 공원, 교통, 가로정비, 청소, …): EDITABLE DATA, created only if missing.

Departments are not known when the database is created: an administrator sets each category's default department
(the demo data sets them by name).
"""

from django.db import migrations

from gamsa.patrols.seeds import seed_finding_categories


def finding_categories(apps, schema_editor):
    seed_finding_categories(apps.get_model("patrols", "FindingCategory"))


class Migration(migrations.Migration):
    dependencies = [("patrols", "0002_field_items_seed")]
    operations = [migrations.RunPython(finding_categories, migrations.RunPython.noop)]
