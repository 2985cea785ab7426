"""The demo content: substantial, original, covering every indicator, and idempotent."""

from __future__ import annotations

import io
import random

import pytest

from knowledge import seed as knowledge_seed
from knowledge.indicators import INDICATOR_CODES
from knowledge.models import CaseStudy, Lesson, Module, QuizQuestion, TrainingProgramme
from knowledge.selectors import indicator_coverage
from portal import seed as portal_seed
from portal.management.commands.seed_demo import SeedContext


@pytest.fixture
def seeded(db):
    ctx = SeedContext(organisations=20, stdout=io.StringIO())
    portal_seed.seed(ctx)
    ctx.rng = random.Random("2026-knowledge")
    knowledge_seed.seed(ctx)
    return ctx


def test_every_indicator_is_covered_by_at_least_one_module(seeded):
    coverage = indicator_coverage()
    assert set(coverage) == set(INDICATOR_CODES) and len(coverage) == 36
    uncovered = [code for code, count in coverage.items() if count == 0]
    assert uncovered == []


def test_the_content_is_substantial(seeded):
    modules = Module.objects.published()
    assert modules.count() >= 10
    for module in modules:
        lessons = list(module.lessons.published())
        assert 2 <= len(lessons) <= 4, module.slug
        for lesson in lessons:
            paragraphs = [block for block in lesson.body.split("\n\n") if len(block.split()) >= 15]
            assert len(lesson.body.split()) >= 150 and len(paragraphs) >= 3, lesson.slug  # a few real paragraphs
            assert "lorem" not in lesson.body.lower()
        assert QuizQuestion.objects.filter(module=module).count() >= 3
        for question in module.quiz_questions.all():
            options = list(question.options.all())
            assert any(o.is_correct for o in options) and not all(o.is_correct for o in options)
    cases = CaseStudy.objects.published()
    assert cases.count() >= 6
    for case in cases:
        assert case.teaching_note and case.questions and len(case.situation.split()) >= 150
        assert case.modules.exists()
    assert TrainingProgramme.objects.filter(state=TrainingProgramme.State.APPROVED).count() >= 15


def test_running_the_seed_twice_changes_nothing(seeded):
    def snapshot():
        return (
            list(Module.objects.order_by("pk").values_list("pk", "slug", "updated_at")),
            list(Lesson.objects.order_by("pk").values_list("pk", "updated_at")),
            list(CaseStudy.objects.order_by("pk").values_list("pk", "updated_at")),
            TrainingProgramme.objects.count(),
            QuizQuestion.objects.count(),
            seeded.users["manager"].quiz_attempts.count(),
            seeded.users["manager"].lesson_completions.count(),
        )

    before = snapshot()
    knowledge_seed.seed(seeded)
    assert snapshot() == before


def test_the_demo_manager_has_progress_to_show(seeded):
    from knowledge.selectors import completed_modules, continue_learning

    manager = seeded.users["manager"]
    assert [m.slug for m in completed_modules(user=manager)] == ["financing-the-cluster-organisation"]
    assert continue_learning(user=manager)["module"].slug == "cluster-strategy-members-own"


def test_seeded_lessons_render_with_their_images(seeded, user_client):
    lesson = Lesson.objects.get(slug="why-write-it-down")
    page = user_client.get(lesson.get_absolute_url()).content.decode()
    assert 'src="/static/knowledge/img/strategy-cycle.svg"' in page
    assert '<img class="img-fluid rounded" loading="lazy"' in page


def test_every_seeded_programme_has_a_valid_record(seeded):
    for programme in TrainingProgramme.objects.all():
        programme.full_clean()
        assert programme.url.startswith("https://") and programme.topics.exists()


def test_every_seeded_record_passes_model_validation(seeded):
    from knowledge.models import QuizOption

    for model in (Module, Lesson, CaseStudy, QuizQuestion, QuizOption):
        for obj in model.objects.all():
            obj.full_clean()
