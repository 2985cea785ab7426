"""Who may open every knowledge URL: a table of (URL, persona, expected status), walked for every persona.

"login" means a redirect to the login page. Personas: visitor, user (registered, no role), manager of A,
assessor, club member, instructor (knowledge flag) and coordinator (staff).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from knowledge import services
from knowledge.models import TrainingProgramme
from tests.knowledge.factories import TrainingProgrammeFactory

PERSONAS = ["visitor", "user", "manager_a", "assessor", "club_member", "instructor", "coordinator"]
OTHERS = ["manager_a", "assessor", "club_member", "instructor"]


@pytest.fixture
def world(user, module, lessons, quiz, draft_module, case):
    attempt = services.quiz_submit(user=user, module=module, answers={})
    approved = TrainingProgrammeFactory(title="Listed course")
    proposal = TrainingProgrammeFactory(
        title="Proposed course", state=TrainingProgramme.State.PROPOSED, proposed_by=user
    )
    draft_lesson = draft_module.lessons.get()
    return {
        "module": module,
        "lesson": lessons[0],
        "draft_module": draft_module,
        "draft_lesson": draft_lesson,
        "case": case,
        "attempt": attempt,
        "approved": approved,
        "proposal": proposal,
        "user": user,
    }


def expect(default, **overrides):
    table = dict.fromkeys(PERSONAS, default)
    table.update(overrides)
    return table


PUBLIC = expect(200)
MEMBERS = expect(200, visitor="login")
STAFF_ONLY_PAGE = expect(403, visitor="login", coordinator=200)

CASES = [
    ("home", "get", lambda w: reverse("knowledge:home"), PUBLIC),
    (
        "home filtered",
        "get",
        lambda w: reverse("knowledge:home") + "?field=strategy&level=advanced&dimension=4",
        PUBLIC,
    ),
    ("search", "get", lambda w: reverse("knowledge:search") + "?q=teaching", PUBLIC),
    ("module", "get", lambda w: w["module"].get_absolute_url(), PUBLIC),
    ("draft module", "get", lambda w: w["draft_module"].get_absolute_url(), expect(404, coordinator=200)),
    (
        "module continue",
        "get",
        lambda w: reverse("knowledge:module_continue", args=[w["module"].slug]),
        expect(302, visitor="login"),
    ),
    ("lesson", "get", lambda w: w["lesson"].get_absolute_url(), MEMBERS),
    (
        "draft lesson",
        "get",
        lambda w: w["draft_lesson"].get_absolute_url(),
        expect(404, visitor="login", coordinator=200),
    ),
    (
        "lesson complete",
        "post",
        lambda w: reverse("knowledge:lesson_complete", args=[w["module"].slug, w["lesson"].slug]),
        expect(302, visitor="login"),
    ),
    (
        "lesson reopen",
        "post",
        lambda w: reverse("knowledge:lesson_reopen", args=[w["module"].slug, w["lesson"].slug]),
        expect(302, visitor="login"),
    ),
    (
        "draft lesson complete",
        "post",
        lambda w: reverse("knowledge:lesson_complete", args=[w["draft_module"].slug, w["draft_lesson"].slug]),
        expect(404, visitor="login", coordinator=302),
    ),
    ("quiz", "get", lambda w: reverse("knowledge:quiz", args=[w["module"].slug]), MEMBERS),
    (
        "quiz of a draft",
        "get",
        lambda w: reverse("knowledge:quiz", args=[w["draft_module"].slug]),
        expect(404, visitor="login"),
    ),
    (
        "attempt",
        "get",
        lambda w: reverse("knowledge:attempt", args=[w["attempt"].pk]),
        expect(404, visitor="login", user=200, coordinator=200),
    ),
    ("cases", "get", lambda w: reverse("knowledge:cases"), PUBLIC),
    ("case", "get", lambda w: w["case"].get_absolute_url(), MEMBERS),
    ("indicator", "get", lambda w: reverse("knowledge:indicator", args=["3.1"]), PUBLIC),
    ("unknown indicator", "get", lambda w: reverse("knowledge:indicator", args=["9.9"]), expect(404)),
    ("indicator lookup", "get", lambda w: reverse("knowledge:indicator_lookup") + "?code=3.1", expect(302)),
    ("my learning", "get", lambda w: reverse("knowledge:my_learning"), MEMBERS),
    (
        "learner profile",
        "get",
        lambda w: reverse("knowledge:learner", args=[w["user"].pk]),
        expect(404, visitor="login", user=200, coordinator=200),
    ),
    ("programmes", "get", lambda w: reverse("knowledge:programmes"), PUBLIC),
    (
        "programmes filtered",
        "get",
        lambda w: reverse("knowledge:programmes") + "?format=online&country=intl&free=on&max_cost=100",
        PUBLIC,
    ),
    ("programme", "get", lambda w: w["approved"].get_absolute_url(), PUBLIC),
    ("proposal", "get", lambda w: w["proposal"].get_absolute_url(), expect(404, user=200, coordinator=200)),
    ("propose", "get", lambda w: reverse("knowledge:programme_propose"), MEMBERS),
    ("review queue", "get", lambda w: reverse("knowledge:programme_review"), STAFF_ONLY_PAGE),
    ("api modules", "get", lambda w: "/api/v1/knowledge/modules/", PUBLIC),
    ("api recommendations", "get", lambda w: "/api/v1/knowledge/recommendations/?codes=3.1", PUBLIC),
    ("api programmes", "get", lambda w: "/api/v1/knowledge/programmes/", PUBLIC),
    (
        "decide",
        "post",
        lambda w: reverse("knowledge:programme_decide", args=[w["proposal"].pk]),
        expect(403, visitor="login", coordinator=302),
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name, method, url, expected", CASES, ids=[c[0] for c in CASES])
def test_access(request, world, persona, name, method, url, expected):
    client = request.getfixturevalue(f"{persona}_client")
    target = url(world)
    response = getattr(client, method)(target, {"decision": "approve"} if name == "decide" else {})
    wanted = expected[persona]
    if wanted == "login":
        assert response.status_code == 302 and "/accounts/login/" in response.url, (name, persona)
    else:
        assert response.status_code == wanted, (name, persona, response.status_code)


@pytest.mark.parametrize(
    "persona, sees",
    [("user", False), ("manager_a", False), ("club_member", False), ("instructor", True), ("coordinator", True)],
)
def test_teaching_notes_only_for_instructors_and_staff(request, case, persona, sees):
    client = request.getfixturevalue(f"{persona}_client")
    content = client.get(case.get_absolute_url()).content.decode()
    assert ("SECRET TEACHING NOTE" in content) is sees
    assert ("Teaching note" in content) is sees


def test_visitors_see_module_summaries_but_no_lesson_links(visitor_client, module, lessons):
    content = visitor_client.get(module.get_absolute_url()).content.decode()
    assert module.summary in content
    assert lessons[0].title in content
    assert lessons[0].get_absolute_url() not in content
    assert lessons[0].body not in content


def test_drafts_are_not_listed_for_users_but_are_for_coordinators(user_client, coordinator_client, draft_module):
    assert "Secret draft" not in user_client.get(reverse("knowledge:home")).content.decode()
    assert "Secret draft" in coordinator_client.get(reverse("knowledge:home")).content.decode()
    assert "Secret draft" not in user_client.get(reverse("knowledge:search") + "?q=secret").content.decode()
