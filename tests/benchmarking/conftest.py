"""Fixtures of the benchmarking tests: a population of reviewed organisations and its reports."""

from __future__ import annotations

import importlib
import random

import pytest

from benchmarking.services import peer_statistics_recompute
from tests.benchmarking.factories import peers, reviewed_assessment


@pytest.fixture(autouse=True)
def _ecei_framework(request):
    """The ECEI-2026 framework of labelling's data migration, loaded again if a transactional test (browser,
    worker) of an earlier run flushed it from the reused test database."""
    names = request.fixturenames
    transactional = any(n in names for n in ("transactional_db", "live_server", "celery_worker_redis", "page"))
    request.getfixturevalue("transactional_db" if transactional else "db")
    from django.apps import apps

    from labelling.models import Framework

    if not Framework.objects.filter(code="ECEI-2026", version=1).exists():
        ecei_migration = importlib.import_module("labelling.migrations.0002_ecei_2026")
        ecei_migration.load(apps, None)


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
