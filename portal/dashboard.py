"""The dashboard is made of panels that each app contributes: a function `panels(request) -> list[Panel]`
(usually in `<app>/dashboard.py`) registered in `portal.registry.dashboard_panels` from the app's ready(); the
portal's own comes first, then the apps' in INSTALLED_APPS order, all sorted by their panel's order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from allauth.mfa.models import Authenticator
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portal import registry, roles


@dataclass
class Panel:
    title: str | Promise
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100
    coordinator: bool = False  # shown on the coordination page rather than the personal dashboard


def panels_for(request, *, coordinator: bool = False) -> list[Panel]:
    panels: list[Panel] = []
    for provider in registry.dashboard_panels:
        panels.extend(p for p in provider(request) if p.coordinator == coordinator)
    return sorted(panels, key=lambda p: p.order)


def panels(request) -> list[Panel]:
    """The portal's own panel: who you are here, and your account's security."""
    user = request.user
    context = {
        "is_coordinator": roles.is_coordinator(user),
        "is_assessor": roles.is_assessor(user),
        "has_assessor_profile": roles.has_assessor_profile(user),
        "is_club_member": roles.is_club_member(user),
        "organisations": list(roles.member_organisations(user).values("name", "slug", "memberships__role")),
        "has_mfa": Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists(),
    }
    return [Panel(title=_("Your roles"), template="portal/_panel_roles.html", context=context, order=1)]
