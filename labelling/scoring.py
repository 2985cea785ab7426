"""The label rules as pure functions: colours, points, dimension and total scores, minimum requirements and the
outcome of a level with its reasons.

No database access here. An "indicator" is anything with the attributes of `labelling.models.Indicator` (code,
name, kind, unit, direction, green_threshold, yellow_threshold, choices, weight, is_minimum_requirement); unsaved
model instances and the `IndicatorSpec` below both work.

Rules (domain.md): at or past `green` an indicator is green, at or past `yellow` yellow, else red; yes = green,
no = red; a choice has a colour per option. Points: green 2, yellow 1, red 0; an indicator scores points / 2. A
dimension's score is the weighted mean of its indicators, the total the weighted mean over the level's
indicators, both in percent. "Not applicable" is left out. A red minimum requirement blocks Silver and Gold.
Gold needs a total of at least 80 %.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

GREEN, YELLOW, RED = "green", "yellow", "red"
POINTS = {GREEN: 2, YELLOW: 1, RED: 0}
GOLD_TOTAL_REQUIRED = Decimal("80")
SILVER_IMPROVEMENTS_REQUIRED = 3
NUMERIC_KINDS = ("number", "percentage", "count")


@dataclass(frozen=True)
class IndicatorSpec:
    """A plain indicator for callers (and tests) without model instances."""

    code: str
    name: str = ""
    kind: str = "number"
    unit: str = ""
    direction: str = "higher"
    green_threshold: Decimal | None = None
    yellow_threshold: Decimal | None = None
    choices: tuple | list = ()
    weight: Decimal = Decimal("1")
    is_minimum_requirement: bool = False


@dataclass(frozen=True)
class Item:
    """One indicator of an assessment with the value that scores (None: no value yet) and its dimension key."""

    indicator: Any
    value: Any = None
    not_applicable: bool = False
    dimension: Any = None


@dataclass(frozen=True)
class Explanation:
    """Why an indicator has its colour, and what would move it up."""

    code: str
    name: str
    value: str
    colour: str | None
    threshold_met: str
    threshold_missed: str
    next_step: str
    not_applicable: bool = False


@dataclass
class Outcome:
    """Whether a level is reached, with every reason it is not, and the figures behind it."""

    reached: bool
    reasons: list[str] = field(default_factory=list)
    total: Decimal | None = None
    dimensions: dict = field(default_factory=dict)
    minimum_failed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    explanations: list[Explanation] = field(default_factory=list)


def to_decimal(value) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _is_better_or_equal(indicator, value: Decimal, threshold: Decimal) -> bool:
    return value <= threshold if indicator.direction == "lower" else value >= threshold


def indicator_colour(indicator, value) -> str | None:
    """green, yellow or red for `value` of `indicator`; None when there is no value to judge."""
    if value is None or value == "":
        return None
    if indicator.kind == "yesno":
        return GREEN if bool(value) else RED
    if indicator.kind == "choice":
        for option in indicator.choices or ():
            if option.get("value") == value:
                return option.get("colour")
        return None
    number = to_decimal(value)
    if number is None or indicator.green_threshold is None or indicator.yellow_threshold is None:
        return None
    if _is_better_or_equal(indicator, number, indicator.green_threshold):
        return GREEN
    if _is_better_or_equal(indicator, number, indicator.yellow_threshold):
        return YELLOW
    return RED


def indicator_points(indicator, value) -> int | None:
    """2 for green, 1 for yellow, 0 for red, None when there is no value."""
    colour = indicator_colour(indicator, value)
    return None if colour is None else POINTS[colour]


def indicator_score(indicator, value) -> Decimal | None:
    """points / 2, between 0 and 1."""
    points = indicator_points(indicator, value)
    return None if points is None else Decimal(points) / 2


def _weighted_percent(items: Iterable[Item]) -> Decimal | None:
    total_weight = Decimal(0)
    weighted = Decimal(0)
    for item in items:
        if item.not_applicable:
            continue
        score = indicator_score(item.indicator, item.value)
        if score is None:
            continue
        weight = to_decimal(item.indicator.weight) or Decimal(1)
        total_weight += weight
        weighted += weight * score
    if not total_weight:
        return None
    percent = weighted * 100 / total_weight
    return percent.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def dimension_scores(items: Iterable[Item]) -> dict[Any, Decimal | None]:
    """Score in percent per dimension key (in the order the dimensions first appear); None if nothing scores."""
    groups: OrderedDict[Any, list[Item]] = OrderedDict()
    for item in items:
        groups.setdefault(item.dimension, []).append(item)
    return {key: _weighted_percent(group) for key, group in groups.items()}


def total_score(items: Iterable[Item]) -> Decimal | None:
    """Weighted mean over all scored, applicable items, in percent (0-100); None if nothing scores yet."""
    return _weighted_percent(items)


def minimum_requirements_failed(items: Iterable[Item]) -> list[str]:
    """Codes of the minimum requirements that are red."""
    return [
        item.indicator.code
        for item in items
        if item.indicator.is_minimum_requirement
        and not item.not_applicable
        and indicator_colour(item.indicator, item.value) == RED
    ]


def missing_values(items: Iterable[Item]) -> list[str]:
    """Codes of the items with neither a value nor an accepted "not applicable"."""
    return [
        item.indicator.code
        for item in items
        if not item.not_applicable and indicator_colour(item.indicator, item.value) is None
    ]


def format_percent(value: Decimal | None) -> str:
    if value is None:
        return "–"
    value = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    text = f"{value:.0f}" if value == value.to_integral_value() else f"{value:.1f}"
    return f"{text} %"


def format_value(indicator, value) -> str:
    """A value as people read it: "yes", "Advisory", "2.5 FTE"."""
    if value is None or value == "":
        return "–"
    if indicator.kind == "yesno":
        return _("yes") if value else _("no")
    if indicator.kind == "choice":
        for option in indicator.choices or ():
            if option.get("value") == value:
                return str(option.get("label", value))
        return str(value)
    number = to_decimal(value)
    if number is None:
        return str(value)
    number = number.normalize()
    text = f"{number:f}"
    unit = "%" if indicator.kind == "percentage" else (indicator.unit or "")
    return f"{text} {unit}".strip()


def _threshold_text(indicator, threshold) -> str:
    sign = "≤" if indicator.direction == "lower" else "≥"
    return f"{sign} {format_value(indicator, threshold)}"


def explain_indicator(indicator, value, *, not_applicable: bool = False) -> Explanation:
    """The value, the threshold met and the one missed, the colour and what would move it up."""
    code, name = indicator.code, indicator.name
    if not_applicable:
        return Explanation(code, name, _("not applicable"), None, "", "", _("Left out of the score."), True)
    colour = indicator_colour(indicator, value)
    shown = format_value(indicator, value)
    if colour is None:
        return Explanation(code, name, shown, None, "", "", _("No value yet: answer this indicator."))
    met = missed = ""
    if indicator.kind == "yesno":
        met, missed = (_("yes"), "") if colour == GREEN else ("", _("yes"))
        step = "" if colour == GREEN else _("Green once the answer is yes.")
    elif indicator.kind == "choice":
        labels = {o.get("colour"): str(o.get("label", o.get("value"))) for o in indicator.choices or ()}
        met = labels.get(colour, "")
        if colour == GREEN:
            step = ""
        else:
            better = YELLOW if colour == RED and YELLOW in labels else GREEN
            missed = labels.get(better, "")
            step = _("%(colour)s with “%(option)s”.") % {"colour": _colour_name(better), "option": missed}
    else:
        green_t = _threshold_text(indicator, indicator.green_threshold)
        yellow_t = _threshold_text(indicator, indicator.yellow_threshold)
        if colour == GREEN:
            met, step = green_t, ""
        elif colour == YELLOW:
            met, missed = yellow_t, green_t
            step = _("Green at %(threshold)s.") % {"threshold": green_t}
        else:
            missed = yellow_t
            step = _("Yellow at %(threshold)s, green at %(green)s.") % {"threshold": yellow_t, "green": green_t}
    if colour == GREEN:
        step = _("Green: the best colour.")
    return Explanation(code, name, shown, colour, met, missed, step)


def _colour_name(colour: str) -> str:
    return {GREEN: _("Green"), YELLOW: _("Yellow"), RED: _("Red")}[colour]


LEVEL_NAMES = {"bronze": gettext_noop("Bronze"), "silver": gettext_noop("Silver"), "gold": gettext_noop("Gold")}


def level_outcome(level: str, items: Iterable[Item], *, improvements: int = 0) -> Outcome:
    """Whether `level` is reached on these items (the level's indicators, assessors' values), with reasons.

    Bronze: every indicator scored (or accepted as not applicable). Silver: the same, no red minimum requirement
    and three improvements declared and verified (`improvements`, counted by the caller). Gold: every indicator
    scored, total >= 80 % and no red minimum requirement.
    """
    items = list(items)
    name = _(LEVEL_NAMES.get(level, level.title()))
    total = total_score(items)
    dimensions = dimension_scores(items)
    failed = minimum_requirements_failed(items)
    missing = missing_values(items)
    problems: list[str] = []
    if missing:
        problems.append(
            _("%(count)d indicators not scored yet (%(codes)s)") % {"count": len(missing), "codes": ", ".join(missing)}
        )
    if level == "gold" and (total is None or total < GOLD_TOTAL_REQUIRED):
        problems.append(
            _("total %(total)s < %(required)s")
            % {"total": format_percent(total), "required": format_percent(GOLD_TOTAL_REQUIRED)}
        )
    if level in ("silver", "gold"):
        for code in failed:
            problems.append(_("minimum requirement %(code)s is red") % {"code": code})
    if level == "silver" and improvements < SILVER_IMPROVEMENTS_REQUIRED:
        problems.append(
            _("%(count)d of %(required)d improved indicators verified")
            % {"count": improvements, "required": SILVER_IMPROVEMENTS_REQUIRED}
        )
    reasons = []
    if problems:
        reasons.append(_("%(level)s not reached: %(problems)s") % {"level": name, "problems": "; ".join(problems)})
    else:
        if level == "gold":
            reasons.append(
                _("%(level)s reached: total %(total)s ≥ %(required)s; every minimum requirement met")
                % {"level": name, "total": format_percent(total), "required": format_percent(GOLD_TOTAL_REQUIRED)}
            )
        else:
            reasons.append(_("%(level)s reached") % {"level": name})
    explanations = [explain_indicator(i.indicator, i.value, not_applicable=i.not_applicable) for i in items]
    return Outcome(
        reached=not problems,
        reasons=reasons,
        total=total,
        dimensions=dimensions,
        minimum_failed=failed,
        missing=missing,
        explanations=explanations,
    )


def items_from_answers(indicators: Iterable, answers_by_indicator: dict, *, use: str = "assessed") -> list[Item]:
    """Items for `indicators` from answers keyed by indicator id.

    use="assessed" scores the assessors' values (only accepted or corrected answers count); use="declared"
    scores the self-declared values, for the manager's preview.
    """
    items = []
    for indicator in indicators:
        answer = answers_by_indicator.get(indicator.pk)
        value, not_applicable = None, False
        if answer is not None:
            if use == "declared":
                value, not_applicable = answer.declared_value, answer.not_applicable
            elif answer.review_state in ("accepted", "corrected"):
                value, not_applicable = answer.assessed_value, answer.assessed_not_applicable
        items.append(
            Item(indicator=indicator, value=value, not_applicable=not_applicable, dimension=indicator.dimension_id)
        )
    return items
