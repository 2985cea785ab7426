"""Fixtures of the benchmarking tests: a population of reviewed organisations and its reports."""

from __future__ import annotations

import random

import pytest

from benchmarking.services import peer_statistics_recompute
from tests.benchmarking.factories import peers, reviewed_assessment


@pytest.fixture
def population(db):
    """Seven organisations in Germany/digital (the fixtures' defaults) with random reviewed values."""
    return peers(7, rng=random.Random(11))


@pytest.fixture
def report_a(org_a, manager_a, population):
    """org_a with a reviewed assessment (some red and yellow) among the population, and its first report."""
    reviewed_assessment(org_a, colours={"1.2": "red", "2.3": "yellow", "3.1": "red", "4.9": "yellow"})
    peer_statistics_recompute()
    return org_a.benchmark_reports.get()
