"""The eligibility floors a profile must meet to be validated (domain.md, from the real collaboration platform)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MIN_MANAGEMENT_FTE = Decimal("0.5")
MIN_COMMITTED_MEMBERS = 15
MIN_MEMBER_TYPES = 2


@dataclass(frozen=True)
class Floor:
    """One floor: what it asks, what the profile declares, and whether it passes."""

    code: str
    label: str | Promise
    required: str
    actual: str
    passed: bool


def organisation_floors(organisation) -> list[Floor]:
    """The four validation floors of `organisation`, each with pass or fail."""
    fte = organisation.management_fte if organisation.management_fte is not None else Decimal("0")
    participants = (
        (organisation.companies or 0)
        + (organisation.research_education or 0)
        + (organisation.public_bodies or 0)
        + (organisation.others or 0)
    )
    types = organisation.member_types
    website_ok = bool(organisation.website) and organisation.website_in_english
    return [
        Floor("management", _("Management team"), "≥ 0.5 FTE", f"{fte.normalize():f} FTE", fte >= MIN_MANAGEMENT_FTE),
        Floor(
            "members",
            _("Committed members"),
            f"≥ {MIN_COMMITTED_MEMBERS}",
            str(participants),
            participants >= MIN_COMMITTED_MEMBERS,
        ),
        Floor(
            "member_types",
            _("Types of members"),
            f"≥ {MIN_MEMBER_TYPES} / 4",
            f"{types} / 4",
            types >= MIN_MEMBER_TYPES,
        ),
        Floor(
            "website",
            _("Working website in English"),
            str(_("yes")),
            str(_("yes") if website_ok else _("no")),
            website_ok,
        ),
    ]


def failing_floors(organisation) -> list[Floor]:
    return [floor for floor in organisation_floors(organisation) if not floor.passed]
