"""Search across modules, lessons and cases (full text on PostgreSQL, substring match on SQLite)."""

from __future__ import annotations

from django.urls import reverse

from knowledge import services
from knowledge.selectors import knowledge_search
from tests.knowledge.factories import CaseStudyFactory, LessonFactory, ModuleFactory


def _index():
    services.search_vectors_update()


def test_it_finds_modules_lessons_and_cases(user, db):
    module = ModuleFactory(title="Membership fees and services", summary="How to price membership.")
    lesson = LessonFactory(module=module, title="Tiered pricing", body="Companies pay membership fees by size.")
    case = CaseStudyFactory(title="The fee debate", situation="The board debates membership fees.")
    ModuleFactory(title="Internationalisation", summary="Delegations abroad.")
    _index()
    results = knowledge_search(query="membership fees", user=user)
    assert module in results["modules"]
    assert lesson in results["lessons"]
    assert case in results["cases"]
    assert all(m.title != "Internationalisation" for m in results["modules"])


def test_titles_rank_before_body_text(user, db):
    in_body = LessonFactory(title="Something else", body="A word on delegations " * 3)
    in_title = LessonFactory(title="Delegations that work", body="Prepare well.")
    _index()
    lessons = knowledge_search(query="delegations", user=user)["lessons"]
    assert lessons.index(in_title) < lessons.index(in_body)


def test_draft_content_is_hidden_from_learners(user, coordinator, db):
    from knowledge.models import Status

    draft = ModuleFactory(title="Unreleased roadmap", status=Status.DRAFT)
    LessonFactory(module=draft, title="Roadmap lesson", body="roadmap roadmap")
    _index()
    assert knowledge_search(query="roadmap", user=user) == {
        "modules": [],
        "lessons": [],
        "cases": [],
        "query": "roadmap",
    }
    assert knowledge_search(query="roadmap", user=coordinator)["modules"] == [draft]


def test_a_search_page_with_nothing_found_says_so(visitor_client, db):
    content = visitor_client.get(reverse("knowledge:search") + "?q=zzzzqqq").content.decode()
    assert "Nothing matches" in content


def test_the_search_page_shows_a_marked_headline_to_members(user_client, db):
    LessonFactory(title="Reserves", body="Build a reserve of six months of core costs. <script>x()</script>")
    _index()
    content = user_client.get(reverse("knowledge:search") + "?q=reserve").content.decode()
    assert "Reserves" in content
    assert "<script>x()" not in content


def test_too_short_or_odd_queries_do_not_break(visitor_client, db):
    for query in ["", "a", "'", "&&||!!", "x" * 500, "fees & (", ":*"]:
        assert visitor_client.get(reverse("knowledge:search"), {"q": query}).status_code == 200


def test_the_portable_fallback_finds_the_same_content(user, settings, db):
    """With SQLite (no full-text search) the same fields are searched with a substring match."""
    settings.IS_POSTGRES = False
    module = ModuleFactory(title="Membership fees and services")
    lesson = LessonFactory(module=module, title="Tiered pricing", body="Companies pay membership fees by size.")
    case = CaseStudyFactory(title="The fee debate", questions="Should membership fees rise?")
    results = knowledge_search(query="membership fees", user=user)
    assert results["modules"] == [module] and results["lessons"] == [lesson] and results["cases"] == [case]
