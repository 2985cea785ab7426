"""The apps register what they bring to the portal (portal/registry.py); a mistake there fails at start-up."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from portal import registry
from portal.apps import every_question_answered


def test_answering_a_question_the_portal_does_not_ask_raises():
    with pytest.raises(ImproperlyConfigured, match="managed_organisation"):
        registry.roles.provide("managed_organisation", lambda user: None)


def test_answering_a_question_twice_raises():
    with pytest.raises(ImproperlyConfigured, match="answered twice"):
        registry.roles.provide("is_club_member", lambda user: True)


def test_asking_a_question_nobody_answers_raises():
    answers = registry.Answers("test", {"unanswered"})
    with pytest.raises(ImproperlyConfigured, match="no installed app answers 'unanswered'"):
        answers["unanswered"]
    assert answers.unanswered() == ["unanswered"]


def test_registering_the_same_panel_twice_raises():
    with pytest.raises(ImproperlyConfigured, match="registered twice"):
        registry.dashboard_panels.add(lambda request: [], key="club")


def test_a_periodic_job_name_taken_by_another_app_raises():
    with pytest.raises(ImproperlyConfigured, match="club-weekly-digest"):
        registry.beat({"club-weekly-digest": {"task": "survey.tasks.anything", "schedule": 60}})


def test_every_question_of_the_portal_has_its_answer():
    assert every_question_answered(None) == []
    call_command("check")


def test_contributions_come_in_a_fixed_order():
    assert [link.url_name for link in registry.main_links] == [
        "platform_directory:list",
        "labelling:registry",
        "benchmarking:home",
        "knowledge:home",
        "club:home",
        "survey:list",
    ]
    assert [link.url_name for link in registry.personal_links] == ["labelling:review_queue", "portal:coordination"]
    assert [key for key, _ in registry.demo_seeds.items()] == [
        "portal.seed",
        "platform_directory.seed",
        "knowledge.seed",
        "club.seed",
        "survey.seed",
        "labelling.seed",
        "labelling.certificates.seed",
        "benchmarking.seed",
    ]
    assert [key for key, _ in registry.dashboard_panels.items()][0] == "portal"
