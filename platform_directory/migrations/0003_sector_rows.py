from django.db import migrations

SECTORS = [
    "aerospace-defence", "agri-food", "construction", "cultural-creative", "digital", "electronics",
    "energy-intensive", "energy-renewables", "health", "mobility", "proximity-social", "retail", "textile", "tourism",
]


def add_sectors(apps, schema_editor):
    SectorTag = apps.get_model("platform_directory", "SectorTag")
    for code in SECTORS:
        SectorTag.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("platform_directory", "0002_initial")]
    operations = [migrations.RunPython(add_sectors, migrations.RunPython.noop)]
