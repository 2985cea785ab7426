"""The main navigation, by role. Each entry names a URL and who sees it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portal import roles


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    visible: Callable = lambda user: True

    def url(self) -> str | None:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:  # an area not installed in this deployment
            return None


MAIN = [
    NavItem(_("Directory"), "platform_directory:list"),
    NavItem(_("Label registry"), "labelling:registry"),
    NavItem(_("Benchmarking"), "benchmarking:home"),
    NavItem(_("Knowledge"), "knowledge:home"),
    NavItem(_("Club"), "club:home"),
    NavItem(_("Surveys"), "survey:list"),
]

# In the user menu, beside the dashboard link.
PERSONAL = [
    NavItem(_("Review queue"), "labelling:review_queue", roles.has_assessor_profile),
    NavItem(_("Coordination"), "portal:coordination", roles.is_coordinator),
]


def items_for(user, entries: list[NavItem]) -> list[tuple[str, str]]:
    result = []
    for entry in entries:
        if not entry.visible(user):
            continue
        url = entry.url()
        if url:
            result.append((entry.label, url))
    return result
