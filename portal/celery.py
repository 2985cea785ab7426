"""The Celery app. Without CELERY_BROKER_URL tasks run in-process (see settings).

Tasks: the `tasks.py` of every installed app and of an app's parts (`labelling/certificates/tasks.py`).
Periodic jobs: each app adds its own to `app.conf.beat_schedule` through `portal.registry.beat` from its ready();
the worker and beat set Django up (running every ready()) before beat reads the schedule.
"""

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")


def task_packages() -> list[str]:
    """Every installed app and each of its sub-packages that holds a `tasks.py` (Celery calls this once Django is
    set up)."""
    from django.apps import apps  # inside: the app registry is ready only when Celery asks, not at import

    packages: list[str] = []
    for config in apps.get_app_configs():
        packages.append(config.name)
        packages += sorted(f"{config.name}.{path.parent.name}" for path in Path(config.path).glob("*/tasks.py"))
    return packages


app.autodiscover_tasks(task_packages)
