from django.apps import AppConfig


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = "Portal"

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added

        # Workers import only <app>.tasks modules: this registers mail()'s send task in every process
        from portal import mail  # noqa: F401
        from portal.mfa import record_enrolment
        from portal.text import install_single_line_inputs

        # One-line inputs (titles, names, subjects) never keep a line break or a control character (issue 13)
        install_single_line_inputs()

        # Activating a second factor took a valid code from it: the session has used it (the two-factor policy)
        authenticator_added.connect(record_enrolment, dispatch_uid="portal.mfa.record_enrolment")
