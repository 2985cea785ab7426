"""Accent-insensitive full-text search: "wroclaw" finds Wrocław, "munchen" finds München.

Two text search configurations put the `unaccent` dictionary in front of the usual ones; the search vectors are
rebuilt with them. Nothing happens on SQLite (its search is a plain substring match).
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CREATE = """
CREATE TEXT SEARCH CONFIGURATION portal_simple (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION portal_simple ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
CREATE TEXT SEARCH CONFIGURATION portal_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION portal_english
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
"""

DROP = """
DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_english;
DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_simple;
"""


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE)
    ClusterOrganisation = apps.get_model("platform_directory", "ClusterOrganisation")
    if ClusterOrganisation.objects.exists():
        from platform_directory.services import organisation_search_vector_update

        organisation_search_vector_update(ids=None)


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("platform_directory", "0006_countries_sorted_by_name")]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(create_configurations, drop_configurations),
    ]
