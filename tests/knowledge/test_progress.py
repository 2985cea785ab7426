"""Learners mark lessons complete, resume where they left off, and complete modules."""

from __future__ import annotations

import pytest
from django.urls import reverse

from knowledge import selectors, services
from knowledge.models import LessonCompletion, ModuleProgress, Status
from portal.models import AuditEvent


def complete_url(lesson):
    return reverse("knowledge:lesson_complete", args=[lesson.module.slug, lesson.slug])


def test_marking_a_lesson_complete_records_it_and_goes_on(user_client, user, lessons):
    response = user_client.post(complete_url(lessons[0]))
    assert LessonCompletion.objects.filter(user=user, lesson=lessons[0]).exists()
    assert response.status_code == 302
    assert response.url == reverse("knowledge:module_continue", args=[lessons[0].module.slug])
    follow = user_client.get(response.url)
    assert follow.url == lessons[1].get_absolute_url()
    assert AuditEvent.objects.filter(action="knowledge.lesson.completed", actor=user).count() == 1


def test_completing_twice_is_harmless(user, lessons):
    services.lesson_complete(user=user, lesson=lessons[0])
    services.lesson_complete(user=user, lesson=lessons[0])
    assert LessonCompletion.objects.filter(user=user).count() == 1
    assert AuditEvent.objects.filter(action="knowledge.lesson.completed").count() == 1


def test_complete_needs_post(user_client, lessons):
    assert user_client.get(complete_url(lessons[0])).status_code == 405
    assert not LessonCompletion.objects.exists()


def test_resume_brings_the_learner_back_to_the_last_lesson_opened(user_client, user, module, lessons):
    user_client.get(lessons[1].get_absolute_url())
    response = user_client.get(reverse("knowledge:module_continue", args=[module.slug]))
    assert response.url == lessons[1].get_absolute_url()
    # The module page offers the same "continue" link.
    page = user_client.get(module.get_absolute_url()).content.decode()
    assert f"Continue: {lessons[1].title}" in page


def test_resume_skips_completed_lessons(user, module, lessons):
    services.lesson_complete(user=user, lesson=lessons[0])
    services.lesson_complete(user=user, lesson=lessons[1])
    state = selectors.module_state(user=user, module=module, lessons=lessons)
    assert state.continue_lesson == lessons[2]
    assert state.percent == 67


def test_resume_wraps_to_an_earlier_lesson_left_out(user, module, lessons):
    services.lesson_complete(user=user, lesson=lessons[1])
    services.lesson_complete(user=user, lesson=lessons[2])
    state = selectors.module_state(user=user, module=module, lessons=lessons)
    assert state.continue_lesson == lessons[0]


def test_the_module_completes_when_every_lesson_is_done_without_a_quiz(user_client, user, module, lessons):
    for lesson in lessons[:-1]:
        services.lesson_complete(user=user, lesson=lesson)
    assert selectors.completed_modules(user=user) == []
    response = user_client.post(complete_url(lessons[-1]))
    assert response.url == module.get_absolute_url()
    assert [m.pk for m in selectors.completed_modules(user=user)] == [module.pk]
    assert ModuleProgress.objects.get(user=user, module=module).completed_at is not None
    assert AuditEvent.objects.filter(action="knowledge.module.completed").count() == 1


def test_with_a_quiz_the_module_completes_only_once_it_is_passed(user, module, lessons, quiz):
    for lesson in lessons:
        services.lesson_complete(user=user, lesson=lesson)
    assert selectors.completed_modules(user=user) == []
    services.quiz_submit(user=user, module=module, answers={quiz["q1"].pk: [quiz["q1_wrong"].pk]})
    assert selectors.completed_modules(user=user) == []
    services.quiz_submit(
        user=user,
        module=module,
        answers={quiz["q1"].pk: [quiz["q1_right"].pk], quiz["q2"].pk: [quiz["q2_a"].pk, quiz["q2_b"].pk]},
    )
    assert [m.pk for m in selectors.completed_modules(user=user)] == [module.pk]


def test_continue_goes_to_the_quiz_when_all_lessons_are_done(user_client, user, module, lessons, quiz):
    for lesson in lessons:
        services.lesson_complete(user=user, lesson=lesson)
    response = user_client.get(reverse("knowledge:module_continue", args=[module.slug]))
    assert response.url == reverse("knowledge:quiz", args=[module.slug])


def test_reopening_a_lesson_takes_the_tick_back(user_client, user, lessons):
    services.lesson_complete(user=user, lesson=lessons[0])
    user_client.post(reverse("knowledge:lesson_reopen", args=[lessons[0].module.slug, lessons[0].slug]))
    assert not LessonCompletion.objects.filter(user=user).exists()


def test_a_draft_lesson_cannot_be_completed(user, module):
    from tests.knowledge.factories import LessonFactory

    draft = LessonFactory(module=module, status=Status.DRAFT)
    with pytest.raises(services.KnowledgeError):
        services.lesson_complete(user=user, lesson=draft)


def test_my_learning_lists_modules_in_progress_and_completed(user_client, user, module, lessons):
    services.lesson_complete(user=user, lesson=lessons[0])
    page = user_client.get(reverse("knowledge:my_learning")).content.decode()
    assert module.title in page
    assert "1 of 3 lessons" in page
    assert reverse("knowledge:module_continue", args=[module.slug]) in page


def test_the_knowledge_home_shows_a_continue_link(user_client, user, module, lessons):
    services.lesson_complete(user=user, lesson=lessons[0])
    page = user_client.get(reverse("knowledge:home")).content.decode()
    assert "33 %" in page
    assert reverse("knowledge:module_continue", args=[module.slug]) in page


def test_completed_modules_show_on_the_learner_profile(user_client, user, module, lessons):
    for lesson in lessons:
        services.lesson_complete(user=user, lesson=lesson)
    page = user_client.get(reverse("knowledge:learner", args=[user.pk])).content.decode()
    assert module.title in page and "completed" in page


def test_a_learners_progress_is_theirs_only(user, manager_a, lessons):
    services.lesson_complete(user=user, lesson=lessons[0])
    state = selectors.module_state(user=manager_a, module=lessons[0].module, lessons=lessons)
    assert state.completed_lesson_ids == set()
