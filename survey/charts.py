"""Charts drawn on the server as small inline SVG documents.

Hand-made rather than pygal: horizontal bars with long question labels, no script, no external stylesheet (the
pages run under a strict content security policy) and an accessible title; a few dozen lines are simpler than
configuring pygal's renderer for that.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 760
LABEL_WIDTH = 300
VALUE_WIDTH = 110
CHAR_WIDTH = 7.3  # average width of a 13 px sans-serif character, for truncating and laying out labels
LABEL_CHARS = int((LABEL_WIDTH - 12) / CHAR_WIDTH)
ROW_HEIGHT = 30
BAR_COLOUR = "#1d4e89"
SCALE_COLOURS = ["#d0e1f4", "#9fc3e9", "#5d9bd6", "#2f6fb5", "#143761", "#0b1f38", "#5c6670"]


def _short(text: str, length: int = LABEL_CHARS) -> str:
    text = str(text)
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _layout(compact: bool) -> dict:
    """Wide: labels left of the bars. Compact (phones): each label above its bar, in a narrower drawing."""
    if compact:
        return {"width": 360, "bar_x": 0, "value_width": 96, "row": 44, "bar_y": 20, "label_chars": 48}
    return {
        "width": WIDTH,
        "bar_x": LABEL_WIDTH,
        "value_width": VALUE_WIDTH,
        "row": ROW_HEIGHT,
        "bar_y": 4,
        "label_chars": LABEL_CHARS,
    }


def _label(layout: dict, y: float, text: str) -> str:
    if layout["bar_x"]:
        return (
            f'<text x="{layout["bar_x"] - 8}" y="{y + 19}" text-anchor="end" font-size="13" fill="#212529">'
            f"{escape(_short(text, layout['label_chars']))}</text>"
        )
    return (
        f'<text x="0" y="{y + 14}" font-size="13" fill="#212529">{escape(_short(text, layout["label_chars"]))}</text>'
    )


def _svg(layout: dict, height: float, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {layout["width"]} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" class="survey-chart" preserveAspectRatio="xMinYMin meet">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _both(draw) -> SafeString:
    """The wide drawing for tablets and desktops, the compact one for phones (Bootstrap's md breakpoint)."""
    return mark_safe(
        f'<div class="d-none d-md-block">{draw(_layout(False))}</div><div class="d-md-none">{draw(_layout(True))}</div>'
    )


def bar_chart(items: list[dict], *, title: str) -> SafeString:
    """Horizontal bars on a 0-100 % scale (so lengths compare across questions): items are
    {"label", "count", "percent"}."""
    if not items:
        return mark_safe("")

    def draw(layout: dict) -> str:
        bar_area = layout["width"] - layout["bar_x"] - layout["value_width"]
        body = []
        for index, item in enumerate(items):
            y = 5 + index * layout["row"]
            by = y + layout["bar_y"]
            width = round(bar_area * item["percent"] / 100, 1) if item["percent"] else 0
            body.append(
                f"<g><title>{escape(item['label'])}: {item['count']} ({item['percent']} %)</title>"
                + _label(layout, y, item["label"])
                + f'<rect x="{layout["bar_x"]}" y="{by}" width="{bar_area}" height="20" fill="#eef2f7" rx="3"/>'
                f'<rect x="{layout["bar_x"]}" y="{by}" width="{width}" height="20" fill="{BAR_COLOUR}" rx="3"/>'
                f'<text x="{layout["bar_x"] + bar_area + 8}" y="{by + 15}" font-size="13" fill="#212529">'
                f"{item['percent']} % ({item['count']})</text></g>"
            )
        return _svg(layout, layout["row"] * len(items) + 10, title, body)

    return _both(draw)


def stacked_bar_chart(rows: list[dict], scale: list[str], *, title: str) -> SafeString:
    """One 100 % bar per matrix row, split by scale point; rows are {'label', 'mean', 'cells': [{'count',
    'percent'}]}."""
    if not rows:
        return mark_safe("")

    def draw(layout: dict) -> str:
        bar_area = layout["width"] - layout["bar_x"] - layout["value_width"]
        # the legend flows from the bars' left edge and wraps onto a new line at the right edge
        legend: list[tuple[float, int, int, str]] = []
        x, line = float(layout["bar_x"]), 0
        for index, label in enumerate(scale):
            text = _short(label, 22)
            width = 16 + len(text) * CHAR_WIDTH * 0.85 + 14
            if x + width > layout["width"] and x > layout["bar_x"]:
                x, line = float(layout["bar_x"]), line + 1
            legend.append((x, line, index, text))
            x += width
        legend_height = 22 * (line + 1) + 6
        body = []
        for lx, line_no, index, text in legend:
            colour = SCALE_COLOURS[index % len(SCALE_COLOURS)]
            ly = 6 + line_no * 22
            body.append(
                f'<rect x="{round(lx, 1)}" y="{ly}" width="12" height="12" fill="{colour}" stroke="#8a96a3" '
                f'stroke-width=".5"/><text x="{round(lx + 16, 1)}" y="{ly + 10}" font-size="11" fill="#212529">'
                f"{escape(text)}</text>"
            )
        for index, row in enumerate(rows):
            y = legend_height + 5 + index * layout["row"]
            by = y + layout["bar_y"]
            body.append(_label(layout, y, row["label"]))
            offset = float(layout["bar_x"])
            for cell_index, cell in enumerate(row["cells"]):
                width = round(bar_area * cell["percent"] / 100, 1)
                if width <= 0:
                    continue
                colour = SCALE_COLOURS[cell_index % len(SCALE_COLOURS)]
                body.append(
                    f'<rect x="{round(offset, 1)}" y="{by}" width="{width}" height="20" fill="{colour}">'
                    f"<title>{escape(row['label'])} – {escape(scale[cell_index])}: {cell['count']} "
                    f"({cell['percent']} %)</title></rect>"
                )
                offset += width
            mean = row.get("mean")
            mean_text = _("mean %(mean)s") % {"mean": mean} if mean is not None else ""
            body.append(
                f'<text x="{layout["bar_x"] + bar_area + 8}" y="{by + 15}" font-size="12" fill="#212529">'
                f"{escape(mean_text)}</text>"
            )
        return _svg(layout, legend_height + layout["row"] * len(rows) + 10, title, body)

    return _both(draw)
