"""Fixtures of the labelling area.

The ECEI-2026 framework comes from a data migration. A transactional test (browser, Celery worker) flushes the
database when it ends, which removes migration data for the tests that follow in a reused test database; this
fixture loads the framework again when it is missing, so every labelling test can rely on `ecei()`.
"""

from __future__ import annotations

import importlib

import pytest


@pytest.fixture(autouse=True)
def _ecei_framework(request):
    if "db" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        marker = request.node.get_closest_marker("django_db")
        if marker is None:
            return
        request.getfixturevalue("transactional_db" if marker.kwargs.get("transaction") else "db")
    from django.apps import apps

    from labelling.models import Framework

    if not Framework.objects.filter(code="ECEI-2026", version=1).exists():
        migration = importlib.import_module("labelling.migrations.0002_ecei_2026")
        migration.load(apps, None)
