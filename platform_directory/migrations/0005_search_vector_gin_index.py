"""A GIN index on the full-text search vector, on PostgreSQL only (SQLite has no full-text search here)."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS org_search_vector_gin ON platform_directory_clusterorganisation "
            "USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS org_search_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("platform_directory", "0004_profile_validation_queue_and_constraints")]
    operations = [migrations.RunPython(create_index, drop_index)]
