"""The main navigation, by role. Each entry names a URL and who sees it; apps register theirs in
`portal.registry.main_links` (the top bar) and `portal.registry.personal_links` (the user menu, beside the
dashboard link), in the order they are shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    visible: Callable = lambda user: True

    def url(self) -> str:
        return reverse(self.url_name)


def items_for(user, entries) -> list[tuple[str, str]]:
    return [(entry.label, entry.url()) for entry in entries if entry.visible(user)]
