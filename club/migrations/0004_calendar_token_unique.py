# Separate from 0003 so the token backfill and the unique index run in different transactions.

from django.db import migrations, models

import club.models


class Migration(migrations.Migration):
    dependencies = [
        ("club", "0003_club_profile_events_announcements"),
    ]

    operations = [
        migrations.AlterField(
            model_name="clubmembership",
            name="calendar_token",
            field=models.CharField(default=club.models._calendar_token, editable=False, max_length=64, unique=True),
        ),
    ]
