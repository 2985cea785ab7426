"""Periodic jobs of the labelling app (collected by portal/celery.py)."""

from celery.schedules import crontab

SCHEDULE = {
    "labelling-label-expiry-daily": {
        "task": "labelling.tasks.label_expiry_daily_task",
        "schedule": crontab(hour=2, minute=30),
    },
}
