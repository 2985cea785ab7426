"""modules_for_indicators ranks modules by relevance to a set of indicator codes."""

from __future__ import annotations

import pytest

from knowledge.models import Status
from knowledge.selectors import modules_for_indicators
from tests.knowledge.factories import ModuleFactory


@pytest.fixture
def catalogue(db):
    return {
        "both": ModuleFactory(title="Both", indicators=["3.1", "3.2"], order=50),
        "one": ModuleFactory(title="One", indicators=["3.1"], order=10),
        "dimension": ModuleFactory(title="Dimension only", dimensions=[3], order=1),
        "unrelated": ModuleFactory(title="Unrelated", indicators=["5.5"], dimensions=[5]),
        "draft": ModuleFactory(title="Draft", indicators=["3.1", "3.2"], status=Status.DRAFT),
    }


def titles(modules):
    return [m.title for m in modules]


def test_more_direct_matches_rank_higher_and_dimension_tags_count_less(catalogue):
    result = modules_for_indicators(codes=["3.1", "3.2"])
    assert titles(result) == ["Both", "One", "Dimension only"]
    assert [m.relevance for m in result] == [6, 3, 2]
    assert result[1].matched_codes == ["3.1"]
    assert result[2].matched_dimensions == [3]


def test_drafts_and_unrelated_modules_are_left_out(catalogue):
    assert "Draft" not in titles(modules_for_indicators(codes=["3.1"]))
    assert "Unrelated" not in titles(modules_for_indicators(codes=["3.1"]))


def test_a_direct_tag_beats_a_dimension_tag_whatever_the_order(catalogue):
    result = modules_for_indicators(codes=["3.1"])
    assert titles(result)[:2] == ["Both", "One"] or titles(result)[:2] == ["One", "Both"]
    assert titles(result)[-1] == "Dimension only"


def test_limit_and_unknown_codes(catalogue):
    assert titles(modules_for_indicators(codes=["3.1", "3.2"], limit=1)) == ["Both"]
    assert modules_for_indicators(codes=["9.9", "<script>"]) == []
    assert modules_for_indicators(codes=[]) == []


def test_foundation_comes_before_advanced_for_red_indicators(db):
    ModuleFactory(title="Advanced", level="advanced", indicators=["2.2"], order=1)
    ModuleFactory(title="Foundation", level="foundation", indicators=["2.2"], order=2)
    assert titles(modules_for_indicators(codes=["2.2"], colours={"2.2": "red"})) == ["Foundation", "Advanced"]
    # For an indicator that is only yellow, the learner has the basics: advanced first.
    assert titles(modules_for_indicators(codes=["2.2"], colours={"2.2": "yellow"})) == ["Advanced", "Foundation"]


def test_red_indicators_weigh_double(db):
    ModuleFactory(title="For the yellow one", indicators=["4.1"], order=1)
    ModuleFactory(title="For the red one", indicators=["4.2"], order=2)
    result = modules_for_indicators(codes=["4.1", "4.2"], colours={"4.1": "yellow", "4.2": "red"})
    assert titles(result) == ["For the red one", "For the yellow one"]


def test_it_takes_a_fixed_number_of_queries(django_assert_max_num_queries, db):
    for _n in range(15):
        ModuleFactory(indicators=["1.1", "1.2"], dimensions=[1])
    with django_assert_max_num_queries(3):
        assert len(modules_for_indicators(codes=["1.1", "1.2", "1.3"])) == 15
