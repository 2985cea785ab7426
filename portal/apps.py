from django.apps import AppConfig


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = "Portal"

    def ready(self) -> None:
        from portal.text import install_single_line_inputs

        # One-line inputs (titles, names, subjects) never keep a line break or a control character (issue 13)
        install_single_line_inputs()
