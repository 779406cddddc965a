from django.db import migrations

from gamsa.hotline.seeds import seed_all


class Migration(migrations.Migration):
    dependencies = [("hotline", "0001_initial"), ("core", "0008_throttle_and_enrolment_codes")]
    operations = [migrations.RunPython(seed_all, migrations.RunPython.noop)]
