"""Fixed lists of the directory: the 14 EU industrial ecosystems, participant types and size bands."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    """The 14 industrial ecosystems of the EU industrial strategy."""

    AEROSPACE_DEFENCE = "aerospace-defence", _("Aerospace and defence")
    AGRI_FOOD = "agri-food", _("Agri-food")
    CONSTRUCTION = "construction", _("Construction")
    CULTURAL_CREATIVE = "cultural-creative", _("Cultural and creative industries")
    DIGITAL = "digital", _("Digital")
    ELECTRONICS = "electronics", _("Electronics")
    ENERGY_INTENSIVE = "energy-intensive", _("Energy-intensive industries")
    ENERGY_RENEWABLES = "energy-renewables", _("Energy – renewables")
    HEALTH = "health", _("Health")
    MOBILITY_TRANSPORT_AUTOMOTIVE = "mobility", _("Mobility – transport – automotive")
    PROXIMITY_SOCIAL = "proximity-social", _("Proximity, social economy and civil security")
    RETAIL = "retail", _("Retail")
    TEXTILE = "textile", _("Textile")
    TOURISM = "tourism", _("Tourism")


class SizeBand(models.TextChoices):
    """Participant counts as the benchmarking peer groups use them."""

    SMALL = "small", _("fewer than 50 participants")
    MEDIUM = "medium", _("50 to 150 participants")
    LARGE = "large", _("more than 150 participants")

    @classmethod
    def bounds(cls, band: str) -> tuple[int | None, int | None]:
        """Inclusive lower and upper participant counts of a band."""
        return {cls.SMALL: (None, 49), cls.MEDIUM: (50, 150), cls.LARGE: (151, None)}[cls(band)]

    @classmethod
    def of(cls, participants: int) -> "SizeBand":
        if participants < 50:
            return cls.SMALL
        if participants <= 150:
            return cls.MEDIUM
        return cls.LARGE
