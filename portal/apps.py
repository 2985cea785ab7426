from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _

from portal import registry
from portal.navigation import NavItem
from portal.text import install_single_line_inputs


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = "Portal"

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added  # in ready(): imports allauth's models, loaded only now

        # in ready(): they import models, loaded only now; `mail` also registers its send task in every process
        from portal import dashboard, mail, roles, seed  # noqa: F401
        from portal.mfa import record_enrolment  # in ready(): imports models, loaded only now

        # One-line inputs (titles, names, subjects) never keep a line break or a control character
        install_single_line_inputs()

        # Activating a second factor took a valid code from it: the session has used it (the two-factor policy)
        authenticator_added.connect(record_enrolment, dispatch_uid="portal.mfa.record_enrolment")

        registry.dashboard_panels.add(dashboard.panels, key="portal")
        # Last in the user menu, after what the apps add there.
        registry.personal_links.add(
            NavItem(_("Coordination"), "portal:coordination", roles.is_coordinator),
            key="portal:coordination",
            order=900,
        )
        registry.seed(seed.seed, order=0)  # the demo users come first: everything else refers to them
        checks.register(every_question_answered)


def every_question_answered(app_configs, **kwargs) -> list[checks.Error]:
    """Every question the portal asks of the apps (portal.registry) has its answer: none is left to fail at a page."""
    return [
        checks.Error(f"{answers.concern}: no installed app answers {name!r}", id="portal.E001")
        for answers in (registry.roles, registry.home)
        for name in answers.unanswered()
    ]
