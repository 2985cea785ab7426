"""Periodic jobs of the privacy area (registered in the Celery beat schedule by privacy/apps.py)."""

from celery.schedules import crontab

SCHEDULE = {
    "privacy-purge-expired-exports": {
        "task": "privacy.tasks.privacy_purge_expired_exports",
        "schedule": crontab(hour=3, minute=10),
    },
    "privacy-clear-expired-sessions": {
        "task": "privacy.tasks.privacy_clear_expired_sessions",
        "schedule": crontab(hour=3, minute=20),
    },
}
