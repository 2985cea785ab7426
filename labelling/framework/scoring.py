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

Rules made precise (domain.md, 2026-12-02):
- A minimum requirement cannot be "not applicable": such a flag is ignored and the indicator is scored on its
  value like any other (without a value it is not scored, and the outcome says why).
- The total is compared with 80 % as an exact fraction (`Outcome.total_exact`); the rounded total is for display
  only and never shows 80 % for a total below it.
- A Silver improvement counts only on a scored (not N/A) indicator whose value is better than the value accepted
  in the Bronze assessment, in the indicator's direction; equal or worse does not count (`improvement_check`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from labelling.framework.levels import GOLD_TOTAL_REQUIRED, SILVER_IMPROVEMENTS_REQUIRED, Level

GREEN, YELLOW, RED = "green", "yellow", "red"
POINTS = {GREEN: 2, YELLOW: 1, RED: 0}
NUMERIC_KINDS = ("number", "percentage", "count")

# What a declared Silver improvement turned out to be (see `improvement_check`).
IMPROVED = "improved"
UNCHANGED = "unchanged"
DECLINED = "declined"
NOT_SCORED = "not_scored"  # no value yet now (not answered, or not accepted by the assessors yet)
NOT_APPLICABLE_NOW = "not_applicable"  # "not applicable" now: not a scored indicator
NO_BRONZE_VALUE = "no_bronze_value"  # nothing accepted in the Bronze assessment to compare with


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
    # The exact total in percent (a fraction): what the 80 % rule compares; `total` is its display rounding.
    total_exact: Fraction | None = None
    # Minimum requirements answered "not applicable", which they cannot be: not scored.
    minimum_not_applicable: list[str] = field(default_factory=list)
    # Silver: each declared improvement with what it turned out to be.
    improvements: list[ImprovementCheck] = field(default_factory=list)

    @property
    def improvements_counted(self) -> int:
        return sum(1 for check in self.improvements if check.counts)


@dataclass(frozen=True)
class ImprovementCheck:
    """One declared Silver improvement: the value accepted in the Bronze assessment, the value now, and whether
    it counts (only a real improvement in the indicator's direction does)."""

    code: str
    verdict: str
    bronze: Any = None
    now: Any = None
    bronze_text: str = "–"
    now_text: str = "–"

    @property
    def counts(self) -> bool:
        return self.verdict == IMPROVED

    @property
    def label(self) -> str:
        return improvement_verdict_label(self.verdict)


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


def is_left_out(item: Item) -> bool:
    """Whether an item is left out of the scores as "not applicable" (never a minimum requirement)."""
    return item.not_applicable and not item.indicator.is_minimum_requirement


def _weighted_fraction(items: Iterable[Item]) -> Fraction | None:
    """The weighted mean score in percent as an exact fraction; None if nothing scores."""
    total_weight = Fraction(0)
    weighted = Fraction(0)
    for item in items:
        if is_left_out(item):
            continue
        points = indicator_points(item.indicator, item.value)
        if points is None:
            continue
        weight = Fraction(to_decimal(item.indicator.weight) or Decimal(1))
        total_weight += weight
        weighted += weight * Fraction(points, 2)
    if not total_weight:
        return None
    return weighted * 100 / total_weight


def round_percent(exact: Fraction | None) -> Decimal | None:
    """An exact percentage rounded half up to 0.1 (for display)."""
    if exact is None:
        return None
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def display_total(exact: Fraction | None, *, required: Decimal = GOLD_TOTAL_REQUIRED) -> Decimal | None:
    """The total rounded for display, but never rounded up onto `required` (79.96 % shows 79.9 %, not 80 %)."""
    shown = round_percent(exact)
    if shown is not None and exact < Fraction(required) and shown >= required:
        shown = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.1"), rounding=ROUND_DOWN)
    return shown


def _weighted_percent(items: Iterable[Item]) -> Decimal | None:
    return display_total(_weighted_fraction(items))


def dimension_scores(items: Iterable[Item]) -> dict[Any, Decimal | None]:
    """Score in percent per dimension key (in the order the dimensions first appear); None if nothing scores."""
    groups: OrderedDict[Any, list[Item]] = OrderedDict()
    for item in items:
        groups.setdefault(item.dimension, []).append(item)
    return {key: _weighted_percent(group) for key, group in groups.items()}


def total_score(items: Iterable[Item]) -> Decimal | None:
    """Weighted mean over all scored, applicable items, in percent (0-100) rounded for display; None if nothing
    scores yet. Rules compare `total_score_exact`."""
    return _weighted_percent(items)


def total_score_exact(items: Iterable[Item]) -> Fraction | None:
    """The total as an exact fraction (percent): what the 80 % rule compares."""
    return _weighted_fraction(items)


def reaches_gold_total(exact: Fraction | None) -> bool:
    """total >= 80 %, compared exactly."""
    return exact is not None and exact >= Fraction(GOLD_TOTAL_REQUIRED)


def minimum_requirements_failed(items: Iterable[Item]) -> list[str]:
    """Codes of the minimum requirements that are red."""
    return [
        item.indicator.code
        for item in items
        if item.indicator.is_minimum_requirement and indicator_colour(item.indicator, item.value) == RED
    ]


def minimum_requirements_not_applicable(items: Iterable[Item]) -> list[str]:
    """Codes of the minimum requirements answered "not applicable" without a value: not scored."""
    return [
        item.indicator.code
        for item in items
        if item.indicator.is_minimum_requirement
        and item.not_applicable
        and indicator_colour(item.indicator, item.value) is None
    ]


def missing_values(items: Iterable[Item]) -> list[str]:
    """Codes of the items with neither a value nor an accepted "not applicable" (a minimum requirement needs a
    value)."""
    return [
        item.indicator.code
        for item in items
        if not is_left_out(item) and indicator_colour(item.indicator, item.value) is None
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


def format_answer_value(*, indicator, number=None, boolean=None, choice="", not_applicable=False) -> str:
    """A value as people read it: "12.5 %", "yes", the option's label, "not applicable", or "–"."""
    if not_applicable:
        return _("not applicable")
    if indicator.kind == "yesno":
        return format_value(indicator, boolean)
    if indicator.kind == "choice":
        return format_value(indicator, choice or None)
    return format_value(indicator, number)


def _threshold_text(indicator, threshold) -> str:
    sign = "≤" if indicator.direction == "lower" else "≥"
    return f"{sign} {format_value(indicator, threshold)}"


def explain_indicator(indicator, value, *, not_applicable: bool = False) -> Explanation:
    """The value, the threshold met and the one missed, the colour and what would move it up."""
    code, name = indicator.code, indicator.name
    if not_applicable and indicator.is_minimum_requirement and indicator_colour(indicator, value) is None:
        return Explanation(
            code,
            name,
            _("not applicable"),
            None,
            "",
            "",
            _("A minimum requirement cannot be “not applicable”: answer it."),
        )
    if not_applicable and not indicator.is_minimum_requirement:
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


# --- Silver improvements --------------------------------------------------------------------------------------------


def compare_values(indicator, before, after) -> int | None:
    """+1 when `after` is better than `before` in the indicator's direction, 0 when as good, -1 when worse; None
    when either is missing or cannot be judged. Yes beats no; a choice compares by its colour's points."""
    if before is None or after is None or before == "" or after == "":
        return None
    if indicator.kind == "yesno":
        old, new = int(bool(before)), int(bool(after))
    elif indicator.kind == "choice":
        old, new = indicator_points(indicator, before), indicator_points(indicator, after)
        if old is None or new is None:
            return None
    else:
        old, new = to_decimal(before), to_decimal(after)
        if old is None or new is None:
            return None
        if indicator.direction == "lower":
            old, new = -old, -new
    return (new > old) - (new < old)


def improvement_check(
    indicator, *, bronze, now, bronze_not_applicable: bool = False, now_not_applicable: bool = False
) -> ImprovementCheck:
    """What a declared improvement of `indicator` is: `bronze` is the value accepted in the Bronze assessment,
    `now` the value that scores now. Only IMPROVED counts; equal (UNCHANGED) or worse (DECLINED) do not, nor an
    indicator "not applicable" now or without a Bronze value to compare with."""
    is_minimum = getattr(indicator, "is_minimum_requirement", False)
    texts = {
        "bronze_text": _("not applicable")
        if bronze_not_applicable and bronze in (None, "")
        else format_value(indicator, bronze),
        "now_text": _("not applicable") if now_not_applicable and now in (None, "") else format_value(indicator, now),
    }
    if now_not_applicable and not (is_minimum and now not in (None, "")):
        verdict = NOT_APPLICABLE_NOW
    elif indicator_colour(indicator, now) is None:
        verdict = NOT_SCORED
    elif (bronze_not_applicable and not (is_minimum and bronze not in (None, ""))) or indicator_colour(
        indicator, bronze
    ) is None:
        verdict = NO_BRONZE_VALUE
    else:
        verdict = {1: IMPROVED, 0: UNCHANGED, -1: DECLINED}[compare_values(indicator, bronze, now)]
    return ImprovementCheck(code=indicator.code, verdict=verdict, bronze=bronze, now=now, **texts)


def improvement_verdict_label(verdict: str) -> str:
    return {
        IMPROVED: _("better than at Bronze"),
        UNCHANGED: _("unchanged since Bronze: does not count"),
        DECLINED: _("worse than at Bronze: does not count"),
        NOT_SCORED: _("no accepted value yet"),
        NOT_APPLICABLE_NOW: _("not applicable now: does not count"),
        NO_BRONZE_VALUE: _("no value accepted at Bronze to compare with: does not count"),
    }.get(verdict, verdict)


# --- Outcome of a level ---------------------------------------------------------------------------------------------


def level_outcome(level: str, items: Iterable[Item], *, improvements: int | Sequence[ImprovementCheck] = 0) -> Outcome:
    """Whether `level` is reached on these items (the level's indicators, assessors' values), with reasons.

    Bronze: every indicator scored (or accepted as not applicable; never a minimum requirement). Silver: the
    same, no red minimum requirement and three real improvements over the Bronze assessment (`improvements`:
    the checks of the declared ones, or a number already counted). Gold: every indicator scored, total >= 80 %
    (exactly) and no red minimum requirement.
    """
    items = list(items)
    name = str(Level(level).label) if level in Level.values else level.title()
    exact = total_score_exact(items)
    total = display_total(exact)
    dimensions = dimension_scores(items)
    failed = minimum_requirements_failed(items)
    minimum_na = minimum_requirements_not_applicable(items)
    missing = missing_values(items)
    checks = [] if isinstance(improvements, int) else list(improvements)
    counted = improvements if isinstance(improvements, int) else sum(1 for c in checks if c.counts)
    problems: list[str] = []
    for code in minimum_na:
        problems.append(
            _("minimum requirement %(code)s is answered “not applicable”, which a minimum requirement cannot be")
            % {"code": code}
        )
    unscored = [code for code in missing if code not in minimum_na]
    if unscored:
        problems.append(
            _("%(count)d indicators not scored yet (%(codes)s)")
            % {"count": len(unscored), "codes": ", ".join(unscored)}
        )
    if level == Level.GOLD and not reaches_gold_total(exact):
        problems.append(
            _("total %(total)s < %(required)s")
            % {"total": format_percent(total), "required": format_percent(GOLD_TOTAL_REQUIRED)}
        )
    if level in (Level.SILVER, Level.GOLD):
        for code in failed:
            problems.append(_("minimum requirement %(code)s is red") % {"code": code})
    if level == Level.SILVER and counted < SILVER_IMPROVEMENTS_REQUIRED:
        text = _("%(count)d of %(required)d improved indicators verified") % {
            "count": counted,
            "required": SILVER_IMPROVEMENTS_REQUIRED,
        }
        not_counted = [f"{c.code} {c.label}" for c in checks if not c.counts]
        if not_counted:
            text += f" ({'; '.join(not_counted)})"
        problems.append(text)
    reasons = []
    if problems:
        reasons.append(_("%(level)s not reached: %(problems)s") % {"level": name, "problems": "; ".join(problems)})
    else:
        if level == Level.GOLD:
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
        total_exact=exact,
        minimum_not_applicable=minimum_na,
        improvements=checks,
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
