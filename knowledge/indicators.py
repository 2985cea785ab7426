"""The ECEI-2026 indicator codes and dimensions, as this app tags its content with them.

The codes "1.1".."6.4" are the framework's stable keys. Knowledge keeps its own copy (not a foreign key to the
labelling app) so that modules stay tagged whatever framework version labelling currently runs.
"""

from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

DIMENSIONS: dict[int, str] = {
    1: _("Structure of the cluster"),
    2: _("Management and governance"),
    3: _("Financing of the cluster management"),
    4: _("Strategy, objectives and services"),
    5: _("Contacts and interaction within the cluster"),
    6: _("Achievements and recognition"),
}

INDICATORS: dict[str, str] = {
    "1.1": _("Committed participants"),
    "1.2": _("Share of companies among participants"),
    "1.3": _("Share of SMEs among company participants"),
    "1.4": _("Types of participants represented"),
    "1.5": _("Participants located in the cluster's region"),
    "1.6": _("Net change in participants over 2 years"),
    "2.1": _("Age of the cluster organisation"),
    "2.2": _("Cluster management staff"),
    "2.3": _("Staff with a higher-education degree"),
    "2.4": _("Staff with 3+ years of cluster or industry experience"),
    "2.5": _("Training days per staff member per year"),
    "2.6": _("Staff turnover over 2 years"),
    "2.7": _("Participants' role in decisions"),
    "2.8": _("Roles of management and board documented"),
    "3.1": _("Share of private funding"),
    "3.2": _("Financing secured ahead"),
    "3.3": _("Independent funding sources"),
    "3.4": _("Financial control"),
    "4.1": _("Documented strategy, updated within 3 years"),
    "4.2": _("Participants consulted when building the strategy"),
    "4.3": _("Action plan with milestones and budget"),
    "4.4": _("Months since KPIs and strategy were last reviewed"),
    "4.5": _("Service categories offered"),
    "4.6": _("Participants using at least one service a year"),
    "4.7": _("Active working groups"),
    "4.8": _("Internationalisation activities a year"),
    "4.9": _("Services for the digital and green transitions"),
    "5.1": _("Direct contacts with each participant a year"),
    "5.2": _("Joint projects among participants started in 2 years"),
    "5.3": _("Cooperation agreements with innovation-system actors"),
    "5.4": _("Internal communication channels used regularly"),
    "5.5": _("Working website in English, updated within 3 months"),
    "6.1": _("Publications and media mentions last year"),
    "6.2": _("Participants satisfied"),
    "6.3": _("Documented success stories in 2 years"),
    "6.4": _("Awards and recognitions in 3 years"),
}

INDICATOR_CODES: tuple[str, ...] = tuple(INDICATORS)
# Labels stay lazy, so they are translated per request, not once at import time.
INDICATOR_CHOICES = [(code, format_lazy("{} {}", code, name)) for code, name in INDICATORS.items()]
DIMENSION_CHOICES = [(number, format_lazy("{} {}", number, name)) for number, name in DIMENSIONS.items()]


def dimension_of(code: str) -> int:
    """The dimension number of an indicator code ("4.3" -> 4)."""
    return int(code.split(".", 1)[0])
