"""Each person's language and time zone: what the pages, e-mails and documents made for them use.

The saved choice on the account wins; without one, the browser's (Accept-Language, the time zone cookie the
pages set); without that, the portal's defaults (settings.LANGUAGE_CODE, settings.TIME_ZONE).
"""

from __future__ import annotations

import zoneinfo
from functools import cache

from django.conf import settings
from django.utils import translation

TIME_ZONE_COOKIE = "portal_tz"


@cache
def time_zone_names() -> frozenset[str]:
    """Every IANA zone name this machine knows."""
    return frozenset(zoneinfo.available_timezones())


def valid_time_zone(name: str | None) -> str | None:
    """The zone name if it is a real IANA zone, else None (never trust a cookie or a form)."""
    if name and name in time_zone_names():
        return name
    return None


def supported_language(code: str | None) -> str | None:
    """The portal language for a code (de, de-at, en -> en-gb), or None when the portal does not speak it."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def user_language(user) -> str:
    """The language to write to this person in: their saved one, else the portal's."""
    return supported_language(getattr(user, "language", "")) or settings.LANGUAGE_CODE


def user_time_zone(user) -> zoneinfo.ZoneInfo:
    """The time zone to show this person times in: their saved one, else the portal's."""
    return zoneinfo.ZoneInfo(valid_time_zone(getattr(user, "time_zone", "")) or settings.TIME_ZONE)
