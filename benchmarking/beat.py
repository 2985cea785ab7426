"""Periodic jobs of benchmarking (Celery beat). No model imports here."""

from celery.schedules import crontab

SCHEDULE = {
    "benchmarking-peer-statistics-nightly": {
        "task": "benchmarking.tasks.peer_statistics_nightly",
        "schedule": crontab(hour=2, minute=30),
    },
}
