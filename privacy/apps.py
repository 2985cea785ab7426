from django.apps import AppConfig

from portal import registry
from privacy import beat


class PrivacyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "privacy"
    verbose_name = "Privacy"

    def ready(self) -> None:
        registry.beat(beat.SCHEDULE)
