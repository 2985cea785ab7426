"""Every benchmarking chart, as SVG rendered on the server: the same markup goes into the page and the PDF.

pygal (a maintained SVG charting library) draws the radar, the score bars and the histogram. The box charts are
drawn by hand: they show precomputed quartiles (pygal's Box chart computes its own from raw values, which
benchmarking must never hand out) and a report shows dozens of them, where the hand-drawn version is ~100 times
faster (bench/bench_benchmarking.py measures both).

All functions return safe markup (an <svg> element without XML declaration or scripts).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pygal
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from pygal.style import Style

BLUE = "#1d4e89"
GREY = "#6c757d"
GOLD = "#b8860b"
GREEN = "#1e7b34"
YELLOW = "#b58100"
RED = "#b02a37"
LIGHT = "#dde3ea"
COLOURS = {"green": GREEN, "yellow": YELLOW, "red": RED}
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"


def _style(colors: Sequence[str] = (BLUE, GREY, GOLD, "#2f9e9e"), opacity: str = ".25") -> Style:
    return Style(
        background="white",
        plot_background="white",
        foreground="#212529",
        foreground_strong="#212529",
        foreground_subtle="#6c757d",
        colors=tuple(colors),
        font_family=FONT,
        opacity=opacity,
        opacity_hover=opacity,
        label_font_size=12,
        major_label_font_size=12,
        legend_font_size=13,
        value_font_size=11,
        title_font_size=14,
        stroke_width=2,
    )


def _config(**options) -> dict:
    return {
        "js": [],  # no script: the CSP forbids it and WeasyPrint ignores it
        "disable_xml_declaration": True,
        "explicit_size": True,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 2,
        "truncate_legend": -1,
        "truncate_label": -1,
        "print_values": False,
        "show_y_guides": True,
        "style": _style(options.pop("colors", (BLUE, GREY, GOLD, "#2f9e9e")), options.pop("opacity", ".25")),
        **options,
    }


_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


def _svg(chart, label: str) -> SafeString:
    # pygal always embeds its config as an inline script (even with js=[]): the CSP forbids it, so drop it.
    markup = _SCRIPT.sub("", chart.render(is_unicode=True))
    # An accessible name for screen readers; pygal leaves the root without a role.
    markup = markup.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return mark_safe(markup)


def radar_chart(
    *, axes: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], width: int = 520, height: int = 400
) -> SafeString:
    """The dimension scores (0-100) of the organisation and its comparison groups on one radar."""
    chart = pygal.Radar(**_config(width=width, height=height, fill=True, dots_size=3, range=(0, 100)))
    chart.x_labels = list(axes)
    for label, values in series:
        chart.add(label, [None if v is None else round(v, 1) for v in values])
    return _svg(chart, _("Dimension scores compared with peers"))


def score_bars(
    *, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], width: int = 520, height: int = 430
) -> SafeString:
    """Total and dimension scores (percent) of the organisation beside the peer medians."""
    chart = pygal.Bar(
        **_config(
            width=width,
            height=height,
            range=(0, 100),
            opacity=".9",
            colors=(BLUE, "#9aa5b1", "#2f9e9e", GOLD),
            y_labels=[0, 20, 40, 60, 80, 100],
            rounded_bars=1,
            legend_box_size=12,
            margin_bottom=6,
        )
    )
    chart.x_labels = list(labels)
    for label, values in series:
        chart.add(label, [None if v is None else round(v, 1) for v in values])
    return _svg(chart, _("Total and dimension scores against the peer medians"))


def histogram_chart(*, counts: Sequence[int], width: int = 560, height: int = 300) -> SafeString:
    """How many organisations reach each 10-point band of the total score."""
    ticks = [int(t) for t in _nice_ticks(0, max(max(counts, default=0), 1), count=6)]
    chart = pygal.Bar(
        **_config(
            width=width,
            height=height,
            show_legend=False,
            colors=(BLUE,),
            opacity=".9",
            y_labels=ticks,
            range=(0, ticks[-1]),
        )
    )
    chart.x_labels = [f"{lo}–{lo + 10}" for lo in range(0, 100, 10)]
    chart.add(_("Organisations"), list(counts))
    chart.x_title = _("Total score (%)")
    chart.y_title = _("Organisations")
    return _svg(chart, _("Distribution of total scores over all organisations"))


# --- Hand-drawn box charts ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoxRow:
    """One peer group's distribution: None figures mean "too few peers" (the row says so, with no figure).

    Quartiles always; the 10th and 90th percentiles (the whiskers) only for groups of 20 or more. Never a minimum
    or maximum: each is a single peer's value."""

    label: str
    n: int
    p10: float | None = None
    q1: float | None = None
    median: float | None = None
    q3: float | None = None
    p90: float | None = None
    mean: float | None = None

    @property
    def shown(self) -> bool:
        return self.median is not None

    @property
    def has_whiskers(self) -> bool:
        return self.p10 is not None and self.p90 is not None


def _nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _fmt(value: float) -> str:
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):d}"
    return f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}".rstrip("0").rstrip(".")


def _row_description(row: BoxRow) -> str:
    if not row.shown:
        return _("%(group)s: too few peers") % {"group": row.label}
    figures = {
        "group": row.label,
        "n": row.n,
        "median": _fmt(row.median),
        "q1": _fmt(row.q1),
        "q3": _fmt(row.q3),
    }
    if row.has_whiskers:
        return _(
            "%(group)s: %(n)s organisations, median %(median)s, middle half %(q1)s to %(q3)s, 10th to 90th "
            "percentile %(p10)s to %(p90)s"
        ) % {**figures, "p10": _fmt(row.p10), "p90": _fmt(row.p90)}
    return _("%(group)s: %(n)s organisations, median %(median)s, middle half %(q1)s to %(q3)s") % figures


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def box_chart(
    *,
    rows: Sequence[BoxRow],
    value: float | None = None,
    value_colour: str | None = None,
    axis_labels: dict[float, str] | None = None,
    domain: tuple[float, float] | None = None,
    title: str = "",
    notes: Sequence[str] | None = None,
    notes_heading: str = "",
    width: int = 560,
    label_width: int = 190,
    for_print: bool = False,
) -> SafeString:
    """Horizontal box plots (box from the first to the third quartile, median as a thick line, mean as a diamond,
    whiskers from the 10th to the 90th percentile for groups of 20 or more), one row per peer group, with the
    organisation's value as a vertical line and an optional note per row at the right (e.g. the percentile rank).
    Rows of groups with too few peers say so and draw nothing. No minimum or maximum is ever drawn."""
    row_height, bottom = 24, 30
    top = 22 if notes_heading else 8
    height = top + row_height * max(len(rows), 1) + bottom
    left, right = label_width, width - (84 if notes else 14)
    shown = [r for r in rows if r.shown]
    if domain is None:
        points = [p for r in shown for p in (r.p10, r.q1, r.q3, r.p90, r.mean) if p is not None]
        if value is not None:
            points.append(value)
        low, high = (min(points), max(points)) if points else (0.0, 1.0)
        ticks = _nice_ticks(low, high)
        low, high = ticks[0], ticks[-1]
    else:
        low, high = domain
        ticks = sorted(axis_labels) if axis_labels else _nice_ticks(low, high)
    span = (high - low) or 1.0

    def x(v: float) -> float:
        return round(left + (v - low) / span * (right - left), 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="box-chart" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-family="{FONT}" font-size="12">',
        f"<title>{escape(title)}</title>" if title and not for_print else "",
    ]
    axis_y = top + row_height * max(len(rows), 1)
    if notes_heading:
        parts.append(
            f'<text x="{width - 4}" y="14" text-anchor="end" fill="#495057" font-size="11">{escape(notes_heading)}</text>'
        )
    for tick in ticks:
        tx = x(tick)
        label = axis_labels.get(tick, _fmt(tick)) if axis_labels else _fmt(tick)
        parts.append(f'<line x1="{tx}" y1="{top}" x2="{tx}" y2="{axis_y}" stroke="{LIGHT}" stroke-width="1"/>')
        parts.append(f'<text x="{tx}" y="{axis_y + 16}" text-anchor="middle" fill="#495057">{escape(label)}</text>')
    for index, row in enumerate(rows):
        cy = top + row_height * index + row_height / 2
        parts.append(
            f'<text x="{left - 8}" y="{cy + 4}" text-anchor="end" fill="#212529">'
            f"{'' if for_print else '<title>' + escape(_row_description(row)) + '</title>'}{escape(_short(row.label))}</text>"
        )
        if notes and index < len(notes) and notes[index]:
            parts.append(
                f'<text x="{width - 4}" y="{cy + 4}" text-anchor="end" fill="#212529" font-weight="bold">'
                f"{escape(notes[index])}</text>"
            )
        if not row.shown:
            parts.append(
                f'<text x="{left + 4}" y="{cy + 4}" fill="#6c757d" font-style="italic">{escape(_("too few peers"))}</text>'
            )
            continue
        y0, h = cy - 7, 14
        if row.has_whiskers:
            parts.append(
                f'<line class="whisker" x1="{x(row.p10)}" y1="{cy}" x2="{x(row.p90)}" y2="{cy}" stroke="{GREY}" '
                f'stroke-width="1.5"/>'
                f'<line x1="{x(row.p10)}" y1="{cy - 5}" x2="{x(row.p10)}" y2="{cy + 5}" stroke="{GREY}" stroke-width="1.5"/>'
                f'<line x1="{x(row.p90)}" y1="{cy - 5}" x2="{x(row.p90)}" y2="{cy + 5}" stroke="{GREY}" stroke-width="1.5"/>'
            )
        parts.append(
            f'<rect x="{x(row.q1)}" y="{y0}" width="{max(x(row.q3) - x(row.q1), 1.5)}" height="{h}" '
            f'fill="#d6e2f0" stroke="{BLUE}" stroke-width="1.2"/>'
            f'<line x1="{x(row.median)}" y1="{y0}" x2="{x(row.median)}" y2="{y0 + h}" stroke="{BLUE}" stroke-width="2.5"/>'
        )
        if row.mean is not None:
            mx = x(row.mean)
            parts.append(
                f'<path d="M{mx} {cy - 4} L{mx + 4} {cy} L{mx} {cy + 4} L{mx - 4} {cy} Z" fill="white" stroke="{BLUE}"/>'
            )
    if value is not None:
        vx = x(value)
        colour = COLOURS.get(value_colour or "", "#212529")
        parts.append(
            f'<line x1="{vx}" y1="{top - 4}" x2="{vx}" y2="{axis_y}" stroke="{colour}" stroke-width="2.5" '
            f'stroke-dasharray="5,3"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def share_chart(
    *,
    rows: Sequence[BoxRow],
    title: str = "",
    notes: Sequence[str] | None = None,
    notes_heading: str = "",
    width: int = 560,
    label_width: int = 190,
    for_print: bool = False,
) -> SafeString:
    """For yes/no indicators: the share of "yes" in each peer group (the mean of 1/0) as a bar."""
    row_height, bottom = 24, 30
    top = 22 if notes_heading else 8
    height = top + row_height * max(len(rows), 1) + bottom
    left, right = label_width, width - (84 if notes else 14)

    def x(share: float) -> float:
        return round(left + share * (right - left), 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="box-chart" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-family="{FONT}" font-size="12">',
        f"<title>{escape(title)}</title>" if title and not for_print else "",
    ]
    axis_y = top + row_height * max(len(rows), 1)
    if notes_heading:
        parts.append(
            f'<text x="{width - 4}" y="14" text-anchor="end" fill="#495057" font-size="11">{escape(notes_heading)}</text>'
        )
    for tick in (0, 0.25, 0.5, 0.75, 1):
        parts.append(f'<line x1="{x(tick)}" y1="{top}" x2="{x(tick)}" y2="{axis_y}" stroke="{LIGHT}"/>')
        parts.append(
            f'<text x="{x(tick)}" y="{axis_y + 16}" text-anchor="middle" fill="#495057">{round(tick * 100)} %</text>'
        )
    for index, row in enumerate(rows):
        cy = top + row_height * index + row_height / 2
        parts.append(
            f'<text x="{left - 8}" y="{cy + 4}" text-anchor="end" fill="#212529">'
            f"{'' if for_print else '<title>' + escape(row.label) + '</title>'}{escape(_short(row.label))}</text>"
        )
        if notes and index < len(notes) and notes[index]:
            parts.append(
                f'<text x="{width - 4}" y="{cy + 4}" text-anchor="end" fill="#212529" font-weight="bold">'
                f"{escape(notes[index])}</text>"
            )
        if not row.shown or row.mean is None:
            parts.append(
                f'<text x="{left + 4}" y="{cy + 4}" fill="#6c757d" font-style="italic">{escape(_("too few peers"))}</text>'
            )
            continue
        parts.append(
            f'<rect x="{left}" y="{cy - 7}" width="{x(1) - left}" height="14" fill="#f1f3f6"/>'
            f'<rect x="{left}" y="{cy - 7}" width="{max(x(row.mean) - left, 0)}" height="14" fill="{BLUE}"/>'
            f'<text x="{x(1) - 4}" y="{cy + 4}" text-anchor="end" fill="#212529">'
            f"{escape(_('%(share)s %% yes') % {'share': round(row.mean * 100)})}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
