"""The account page is made of sections: the person's name, sign-in and security, their data; areas add their own
(preferences such as language, time zone or notification choices) through an optional `<area>/account_sections.py`
defining `sections(request) -> list[AccountSection]`, shown in order.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

from portal.dashboard import AREAS


@dataclass
class AccountSection:
    key: str  # the section's anchor: /account/#<key>
    title: str | Promise
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


def sections_for(request, own: list[AccountSection]) -> list[AccountSection]:
    sections = list(own)
    for area in ["portal", *AREAS]:
        module_name = f"{area}.account_sections"
        if importlib.util.find_spec(module_name) is None:
            continue
        sections.extend(importlib.import_module(module_name).sections(request))
    return sorted(sections, key=lambda s: s.order)
