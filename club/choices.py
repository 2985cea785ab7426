"""Fixed lists of the club: languages, areas of expertise, event time zones, profile visibility."""

from __future__ import annotations

import zoneinfo
from functools import lru_cache

from django.db import models
from django.utils.translation import gettext_lazy as _

# ISO 639-1 codes of the languages club members work in, in the order of their English names.
LANGUAGES = [
    ("eu", _("Basque")),
    ("bg", _("Bulgarian")),
    ("ca", _("Catalan")),
    ("hr", _("Croatian")),
    ("cs", _("Czech")),
    ("da", _("Danish")),
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("et", _("Estonian")),
    ("fi", _("Finnish")),
    ("fr", _("French")),
    ("de", _("German")),
    ("el", _("Greek")),
    ("hu", _("Hungarian")),
    ("is", _("Icelandic")),
    ("ga", _("Irish")),
    ("it", _("Italian")),
    ("lv", _("Latvian")),
    ("lt", _("Lithuanian")),
    ("mt", _("Maltese")),
    ("no", _("Norwegian")),
    ("pl", _("Polish")),
    ("pt", _("Portuguese")),
    ("ro", _("Romanian")),
    ("sr", _("Serbian")),
    ("sk", _("Slovak")),
    ("sl", _("Slovenian")),
    ("es", _("Spanish")),
    ("sv", _("Swedish")),
    ("tr", _("Turkish")),
    ("uk", _("Ukrainian")),
]
LANGUAGE_NAMES = dict(LANGUAGES)


class Expertise(models.TextChoices):
    """Fields of knowledge of cluster management a member can offer to peers."""

    STRATEGY = "strategy", _("Strategy development")
    GOVERNANCE = "governance", _("Governance and organisation")
    FINANCING = "financing", _("Financing and business models")
    SERVICES = "services", _("Service development")
    MATCHMAKING = "matchmaking", _("Matchmaking and cooperation projects")
    INTERNATIONAL = "internationalisation", _("Internationalisation")
    INNOVATION = "innovation", _("Innovation management")
    DIGITAL = "digital-transition", _("Digital transition")
    GREEN = "green-transition", _("Green transition")
    SKILLS = "skills", _("Skills and training")
    COMMUNICATION = "communication", _("Communication and community building")
    EVALUATION = "evaluation", _("Performance measurement and evaluation")
    POLICY = "policy", _("Regional and EU policy")
    FUNDING_PROGRAMMES = "eu-funding", _("EU funding programmes")


EXPERTISE_NAMES = dict(Expertise.choices)


class Visibility(models.TextChoices):
    """Who sees one field of a member's profile."""

    MEMBERS = "members", _("other members")
    HIDDEN = "hidden", _("only me and the coordinators")


@lru_cache(maxsize=1)
def event_time_zones() -> list[tuple[str, str]]:
    """IANA zones an event can be held in: UTC and every European zone the system knows."""
    zones = sorted(z for z in zoneinfo.available_timezones() if z.startswith(("Europe/", "Atlantic/")))
    return [("UTC", "UTC"), *[(z, z.replace("_", " ")) for z in zones]]


def codes_to_csv(codes) -> str:
    """Store a list of codes as 'a,b,c' (sorted, unique) so one regular expression finds any of them."""
    return ",".join(sorted({c.strip() for c in codes if c and c.strip()}))


def csv_to_codes(value: str) -> list[str]:
    return [c for c in (value or "").split(",") if c]


def code_regex(code: str) -> str:
    """A regular expression matching one code in a stored 'a,b,c' list (the code is from a fixed list)."""
    return rf"(^|,){code}(,|$)"
