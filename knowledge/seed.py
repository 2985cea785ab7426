"""Demo content of the knowledge area: 12 modules, 6 case studies, quizzes, 16 programmes, some learner progress.

Deterministic and idempotent: everything is keyed by slug (or provider and title) and brought to the state
described in `knowledge/seed_data/`; running it twice changes nothing.
"""

from __future__ import annotations

import textwrap
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from knowledge import services
from knowledge.models import (
    CaseStudy,
    CaseStudyDimension,
    CaseStudyIndicator,
    KnowledgeProfile,
    Lesson,
    LessonCompletion,
    Module,
    ModuleDimension,
    ModuleIndicator,
    QuizAttempt,
    QuizOption,
    QuizQuestion,
    Status,
    TrainingProgramme,
    TrainingProgrammeTopic,
)
from knowledge.seed_data import cases, modules_members, modules_outreach, modules_results, modules_strategy, programmes

ALL_MODULES = [
    *modules_strategy.MODULES,
    *modules_members.MODULES,
    *modules_outreach.MODULES,
    *modules_results.MODULES,
]


def _text(value: str) -> str:
    return textwrap.dedent(value).strip() + "\n"


def _upsert(model, defaults: dict, **lookup):
    """update_or_create that saves only when something differs (so `updated_at` stays put on a re-run)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **defaults)
    changed = [name for name, value in defaults.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, defaults[name])
        obj.save()
    return obj


def _sync_tags(model, owner_field: str, owner, field: str, values) -> None:
    """Make the owner's tags exactly `values`."""
    values = set(values)
    model.objects.filter(**{owner_field: owner}).exclude(**{f"{field}__in": values}).delete()
    for value in values:
        model.objects.get_or_create(**{owner_field: owner, field: value})


def _seed_module(data: dict) -> Module:
    module = _upsert(
        Module,
        slug=data["slug"],
        defaults={
            "title": data["title"],
            "field": data["field"],
            "level": data["level"],
            "summary": data["summary"],
            "learning_objectives": data["objectives"],
            "estimated_minutes": data["minutes"],
            "order": data["order"],
            "status": Status.PUBLISHED,
        },
    )
    _sync_tags(ModuleIndicator, "module", module, "indicator_code", data["indicators"])
    _sync_tags(ModuleDimension, "module", module, "dimension", data["dimensions"])
    for order, lesson in enumerate(data["lessons"], start=1):
        _upsert(
            Lesson,
            module=module,
            slug=lesson["slug"],
            defaults={
                "title": lesson["title"],
                "body": _text(lesson["body"]),
                "order": order,
                "estimated_minutes": lesson["minutes"],
                "status": Status.PUBLISHED,
            },
        )
    for order, item in enumerate(data["quiz"], start=1):
        question = _upsert(
            QuizQuestion,
            module=module,
            order=order,
            defaults={"text": item["text"], "explanation": item["explanation"]},
        )
        for option_order, (text, correct) in enumerate(item["options"], start=1):
            _upsert(QuizOption, question=question, order=option_order, defaults={"text": text, "is_correct": correct})
    return module


def _seed_case(data: dict) -> CaseStudy:
    case = _upsert(
        CaseStudy,
        slug=data["slug"],
        defaults={
            "title": data["title"],
            "field": data["field"],
            "level": data["level"],
            "summary": data["summary"],
            "situation": _text(data["situation"]),
            "questions": _text(data["questions"]),
            "teaching_note": _text(data["teaching_note"]),
            "estimated_minutes": data["minutes"],
            "order": data["order"],
            "status": Status.PUBLISHED,
        },
    )
    case.modules.set(Module.objects.filter(slug__in=data["modules"]))
    _sync_tags(CaseStudyIndicator, "case_study", case, "indicator_code", data["indicators"])
    _sync_tags(CaseStudyDimension, "case_study", case, "dimension", data["dimensions"])
    return case


def _seed_programme(data: dict, *, state: str, proposed_by=None) -> TrainingProgramme:
    """The demo providers are fictional, so their links point to example.org."""
    fields = {key: value for key, value in data.items() if key not in ("topics", "provider", "title")}
    fields["cost_eur"] = Decimal(fields["cost_eur"]) if fields["cost_eur"] is not None else None
    fields.setdefault("url", f"https://example.org/training/{slugify(data['provider'])}/{slugify(data['title'])}")
    programme = TrainingProgramme.objects.filter(provider=data["provider"], title=data["title"]).first()
    if programme is None:
        programme = TrainingProgramme.objects.create(
            provider=data["provider"], title=data["title"], state=state, proposed_by=proposed_by, **fields
        )
    else:  # keep the state a coordinator may have changed since
        programme = _upsert(TrainingProgramme, provider=data["provider"], title=data["title"], defaults=fields)
    _sync_tags(TrainingProgrammeTopic, "programme", programme, "field", data["topics"])
    return programme


def _seed_learner_progress(ctx) -> None:
    """The demo manager completed the financing module and is halfway through the strategy module."""
    manager = ctx.users.get("manager")
    if manager is None:
        return
    financing = Module.objects.get(slug="financing-the-cluster-organisation")
    for lesson in financing.lessons.order_by("order"):
        if not LessonCompletion.objects.filter(user=manager, lesson=lesson).exists():
            services.lesson_complete(user=manager, lesson=lesson)
    if not QuizAttempt.objects.filter(user=manager, module=financing).exists():
        answers = {
            question.pk: [option.pk for option in question.options.all() if option.is_correct]
            for question in financing.quiz_questions.prefetch_related("options")
        }
        services.quiz_submit(user=manager, module=financing, answers=answers)
    strategy = Module.objects.get(slug="cluster-strategy-members-own")
    first = strategy.lessons.order_by("order").first()
    if not LessonCompletion.objects.filter(user=manager, lesson__module=strategy).exists():
        services.lesson_complete(user=manager, lesson=first)
        services.lesson_visit(user=manager, lesson=strategy.lessons.order_by("order")[1])


@transaction.atomic
def seed(ctx) -> None:
    for data in ALL_MODULES:
        _seed_module(data)
    for data in cases.CASES:
        _seed_case(data)
    services.search_vectors_update()
    for data in programmes.PROGRAMMES:
        _seed_programme(data, state=TrainingProgramme.State.APPROVED)
    for data in programmes.PROPOSED:
        _seed_programme(data, state=TrainingProgramme.State.PROPOSED, proposed_by=ctx.users.get("manager"))
    for key in ("member", "coordinator2"):
        user = ctx.users.get(key)
        if user is not None:
            KnowledgeProfile.objects.update_or_create(user=user, defaults={"is_instructor": True})
    _seed_learner_progress(ctx)
    ctx.log(
        f"knowledge: {Module.objects.count()} modules, {Lesson.objects.count()} lessons, "
        f"{CaseStudy.objects.count()} cases, {TrainingProgramme.objects.count()} programmes"
    )
