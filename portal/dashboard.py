"""The dashboard is made of panels that each app contributes through an optional `<app>/dashboard.py`.

Each such module defines `panels(request) -> list[Panel]`; the portal shows them in order.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

AREAS = ["platform_directory", "labelling", "benchmarking", "knowledge", "club", "survey"]


@dataclass
class Panel:
    title: str | Promise
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100
    coordinator: bool = False  # shown on the coordination page rather than the personal dashboard


def panels_for(request, *, coordinator: bool = False) -> list[Panel]:
    panels: list[Panel] = [] if coordinator else globals()["panels"](request)
    for area in AREAS:
        module_name = f"{area}.dashboard"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        panels.extend(p for p in module.panels(request) if p.coordinator == coordinator)
    return sorted(panels, key=lambda p: p.order)


def panels(request) -> list[Panel]:
    """The portal's own panel: who you are here, and your account's security."""
    from allauth.mfa.models import Authenticator

    from portal import roles

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
