from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal import registry
from portal.navigation import NavItem


class PlatformDirectoryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "platform_directory"
    verbose_name = "Collaboration directory"

    def ready(self) -> None:
        from platform_directory import dashboard, roles, seed, selectors  # in ready(): they import models

        # The directory knows who belongs to which organisation, in which role (portal/roles.py asks).
        registry.roles.provide("managed_organisations", roles.managed_organisations)
        registry.roles.provide("member_organisations", roles.member_organisations)
        registry.roles.provide("organisation_role", roles.organisation_role)
        registry.roles.provide("can_manage_organisation", roles.can_manage_organisation)
        registry.email_visibility.add(selectors.email_visible_colleague_ids, key="platform_directory")
        registry.home.provide("headline_figures", selectors.directory_headline_figures)
        registry.dashboard_panels.add(dashboard.panels, key="platform_directory")
        registry.main_links.add(NavItem(_("Directory"), "platform_directory:list"), key="platform_directory:list")
        registry.urls.add(
            registry.AreaUrls("directory/", "platform_directory.urls", "platform_directory.api_urls"),
            key="platform_directory",
        )
        registry.seed(seed.seed, order=10)  # organisations before everything that refers to them
