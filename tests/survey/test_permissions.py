"""Every survey URL for every persona: visitor, user without organisation, manager of A, coordinator, and the
holder of an invitation link."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from survey.services import Recipient, invitations_create, invitations_send_start
from tests.survey.factories import build_survey

pytestmark = pytest.mark.django_db

PERSONAS = ["visitor_client", "user_client", "manager_a_client", "coordinator_client"]
LOGIN, FORBIDDEN, MISSING, OK, REDIRECT = "login", 403, 404, 200, 302


@pytest.fixture
def world(coordinator, django_capture_on_commit_callbacks):
    built = build_survey(user=coordinator, slug="named", title="Named")
    draft = build_survey(user=coordinator, slug="draft", title="Draft", launch=False)
    with django_capture_on_commit_callbacks(execute=True):
        invitations_create(survey=built.survey, recipients=[Recipient(email="guest@example.org")], user=coordinator)
        invitations_send_start(survey=built.survey, user=coordinator)
    token = re.search(r"/surveys/i/([^/\s]+)/", mail.outbox[0].body).group(1)
    return {"built": built, "draft": draft, "token": token}


def _urls(world):
    s = world["built"].survey
    d = world["draft"]
    slug = {"slug": s.slug}
    pk = {"pk": d.survey.pk}
    return {
        "list": ("get", reverse("survey:list")),
        "detail": ("get", reverse("survey:detail", kwargs=slug)),
        "draft_detail": ("get", reverse("survey:detail", kwargs={"slug": d.survey.slug})),
        "answer": ("get", reverse("survey:answer", kwargs={**slug, "step": 1})),
        "review": ("get", reverse("survey:review", kwargs=slug)),
        "done": ("get", reverse("survey:done", kwargs=slug)),
        "results": ("get", reverse("survey:results", kwargs=slug)),
        "results_csv": ("get", reverse("survey:results_csv", kwargs=slug)),
        "results_xlsx": ("get", reverse("survey:results_xlsx", kwargs=slug)),
        "summary": ("get", reverse("survey:summary", kwargs=slug)),
        "manage_list": ("get", reverse("survey:manage_list")),
        "manage_create": ("get", reverse("survey:manage_create")),
        "manage_detail": ("get", reverse("survey:manage_detail", kwargs=pk)),
        "manage_edit": ("get", reverse("survey:manage_edit", kwargs=pk)),
        "manage_section_create": ("get", reverse("survey:manage_section_create", kwargs=pk)),
        "manage_section_edit": (
            "get",
            reverse("survey:manage_section_edit", kwargs={**pk, "section_pk": d.role.section_id}),
        ),
        "manage_section_delete": (
            "post",
            reverse("survey:manage_section_delete", kwargs={**pk, "section_pk": d.text.section_id}),
        ),
        "manage_question_create": ("get", reverse("survey:manage_question_create", kwargs=pk)),
        "manage_question_edit": (
            "get",
            reverse("survey:manage_question_edit", kwargs={**pk, "question_pk": d.text.pk}),
        ),
        "manage_question_delete": (
            "post",
            reverse("survey:manage_question_delete", kwargs={**pk, "question_pk": d.text.pk}),
        ),
        "manage_invitations": ("get", reverse("survey:manage_invitations", kwargs={"pk": s.pk})),
        "manage_transition": ("post", reverse("survey:manage_transition", kwargs={"pk": s.pk, "action": "publish"})),
    }


STAFF = {"visitor_client": LOGIN, "user_client": FORBIDDEN, "manager_a_client": FORBIDDEN, "coordinator_client": OK}
STAFF_POST = {**STAFF, "coordinator_client": REDIRECT}
ANSWER = {"visitor_client": LOGIN, "user_client": FORBIDDEN, "manager_a_client": OK, "coordinator_client": FORBIDDEN}
EXPECTED = {
    "list": dict.fromkeys(PERSONAS, OK),
    "detail": dict.fromkeys(PERSONAS, OK),
    "draft_detail": {**dict.fromkeys(PERSONAS, MISSING), "coordinator_client": OK},
    "answer": ANSWER,
    "review": ANSWER,
    "done": {**ANSWER, "manager_a_client": REDIRECT},  # nothing submitted yet: back to the review page
    "results": STAFF,
    "results_csv": STAFF,
    "results_xlsx": STAFF,
    "summary": {**dict.fromkeys(PERSONAS, MISSING), "coordinator_client": OK},  # not published
    "manage_list": STAFF,
    "manage_create": STAFF,
    "manage_detail": STAFF,
    "manage_edit": STAFF,
    "manage_section_create": STAFF,
    "manage_section_edit": STAFF,
    "manage_section_delete": STAFF_POST,
    "manage_question_create": STAFF,
    "manage_question_edit": STAFF,
    "manage_question_delete": STAFF_POST,
    "manage_invitations": STAFF,
    "manage_transition": STAFF_POST,
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_survey_url_for_every_persona(world, request, persona, name):
    client = request.getfixturevalue(persona)
    method, url = _urls(world)[name]
    response = getattr(client, method)(url)
    expected = EXPECTED[name][persona]
    if expected == LOGIN:
        assert response.status_code == 302 and "/accounts/login/" in response.url
    else:
        assert response.status_code == expected, (name, persona, response.status_code)


@pytest.mark.parametrize(
    ("name", "expected"), [("token_start", OK), ("token_answer", OK), ("token_review", OK), ("token_done", REDIRECT)]
)
def test_the_invitation_link_holder_reaches_the_answer_pages_without_an_account(world, name, expected):
    kwargs = {"token": world["token"], **({"step": 1} if name == "token_answer" else {})}
    client = Client()
    assert client.get(reverse(f"survey:{name}", kwargs=kwargs)).status_code == expected
    kwargs["token"] = world["token"][:-2] + "xx"
    assert client.get(reverse(f"survey:{name}", kwargs=kwargs)).status_code == MISSING


def test_the_invitation_link_holder_gets_nothing_else(world):
    client = Client()
    client.get(reverse("survey:token_start", kwargs={"token": world["token"]}))
    for name in ("results", "results_csv", "manage_list"):
        response = client.get(_urls(world)[name][1])
        assert response.status_code == 302 and "/accounts/login/" in response.url
    assert client.get(_urls(world)["summary"][1]).status_code == MISSING


def test_a_published_summary_is_public(world, client, coordinator):
    from survey.services import survey_results_publish

    survey_results_publish(survey=world["built"].survey, user=coordinator)
    assert client.get(_urls(world)["summary"][1]).status_code == OK


def test_a_question_of_another_survey_is_a_404_in_the_builder(world, coordinator_client):
    other = world["built"]
    url = reverse("survey:manage_question_edit", kwargs={"pk": world["draft"].survey.pk, "question_pk": other.role.pk})
    assert coordinator_client.get(url).status_code == MISSING
    url = reverse(
        "survey:manage_section_edit", kwargs={"pk": world["draft"].survey.pk, "section_pk": other.role.section_id}
    )
    assert coordinator_client.get(url).status_code == MISSING


def test_an_unknown_transition_is_a_404(world, coordinator_client):
    url = reverse("survey:manage_transition", kwargs={"pk": world["built"].survey.pk, "action": "explode"})
    assert coordinator_client.post(url).status_code == MISSING


def test_staff_actions_refuse_get(world, coordinator_client):
    method, url = _urls(world)["manage_transition"]
    assert coordinator_client.get(url).status_code == 405
