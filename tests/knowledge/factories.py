"""Factories of the knowledge area."""

from __future__ import annotations

import factory

from knowledge.models import (
    CaseStudy,
    Lesson,
    Module,
    ModuleDimension,
    ModuleIndicator,
    QuizOption,
    QuizQuestion,
    Status,
    TrainingProgramme,
)


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module
        skip_postgeneration_save = True

    field = "strategy"
    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")
    summary = "What the module is about, in two sentences."
    level = "foundation"
    estimated_minutes = 60
    status = Status.PUBLISHED
    order = factory.Sequence(lambda n: n)

    @factory.post_generation
    def indicators(obj, create, extracted, **kwargs):
        for code in extracted or []:
            ModuleIndicator.objects.create(module=obj, indicator_code=code)

    @factory.post_generation
    def dimensions(obj, create, extracted, **kwargs):
        for number in extracted or []:
            ModuleDimension.objects.create(module=obj, dimension=number)


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    module = factory.SubFactory(ModuleFactory)
    title = factory.Sequence(lambda n: f"Lesson {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    body = "Some **teaching** text.\n\nA second paragraph."
    order = factory.Sequence(lambda n: n)
    status = Status.PUBLISHED


class CaseStudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseStudy

    field = "financing"
    title = factory.Sequence(lambda n: f"Case {n}")
    slug = factory.Sequence(lambda n: f"case-{n}")
    summary = "A cluster in trouble."
    situation = "The cluster's situation, in detail."
    questions = "1. What should the manager do?"
    teaching_note = "SECRET TEACHING NOTE: the answer is fees."
    status = Status.PUBLISHED


class QuizQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuizQuestion

    module = factory.SubFactory(ModuleFactory)
    text = factory.Sequence(lambda n: f"Question {n}?")
    order = factory.Sequence(lambda n: n)


class QuizOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuizOption

    question = factory.SubFactory(QuizQuestionFactory)
    text = factory.Sequence(lambda n: f"Option {n}")
    is_correct = False
    order = factory.Sequence(lambda n: n)


class TrainingProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingProgramme

    title = factory.Sequence(lambda n: f"Programme {n}")
    provider = "Academy"
    description = "A course on cluster management."
    country = "DE"
    language = "en"
    format = "online"
    duration = "3 days"
    cost_eur = 500
    url = "https://example.org/course"
    state = TrainingProgramme.State.APPROVED
