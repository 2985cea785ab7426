"""Charts drawn on the server as small inline SVG documents.

Hand-made rather than pygal: horizontal bars with long question labels, no script, no external stylesheet (the
pages run under a strict content security policy) and an accessible title; a few dozen lines are simpler than
configuring pygal's renderer for that.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 720
LABEL_WIDTH = 260
VALUE_WIDTH = 90
ROW_HEIGHT = 30
BAR_COLOUR = "#1d4e89"
SCALE_COLOURS = ["#d0e1f4", "#9fc3e9", "#5d9bd6", "#2f6fb5", "#143761", "#0b1f38", "#5c6670"]


def _short(text: str, length: int = 40) -> str:
    text = str(text)
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def bar_chart(items: list[dict], *, title: str) -> SafeString:
    """Horizontal bars: items are {'label', 'count', 'percent'}; bars are scaled to the largest percentage."""
    if not items:
        return mark_safe("")
    bar_area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    top = max((item["percent"] for item in items), default=0) or 1
    height = ROW_HEIGHT * len(items) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" class="survey-chart" preserveAspectRatio="xMinYMin meet">',
        f"<title>{escape(title)}</title>",
    ]
    for index, item in enumerate(items):
        y = 5 + index * ROW_HEIGHT
        width = round(bar_area * item["percent"] / top, 1) if item["percent"] else 0
        parts.append(
            f"<g><title>{escape(item['label'])}: {item['count']} ({item['percent']} %)</title>"
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 19}" text-anchor="end" font-size="13" fill="#212529">'
            f"{escape(_short(item['label']))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{bar_area}" height="20" fill="#eef2f7" rx="3"/>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{width}" height="20" fill="{BAR_COLOUR}" rx="3"/>'
            f'<text x="{LABEL_WIDTH + bar_area + 8}" y="{y + 19}" font-size="13" fill="#212529">'
            f"{item['percent']} % ({item['count']})</text></g>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def stacked_bar_chart(rows: list[dict], scale: list[str], *, title: str) -> SafeString:
    """One 100 % bar per matrix row, split by scale point; rows are {'label', 'cells': [{'count', 'percent'}]}."""
    if not rows:
        return mark_safe("")
    bar_area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    legend_height = 28
    height = legend_height + ROW_HEIGHT * len(rows) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" class="survey-chart" preserveAspectRatio="xMinYMin meet">',
        f"<title>{escape(title)}</title>",
    ]
    x = LABEL_WIDTH
    legend_step = bar_area / max(len(scale), 1)
    for index, label in enumerate(scale):
        colour = SCALE_COLOURS[index % len(SCALE_COLOURS)]
        lx = round(x + index * legend_step, 1)
        parts.append(
            f'<rect x="{lx}" y="6" width="12" height="12" fill="{colour}" stroke="#8a96a3" stroke-width=".5"/>'
            f'<text x="{lx + 16}" y="16" font-size="11" fill="#212529">{escape(_short(label, 14))}</text>'
        )
    for index, row in enumerate(rows):
        y = legend_height + 5 + index * ROW_HEIGHT
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 19}" text-anchor="end" font-size="13" fill="#212529">'
            f"<title>{escape(row['label'])}</title>{escape(_short(row['label']))}</text>"
        )
        offset = float(LABEL_WIDTH)
        for cell_index, cell in enumerate(row["cells"]):
            width = round(bar_area * cell["percent"] / 100, 1)
            if width <= 0:
                continue
            colour = SCALE_COLOURS[cell_index % len(SCALE_COLOURS)]
            parts.append(
                f'<rect x="{round(offset, 1)}" y="{y + 4}" width="{width}" height="20" fill="{colour}">'
                f"<title>{escape(row['label'])} – {escape(scale[cell_index])}: {cell['count']} "
                f"({cell['percent']} %)</title></rect>"
            )
            offset += width
        mean = row.get("mean")
        mean_text = _("mean %(mean)s") % {"mean": mean} if mean is not None else ""
        parts.append(
            f'<text x="{LABEL_WIDTH + bar_area + 8}" y="{y + 19}" font-size="12" fill="#212529">{escape(mean_text)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
