"""Pages of the knowledge area do not grow their query count with the content."""

from __future__ import annotations

from django.urls import reverse

from knowledge import services
from tests.knowledge.factories import CaseStudyFactory, LessonFactory, ModuleFactory


def _content(n):
    modules = []
    for _i in range(n):
        module = ModuleFactory(indicators=["1.1", "2.2"], dimensions=[1])
        for order in range(3):
            LessonFactory(module=module, order=order)
        case = CaseStudyFactory()
        case.modules.add(module)
        modules.append(module)
    return modules


def test_the_home_page(user_client, user, django_assert_max_num_queries, db):
    modules = _content(12)
    services.lesson_complete(user=user, lesson=modules[0].lessons.first())
    with django_assert_max_num_queries(22):
        assert user_client.get(reverse("knowledge:home")).status_code == 200


def test_a_module_and_a_lesson(user_client, user, django_assert_max_num_queries, db):
    module = _content(1)[0]
    for order in range(10, 20):
        LessonFactory(module=module, order=order)
    with django_assert_max_num_queries(20):
        assert user_client.get(module.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(22):
        assert user_client.get(module.lessons.first().get_absolute_url()).status_code == 200


def test_my_learning(user_client, user, django_assert_max_num_queries, db):
    for module in _content(10):
        services.lesson_complete(user=user, lesson=module.lessons.first())
    with django_assert_max_num_queries(16):
        assert user_client.get(reverse("knowledge:my_learning")).status_code == 200
