"""Formatting filters of the benchmark pages and PDF."""

from __future__ import annotations

from fractions import Fraction

from django import template
from django.utils.translation import gettext as _

from labelling.framework.scoring import display_total

register = template.Library()


@register.filter
def percent(value) -> str:
    """72.5 -> "72.5 %"; None -> "–". Scores are stored unrounded: rounded here as the label rules display them
    (half up to 0.1, never up onto 80 % from below)."""
    if value is None:
        return "–"

    shown = display_total(Fraction(value))
    text = f"{shown:f}".rstrip("0").rstrip(".")
    return f"{text} %"


@register.filter
def signed(value) -> str:
    if value is None:
        return "–"
    text = f"{value:+.1f}".rstrip("0").rstrip(".")
    return f"{text} pts"


@register.filter
def rank(value) -> str:
    """A percentile rank; "–" when the group has too few peers."""
    if value is None:
        return "–"
    return f"{round(value)} %"


@register.filter
def colour_name(value) -> str:
    return {"green": _("green"), "yellow": _("yellow"), "red": _("red")}.get(value or "", _("no colour"))


@register.filter
def index(sequence, position):
    try:
        return sequence[position]
    except (IndexError, TypeError, KeyError):
        return None


@register.filter
def figure(value) -> str:
    """A statistic: up to two decimals, trailing zeros dropped."""
    if value is None:
        return "–"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


@register.filter
def share(value) -> str:
    """A mean of yes = 1 / no = 0 as a percentage of yes."""
    if value is None:
        return "–"
    return f"{round(value * 100)} %"
