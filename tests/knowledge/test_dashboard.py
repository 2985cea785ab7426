"""The manager's dashboard panel recommends modules for the organisation's red and yellow indicators."""

from __future__ import annotations

import pytest
from django.urls import reverse

from knowledge import dashboard
from knowledge.models import Level
from tests.knowledge.factories import ModuleFactory


@pytest.fixture
def modules(db):
    return {
        "team": ModuleFactory(title="Team basics", indicators=["2.2"], level=Level.FOUNDATION),
        "fees": ModuleFactory(title="Fee models", indicators=["3.1"], level=Level.ADVANCED),
        "web": ModuleFactory(title="Websites", indicators=["5.5"]),
    }


def fake_colours(mapping):
    def organisation_indicator_colours(*, organisation):
        return mapping.get(organisation.slug, {})

    return organisation_indicator_colours


def test_the_panel_lists_modules_for_red_and_yellow_indicators(manager_a_client, org_a, modules, monkeypatch):
    colours = {org_a.slug: {"2.2": "red", "3.1": "yellow", "5.5": "green"}}
    monkeypatch.setattr(dashboard.review_selectors, "organisation_indicator_colours", fake_colours(colours))
    content = manager_a_client.get(reverse("portal:dashboard")).content.decode()
    assert "Recommended learning" in content
    assert content.index("Team basics") < content.index("Fee models")
    assert "Websites" not in content


def test_the_panel_uses_the_labelling_selector_for_real(manager_a, org_a, modules, monkeypatch):
    from labelling.review import selectors as selectors_review

    monkeypatch.setattr(selectors_review, "organisation_indicator_colours", lambda *, organisation: {"3.1": "red"})
    assert dashboard.weak_indicator_colours(user=manager_a) == {"3.1": "red"}


def test_red_wins_over_yellow_across_organisations(manager_a, org_a, org_b, monkeypatch):
    from platform_directory.models import OrganisationMembership

    OrganisationMembership.objects.create(user=manager_a, organisation=org_b, role="manager")
    colours = {org_a.slug: {"3.1": "yellow", "2.2": "green"}, org_b.slug: {"3.1": "red", "4.1": "yellow"}}
    monkeypatch.setattr(dashboard.review_selectors, "organisation_indicator_colours", fake_colours(colours))
    assert dashboard.weak_indicator_colours(user=manager_a) == {"3.1": "red", "4.1": "yellow"}


def test_without_a_reviewed_assessment_it_suggests_foundations(manager_a_client, modules, monkeypatch):
    monkeypatch.setattr(dashboard.review_selectors, "organisation_indicator_colours", fake_colours({}))
    content = manager_a_client.get(reverse("portal:dashboard")).content.decode()
    assert "Once your organisation" in content and "Team basics" in content
    assert "Fee models" not in content  # advanced


def test_when_everything_is_green_it_says_so(manager_a_client, org_a, modules, monkeypatch):
    monkeypatch.setattr(
        dashboard.review_selectors, "organisation_indicator_colours", fake_colours({org_a.slug: {"2.2": "green"}})
    )
    content = manager_a_client.get(reverse("portal:dashboard")).content.decode()
    assert "No red or yellow indicator" in content


def test_no_recommendation_panel_for_users_who_manage_nothing(user_client, modules):
    assert "Recommended learning" not in user_client.get(reverse("portal:dashboard")).content.decode()


def test_coordinators_see_waiting_proposals_on_the_coordination_page(coordinator_client, user):
    from knowledge.models import TrainingProgramme
    from tests.knowledge.factories import TrainingProgrammeFactory

    TrainingProgrammeFactory(state=TrainingProgramme.State.PROPOSED, proposed_by=user)
    content = coordinator_client.get(reverse("portal:coordination")).content.decode()
    assert "1 proposed programme waits for your review." in content


def test_with_a_real_reviewed_assessment_the_panel_follows_its_colours(
    manager_a_client, org_a, modules, ecei_framework
):
    """Integration with the labelling area: a recommended assessment whose accepted answers are red on 2.2 and
    yellow on 3.1 (green elsewhere) recommends the modules tagged with those two indicators."""
    from tests.knowledge.conftest import reviewed_assessment

    reviewed_assessment(org_a, {"2.2": "red", "3.1": "yellow"})
    content = manager_a_client.get(reverse("portal:dashboard")).content.decode()
    assert "Team basics" in content and "Fee models" in content
    assert "Websites" not in content  # 5.5 is green
    assert content.index("Team basics") < content.index("Fee models")  # red before yellow


def test_modules_already_completed_come_last_and_say_so(manager_a_client, manager_a, org_a, monkeypatch, db):
    from knowledge import services
    from tests.knowledge.factories import LessonFactory

    done = ModuleFactory(title="Done already", indicators=["2.2", "3.1"], order=1)
    ModuleFactory(title="Still to do", indicators=["3.1"], order=2)
    services.lesson_complete(user=manager_a, lesson=LessonFactory(module=done))
    monkeypatch.setattr(
        dashboard.review_selectors,
        "organisation_indicator_colours",
        fake_colours({org_a.slug: {"2.2": "red", "3.1": "red"}}),
    )
    content = manager_a_client.get(reverse("portal:dashboard")).content.decode()
    assert content.index("Still to do") < content.index("Done already")
    assert "completed" in content[content.index("Done already") :]
