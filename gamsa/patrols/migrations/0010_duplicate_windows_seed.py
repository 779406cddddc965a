"""The shipped near-duplicate window of each seeded 응답소 item (seeds.DUPLICATE_WINDOW_BY_FIELD / _BY_ITEM).

EDITABLE JUDGEMENT, not law (see gamsa/patrols/seeds.py): administrators change the windows on the admin screen.
Only items still at the model's default window are set; provisional items keep the default.
"""

from django.db import migrations

from gamsa.patrols.seeds import seed_duplicate_windows


def windows(apps, schema_editor):
    seed_duplicate_windows(apps.get_model("patrols", "FieldItem"))


class Migration(migrations.Migration):
    dependencies = [("patrols", "0009_duplicate_windows_and_scan_queue")]
    operations = [migrations.RunPython(windows, migrations.RunPython.noop)]
