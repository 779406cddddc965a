"""PostgreSQL: the place lookup's index also carries the grievance id (INCLUDE), so the lookup reads the index only.

At a busy place the lookup's place part reads a few hundred `GrievancePlace` rows for a key; without the id in the
index each was a visit to the table (a bitmap heap scan of 13 ms in the slowest lookups at 1,000,000 grievances).
The index keeps its name and key columns, so Django's model state is unchanged; SQLite has no INCLUDE and keeps the
plain index (docs/adr/0033).
"""

from django.db import migrations

INDEX = "grievance_place_lookup"
TABLE = "complaints_grievanceplace"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"CREATE INDEX {INDEX} ON {TABLE} (key, matter, received_at) INCLUDE (grievance_id)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"CREATE INDEX {INDEX} ON {TABLE} (key, matter, received_at)")


class Migration(migrations.Migration):
    dependencies = [("complaints", "0009_grievance_text_signature")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
