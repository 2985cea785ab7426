"""Server-side SVG charts of the club (pygal; no JavaScript)."""

from __future__ import annotations

import re

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

SCRIPT = re.compile(rb"<script[^>]*>.*?</script>", re.DOTALL)

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    colors=("#1d4e89",),
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    label_font_size=14,
    major_label_font_size=14,
    value_font_size=13,
    value_label_font_size=13,
    title_font_size=16,
    opacity=".92",
    guide_stroke_color="#e9ecef",
    guide_stroke_dasharray="0",
    major_guide_stroke_color="#dee2e6",
    major_guide_stroke_dasharray="0",
    opacity_hover="1",
)


def members_by_country_svg(rows: list[tuple[str, str, int]], *, limit: int = 12) -> bytes:
    """A horizontal bar chart of current members per country (the largest `limit`, the rest as 'other')."""
    shown = rows[:limit]
    rest = sum(count for _code, _name, count in rows[limit:])
    labels = [name for _code, name, _count in shown] + ([_("Other countries")] if rest else [])
    values = [count for _code, _name, count in shown] + ([rest] if rest else [])
    chart = pygal.HorizontalBar(
        style=STYLE,
        width=480,
        height=max(140, 30 * len(values) + 50),
        show_legend=False,
        print_values=True,
        print_values_position="top",
        show_y_guides=False,
        show_x_guides=False,
        margin=10,
        spacing=8,
        js=[],  # no scripts: the chart is a plain image
        disable_xml_declaration=False,
        no_data_text=_("No members yet"),
    )
    # pygal draws horizontal bars bottom-up: reverse so the largest country is at the top.
    chart.x_labels = list(reversed(labels))
    chart.add(_("Members"), list(reversed(values)))
    # pygal always embeds its configuration as a script; the chart needs none of it.
    return SCRIPT.sub(b"", chart.render())
