from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal import registry
from portal.navigation import NavItem


class KnowledgeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "knowledge"

    def ready(self) -> None:
        from knowledge import dashboard, seed  # in ready(): they import models

        registry.dashboard_panels.add(dashboard.panels, key="knowledge")
        registry.main_links.add(NavItem(_("Knowledge"), "knowledge:home"), key="knowledge:home")
        registry.urls.add(registry.AreaUrls("knowledge/", "knowledge.urls", "knowledge.api_urls"), key="knowledge")
        registry.seed(seed.seed, order=20)  # knowledge modules before the benchmark reports that recommend them
