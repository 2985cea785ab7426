"""Answering: save and resume, conditions, the review page, submitting once, closed surveys, bad input."""

import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from survey.models import Answer, Response
from survey.services import Respondent, response_start, response_submit
from survey.structure import SurveyStructure
from tests.survey.factories import full_answers

pytestmark = pytest.mark.django_db


def _url(built, name, **kwargs):
    return reverse(f"survey:{name}", kwargs={"slug": built.survey.slug, **kwargs})


def test_a_manager_saves_a_section_leaves_and_resumes_where_they_left_off(built, manager_a, manager_a_client):
    data = full_answers(built)
    first = {**data[1], "action": "leave"}
    response = manager_a_client.post(_url(built, "answer", step=1), first)
    assert response.status_code == 302
    assert response.url == _url(built, "detail")
    page = manager_a_client.get(response.url)
    assert "Continue where you left off" in page.text
    saved = Response.objects.get(survey=built.survey, user=manager_a)
    assert saved.status == "draft" and saved.current_step == 2
    assert saved.organisation.name == "Alpha Photonics Cluster" and saved.country == "DE"
    assert _url(built, "answer", step=2) in page.text
    # the first section shows the saved answers again
    again = manager_a_client.get(_url(built, "answer", step=1))
    assert 'value="a" checked' in again.text and 'value="2019"' in again.text


def test_the_progress_bar_counts_the_shown_questions_answered(built, manager_a_client):
    manager_a_client.post(_url(built, "answer", step=1), full_answers(built)[1])
    page = manager_a_client.get(_url(built, "answer", step=2))
    # 3 of 7 shown questions answered (role, detail, rating)
    assert 'aria-valuenow="43"' in page.text
    assert "Section 2 of 2" in page.text


def test_answers_to_a_question_hidden_by_a_later_change_are_dropped(built, manager_a, manager_a_client):
    manager_a_client.post(_url(built, "answer", step=1), full_answers(built)[1])
    assert Answer.objects.filter(question=built.detail).exists()
    manager_a_client.post(_url(built, "answer", step=1), {**full_answers(built)[1], f"q{built.role.pk}": "b"})
    assert not Answer.objects.filter(question=built.detail).exists()


def test_the_review_page_lists_missing_required_answers_respecting_conditions(built, manager_a_client):
    # role = b hides the required "detail" question: it must not be listed as missing
    manager_a_client.post(_url(built, "answer", step=1), {f"q{built.role.pk}": "b", "action": "next"})
    page = manager_a_client.get(_url(built, "review"))
    assert page.status_code == 200
    missing = page.text.split('id="missing"')[1].split("</ul>")[0]
    assert "Topics" in missing and "Training needs" in missing
    assert "Since when do you manage?" not in missing
    assert "Your role" not in missing
    # submitting anyway is refused with the list
    refused = manager_a_client.post(_url(built, "review"), follow=True)
    assert "Some required questions are not answered yet" in refused.text
    assert Response.objects.get(survey=built.survey).status == "draft"


def test_a_conditional_required_question_counts_when_shown(built, manager_a_client):
    manager_a_client.post(_url(built, "answer", step=1), {f"q{built.role.pk}": "a", "action": "next"})
    page = manager_a_client.get(_url(built, "review"))
    assert "Since when do you manage?" in page.text.split('id="missing"')[1].split("</ul>")[0]


def test_a_complete_response_is_submitted_and_frozen(built, manager_a, manager_a_client):
    data = full_answers(built)
    manager_a_client.post(_url(built, "answer", step=1), data[1])
    review = manager_a_client.post(_url(built, "answer", step=2), data[2])
    assert review.url == _url(built, "review")
    done = manager_a_client.post(_url(built, "review"))
    assert done.url == _url(built, "done")
    response = Response.objects.get(survey=built.survey, user=manager_a)
    assert response.status == "submitted" and response.submitted_at
    # no more changes
    later = manager_a_client.post(_url(built, "answer", step=1), {**data[1], f"q{built.role.pk}": "b"})
    assert later.url == _url(built, "done")
    assert Answer.objects.get(response=response, question=built.role).option.value == "a"


def test_submitting_twice_stores_one_response(built, manager_a, manager_a_client):
    data = full_answers(built)
    manager_a_client.post(_url(built, "answer", step=1), data[1])
    manager_a_client.post(_url(built, "answer", step=2), data[2])
    first = manager_a_client.post(_url(built, "review"))
    second = manager_a_client.post(_url(built, "review"))
    assert first.status_code == second.status_code == 302
    assert Response.objects.filter(survey=built.survey).count() == 1
    # the service is idempotent too
    respondent = Respondent(survey=built.survey, user=manager_a)
    again = response_submit(respondent=respondent, structure=SurveyStructure(built.survey))
    assert again.submitted_at == Response.objects.get().submitted_at


def test_the_database_refuses_a_second_response_of_the_same_user(built, manager_a):
    Response.objects.create(survey=built.survey, user=manager_a)
    with pytest.raises(IntegrityError):
        Response.objects.create(survey=built.survey, user=manager_a)


def test_starting_twice_returns_the_same_response(built, manager_a):
    respondent = Respondent(survey=built.survey, user=manager_a)
    assert response_start(respondent=respondent).pk == response_start(respondent=respondent).pk


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("number", "250", "less than or equal to 100"),
        ("number", "many", "Enter a number"),
        ("role", "zzz", "Select a valid choice"),
        ("rating", "9", "Select a valid choice"),
    ],
)
def test_bad_answers_are_refused_with_a_message_and_nothing_is_saved(built, manager_a_client, field, value, message):
    step = 2 if field == "number" else 1
    data = full_answers(built)[step]
    data[f"q{getattr(built, field).pk}"] = value
    page = manager_a_client.post(_url(built, "answer", step=step), data)
    assert page.status_code == 200
    assert message in page.text
    assert not Answer.objects.exists()


def test_a_too_long_text_is_refused(built, manager_a_client):
    data = full_answers(built)[1]
    data[f"q{built.detail.pk}"] = "x" * 301
    page = manager_a_client.post(_url(built, "answer", step=1), data)
    assert "at most 300 characters" in page.text


def test_a_step_that_does_not_exist_is_a_404(built, manager_a_client):
    assert manager_a_client.get(_url(built, "answer", step=3)).status_code == 404
    assert manager_a_client.get(_url(built, "answer", step=0)).status_code == 404


def test_a_closed_survey_shows_a_clear_page_and_accepts_nothing(built, manager_a_client):
    built.survey.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    built.survey.opens_at = timezone.now() - datetime.timedelta(days=3)
    built.survey.save()
    page = manager_a_client.get(_url(built, "answer", step=1))
    assert "This survey is closed" in page.text
    posted = manager_a_client.post(_url(built, "answer", step=1), full_answers(built)[1])
    assert "This survey is closed" in posted.text
    assert not Response.objects.exists()
    assert "This survey is closed" in manager_a_client.post(_url(built, "review")).text


def test_a_survey_not_yet_open_says_when_it_opens(built, manager_a_client):
    built.survey.opens_at = timezone.now() + datetime.timedelta(days=2)
    built.survey.save()
    page = manager_a_client.get(_url(built, "answer", step=1))
    assert "This survey is not open yet" in page.text
    assert "opens on" in page.text


def test_a_person_without_an_organisation_may_not_answer(built, user_client):
    page = user_client.get(_url(built, "answer", step=1))
    assert page.status_code == 403
    assert "cluster organisation" in page.text
