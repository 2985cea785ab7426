"""Pages of the knowledge area. Thin: reads come from selectors, writes from services, rules from permissions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from knowledge import permissions, selectors, services
from knowledge.filters import ProgrammeFilter
from knowledge.forms import ProgrammeProposalForm, ProgrammeReviewForm, QuizForm
from knowledge.indicators import DIMENSIONS, INDICATOR_CHOICES, INDICATORS, dimension_of
from knowledge.models import (
    CaseStudy,
    FieldOfKnowledge,
    Lesson,
    Level,
    Module,
    QuizAttempt,
    QuizOption,
    QuizQuestion,
    TrainingProgramme,
)
from portal import registry

MODULES_PER_PAGE = 24
# The status quo survey names a few fields of knowledge differently.
SURVEY_FIELD_ALIASES = {"innovation-projects": "innovation", "twin-transition": "transition", "people": "team"}


def _module_or_404(user, slug: str) -> Module:
    return get_object_or_404(Module.objects.visible_to(user), slug=slug)


def _lesson_or_404(user, module_slug: str, lesson_slug: str) -> Lesson:
    module = _module_or_404(user, module_slug)
    return get_object_or_404(module.lessons.visible_to(user).select_related("module"), slug=lesson_slug)


def most_needed_topics() -> list:
    """The survey's "most needed training topics" (asked of the survey through the registry: the survey builds on
    the knowledge catalogue, so knowledge does not import it)."""
    topics = [dict(topic) for topic in registry.training_needs["most_needed_training_topics"](limit=6)]
    for topic in topics:
        field = SURVEY_FIELD_ALIASES.get(topic.get("field"), topic.get("field"))
        topic["field_value"] = field if field in FieldOfKnowledge.values else ""
    return topics


@require_safe
def home(request):
    field = request.GET.get("field", "")
    level = request.GET.get("level", "")
    dimension = request.GET.get("dimension", "")
    field = field if field in FieldOfKnowledge.values else ""
    level = level if level in Level.values else ""
    dimension_number = int(dimension) if dimension.isdigit() and int(dimension) in DIMENSIONS else None
    page = Paginator(
        selectors.module_list(user=request.user, field=field, level=level, dimension=dimension_number), MODULES_PER_PAGE
    ).get_page(request.GET.get("page"))
    modules = selectors.modules_with_progress_flag(user=request.user, modules=list(page))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "knowledge/home.html",
        {
            "modules": modules,
            "page": page,
            "querystring": query.urlencode(),
            "cases": list(selectors.case_list(user=request.user)[:6]),
            "fields": FieldOfKnowledge.choices,
            "levels": Level.choices,
            "dimensions": DIMENSIONS.items(),
            "selected": {"field": field, "level": level, "dimension": dimension_number},
            "continue_row": selectors.continue_learning(user=request.user),
            "needed_topics": most_needed_topics(),
            "indicator_choices": INDICATOR_CHOICES,
        },
    )


@require_safe
def module_detail(request, slug):
    module = _module_or_404(request.user, slug)
    lessons = selectors.module_lessons(module=module, user=request.user)
    state = selectors.module_state(user=request.user, module=module, lessons=lessons)
    return render(
        request,
        "knowledge/module_detail.html",
        {
            "module": module,
            "lessons": lessons,
            "state": state,
            "indicator_codes": [tag.indicator_code for tag in module.indicator_tags.all()],
            "dimension_numbers": [tag.dimension for tag in module.dimension_tags.all()],
            "cases": list(module.case_studies.visible_to(request.user)),
            "question_count": module.quiz_questions.count(),
            "can_read": permissions.can_read_lessons(request.user),
            "can_edit_modules": permissions.can_edit_modules(request.user),
        },
    )


@login_required
@require_safe
def module_continue(request, slug):
    """Resume: the lesson the learner stopped at, the quiz when all lessons are done, else the first lesson."""
    module = _module_or_404(request.user, slug)
    lessons = selectors.module_lessons(module=module, user=request.user)
    state = selectors.module_state(user=request.user, module=module, lessons=lessons)
    if state.continue_lesson:
        return redirect(state.continue_lesson.get_absolute_url())
    if lessons and module.quiz_questions.exists() and not (state.best_attempt and state.best_attempt.passed):
        return redirect("knowledge:quiz", slug=module.slug)
    return redirect(module.get_absolute_url())


@login_required
@require_safe
def lesson_detail(request, slug, lesson_slug):
    lesson = _lesson_or_404(request.user, slug, lesson_slug)
    module = lesson.module
    lessons = selectors.module_lessons(module=module, user=request.user)
    if lesson.status == "published" and module.is_published:
        services.lesson_visit(user=request.user, lesson=lesson)
    state = selectors.module_state(user=request.user, module=module, lessons=lessons)
    index = next(i for i, item in enumerate(lessons) if item.pk == lesson.pk)
    return render(
        request,
        "knowledge/lesson_detail.html",
        {
            "module": module,
            "lesson": lesson,
            "lessons": lessons,
            "state": state,
            "is_done": lesson.pk in state.completed_lesson_ids,
            "previous": lessons[index - 1] if index > 0 else None,
            "next": lessons[index + 1] if index + 1 < len(lessons) else None,
            "position": index + 1,
            "has_quiz": module.quiz_questions.exists(),
        },
    )


@login_required
@require_POST
def lesson_complete(request, slug, lesson_slug):
    lesson = _lesson_or_404(request.user, slug, lesson_slug)
    try:
        module_done = services.lesson_complete(user=request.user, lesson=lesson)
    except services.KnowledgeError as error:
        messages.error(request, str(error))
        return redirect(lesson.get_absolute_url())
    if module_done:
        messages.success(request, _("Well done: you completed the module “%(title)s”.") % {"title": lesson.module})
        return redirect(lesson.module.get_absolute_url())
    messages.success(request, _("Lesson marked as complete."))
    return redirect("knowledge:module_continue", slug=lesson.module.slug)


@login_required
@require_POST
def lesson_reopen(request, slug, lesson_slug):
    lesson = _lesson_or_404(request.user, slug, lesson_slug)
    services.lesson_reopen(user=request.user, lesson=lesson)
    messages.info(request, _("The lesson is marked as not complete."))
    return redirect(lesson.get_absolute_url())


@login_required
def quiz(request, slug):
    module = _module_or_404(request.user, slug)
    questions = list(
        QuizQuestion.objects.filter(module=module).prefetch_related(
            Prefetch("options", queryset=QuizOption.objects.order_by("order", "id"))
        )
    )
    if not questions:
        raise Http404(_("This module has no quiz."))
    form = QuizForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            attempt = services.quiz_submit(user=request.user, module=module, answers=form.answers())
        except services.KnowledgeError as error:
            form.add_error(None, str(error))
        else:
            return redirect("knowledge:attempt", pk=attempt.pk)
    previous = QuizAttempt.objects.filter(user=request.user, module=module).order_by("-submitted_at")[:5]
    return render(request, "knowledge/quiz.html", {"module": module, "form": form, "previous_attempts": list(previous)})


@login_required
@require_safe
def attempt_detail(request, pk):
    attempt = get_object_or_404(QuizAttempt.objects.select_related("module", "user"), pk=pk)
    if not permissions.can_see_learner(request.user, attempt.user):
        raise Http404
    answers = list(
        attempt.answers.select_related("question")
        .prefetch_related("selected", "question__options")
        .order_by("question__order", "question_id")
    )
    return render(
        request,
        "knowledge/attempt_detail.html",
        {"attempt": attempt, "module": attempt.module, "answers": answers},
    )


@require_safe
def case_list(request):
    return render(request, "knowledge/case_list.html", {"cases": list(selectors.case_list(user=request.user))})


@login_required
@require_safe
def case_detail(request, slug):
    case = get_object_or_404(CaseStudy.objects.visible_to(request.user), slug=slug)
    return render(
        request,
        "knowledge/case_detail.html",
        {
            "case": case,
            "can_read_note": permissions.can_read_teaching_notes(request.user),
            "modules": list(case.modules.visible_to(request.user)),
            "indicator_codes": [tag.indicator_code for tag in case.indicator_tags.all()],
            "dimension_numbers": [tag.dimension for tag in case.dimension_tags.all()],
        },
    )


@require_safe
def indicator_modules(request, code):
    """The modules that help with one indicator: what a benchmark report links to as "read this next"."""
    if code not in INDICATORS:
        raise Http404
    return render(
        request,
        "knowledge/indicator.html",
        {
            "code": code,
            "name": INDICATORS[code],
            "dimension": dimension_of(code),
            "modules": selectors.modules_for_indicators(codes=[code]),
        },
    )


@require_safe
def indicator_lookup(request):
    """The "browse by indicator" form: redirect to the indicator's page, or back home for an unknown code."""
    code = request.GET.get("code", "")
    if code in INDICATORS:
        return redirect("knowledge:indicator", code=code)
    messages.error(request, _("Please choose an indicator from the list."))
    return redirect("knowledge:home")


@require_safe
def search(request):
    results = selectors.knowledge_search(query=request.GET.get("q", ""), user=request.user)
    return render(request, "knowledge/search.html", {"results": results, "can_read": request.user.is_authenticated})


@login_required
@require_safe
def my_learning(request):
    overview = selectors.learner_overview(user=request.user)
    return render(
        request,
        "knowledge/my_learning.html",
        {
            **overview,
            "learner": request.user,
            "proposals": list(selectors.my_programme_proposals(user=request.user)),
        },
    )


@login_required
@require_safe
def learner_profile(request, user_id):
    learner = get_object_or_404(get_user_model(), pk=user_id, is_active=True)
    if not permissions.can_see_learner(request.user, learner):
        raise Http404
    return render(
        request,
        "knowledge/learner_profile.html",
        {"learner": learner, "completed": selectors.completed_modules(user=learner)},
    )


# --- Training programmes catalogue -------------------------------------------------------------------------------


@require_safe
def programme_list(request):
    programme_filter = ProgrammeFilter(request.GET or None, queryset=selectors.programme_catalogue())
    page = Paginator(programme_filter.qs, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "knowledge/programme_list.html",
        {
            "filter": programme_filter,
            "page": page,
            "querystring": query.urlencode(),
            "can_review_programmes": permissions.can_review_programmes(request.user),
        },
    )


@require_safe
def programme_detail(request, pk):
    programme = selectors.programme_for_user(pk=pk, user=request.user)
    if programme is None:
        raise Http404
    return render(
        request,
        "knowledge/programme_detail.html",
        {"programme": programme, "can_review": permissions.can_review_programmes(request.user)},
    )


@login_required
def programme_propose(request):
    if not permissions.can_propose_programme(request.user):
        raise PermissionDenied
    form = ProgrammeProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.programme_propose(user=request.user, data=form.programme_data(), topics=form.cleaned_data["topics"])
        messages.success(request, _("Thank you: a coordinator will review your proposal and list it."))
        return redirect("knowledge:my_learning")
    return render(request, "knowledge/programme_propose.html", {"form": form})


@login_required
@require_safe
def programme_review_queue(request):
    if not permissions.can_review_programmes(request.user):
        raise PermissionDenied
    return render(
        request,
        "knowledge/programme_review.html",
        {"programmes": list(selectors.programmes_waiting_review()), "form": ProgrammeReviewForm()},
    )


@login_required
@require_POST
def programme_decide(request, pk):
    if not permissions.can_review_programmes(request.user):
        raise PermissionDenied
    programme = get_object_or_404(TrainingProgramme, pk=pk)
    form = ProgrammeReviewForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("knowledge:programme_review")
    try:
        if form.cleaned_data["decision"] == "approve":
            services.programme_approve(programme=programme, by=request.user, note=form.cleaned_data["note"])
            messages.success(request, _("“%(title)s” is now listed in the catalogue.") % {"title": programme.title})
        else:
            services.programme_reject(programme=programme, by=request.user, note=form.cleaned_data["note"])
            messages.info(request, _("“%(title)s” was rejected.") % {"title": programme.title})
    except services.KnowledgeError as error:
        messages.error(request, str(error))
    return redirect("knowledge:programme_review")
