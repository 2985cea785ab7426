"""Fixtures of the knowledge area: a published module with lessons and a quiz, a draft, a case, an instructor."""

from __future__ import annotations

import pytest

from knowledge.models import KnowledgeProfile, Status
from tests.factories import UserFactory
from tests.knowledge.factories import (
    CaseStudyFactory,
    LessonFactory,
    ModuleFactory,
    QuizOptionFactory,
    QuizQuestionFactory,
)


@pytest.fixture
def module(db):
    module = ModuleFactory(title="Financing basics", slug="financing-basics", indicators=["3.1"], dimensions=[3])
    for order in (1, 2, 3):
        LessonFactory(module=module, order=order, slug=f"lesson-{order}", title=f"Lesson {order}")
    return module


@pytest.fixture
def lessons(module):
    return list(module.lessons.order_by("order"))


@pytest.fixture
def quiz(module):
    """Two questions: the first has one right option, the second two."""
    q1 = QuizQuestionFactory(module=module, order=1, text="Which is private funding?")
    q1_right = QuizOptionFactory(question=q1, text="Membership fees", is_correct=True)
    q1_wrong = QuizOptionFactory(question=q1, text="A regional grant")
    q2 = QuizQuestionFactory(module=module, order=2, text="Which belong in an action plan?")
    q2_a = QuizOptionFactory(question=q2, text="Owners", is_correct=True)
    q2_b = QuizOptionFactory(question=q2, text="Milestones", is_correct=True)
    q2_c = QuizOptionFactory(question=q2, text="A vision")
    return {"q1": q1, "q1_right": q1_right, "q1_wrong": q1_wrong, "q2": q2, "q2_a": q2_a, "q2_b": q2_b, "q2_c": q2_c}


@pytest.fixture
def draft_module(db):
    module = ModuleFactory(title="Secret draft", slug="secret-draft", status=Status.DRAFT, indicators=["3.1"])
    LessonFactory(module=module, slug="draft-lesson", title="Draft lesson")
    return module


@pytest.fixture
def case(module):
    case = CaseStudyFactory(title="Funder steps back", slug="funder-steps-back")
    case.modules.add(module)
    return case


@pytest.fixture
def instructor(db):
    user = UserFactory(email="instructor@example.org")
    KnowledgeProfile.objects.create(user=user, is_instructor=True)
    return user


@pytest.fixture
def instructor_client(instructor):
    from django.test import Client

    client = Client()
    client.force_login(instructor)
    return client


@pytest.fixture
def ecei_framework(db):
    """The labelling area's ECEI-2026 framework (from its data migration; tests/conftest.py restores it)."""
    from labelling.models import Framework

    return Framework.objects.get(code="ECEI-2026", version=1)


def reviewed_assessment(organisation, colours: dict[str, str]):
    """A recommended assessment of `organisation` whose accepted answers have the given colours (green elsewhere)."""
    from django.utils import timezone

    from labelling.models import Assessment
    from tests.labelling.factories import AssessmentFactory, accept_all, fill_answers

    assessment = AssessmentFactory(
        organisation=organisation, status=Assessment.Status.RECOMMENDED, submitted_at=timezone.now()
    )
    fill_answers(assessment, colours=colours, with_evidence=False)
    accept_all(assessment)
    return assessment
