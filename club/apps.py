from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from club import beat
from portal import registry
from portal.navigation import NavItem


class ClubConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "club"

    def ready(self) -> None:
        from club import dashboard, seed, selectors  # in ready(): they import models

        # The club knows who is a member (portal/roles.py asks).
        registry.roles.provide("is_club_member", lambda user: selectors.club_membership_is_active(user=user))
        registry.email_visibility.add(selectors.email_visible_registrant_ids, key="club")
        registry.dashboard_panels.add(dashboard.panels, key="club")
        registry.main_links.add(NavItem(_("Club"), "club:home"), key="club:home")
        registry.urls.add(registry.AreaUrls("club/", "club.urls", "club.api_urls"), key="club")
        registry.seed(seed.seed, order=30)
        registry.beat(beat.SCHEDULE)
