"""Template helpers of the knowledge area."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from knowledge.indicators import DIMENSIONS, INDICATORS
from knowledge.rendering import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    """Render Markdown as sanitised HTML."""
    return render_markdown(text)


@register.filter
def indicator_name(code: str) -> str:
    return str(INDICATORS.get(code, ""))


@register.filter
def dimension_name(number) -> str:
    try:
        return str(DIMENSIONS.get(int(number), ""))
    except (TypeError, ValueError):
        return ""


@register.filter
def minutes(value) -> str:
    """45 -> "45 min", 90 -> "1 h 30 min"."""
    try:
        value = int(value)
    except (TypeError, ValueError):
        return ""
    hours, mins = divmod(value, 60)
    if not hours:
        return f"{mins} min"
    return f"{hours} h {mins} min" if mins else f"{hours} h"


@register.filter
def highlight(headline: str):
    """A search headline with [[matches]] marked; everything else escaped."""
    return mark_safe(escape(headline or "").replace("[[", "<mark>").replace("]]", "</mark>"))
