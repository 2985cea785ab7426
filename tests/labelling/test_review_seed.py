"""The labelling demo data: every state present for the demo logins, deterministic and idempotent."""

from __future__ import annotations

import io
import random

import pytest

from labelling.models import Assessment, Label
from labelling.review.models import AnswerMessage, Appeal, AssessorAssignment
from portal.management.commands.seed_demo import SeedContext

pytestmark = pytest.mark.django_db


def _run(ctx):
    import labelling.seed
    import platform_directory.seed
    import portal.seed

    for module in (portal.seed, platform_directory.seed, labelling.seed):
        ctx.rng = random.Random(f"2026-{module.__name__.split('.')[0]}")
        module.seed(ctx)


def test_the_seed_covers_every_state_and_runs_twice_without_change():
    ctx = SeedContext(organisations=90, stdout=io.StringIO())
    _run(ctx)
    statuses = set(Assessment.objects.values_list("status", flat=True))
    assert statuses == set(Assessment.Status.values)
    assert set(Label.objects.values_list("level", flat=True)) == {"bronze", "silver", "gold"}
    assert Appeal.objects.filter(status="open").count() == 1
    assert AnswerMessage.objects.filter(kind="question").exists()
    manager = ctx.users["manager"]
    mine = Assessment.objects.filter(organisation__memberships__user=manager)
    assert {"awarded", "in_review", "appealed", "draft"} <= set(mine.values_list("status", flat=True))
    for key in ("assessor", "assessor2", "assessor3"):
        assert AssessorAssignment.objects.filter(assessor=ctx.users[key]).exists()
    assert Assessment.objects.filter(status="awarded").values("organisation").distinct().count() >= 50
    counts = (Assessment.objects.count(), Label.objects.count(), AnswerMessage.objects.count())
    _run(SeedContext(organisations=90, stdout=io.StringIO()))
    assert (Assessment.objects.count(), Label.objects.count(), AnswerMessage.objects.count()) == counts
