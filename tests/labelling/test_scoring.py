"""The label rules in labelling/framework/scoring.py: colours, points, scores and the outcome of each level, with reasons.

Pure functions: no database except where the real ECEI-2026 indicators are used.
"""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labelling.framework import scoring
from labelling.framework.scoring import IndicatorSpec, Item

COUNT = IndicatorSpec(code="1.1", kind="count", green_threshold=Decimal(50), yellow_threshold=Decimal(15))
TURNOVER = IndicatorSpec(
    code="2.6", kind="percentage", direction="lower", green_threshold=Decimal(20), yellow_threshold=Decimal(40)
)
YESNO = IndicatorSpec(code="4.1", kind="yesno", is_minimum_requirement=True)
ROLES = IndicatorSpec(code="2.8", kind="yesno")
CHOICE = IndicatorSpec(
    code="2.7",
    kind="choice",
    choices=[
        {"value": "none", "label": "None", "colour": "red"},
        {"value": "advisory", "label": "Advisory", "colour": "yellow"},
        {"value": "deciding", "label": "Deciding board", "colour": "green"},
    ],
)


@pytest.mark.parametrize(
    ("indicator", "value", "colour"),
    [
        (COUNT, 50, "green"),
        (COUNT, 49, "yellow"),
        (COUNT, 15, "yellow"),
        (COUNT, 14, "red"),
        (TURNOVER, 20, "green"),
        (TURNOVER, 21, "yellow"),
        (TURNOVER, 40, "yellow"),
        (TURNOVER, 41, "red"),
        (YESNO, True, "green"),
        (YESNO, False, "red"),
        (CHOICE, "deciding", "green"),
        (CHOICE, "advisory", "yellow"),
        (CHOICE, "none", "red"),
        (CHOICE, "unknown", None),
        (COUNT, None, None),
    ],
)
def test_colour_at_and_past_the_thresholds(indicator, value, colour):
    assert scoring.indicator_colour(indicator, value) == colour


def test_points_are_2_1_0():
    assert [scoring.indicator_points(COUNT, v) for v in (60, 20, 1)] == [2, 1, 0]


def test_weighted_mean_and_not_applicable_left_out():
    heavy = IndicatorSpec(code="x", kind="count", green_threshold=Decimal(2), yellow_threshold=Decimal(1), weight=3)
    items = [Item(heavy, 5, dimension=1), Item(COUNT, 1, dimension=1), Item(ROLES, None, True, dimension=2)]
    assert scoring.total_score(items) == Decimal("75.0")  # (3*1 + 1*0) / 4
    assert scoring.dimension_scores(items) == {1: Decimal("75.0"), 2: None}


def test_gold_not_reached_says_why():
    min_fte = IndicatorSpec(
        code="2.2",
        kind="number",
        green_threshold=Decimal(3),
        yellow_threshold=Decimal("0.5"),
        is_minimum_requirement=True,
    )
    items = [Item(COUNT, 60), Item(COUNT, 20), Item(min_fte, Decimal("0.2")), Item(YESNO, True)]
    outcome = scoring.level_outcome("gold", items)
    assert not outcome.reached
    assert outcome.reasons == ["Gold not reached: total 62.5 % < 80 %; minimum requirement 2.2 is red"]
    assert outcome.minimum_failed == ["2.2"]


def test_gold_reached_at_80_percent():
    items = [Item(COUNT, 60)] * 3 + [Item(COUNT, 20)] * 2  # (6 + 2) / 10
    outcome = scoring.level_outcome("gold", items)
    assert outcome.total == Decimal("80.0") and outcome.reached
    assert outcome.reasons[0].startswith("Gold reached: total 80 % ≥ 80 %")


def test_bronze_needs_every_indicator_scored_but_no_minimum_score():
    assert scoring.level_outcome("bronze", [Item(COUNT, 1), Item(YESNO, False)]).reached
    outcome = scoring.level_outcome("bronze", [Item(COUNT, 1), Item(YESNO, None)])
    assert not outcome.reached and "4.1" in outcome.reasons[0]


def test_silver_blocks_on_a_red_minimum_and_missing_improvements():
    outcome = scoring.level_outcome("silver", [Item(COUNT, 60), Item(YESNO, False)], improvements=2)
    assert not outcome.reached
    assert "minimum requirement 4.1 is red" in outcome.reasons[0]
    assert "2 of 3 improved indicators verified" in outcome.reasons[0]
    assert scoring.level_outcome("silver", [Item(COUNT, 60), Item(YESNO, True)], improvements=3).reached


@pytest.mark.parametrize("level", ["bronze", "silver", "gold"])
def test_a_minimum_requirement_answered_not_applicable_is_not_scored_and_blocks_every_level(level):
    """domain.md 2026-12-02: a minimum requirement cannot be "not applicable"; it is scored like any other."""
    items = [Item(COUNT, 60)] * 4 + [Item(YESNO, None, not_applicable=True)]
    outcome = scoring.level_outcome(level, items, improvements=3)
    assert not outcome.reached
    assert outcome.minimum_not_applicable == ["4.1"]
    assert "minimum requirement 4.1 is answered “not applicable”" in outcome.reasons[0]
    assert outcome.total == Decimal("100.0")  # left out of the mean like any missing value, but never "accepted"
    # A value given beside the flag is scored: the flag does not take a red minimum requirement out of the rules.
    red = scoring.level_outcome(level, [Item(COUNT, 60), Item(YESNO, False, not_applicable=True)], improvements=3)
    assert red.total == Decimal("50.0")
    assert red.reached == (level == "bronze") and red.minimum_failed == ["4.1"]


def test_an_ordinary_indicator_may_still_be_not_applicable():
    outcome = scoring.level_outcome("gold", [Item(COUNT, 60), Item(ROLES, None, not_applicable=True)])
    assert outcome.reached and outcome.total == Decimal("100.0") and outcome.minimum_not_applicable == []


def test_the_explanation_says_what_would_move_an_indicator_up():
    red = scoring.explain_indicator(COUNT, 10)
    assert red.colour == "red" and red.threshold_missed == "≥ 15" and "Yellow at ≥ 15, green at ≥ 50" in red.next_step
    yellow = scoring.explain_indicator(TURNOVER, 30)
    assert yellow.threshold_met == "≤ 40 %" and yellow.threshold_missed == "≤ 20 %"
    assert "Green at ≤ 20 %" in yellow.next_step
    assert scoring.explain_indicator(CHOICE, "none").next_step == "Yellow with “Advisory”."
    assert scoring.explain_indicator(YESNO, True).next_step == "Green: the best colour."


# --- properties -----------------------------------------------------------------------------------------------------

thresholds = st.tuples(
    st.decimals(min_value=-1000, max_value=1000, places=2), st.decimals(min_value=-1000, max_value=1000, places=2)
)
values = st.decimals(min_value=-5000, max_value=5000, places=2)


@st.composite
def numeric_indicators(draw):
    a, b = draw(thresholds)
    direction = draw(st.sampled_from(["higher", "lower"]))
    green, yellow = (max(a, b), min(a, b)) if direction == "higher" else (min(a, b), max(a, b))
    weight = draw(st.decimals(min_value=Decimal("0.1"), max_value=10, places=1))
    return IndicatorSpec(
        code="n", kind="number", direction=direction, green_threshold=green, yellow_threshold=yellow, weight=weight
    )


@given(numeric_indicators(), values, values)
def test_a_better_value_never_lowers_the_score(indicator, first, second):
    better, worse = (max(first, second), min(first, second))
    if indicator.direction == "lower":
        better, worse = worse, better
    assert scoring.indicator_points(indicator, better) >= scoring.indicator_points(indicator, worse)


@given(st.lists(st.tuples(numeric_indicators(), values, st.booleans()), min_size=1, max_size=20), st.integers(0, 19))
@settings(max_examples=150)
def test_improving_one_value_never_lowers_the_total(rows, index):
    items = [Item(ind, value, na, dimension=i % 3) for i, (ind, value, na) in enumerate(rows)]
    index %= len(items)
    item = items[index]
    step = Decimal(100) if item.indicator.direction == "higher" else Decimal(-100)
    improved = list(items)
    improved[index] = Item(item.indicator, item.value + step, item.not_applicable, item.dimension)
    before, after = scoring.total_score(items), scoring.total_score(improved)
    if before is not None:
        assert after >= before
    for key, score in scoring.dimension_scores(improved).items():
        old = scoring.dimension_scores(items)[key]
        if old is not None:
            assert score >= old


@given(st.lists(st.tuples(numeric_indicators(), st.one_of(st.none(), values), st.booleans()), max_size=30))
def test_scores_stay_within_0_and_100(rows):
    items = [Item(ind, value, na, dimension=i % 4) for i, (ind, value, na) in enumerate(rows)]
    total = scoring.total_score(items)
    assert total is None or Decimal(0) <= total <= Decimal(100)
    for score in scoring.dimension_scores(items).values():
        assert score is None or Decimal(0) <= score <= Decimal(100)


@given(
    st.lists(st.tuples(numeric_indicators(), values), min_size=1, max_size=15),
    st.lists(st.tuples(numeric_indicators(), st.one_of(st.none(), values)), max_size=10),
)
def test_not_applicable_items_are_left_out(scored, excluded):
    items = [Item(ind, value) for ind, value in scored]
    with_na = items + [Item(ind, value, not_applicable=True) for ind, value in excluded]
    assert scoring.total_score(with_na) == scoring.total_score(items)
    assert scoring.missing_values(with_na) == scoring.missing_values(items)


# --- on the real framework ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_scoring_the_real_gold_indicators_from_answers():
    from labelling.models import Answer
    from tests.labelling.factories import AssessmentFactory, accept_all, fill_answers

    assessment = AssessmentFactory(level="gold")
    colours = dict.fromkeys(["1.3", "1.5", "1.6", "2.1", "2.3", "2.5", "2.6", "3.1"], "yellow")
    colours["2.2"] = "red"
    fill_answers(assessment, colours=colours)
    answers = {a.indicator_id: a for a in Answer.objects.filter(assessment=assessment).select_related("indicator")}
    indicators = [a.indicator for a in answers.values()]
    declared = scoring.items_from_answers(indicators, answers, use="declared")
    assessed = scoring.items_from_answers(indicators, answers, use="assessed")
    assert scoring.total_score(assessed) is None  # nothing accepted yet: nothing counts
    outcome = scoring.level_outcome("gold", declared)
    # 31 indicators: 22 green (44), 8 yellow (8), 1 red (0) -> 52 / 62
    assert outcome.total == Decimal("83.9")
    assert outcome.reasons == ["Gold not reached: minimum requirement 2.2 is red"]
    accept_all(assessment)
    answers = {a.indicator_id: a for a in Answer.objects.filter(assessment=assessment).select_related("indicator")}
    assert scoring.total_score(scoring.items_from_answers(indicators, answers)) == Decimal("83.9")


# --- the 80 % rule on the exact fraction (domain.md, rules made precise 2026-12-02) ---------------------------------


def _count(code: str, weight: str) -> IndicatorSpec:
    return IndicatorSpec(
        code=code, kind="count", green_threshold=Decimal(50), yellow_threshold=Decimal(15), weight=Decimal(weight)
    )


def test_a_total_just_below_80_percent_is_not_gold_and_never_shows_80():
    items = [Item(_count("g", "19.99"), 60), Item(_count("r", "5.01"), 1)]  # 19.99 / 25 = 79.96 %
    outcome = scoring.level_outcome("gold", items)
    assert outcome.total_exact == Fraction(7996, 100)
    assert not outcome.reached
    assert outcome.total == Decimal("79.9")  # rounding half up would show 80.0 beside "not reached"
    assert outcome.reasons == ["Gold not reached: total 79.9 % < 80 %"]
    assert scoring.total_score(items) == Decimal("79.9")


def test_a_weighted_total_of_exactly_80_percent_is_gold():
    items = [Item(_count("g", "4"), 60), Item(_count("r", "1"), 1)]
    outcome = scoring.level_outcome("gold", items)
    assert outcome.total_exact == 80 and outcome.reached and outcome.total == Decimal("80.0")


@pytest.mark.parametrize(("greens", "reached"), [(18, False), (19, True)])
def test_49_of_62_points_is_not_gold_and_50_of_62_is(greens, reached):
    items = [Item(COUNT, 60)] * greens + [Item(COUNT, 20)] * (31 - greens)  # 31 Gold indicators, 62 points
    outcome = scoring.level_outcome("gold", items)
    assert outcome.total_exact == Fraction(100 * (2 * greens + 31 - greens), 62)
    assert outcome.reached is reached


weights = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999.99"), places=2)


@given(st.lists(st.tuples(st.sampled_from([60, 20, 1]), weights), min_size=1, max_size=31))
@settings(max_examples=300)
def test_gold_is_reached_exactly_when_the_exact_fraction_is_at_least_80_percent(rows):
    items = [Item(_count(f"c{n}", str(w)), value) for n, (value, w) in enumerate(rows)]
    points = {60: 2, 20: 1, 1: 0}
    exact = sum(Fraction(points[v]) * Fraction(w) for v, w in rows) * 100 / (2 * sum(Fraction(w) for _v, w in rows))
    outcome = scoring.level_outcome("gold", items)
    assert outcome.total_exact == exact
    assert outcome.reached == (exact >= 80)
    # What is shown agrees with the rule: never 80 % or more for a total below it, never below for one above.
    assert (outcome.total >= Decimal(80)) == (exact >= 80)
    assert abs(Fraction(outcome.total) - exact) <= Fraction(1, 10)


@given(
    st.lists(st.tuples(numeric_indicators(), values, st.booleans(), st.booleans()), min_size=1, max_size=20),
    st.sampled_from(["bronze", "silver", "gold"]),
)
def test_a_minimum_requirement_is_never_left_out_as_not_applicable(rows, level):
    items = [
        Item(
            IndicatorSpec(
                code=f"m{n}",
                kind="number",
                direction=ind.direction,
                green_threshold=ind.green_threshold,
                yellow_threshold=ind.yellow_threshold,
                is_minimum_requirement=minimum,
            ),
            None if na else value,
            na,
        )
        for n, (ind, value, na, minimum) in enumerate(rows)
    ]
    outcome = scoring.level_outcome(level, items, improvements=3)
    na_minimums = [i.indicator.code for i in items if i.not_applicable and i.indicator.is_minimum_requirement]
    assert outcome.minimum_not_applicable == na_minimums
    if na_minimums:
        assert not outcome.reached


@given(st.lists(st.sampled_from(["improved", "unchanged", "declined", "not_scored"]), max_size=3))
def test_silver_counts_only_the_real_improvements(verdicts):
    checks = [scoring.ImprovementCheck(code=f"x{n}", verdict=v) for n, v in enumerate(verdicts)]
    outcome = scoring.level_outcome("silver", [Item(COUNT, 60), Item(YESNO, True)], improvements=checks)
    assert outcome.improvements_counted == verdicts.count("improved")
    assert outcome.reached == (verdicts.count("improved") >= scoring.SILVER_IMPROVEMENTS_REQUIRED)
