from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from labelling import beat
from portal import registry
from portal.navigation import NavItem


class LabellingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "labelling"

    def ready(self) -> None:
        from labelling import dashboard, seed  # in ready(): they import models
        from labelling.certificates import seed as certificate_seed  # in ready(): it imports models
        from labelling.certificates import selectors as label_selectors  # in ready(): it imports models
        from portal import roles  # in ready(): imports models

        registry.labels.provide("organisations_with_current_label", label_selectors.organisations_with_current_label)
        registry.labels.provide("current_labels_by_organisation", label_selectors.current_labels_by_organisation)
        registry.dashboard_panels.add(dashboard.panels, key="labelling")
        registry.main_links.add(NavItem(_("Label registry"), "labelling:registry"), key="labelling:registry")
        registry.personal_links.add(
            NavItem(_("Review queue"), "labelling:review_queue", roles.has_assessor_profile),
            key="labelling:review_queue",
        )
        registry.urls.add(registry.AreaUrls("", "labelling.urls", "labelling.api_urls"), key="labelling")
        # After the organisations, knowledge modules, club and surveys; awarded labels before their certificates.
        registry.seed(seed.seed, order=50)
        registry.seed(certificate_seed.seed, order=60)
        registry.beat(beat.SCHEDULE)
