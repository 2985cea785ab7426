"""The data migration loads ECEI-2026 exactly as domain.md gives it, and a published framework never changes."""

from decimal import Decimal

import pytest

from labelling.models import Dimension, FrameworkLocked, Indicator
from tests.labelling.factories import ecei

pytestmark = pytest.mark.django_db


def test_it_loads_36_indicators_in_6_dimensions_31_for_gold():
    framework = ecei()
    assert framework.is_published
    assert framework.dimensions.count() == 6
    assert framework.indicators.count() == 36
    assert framework.indicators.filter(in_bronze=True).count() == 36
    assert framework.indicators.filter(in_gold=True).count() == 31
    assert set(framework.indicators.filter(in_gold=False).values_list("code", flat=True)) == {
        "1.2",
        "2.4",
        "3.3",
        "4.9",
        "6.4",
    }
    assert framework.indicators.filter(in_silver=True).count() == 19


def test_minimum_requirements_are_the_five_of_the_table():
    codes = set(ecei().indicators.filter(is_minimum_requirement=True).values_list("code", flat=True))
    assert codes == {"1.1", "1.4", "2.2", "4.1", "5.5"}


@pytest.mark.parametrize(
    ("code", "kind", "direction", "green", "yellow"),
    [
        ("1.1", "count", "higher", "50", "15"),
        ("2.2", "number", "higher", "3", "0.5"),
        ("2.6", "percentage", "lower", "20", "40"),
        ("4.4", "number", "lower", "12", "24"),
        ("1.6", "percentage", "higher", "10", "0"),
    ],
)
def test_thresholds_and_directions(code, kind, direction, green, yellow):
    indicator = ecei().indicators.get(code=code)
    assert (indicator.kind, indicator.direction) == (kind, direction)
    assert indicator.green_threshold == Decimal(green)
    assert indicator.yellow_threshold == Decimal(yellow)


def test_choice_indicators_have_a_colour_per_option():
    framework = ecei()
    assert {o["value"]: o["colour"] for o in framework.indicators.get(code="2.7").choices} == {
        "none": "red",
        "advisory": "yellow",
        "deciding": "green",
    }
    assert {o["value"]: o["colour"] for o in framework.indicators.get(code="4.9").choices} == {
        "none": "red",
        "planned": "yellow",
        "offered": "green",
    }


def test_every_indicator_has_guidance_for_both_roles():
    assert not ecei().indicators.filter(guidance_manager="").exists()
    assert not ecei().indicators.filter(guidance_assessor="").exists()


def test_a_published_framework_refuses_changes():
    framework = ecei()
    framework.title = "Changed"
    with pytest.raises(FrameworkLocked):
        framework.save()
    indicator = Indicator.objects.get(framework=framework, code="2.2")
    indicator.green_threshold = Decimal("1")
    with pytest.raises(FrameworkLocked):
        indicator.save()
    with pytest.raises(FrameworkLocked):
        Dimension.objects.create(framework=framework, number=7, name="New")
