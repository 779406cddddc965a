from django.db import migrations


def seed(apps, schema_editor):
    from gamsa.core.approvals.seeds import seed_rules

    seed_rules(apps.get_model("approvals", "DelegationRule"), apps.get_model("approvals", "NumberFormat"))


class Migration(migrations.Migration):
    dependencies = [("approvals", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
