"""The label levels and every number attached to them, in one place: what a level needs, how long its label
stays valid, when a renewal may start and how its certificate and badge are coloured."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """The three label levels, lowest first."""

    BRONZE = "bronze", _("Bronze")
    SILVER = "silver", _("Silver")
    GOLD = "gold", _("Gold")


# Years a label of each level stays valid.
LABEL_VALIDITY_YEARS = {Level.BRONZE: 2, Level.SILVER: 2, Level.GOLD: 3}

# Gold: the weighted total (per cent) the accepted values must reach.
GOLD_TOTAL_REQUIRED = Decimal("80")

# Silver: the number of improved indicators a manager declares, each beating the value accepted in the Bronze.
SILVER_IMPROVEMENTS_REQUIRED = 3

# Silver starts 18 to 24 months after the Bronze label it builds on was awarded.
SILVER_AFTER_BRONZE_MONTHS = (18, 24)

# A renewal may start from 6 months before the label expires until 12 months after.
RENEWAL_BEFORE_EXPIRY_MONTHS = 6
RENEWAL_AFTER_EXPIRY_MONTHS = 12

# Assessors reviewing one assessment: one for Bronze and Silver, two for Gold.
ASSESSORS_REQUIRED = {Level.BRONZE: 1, Level.SILVER: 1, Level.GOLD: 2}

# Certificate and badge colour of each level (an unknown level gets the portal's blue).
LEVEL_COLOURS = {Level.BRONZE: "#8c5a2b", Level.SILVER: "#6c757d", Level.GOLD: "#b8860b"}


def required_assessor_count(level: str) -> int:
    """One assessor for Bronze and Silver, two for Gold."""
    return ASSESSORS_REQUIRED[Level(level)]
