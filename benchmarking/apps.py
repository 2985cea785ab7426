from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from benchmarking import beat
from labelling.review.signals import assessment_decided
from portal import registry
from portal.navigation import NavItem


class BenchmarkingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "benchmarking"

    def ready(self) -> None:
        from benchmarking import dashboard, receivers, seed  # in ready(): they import models

        registry.dashboard_panels.add(dashboard.panels, key="benchmarking")
        registry.main_links.add(NavItem(_("Benchmarking"), "benchmarking:home"), key="benchmarking:home")
        registry.urls.add(
            registry.AreaUrls("benchmarking/", "benchmarking.urls", "benchmarking.api_urls"), key="benchmarking"
        )
        # Last: the peer statistics need the awarded labels, the reports recommend knowledge modules.
        registry.seed(seed.seed, order=70)
        registry.beat(beat.SCHEDULE)
        assessment_decided.connect(receivers.peer_statistics_after_decision, dispatch_uid="benchmarking-after-decision")
