"""The knowledge home: filters, pagination and the survey's "most needed topics"."""

from __future__ import annotations

from django.urls import reverse

from tests.knowledge.factories import ModuleFactory


def test_filters_narrow_the_modules(visitor_client, db):
    ModuleFactory(title="Strategy for beginners", field="strategy", level="foundation", dimensions=[4])
    ModuleFactory(title="Advanced finance", field="financing", level="advanced", indicators=["3.1"])
    home = reverse("knowledge:home")

    def titles(query):
        return [m.title for m in visitor_client.get(home + query).context["modules"]]

    assert titles("?field=financing") == ["Advanced finance"]
    assert titles("?level=foundation") == ["Strategy for beginners"]
    assert titles("?dimension=3") == ["Advanced finance"]
    assert titles("?dimension=4") == ["Strategy for beginners"]
    assert len(titles("?field=nonsense&level=&dimension=99")) == 2  # unknown values are ignored


def test_modules_are_paginated(visitor_client, db):
    for n in range(30):
        ModuleFactory(title=f"Module {n:02d}", order=n)
    first = visitor_client.get(reverse("knowledge:home"))
    assert len(first.context["modules"]) == 24 and "1 / 2" in first.content.decode()
    second = visitor_client.get(reverse("knowledge:home") + "?page=2")
    assert len(second.context["modules"]) == 6


def test_the_most_needed_topics_of_the_survey_show_on_the_home_page(visitor_client, db, monkeypatch):
    from portal import registry

    # the survey's answer, as the registry hands it to the knowledge catalogue
    monkeypatch.setitem(
        registry.training_needs._functions,
        "most_needed_training_topics",
        lambda *, limit=5: [
            {"field": "financing", "label": "Financing the cluster", "mean": 4.2, "responses": 31},
            {"field": "twin-transition", "label": "Digital and green transition", "mean": 4.3, "responses": 30},
            {"field": "other", "label": "Legal questions", "mean": 3.1, "responses": 28},
        ],
    )
    content = visitor_client.get(reverse("knowledge:home")).content.decode()
    assert "Most needed topics" in content
    assert '<a href="?field=financing">Financing the cluster</a>' in content
    assert '<a href="?field=transition">Digital and green transition</a>' in content
    assert "Legal questions" in content and "31 answers" in content
    assert '<a href="?field=other">' not in content


def test_without_survey_answers_the_panel_is_left_out(visitor_client, db, monkeypatch):
    from survey import selectors as survey_selectors

    monkeypatch.setattr(survey_selectors, "most_needed_training_topics", lambda *, limit=5: [])
    assert "Most needed topics" not in visitor_client.get(reverse("knowledge:home")).content.decode()
