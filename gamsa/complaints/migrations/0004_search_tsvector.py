"""PostgreSQL: keep the search vector as a stored generated column, so a keyword search never recomputes it.

The column is invisible to Django (the database fills it); SQLite keeps the substring fallback.
"""

from django.db import migrations

OLD_INDEX = "complaints_grievance_search_grams_gin"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")
    schema_editor.execute(
        "ALTER TABLE complaints_grievance ADD COLUMN IF NOT EXISTS search_tsv tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple', search_grams)) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS complaints_grievance_search_tsv ON complaints_grievance USING gin (search_tsv)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS complaints_grievance_search_tsv")
    schema_editor.execute("ALTER TABLE complaints_grievance DROP COLUMN IF EXISTS search_tsv")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON complaints_grievance USING gin (to_tsvector('simple', search_grams))"
    )


class Migration(migrations.Migration):
    dependencies = [("complaints", "0003_inspection")]
    operations = [migrations.RunPython(forwards, backwards)]
