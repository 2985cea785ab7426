"""GIN indexes for the full-text search vectors, on PostgreSQL only (SQLite uses the simple fallback)."""

from django.db import migrations

TABLES = {"knowledge_module": "knowledge_module_search", "knowledge_lesson": "knowledge_lesson_search",
          "knowledge_casestudy": "knowledge_case_search"}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name in TABLES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_vector)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in TABLES.values():
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
