"""The Celery app. Without CELERY_BROKER_URL tasks run in-process (see settings).

Periodic jobs: each app adds its own to `app.conf.beat_schedule` through `portal.registry.beat` from its ready();
the worker and beat set Django up (running every ready()) before beat reads the schedule.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
