"""Self-check quizzes: scored, retakes allowed and kept, answers checked against the quiz."""

from __future__ import annotations

import pytest
from django.urls import reverse

from knowledge import services
from knowledge.models import QuizAttempt
from tests.knowledge.factories import QuizOptionFactory, QuizQuestionFactory


def test_all_right_scores_100_and_passes(user, module, quiz):
    attempt = services.quiz_submit(
        user=user,
        module=module,
        answers={quiz["q1"].pk: [quiz["q1_right"].pk], quiz["q2"].pk: [quiz["q2_a"].pk, quiz["q2_b"].pk]},
    )
    assert (attempt.correct, attempt.total, attempt.percent, attempt.passed) == (2, 2, 100, True)


def test_a_multi_answer_question_needs_exactly_the_right_options(user, module, quiz):
    attempt = services.quiz_submit(
        user=user,
        module=module,
        answers={quiz["q1"].pk: [quiz["q1_right"].pk], quiz["q2"].pk: [quiz["q2_a"].pk]},
    )
    assert (attempt.correct, attempt.percent, attempt.passed) == (1, 50, False)
    too_many = services.quiz_submit(
        user=user,
        module=module,
        answers={
            quiz["q1"].pk: [quiz["q1_right"].pk],
            quiz["q2"].pk: [quiz["q2_a"].pk, quiz["q2_b"].pk, quiz["q2_c"].pk],
        },
    )
    assert too_many.correct == 1


def test_unanswered_questions_count_as_wrong(user, module, quiz):
    attempt = services.quiz_submit(user=user, module=module, answers={})
    assert (attempt.correct, attempt.total, attempt.percent) == (0, 2, 0)


def test_the_pass_mark_is_the_modules(user, module, quiz):
    module.quiz_pass_percent = 50
    module.save()
    attempt = services.quiz_submit(user=user, module=module, answers={quiz["q1"].pk: [quiz["q1_right"].pk]})
    assert attempt.passed


def test_retakes_are_allowed_and_every_attempt_is_kept(user_client, user, module, quiz):
    url = reverse("knowledge:quiz", args=[module.slug])
    wrong = {f"q{quiz['q1'].pk}": quiz["q1_wrong"].pk, f"q{quiz['q2'].pk}": [quiz["q2_c"].pk]}
    right = {f"q{quiz['q1'].pk}": quiz["q1_right"].pk, f"q{quiz['q2'].pk}": [quiz["q2_a"].pk, quiz["q2_b"].pk]}
    first = user_client.post(url, wrong)
    second = user_client.post(url, right)
    attempts = list(QuizAttempt.objects.filter(user=user).order_by("submitted_at", "pk"))
    assert [a.percent for a in attempts] == [0, 100]
    assert first.url == reverse("knowledge:attempt", args=[attempts[0].pk])
    assert second.url == reverse("knowledge:attempt", args=[attempts[1].pk])
    result = user_client.get(second.url).content.decode()
    assert "100 %" in result and "Passed." in result


def test_the_form_asks_for_every_question(user_client, module, quiz):
    response = user_client.post(
        reverse("knowledge:quiz", args=[module.slug]), {f"q{quiz['q1'].pk}": quiz["q1_right"].pk}
    )
    assert response.status_code == 200
    assert "Please answer every question" in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_an_option_of_another_question_is_refused(user_client, module, quiz):
    other = QuizOptionFactory(question=QuizQuestionFactory(), is_correct=True)
    response = user_client.post(
        reverse("knowledge:quiz", args=[module.slug]),
        {f"q{quiz['q1'].pk}": other.pk, f"q{quiz['q2'].pk}": [quiz["q2_a"].pk]},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_the_service_refuses_foreign_ids_too(user, module, quiz):
    other = QuizOptionFactory(question=QuizQuestionFactory(), is_correct=True)
    with pytest.raises(services.KnowledgeError):
        services.quiz_submit(user=user, module=module, answers={quiz["q1"].pk: [other.pk]})
    with pytest.raises(services.KnowledgeError):
        services.quiz_submit(user=user, module=module, answers={other.question_id: [other.pk]})
    assert not QuizAttempt.objects.exists()


def test_someone_elses_attempt_is_not_found(user, manager_a_client, module, quiz):
    attempt = services.quiz_submit(user=user, module=module, answers={})
    assert manager_a_client.get(reverse("knowledge:attempt", args=[attempt.pk])).status_code == 404


def test_a_module_without_a_quiz_has_no_quiz_page(user_client, module):
    assert user_client.get(reverse("knowledge:quiz", args=[module.slug])).status_code == 404
