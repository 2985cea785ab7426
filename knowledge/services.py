"""Writes of the knowledge area: learning progress, quiz attempts, the training catalogue, authoring actions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from knowledge.models import (
    CaseStudy,
    KnowledgeProfile,
    Lesson,
    LessonCompletion,
    Module,
    ModuleProgress,
    QuizAnswer,
    QuizAttempt,
    QuizQuestion,
    Status,
    TrainingProgramme,
    TrainingProgrammeTopic,
)
from portal.audit import audit_log
from portal.mail import mail


class KnowledgeError(Exception):
    """A learner or author action that is not allowed in the current state; the message is shown to the user."""


# --- Learning progress -------------------------------------------------------------------------------------------


def _progress_for(*, user, module: Module) -> ModuleProgress:
    progress, _created = ModuleProgress.objects.get_or_create(user=user, module=module)
    return progress


def lesson_visit(*, user, lesson: Lesson) -> None:
    """Remember the lesson a learner opened last, so "continue" brings them back to it."""
    now = timezone.now()
    updated = ModuleProgress.objects.filter(user=user, module_id=lesson.module_id).update(
        last_lesson=lesson, last_activity_at=now
    )
    if not updated:
        ModuleProgress.objects.get_or_create(
            user=user, module_id=lesson.module_id, defaults={"last_lesson": lesson, "last_activity_at": now}
        )


@transaction.atomic
def lesson_complete(*, user, lesson: Lesson) -> bool:
    """Mark a lesson complete (idempotent). Returns True when this completed the whole module."""
    if lesson.status != Status.PUBLISHED or lesson.module.status != Status.PUBLISHED:
        raise KnowledgeError(_("Only published lessons can be completed."))
    _completion, created = LessonCompletion.objects.get_or_create(user=user, lesson=lesson)
    progress = _progress_for(user=user, module=lesson.module)
    progress.last_lesson = lesson
    progress.last_activity_at = timezone.now()
    progress.save(update_fields=["last_lesson", "last_activity_at"])
    if created:
        audit_log(actor=user, action="knowledge.lesson.completed", target=lesson, data={"module": lesson.module_id})
    return module_progress_refresh(user=user, module=lesson.module)


@transaction.atomic
def lesson_reopen(*, user, lesson: Lesson) -> None:
    """Take back a lesson's completion (the module, once completed, stays completed)."""
    deleted, _details = LessonCompletion.objects.filter(user=user, lesson=lesson).delete()
    if deleted:
        audit_log(actor=user, action="knowledge.lesson.reopened", target=lesson, data={"module": lesson.module_id})


def module_completion_missing(*, user, module: Module) -> dict:
    """What is still missing before the module counts as completed: lessons left and whether the quiz is passed."""
    lesson_ids = set(module.lessons.published().values_list("id", flat=True))
    done = set(LessonCompletion.objects.filter(user=user, lesson_id__in=lesson_ids).values_list("lesson_id", flat=True))
    has_quiz = module.quiz_questions.exists()
    quiz_passed = (not has_quiz) or QuizAttempt.objects.filter(user=user, module=module, passed=True).exists()
    return {"lessons_left": len(lesson_ids - done), "quiz_passed": quiz_passed, "has_quiz": has_quiz}


def module_progress_refresh(*, user, module: Module) -> bool:
    """Record the module as completed once every lesson is done and the quiz (if any) is passed.

    Returns True when the module became completed now. A completed module stays completed even if lessons are
    added later (the learner's certificate of work is not taken back).
    """
    missing = module_completion_missing(user=user, module=module)
    if missing["lessons_left"] or not missing["quiz_passed"]:
        return False
    now = timezone.now()
    progress = _progress_for(user=user, module=module)
    claimed = ModuleProgress.objects.filter(pk=progress.pk, completed_at__isnull=True).update(
        completed_at=now, last_activity_at=now
    )
    if claimed:
        audit_log(actor=user, action="knowledge.module.completed", target=module)
    return bool(claimed)


# --- Quiz --------------------------------------------------------------------------------------------------------


@transaction.atomic
def quiz_submit(*, user, module: Module, answers: Mapping[int, Iterable[int]]) -> QuizAttempt:
    """Score an attempt at a module's quiz and keep it. A question counts as right only if exactly its correct
    options were chosen; unanswered questions count as wrong. Option ids not belonging to the question are refused.
    """
    questions = list(QuizQuestion.objects.filter(module=module).prefetch_related("options"))
    if not questions:
        raise KnowledgeError(_("This module has no quiz."))
    known_ids = {q.pk for q in questions}
    unknown = set(answers) - known_ids
    if unknown:
        raise KnowledgeError(_("The answers do not belong to this quiz. Please reload the page and try again."))
    scored: list[tuple[QuizQuestion, set[int], bool]] = []
    for question in questions:
        option_ids = {o.pk for o in question.options.all()}
        selected = {int(pk) for pk in answers.get(question.pk, ())}
        if not selected <= option_ids:
            raise KnowledgeError(_("The answers do not belong to this quiz. Please reload the page and try again."))
        correct_ids = {o.pk for o in question.options.all() if o.is_correct}
        scored.append((question, selected, selected == correct_ids))
    correct = sum(1 for _q, _s, ok in scored if ok)
    total = len(questions)
    percent = round(100 * correct / total)
    attempt = QuizAttempt.objects.create(
        user=user,
        module=module,
        correct=correct,
        total=total,
        percent=percent,
        passed=percent >= module.quiz_pass_percent,
    )
    for question, selected, ok in scored:
        answer = QuizAnswer.objects.create(attempt=attempt, question=question, is_correct=ok)
        if selected:
            answer.selected.set(selected)
    progress = _progress_for(user=user, module=module)
    progress.last_activity_at = timezone.now()
    progress.save(update_fields=["last_activity_at"])
    audit_log(
        actor=user,
        action="knowledge.quiz.submitted",
        target=module,
        data={"attempt": attempt.pk, "percent": percent, "passed": attempt.passed},
    )
    if attempt.passed:
        module_progress_refresh(user=user, module=module)
    return attempt


# --- Instructors -------------------------------------------------------------------------------------------------


def knowledge_profile_set_instructor(*, user, is_instructor: bool, by) -> KnowledgeProfile:
    """Grant or withdraw the instructor flag (opens case teaching notes)."""
    profile, _created = KnowledgeProfile.objects.get_or_create(user=user)
    if profile.is_instructor != is_instructor:
        profile.is_instructor = is_instructor
        profile.save(update_fields=["is_instructor"])
        audit_log(
            actor=by,
            action="knowledge.instructor.granted" if is_instructor else "knowledge.instructor.withdrawn",
            target=profile,
            data={"user": user.pk},
        )
    return profile


# --- Authoring ---------------------------------------------------------------------------------------------------


def module_set_status(*, module: Module, status: str, by) -> Module:
    """Publish a module or take it back to draft."""
    if status not in Status.values:
        raise KnowledgeError(_("Unknown status."))
    if status == Status.PUBLISHED and not module.lessons.published().exists():
        raise KnowledgeError(_("A module needs at least one published lesson before it is published."))
    if module.status != status:
        module.status = status
        module.save(update_fields=["status", "updated_at"])
        audit_log(
            actor=by,
            action="knowledge.module.published" if status == Status.PUBLISHED else "knowledge.module.unpublished",
            target=module,
        )
    return module


def case_study_set_status(*, case_study: CaseStudy, status: str, by) -> CaseStudy:
    """Publish a case study or take it back to draft."""
    if status not in Status.values:
        raise KnowledgeError(_("Unknown status."))
    if case_study.status != status:
        case_study.status = status
        case_study.save(update_fields=["status", "updated_at"])
        audit_log(
            actor=by,
            action="knowledge.case.published" if status == Status.PUBLISHED else "knowledge.case.unpublished",
            target=case_study,
        )
    return case_study


def search_vectors_update(*, module_ids=None, lesson_ids=None, case_ids=None) -> None:
    """Recompute the weighted full-text vectors (title A, summary B, body C) on PostgreSQL; no-op on SQLite.

    None means "all of that kind"; an empty list means "none".
    """
    if not settings.IS_POSTGRES:
        return

    def scope(queryset, ids):
        return queryset if ids is None else queryset.filter(pk__in=list(ids))

    if module_ids is None or module_ids:
        scope(Module.objects.all(), module_ids).update(
            search_vector=SearchVector("title", weight="A", config="english")
            + SearchVector("summary", weight="B", config="english")
            + SearchVector("learning_objectives", weight="C", config="english")
        )
    if lesson_ids is None or lesson_ids:
        scope(Lesson.objects.all(), lesson_ids).update(
            search_vector=SearchVector("title", weight="A", config="english")
            + SearchVector("body", weight="C", config="english")
        )
    if case_ids is None or case_ids:
        scope(CaseStudy.objects.all(), case_ids).update(
            search_vector=SearchVector("title", weight="A", config="english")
            + SearchVector("summary", weight="B", config="english")
            + SearchVector("situation", weight="C", config="english")
            + SearchVector("questions", weight="D", config="english")
        )


# --- Training programmes catalogue -------------------------------------------------------------------------------


@transaction.atomic
def programme_propose(*, user, data: dict, topics: Iterable[str]) -> TrainingProgramme:
    """A user proposes a programme for the catalogue; it waits for a coordinator's approval."""
    programme = TrainingProgramme.objects.create(
        **data, state=TrainingProgramme.State.PROPOSED, proposed_by=user, proposed_at=timezone.now()
    )
    TrainingProgrammeTopic.objects.bulk_create(
        [TrainingProgrammeTopic(programme=programme, field=field) for field in sorted(set(topics))]
    )
    audit_log(actor=user, action="knowledge.programme.proposed", target=programme)
    return programme


_PROGRAMME_TRANSITIONS = {
    "approve": ({TrainingProgramme.State.PROPOSED, TrainingProgramme.State.REJECTED}, TrainingProgramme.State.APPROVED),
    "reject": ({TrainingProgramme.State.PROPOSED, TrainingProgramme.State.APPROVED}, TrainingProgramme.State.REJECTED),
}


def _programme_transition(*, programme: TrainingProgramme, transition: str, by, note: str) -> TrainingProgramme:
    sources, target = _PROGRAMME_TRANSITIONS[transition]
    with transaction.atomic():
        locked = TrainingProgramme.objects.select_for_update().get(pk=programme.pk)
        if locked.state not in sources:
            raise KnowledgeError(
                _("This programme is %(state)s and cannot be changed that way.") % {"state": locked.get_state_display()}
            )
        locked.state = target
        locked.reviewed_by = by
        locked.reviewed_at = timezone.now()
        locked.review_note = note
        locked.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_note"])
        audit_log(
            actor=by,
            action=f"knowledge.programme.{target}",
            target=locked,
            data={"from": programme.state, "note": note},
        )
    programme.refresh_from_db()
    if programme.proposed_by_id and programme.proposed_by.email:
        _programme_decision_notify(programme=programme)
    return programme


def _programme_decision_notify(*, programme: TrainingProgramme) -> None:
    """Tell the person who proposed a programme what the coordinator decided."""
    mail(
        to=[programme.proposed_by],
        subject=lambda: _("Your training programme proposal: %(title)s") % {"title": programme.title},
        template="knowledge/email/programme_decision.txt",
        context={
            "programme": programme,
            "url": settings.SITE_URL + reverse("knowledge:programme", args=[programme.pk]),
        },
    )


def programme_approve(*, programme: TrainingProgramme, by, note: str = "") -> TrainingProgramme:
    """A coordinator lists a proposed (or earlier rejected) programme in the public catalogue."""
    return _programme_transition(programme=programme, transition="approve", by=by, note=note)


def programme_reject(*, programme: TrainingProgramme, by, note: str) -> TrainingProgramme:
    """A coordinator turns a proposal down, or takes a listed programme out of the catalogue, with a reason."""
    if not note.strip():
        raise KnowledgeError(_("Please give a reason, so the person who proposed it understands."))
    return _programme_transition(programme=programme, transition="reject", by=by, note=note.strip())
