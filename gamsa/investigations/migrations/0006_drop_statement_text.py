"""The statements' plaintext column goes once 0005 has sealed every text (irreversible by design: going back would
need a key holder's passphrase)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("investigations", "0005_seal_case_files")]

    operations = [migrations.RemoveField(model_name="statement", name="text")]
