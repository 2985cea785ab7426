"""The dashboard is made of panels that each app contributes through an optional `<app>/dashboard.py`.

Each such module defines `panels(request) -> list[Panel]`; the portal shows them in order.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

AREAS = ["platform_directory", "labelling", "benchmarking", "knowledge", "club", "survey"]


@dataclass
class Panel:
    title: str | Promise
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100
    coordinator: bool = False  # shown on the coordination page rather than the personal dashboard


def panels_for(request, *, coordinator: bool = False) -> list[Panel]:
    panels: list[Panel] = []
    for area in AREAS:
        module_name = f"{area}.dashboard"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        panels.extend(p for p in module.panels(request) if p.coordinator == coordinator)
    return sorted(panels, key=lambda p: p.order)
