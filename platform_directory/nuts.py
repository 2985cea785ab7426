"""NUTS (Eurostat's regional classification) country prefixes.

NUTS codes start with the country's ISO code except Greece (EL) and the United Kingdom (UK, NUTS 2016).
Countries outside the classification have no NUTS 2 code; their profiles leave the code empty.
"""

from __future__ import annotations

NUTS_PREFIX_EXCEPTIONS = {"GR": "EL", "GB": "UK"}

# EU members, EFTA and candidate countries that Eurostat covers (NUTS 2021 and statistical regions).
NUTS_COUNTRIES = frozenset(
    [
        "AL",
        "AT",
        "BE",
        "BG",
        "CH",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GB",
        "GR",
        "HR",
        "HU",
        "IE",
        "IS",
        "IT",
        "LI",
        "LT",
        "LU",
        "LV",
        "ME",
        "MK",
        "MT",
        "NL",
        "NO",
        "PL",
        "PT",
        "RO",
        "RS",
        "SE",
        "SI",
        "SK",
        "TR",
    ]
)


def nuts_prefix(country: str) -> str:
    """The two letters every NUTS code of `country` starts with."""
    return NUTS_PREFIX_EXCEPTIONS.get(country, country)


def country_uses_nuts(country: str) -> bool:
    return country in NUTS_COUNTRIES
