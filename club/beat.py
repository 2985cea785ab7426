"""Periodic jobs of the club (registered in the Celery beat schedule by club/apps.py)."""

from celery.schedules import crontab

SCHEDULE = {
    "club-lapse-expired-memberships": {
        "task": "club.tasks.club_lapse_expired_memberships",
        "schedule": crontab(hour=0, minute=15),
    },
    "club-renewal-reminders": {
        "task": "club.tasks.club_send_renewal_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    "club-event-reminders": {
        "task": "club.tasks.club_send_event_reminders",
        "schedule": crontab(minute=5),
    },
    "club-weekly-digest": {
        "task": "club.tasks.club_send_weekly_digest",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
    },
}
