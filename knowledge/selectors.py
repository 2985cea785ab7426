"""Reads of the knowledge area: catalogue listings, a learner's progress, recommendations, search.

Other areas call: `modules_for_indicators(*, codes, limit=None, colours=None)` (benchmarking reports, dashboards)
and `completed_modules(*, user)` (profile pages).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When

from knowledge import permissions
from knowledge.indicators import INDICATORS, dimension_of
from knowledge.models import (
    CaseStudy,
    Lesson,
    LessonCompletion,
    Level,
    Module,
    ModuleDimension,
    ModuleIndicator,
    ModuleProgress,
    QuizAttempt,
    Status,
    TrainingProgramme,
)

# Relevance weights: a module tagged with the indicator itself is worth more than one tagged with its dimension.
DIRECT_WEIGHT = 3
DIMENSION_WEIGHT = 1
RED_MULTIPLIER = 2


def module_list(*, user, field: str = "", level: str = "", dimension: int | None = None) -> QuerySet[Module]:
    """Modules a user may see (published; drafts too for coordinators), with their lesson count and tags."""
    modules = (
        Module.objects.visible_to(user)
        .annotate(lesson_count=Count("lessons", filter=Q(lessons__status=Status.PUBLISHED), distinct=True))
        .prefetch_related("indicator_tags", "dimension_tags")
        .order_by("order", "title", "pk")
    )
    if field:
        modules = modules.filter(field=field)
    if level:
        modules = modules.filter(level=level)
    if dimension:
        modules = modules.filter(
            Q(dimension_tags__dimension=dimension) | Q(indicator_tags__indicator_code__startswith=f"{dimension}.")
        ).distinct()
    return modules


def module_lessons(*, module: Module, user) -> list[Lesson]:
    return list(module.lessons.visible_to(user).order_by("order", "id"))


@dataclass
class ModuleState:
    """A learner's state in one module, for the module page and "my learning"."""

    completed_lesson_ids: set[int] = field(default_factory=set)
    lesson_count: int = 0
    continue_lesson: Lesson | None = None
    started: bool = False
    completed_at: object = None
    best_attempt: QuizAttempt | None = None
    attempts: int = 0

    @property
    def percent(self) -> int:
        return round(100 * len(self.completed_lesson_ids) / self.lesson_count) if self.lesson_count else 0


def _continue_lesson(lessons: list[Lesson], done: set[int], last_lesson_id: int | None) -> Lesson | None:
    """Resume at the last lesson opened if it is not done yet, else at the next lesson not done (wrapping)."""
    if not lessons:
        return None
    if last_lesson_id is not None:
        for index, lesson in enumerate(lessons):
            if lesson.pk == last_lesson_id:
                if lesson.pk not in done:
                    return lesson
                rotated = lessons[index + 1 :] + lessons[:index]
                return next((item for item in rotated if item.pk not in done), None)
    return next((lesson for lesson in lessons if lesson.pk not in done), None)


def module_state(*, user, module: Module, lessons: list[Lesson]) -> ModuleState:
    """Progress, the lesson to continue with and quiz results of one learner in one module (4 queries at most)."""
    state = ModuleState(lesson_count=len(lessons))
    if not user.is_authenticated:
        return state
    ids = [lesson.pk for lesson in lessons]
    state.completed_lesson_ids = set(
        LessonCompletion.objects.filter(user=user, lesson_id__in=ids).values_list("lesson_id", flat=True)
    )
    progress = ModuleProgress.objects.filter(user=user, module=module).first()
    state.started = progress is not None
    state.completed_at = progress.completed_at if progress else None
    state.continue_lesson = _continue_lesson(
        lessons, state.completed_lesson_ids, progress.last_lesson_id if progress else None
    )
    attempts = QuizAttempt.objects.filter(user=user, module=module).order_by("-percent", "-submitted_at")
    state.best_attempt = attempts.first()
    state.attempts = attempts.count() if state.best_attempt else 0
    return state


def learner_overview(*, user) -> dict:
    """The "my learning" page: modules in progress (with the lesson to continue), completed modules, attempts."""
    progresses = list(
        ModuleProgress.objects.filter(user=user, module__status=Status.PUBLISHED)
        .select_related("module", "last_lesson")
        .order_by("-last_activity_at")
    )
    module_ids = [p.module_id for p in progresses]
    lessons_by_module: dict[int, list[Lesson]] = {}
    for lesson in Lesson.objects.published().filter(module_id__in=module_ids).order_by("order", "id"):
        lessons_by_module.setdefault(lesson.module_id, []).append(lesson)
    done = set(
        LessonCompletion.objects.filter(user=user, lesson__module_id__in=module_ids).values_list("lesson_id", flat=True)
    )
    best: dict[int, QuizAttempt] = {}
    for attempt in QuizAttempt.objects.filter(user=user, module_id__in=module_ids).order_by("percent", "submitted_at"):
        best[attempt.module_id] = attempt  # ascending order: the last one kept is the best
    in_progress, completed = [], []
    for progress in progresses:
        lessons = lessons_by_module.get(progress.module_id, [])
        done_here = {lesson.pk for lesson in lessons if lesson.pk in done}
        row = {
            "module": progress.module,
            "progress": progress,
            "lesson_count": len(lessons),
            "done_count": len(done_here),
            "percent": round(100 * len(done_here) / len(lessons)) if lessons else 0,
            "continue_lesson": _continue_lesson(lessons, done_here, progress.last_lesson_id),
            "best_attempt": best.get(progress.module_id),
        }
        (completed if progress.completed_at else in_progress).append(row)
    recent_attempts = list(
        QuizAttempt.objects.filter(user=user).select_related("module").order_by("-submitted_at")[:10]
    )
    return {"in_progress": in_progress, "completed": completed, "recent_attempts": recent_attempts}


def continue_learning(*, user) -> dict | None:
    """The most recent module in progress and the lesson to resume, for the "continue" link."""
    if not user.is_authenticated:
        return None
    overview_rows = learner_overview(user=user)["in_progress"]
    return overview_rows[0] if overview_rows else None


def completed_modules(*, user) -> list[Module]:
    """Modules the user completed, newest first; each carries `completed_at`. For profile pages of other areas."""
    if not getattr(user, "is_authenticated", True) or user.pk is None:
        return []
    progresses = (
        ModuleProgress.objects.filter(user=user, completed_at__isnull=False, module__status=Status.PUBLISHED)
        .select_related("module")
        .order_by("-completed_at")
    )
    result = []
    for progress in progresses:
        module = progress.module
        module.completed_at = progress.completed_at
        result.append(module)
    return result


def modules_for_indicators(
    *, codes: Iterable[str], limit: int | None = None, colours: Mapping[str, str] | None = None
) -> list[Module]:
    """Published modules that help with the given indicator codes, most relevant first.

    Relevance: each code the module is tagged with directly counts DIRECT_WEIGHT, each code whose dimension the
    module is tagged with counts DIMENSION_WEIGHT; with `colours` ({code: "red"|"yellow"|"green"}) red codes count
    double; among equally relevant modules, foundation comes before advanced when the module addresses a red
    indicator (fix the basics first) or no colours are given, advanced first when it addresses only yellow ones.
    Then the catalogue order.
    Each module returned carries `relevance` (number), `matched_codes` (sorted direct codes) and
    `matched_dimensions` (sorted dimension numbers). Unknown codes are ignored. Three queries.
    """
    wanted = [code for code in dict.fromkeys(str(c).strip() for c in codes) if code in INDICATORS]
    if not wanted:
        return []
    colours = dict(colours or {})
    dimensions = {dimension_of(code) for code in wanted}
    modules = list(
        Module.objects.published()
        .filter(Q(indicator_tags__indicator_code__in=wanted) | Q(dimension_tags__dimension__in=dimensions))
        .distinct()
        .prefetch_related(
            Prefetch("indicator_tags", queryset=ModuleIndicator.objects.order_by("indicator_code")),
            Prefetch("dimension_tags", queryset=ModuleDimension.objects.order_by("dimension")),
        )
    )
    ranked = []
    for module in modules:
        tagged_codes = {tag.indicator_code for tag in module.indicator_tags.all()}
        tagged_dimensions = {tag.dimension for tag in module.dimension_tags.all()}
        relevance = 0
        direct, via_dimension, addresses_red = [], set(), False
        for code in wanted:
            multiplier = RED_MULTIPLIER if colours.get(code) == "red" else 1
            if code in tagged_codes:
                relevance += DIRECT_WEIGHT * multiplier
                direct.append(code)
                addresses_red = addresses_red or colours.get(code) == "red"
            elif dimension_of(code) in tagged_dimensions:
                relevance += DIMENSION_WEIGHT * multiplier
                via_dimension.add(dimension_of(code))
        if not relevance:
            continue
        module.relevance = relevance
        module.matched_codes = sorted(direct)
        module.matched_dimensions = sorted(via_dimension)
        module.addresses_red = addresses_red
        ranked.append(module)

    def level_key(module: Module) -> int:
        # Red: fix the basics first (foundation before advanced). Only yellow (with colours known): the learner
        # has the basics, so advanced first. No colours: foundation first.
        foundation_first = module.addresses_red or not colours or not any(colours.get(c) for c in module.matched_codes)
        is_foundation = module.level == Level.FOUNDATION
        return 0 if is_foundation == foundation_first else 1

    ranked.sort(key=lambda m: (-m.relevance, level_key(m), m.order, m.title))
    return ranked[:limit] if limit else ranked


def indicator_coverage() -> dict[str, int]:
    """How many published modules are tagged with each indicator code (every code present, 0 when uncovered)."""
    counts = dict(
        ModuleIndicator.objects.filter(module__status=Status.PUBLISHED)
        .values_list("indicator_code")
        .annotate(n=Count("module", distinct=True))
    )
    return {code: counts.get(code, 0) for code in INDICATORS}


def case_list(*, user) -> QuerySet[CaseStudy]:
    return CaseStudy.objects.visible_to(user).prefetch_related("indicator_tags", "dimension_tags")


# --- Search ------------------------------------------------------------------------------------------------------


def knowledge_search(*, query: str, user, limit: int = 20) -> dict:
    """Modules, lessons and case studies matching a query: PostgreSQL full-text search ranked by weight
    (titles first); on SQLite a case-insensitive substring match on the same fields.
    """
    query = (query or "").strip()[:200]
    empty = {"modules": [], "lessons": [], "cases": [], "query": query}
    if len(query) < 2:
        return empty
    modules = Module.objects.visible_to(user)
    lessons = (
        Lesson.objects.visible_to(user).filter(module__in=Module.objects.visible_to(user)).select_related("module")
    )
    cases = CaseStudy.objects.visible_to(user)
    if settings.IS_POSTGRES:
        search = SearchQuery(query, search_type="websearch", config="english")

        def ranked(queryset):
            return (
                queryset.filter(search_vector=search)
                .annotate(rank=SearchRank(F("search_vector"), search))
                .order_by("-rank", "pk")
            )

        modules = ranked(modules)
        lessons = ranked(lessons).annotate(
            headline=SearchHeadline(
                "body", search, config="english", start_sel="[[", stop_sel="]]", max_words=30, min_words=12
            )
        )
        cases = ranked(cases)
    else:
        title_first = Case(When(title__icontains=query, then=Value(0)), default=Value(1), output_field=IntegerField())
        modules = modules.filter(
            Q(title__icontains=query) | Q(summary__icontains=query) | Q(learning_objectives__icontains=query)
        ).order_by(title_first, "order", "pk")
        lessons = lessons.filter(Q(title__icontains=query) | Q(body__icontains=query)).order_by(title_first, "pk")
        cases = cases.filter(
            Q(title__icontains=query)
            | Q(summary__icontains=query)
            | Q(situation__icontains=query)
            | Q(questions__icontains=query)
        ).order_by(title_first, "order", "pk")
    return {
        "modules": list(modules[:limit]),
        "lessons": list(lessons[:limit]),
        "cases": list(cases[:limit]),
        "query": query,
    }


# --- Training programmes -----------------------------------------------------------------------------------------


def programme_catalogue() -> QuerySet[TrainingProgramme]:
    return TrainingProgramme.objects.filter(state=TrainingProgramme.State.APPROVED).prefetch_related("topics")


def programmes_waiting_review() -> QuerySet[TrainingProgramme]:
    return (
        TrainingProgramme.objects.filter(state=TrainingProgramme.State.PROPOSED)
        .select_related("proposed_by")
        .prefetch_related("topics")
        .order_by("proposed_at")
    )


def programme_for_user(*, pk: int, user) -> TrainingProgramme | None:
    """An approved programme for everyone; a proposal for its proposer and coordinators; else None."""
    programme = TrainingProgramme.objects.prefetch_related("topics").filter(pk=pk).first()
    if programme is None:
        return None
    if programme.state == TrainingProgramme.State.APPROVED or permissions.can_review_programmes(user):
        return programme
    if user.is_authenticated and programme.proposed_by_id == user.pk:
        return programme
    return None


def my_programme_proposals(*, user) -> QuerySet[TrainingProgramme]:
    return TrainingProgramme.objects.filter(proposed_by=user).order_by("-proposed_at")


def modules_with_progress_flag(*, user, modules: list[Module]) -> list[Module]:
    """Mark each module with `learner_completed` / `learner_started` for the signed-in user (one query)."""
    if not user.is_authenticated or not modules:
        return modules
    states = dict(ModuleProgress.objects.filter(user=user, module__in=modules).values_list("module_id", "completed_at"))
    for module in modules:
        module.learner_started = module.pk in states
        module.learner_completed = states.get(module.pk) is not None
    return modules
