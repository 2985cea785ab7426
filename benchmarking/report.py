"""What a benchmark report shows, built once for both the page and the PDF (same figures, same charts).

A constant number of queries whatever the number of indicators or peers: the framework (2), the report's peer
statistics (1), the knowledge modules (3, by the knowledge app), the "learn from us" peers (3).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from benchmarking import charts
from benchmarking.models import MIN_PEERS, GroupKind
from benchmarking.selectors import (
    GroupFigures,
    framework_indicators,
    learn_from_peers,
    report_groups,
    scoring_indicator,
)
from benchmarking.statistics import TOTAL, IndicatorInfo, dimension_metric
from knowledge.selectors import modules_for_indicators
from labelling.framework.scoring import format_value

logger = logging.getLogger(__name__)

POINTS = {"green": 2, "yellow": 1, "red": 0}
COLOUR_NAMES = {"green": "green", "yellow": "yellow", "red": "red"}
STRONGEST_COUNT = 3


@dataclass
class IndicatorRow:
    """One indicator of the report: the organisation's value and colour, its rank in each peer group, the chart."""

    info: IndicatorInfo
    value: Any
    value_text: str
    colour: str | None
    ranks: list[tuple[str, float | None]]
    medians: list[tuple[str, str]]
    chart: str = ""
    modules: list = field(default_factory=list)
    learn_from: list = field(default_factory=list)

    @property
    def rank_all(self) -> float | None:
        return self.ranks[0][1] if self.ranks else None


def short_dimension(name: str) -> str:
    """ "Strategy, objectives and services" -> "Strategy" (chart labels must stay short)."""
    return (name.split() or [""])[0].strip(",;:")


def _format(info: IndicatorInfo, value) -> str:

    if value is None:
        return "–"
    if info.is_numeric and not isinstance(value, Decimal):
        value = Decimal(str(value))
    return format_value(scoring_indicator(info), value)


def _median_text(info: IndicatorInfo, group: GroupFigures) -> str:
    stat = group.statistics.get(info.code)
    if not group.shown or stat is None:
        return _("too few peers")
    if info.kind == "yesno":
        return _("%(share)s %% yes") % {"share": round(stat.mean * 100)}
    if info.kind == "choice":
        return {2: _("green"), 1: _("yellow"), 0: _("red")}.get(round(stat.median), "–")
    return _format(info, round(stat.median, 2))


def _chart_for(info: IndicatorInfo, groups: list[GroupFigures], value, colour, ranks, *, pdf: bool = False) -> str:
    notes = ["–" if rank is None else f"{round(rank)} %" for _label, rank in ranks]
    heading = _("Your rank")
    rows = []
    for group in groups:
        stat = group.statistics.get(info.code)
        rows.append(
            charts.BoxRow(
                label=group.label,
                n=group.n,
                p10=stat.p10 if stat else None,
                q1=stat.q1 if stat else None,
                median=stat.median if stat else None,
                q3=stat.q3 if stat else None,
                p90=stat.p90 if stat else None,
                mean=stat.mean if stat else None,
            )
        )
    title = _("%(code)s %(name)s: your value against each peer group") % {"code": info.code, "name": info.name}
    if info.kind == "yesno":
        return charts.share_chart(rows=rows, title=title, notes=notes, notes_heading=heading, for_print=pdf)
    if info.kind == "choice":
        encoded = None if value is None else info.choice_points(value)
        return charts.box_chart(
            rows=rows,
            value=encoded,
            value_colour=colour,
            domain=(0, 2),
            axis_labels={0: _("red"), 1: _("yellow"), 2: _("green")},
            title=title,
            notes=notes,
            notes_heading=heading,
            for_print=pdf,
        )
    return charts.box_chart(
        rows=rows,
        value=None if value is None else float(value),
        value_colour=colour,
        title=title,
        notes=notes,
        notes_heading=heading,
        for_print=pdf,
    )


def _modules_for(codes: list[str], colours: dict[str, str]) -> tuple[dict[str, list], bool]:
    """{code: modules} from the knowledge app; (…, False) when its recommendations fail."""
    try:
        modules = modules_for_indicators(codes=codes, colours=colours)
    except Exception:
        logger.exception("knowledge recommendations failed")
        return {}, False
    result: dict[str, list] = {}
    for code in codes:
        dimension = int(code.split(".")[0]) if code.split(".")[0].isdigit() else None
        direct = [m for m in modules if code in getattr(m, "matched_codes", ())]
        nearby = [m for m in modules if m not in direct and dimension in getattr(m, "matched_dimensions", ())]
        result[code] = (direct + nearby)[:3]
    return result, True


def _changes(report, indicators: dict[str, IndicatorInfo]) -> dict[str, list[dict]] | None:
    previous = report.previous
    if previous is None:
        return None
    before = {i["code"]: i for i in previous.data.get("indicators", [])}
    improved, declined = [], []
    for item in report.data.get("indicators", []):
        code = item["code"]
        old = before.get(code)
        info = indicators.get(code)
        if info is None or old is None or item.get("value") is None or old.get("value") is None:
            continue
        new_points, old_points = POINTS.get(item.get("colour"), -1), POINTS.get(old.get("colour"), -1)
        better = worse = False
        if new_points != old_points:
            better, worse = new_points > old_points, new_points < old_points
        elif info.is_numeric and item["value"] != old["value"]:
            higher = float(item["value"]) > float(old["value"])
            better = higher if info.direction != "lower" else not higher
            worse = not better
        if better or worse:
            entry = {
                "info": info,
                "before": _format(info, old["value"]),
                "after": _format(info, item["value"]),
                "colour_before": old.get("colour"),
                "colour_after": item.get("colour"),
                "colour_changed": new_points != old_points,
            }
            (improved if better else declined).append(entry)
    return {"improved": improved, "declined": declined, "previous": previous}


CHART_CACHE_SECONDS = 24 * 3600


def _cached_charts(report, build, *, pdf: bool) -> dict[str, Any]:
    """The report's charts and indicator section depend only on the report and its statistics snapshot, both
    frozen: cache them (the recommendations, which change with opt-ins and modules, are not cached)."""
    key = f"benchmarking:charts:v2:{report.pk}:{report.snapshot_id}:{get_language()}:{int(pdf)}"
    charts_ = cache.get(key)
    if charts_ is None:
        charts_ = build()
        cache.set(key, charts_, CHART_CACHE_SECONDS)
    return charts_


def report_context(report, *, pdf: bool = False) -> dict[str, Any]:
    """Everything the report page and the PDF show (see the module docstring for the queries)."""
    indicator_list = framework_indicators()
    indicators = {i.code: i for i in indicator_list}
    groups = report_groups(report)
    by_kind = {g.kind: g for g in groups}
    data = report.data
    items = {i["code"]: i for i in data.get("indicators", [])}
    dimension_numbers = sorted({i.dimension for i in indicator_list})
    dimension_names = {i.dimension: i.dimension_name for i in indicator_list}

    rows: list[IndicatorRow] = []
    for info in indicator_list:
        item = items.get(info.code, {})
        value, colour = item.get("value"), item.get("colour")
        ranks = [(g.label, (item.get("ranks") or {}).get(g.kind) if g.shown else None) for g in groups]
        rows.append(
            IndicatorRow(
                info=info,
                value=value,
                value_text=_format(info, value) if value is not None else _("not applicable or not assessed"),
                colour=colour,
                ranks=ranks,
                medians=[(g.label, _median_text(info, g)) for g in groups],
            )
        )

    # Scores against the peer medians
    all_group, excellence = by_kind.get(GroupKind.ALL), by_kind.get(GroupKind.EXCELLENCE)
    metrics = [TOTAL, *(dimension_metric(n) for n in dimension_numbers)]
    own_scores = [report.total, *(report.dimensions.get(str(n)) for n in dimension_numbers)]
    score_labels = [_("Total"), *(f"{n} {dimension_names[n]}" for n in dimension_numbers)]
    short_labels = [_("Total"), *(str(n) for n in dimension_numbers)]
    score_series = [(_("Your organisation"), own_scores)]
    comparison_groups = [g for g in groups if g.kind in (GroupKind.ALL, GroupKind.SECTOR, GroupKind.EXCELLENCE)]
    for group in comparison_groups:
        if group.shown:
            score_series.append(
                (
                    _("Median: %(group)s") % {"group": group.label},
                    [group.statistics[m].median if m in group.statistics else None for m in metrics],
                )
            )
    score_table = []
    for label, metric, own in zip(score_labels, metrics, own_scores, strict=True):
        score_table.append(
            {
                "label": label,
                "own": own,
                "medians": [
                    (g.label, g.statistics[metric].median if g.shown and metric in g.statistics else None)
                    for g in groups
                ],
                "rank": (data.get("ranks", {}).get(GroupKind.ALL) or {}).get(metric)
                if all_group and all_group.shown
                else None,
            }
        )
    radar_series = [(_("Your organisation"), own_scores[1:])]
    peer_for_radar = (
        by_kind.get(GroupKind.SECTOR)
        if by_kind.get(GroupKind.SECTOR) and by_kind[GroupKind.SECTOR].shown
        else all_group
    )
    if peer_for_radar and peer_for_radar.shown:
        radar_series.append(
            (
                _("Median: %(group)s") % {"group": peer_for_radar.label},
                [peer_for_radar.statistics.get(dimension_metric(n)).median for n in dimension_numbers],
            )
        )
    if excellence and excellence.shown:
        radar_series.append(
            (
                _("Median: excellence group"),
                [excellence.statistics.get(dimension_metric(n)).median for n in dimension_numbers],
            )
        )
    has_data = report.total is not None

    # Strongest and weakest areas: by percentile rank among all organisations, colour as a tie-break.
    ranked = [r for r in rows if r.colour is not None]

    def strength(r: IndicatorRow) -> tuple:
        return (r.rank_all if r.rank_all is not None else 50.0, POINTS[r.colour])

    strongest = sorted((r for r in ranked if r.colour == "green"), key=strength, reverse=True)[:STRONGEST_COUNT]
    weakest = sorted((r for r in ranked if r.colour != "green"), key=strength)[:STRONGEST_COUNT]
    dimension_gaps = []
    if all_group and all_group.shown:
        for n in dimension_numbers:
            own = report.dimensions.get(str(n))
            stat = all_group.statistics.get(dimension_metric(n))
            if own is not None and stat is not None:
                dimension_gaps.append(
                    {"label": f"{n} {dimension_names[n]}", "own": own, "median": stat.median, "gap": own - stat.median}
                )
        dimension_gaps.sort(key=lambda d: d["gap"], reverse=True)

    # Recommendations for every red or yellow indicator
    to_improve = [r for r in rows if r.colour == "red"] + [r for r in rows if r.colour == "yellow"]
    codes = [r.info.code for r in to_improve]
    modules, knowledge_available = (
        _modules_for(codes, {r.info.code: r.colour for r in to_improve}) if codes else ({}, True)
    )
    peers = (
        learn_from_peers(codes=codes, exclude_organisation_id=report.organisation_id, indicators=indicators)
        if codes
        else {}
    )
    for row in to_improve:
        row.modules = modules.get(row.info.code, [])
        row.learn_from = peers.get(row.info.code, [])

    def build_charts() -> dict[str, Any]:
        for row in rows:
            if row.value is not None:
                row.chart = _chart_for(row.info, groups, row.value, row.colour, row.ranks, pdf=pdf)
        return {
            "indicators_html": render_to_string("benchmarking/_report_indicators.html", {"rows": rows, "pdf": pdf}),
            "score": charts.score_bars(labels=short_labels, series=score_series) if has_data else "",
            "radar": charts.radar_chart(
                axes=[f"{n} {short_dimension(dimension_names[n])}" for n in dimension_numbers], series=radar_series
            )
            if has_data
            else "",
        }

    built = _cached_charts(report, build_charts, pdf=pdf)

    return {
        "report": report,
        "organisation": report.organisation,
        "has_data": has_data,
        "groups": groups,
        "rows": rows,
        "dimension_numbers": dimension_numbers,
        "score_table": score_table,
        "indicators_html": built["indicators_html"],
        "pdf": pdf,
        "score_chart": built["score"],
        "radar_chart": built["radar"],
        "strongest": strongest,
        "weakest": weakest,
        "dimension_gaps": dimension_gaps,
        "to_improve": to_improve,
        "knowledge_available": knowledge_available,
        "changes": _changes(report, indicators),
        "profile": data.get("profile", {}),
        "min_peers": MIN_PEERS,
    }
