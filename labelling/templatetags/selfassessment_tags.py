"""Template helpers of the self-assessment pages: colour badges, values as people read them, percentages."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from labelling.framework import scoring

register = template.Library()

_ICONS = {"green": "bi-check-circle-fill", "yellow": "bi-exclamation-circle-fill", "red": "bi-x-circle-fill"}


@register.simple_tag
def colour_badge(colour: str | None, na: bool = False):
    """A badge with the colour's name and icon (never colour alone, for colour-blind readers)."""
    if na:
        return format_html('<span class="badge text-bg-secondary">{}</span>', _("not applicable"))
    if not colour:
        return format_html('<span class="badge text-bg-light border">{}</span>', _("no value yet"))
    names = {"green": _("green"), "yellow": _("yellow"), "red": _("red")}
    return format_html(
        '<span class="badge bg-colour-{}"><i class="bi {}" aria-hidden="true"></i> {}</span>',
        colour,
        _ICONS[colour],
        names[colour],
    )


@register.simple_tag
def show_value(indicator, value):
    return scoring.format_value(indicator, value)


@register.filter
def percent(value):
    return scoring.format_percent(value)


@register.filter
def input_value(value):
    """A Decimal as typed in a field: 2.50 -> 2.5, 50.00 -> 50."""
    if value is None:
        return ""
    text = f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)
    return text


@register.filter
def threshold_text(indicator):
    """How the indicator is coloured, in one line."""
    if indicator.kind == "yesno":
        return _("yes = green, no = red")
    if indicator.kind == "choice":
        return " · ".join(f"{o['label']} = {_(o['colour'])}" for o in indicator.choices or [])
    sign = "≤" if indicator.direction == "lower" else "≥"
    return _("green %(sign)s %(green)s, yellow %(sign)s %(yellow)s") % {
        "sign": sign,
        "green": scoring.format_value(indicator, indicator.green_threshold),
        "yellow": scoring.format_value(indicator, indicator.yellow_threshold),
    }


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)
