"""The app's own copy of the ECEI-2026 codes stays in step with the labelling area's framework."""

from __future__ import annotations

from knowledge.indicators import DIMENSIONS, INDICATOR_CODES, dimension_of


def test_the_codes_match_the_labelling_framework(ecei_framework):
    codes = sorted(
        ecei_framework.indicators.values_list("code", flat=True), key=lambda c: tuple(map(int, c.split(".")))
    )
    assert list(INDICATOR_CODES) == codes
    assert len(INDICATOR_CODES) == 36


def test_the_dimensions_match_the_labelling_framework(ecei_framework):
    numbers = sorted(ecei_framework.dimensions.values_list("number", flat=True))
    assert numbers == sorted(DIMENSIONS) == [1, 2, 3, 4, 5, 6]
    for indicator in ecei_framework.indicators.select_related("dimension"):
        assert dimension_of(indicator.code) == indicator.dimension.number
