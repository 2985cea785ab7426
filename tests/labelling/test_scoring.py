"""The label rules in labelling/scoring.py: colours, points, scores and the outcome of each level, with reasons.

Pure functions: no database except where the real ECEI-2026 indicators are used.
"""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labelling import scoring
from labelling.scoring import IndicatorSpec, Item

COUNT = IndicatorSpec(code="1.1", kind="count", green_threshold=Decimal(50), yellow_threshold=Decimal(15))
TURNOVER = IndicatorSpec(
    code="2.6", kind="percentage", direction="lower", green_threshold=Decimal(20), yellow_threshold=Decimal(40)
)
YESNO = IndicatorSpec(code="4.1", kind="yesno", is_minimum_requirement=True)
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
    items = [Item(heavy, 5, dimension=1), Item(COUNT, 1, dimension=1), Item(YESNO, False, True, dimension=2)]
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


def test_a_not_applicable_minimum_requirement_does_not_block():
    assert scoring.minimum_requirements_failed([Item(YESNO, None, not_applicable=True)]) == []


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
