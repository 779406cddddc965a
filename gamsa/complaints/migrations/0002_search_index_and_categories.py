"""Korean keyword search index (PostgreSQL only) and the default categories."""

from django.db import migrations

from gamsa.complaints.grievances.seeds import seed_categories

INDEX = "complaints_grievance_search_grams_gin"


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON complaints_grievance "
            "USING gin (to_tsvector('simple', search_grams))"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def categories(apps, schema_editor):
    seed_categories(apps.get_model("complaints", "Category"))


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]
    operations = [
        migrations.RunPython(create_search_index, drop_search_index),
        migrations.RunPython(categories, migrations.RunPython.noop),
    ]
