"""The builder: the staff pages and the admin refuse the same things (model clean() and the services)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from survey.models import Option, Question, Section, Survey
from survey.services import OptionSpec, SurveyError, question_save, survey_launch, survey_save
from tests.survey.factories import SectionFactory, SurveyFactory, build_survey

pytestmark = pytest.mark.django_db


def _question(survey, section, **fields):
    return Question(survey=survey, section=section, code=fields.pop("code", "q"), text="Q?", **fields)


def test_a_condition_on_a_later_question_is_refused(coordinator):
    built = build_survey(user=coordinator, launch=False)
    built.role.condition_question = built.rating  # rating comes after role
    built.role.condition_value = "3"
    with pytest.raises(ValidationError) as error:
        built.role.full_clean()
    assert "earlier question" in str(error.value)


def test_a_condition_on_itself_is_refused(coordinator):
    built = build_survey(user=coordinator, launch=False)
    built.role.condition_question = built.role
    built.role.condition_value = "a"
    with pytest.raises(ValidationError) as error:
        built.role.full_clean()
    assert "its own answer" in str(error.value)


@pytest.mark.parametrize(
    ("target", "value", "message"),
    [
        ("role", "nope", "is not an answer of that question"),
        ("rating", "7", "needs a value from 1 to 5"),
        ("detail", "x", "Conditions work on"),
    ],
)
def test_a_condition_needs_a_real_answer_of_a_choice_question(coordinator, target, value, message):
    built = build_survey(user=coordinator, launch=False)
    built.text.condition_question = getattr(built, target)
    built.text.condition_value = value
    with pytest.raises(ValidationError) as error:
        built.text.full_clean()
    assert message in str(error.value)


def test_moving_a_question_before_the_one_it_depends_on_is_refused(coordinator):
    built = build_survey(user=coordinator, launch=False)
    built.role.position = 5  # detail (position 2) depends on role
    with pytest.raises(ValidationError) as error:
        built.role.full_clean()
    assert "must stay before it" in str(error.value)


def test_moving_a_section_before_the_one_it_depends_on_is_refused(coordinator):
    built = build_survey(user=coordinator, launch=False)
    second = built.multi.section
    question_save(
        question=Question(
            survey=built.survey,
            section=second,
            position=9,
            code="later",
            kind="short_text",
            text="Later",
            condition_question=built.role,
            condition_value="a",
        ),
        user=coordinator,
    )
    second.position = 0
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "would come before the question it depends on" in str(error.value)


@pytest.mark.parametrize(
    ("kind", "choices", "rows", "message"),
    [
        ("single", ["Only one"], [], "at least two answers"),
        ("multiple", [], [], "at least two answers"),
        ("matrix", ["1", "2"], [], "at least one row"),
        ("single", ["Same", "same"], [], "the same value"),
        ("number", ["a", "b"], [], "Only choice and matrix"),
    ],
)
def test_questions_need_the_answers_their_type_needs(coordinator, kind, choices, rows, message):
    survey = SurveyFactory()
    section = SectionFactory(survey=survey)
    with pytest.raises(ValidationError) as error:
        question_save(
            question=_question(survey, section, kind=kind),
            user=coordinator,
            choices=[OptionSpec(label=c) for c in choices],
            rows=[OptionSpec(label=r) for r in rows],
        )
    assert message in str(error.value)
    assert not Question.objects.exists()


def test_a_number_range_must_be_ordered(coordinator):
    survey = SurveyFactory()
    with pytest.raises(ValidationError, match="must not be smaller"):
        question_save(
            question=_question(survey, SectionFactory(survey=survey), kind="number", min_value=10, max_value=1),
            user=coordinator,
        )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"closes_at": timezone.now() - datetime.timedelta(days=5)}, "must close after it opens"),
        ({"is_anonymous": True, "audience": "members"}, "invitation links only"),
        ({"slug": "manage"}, "reserved"),
    ],
)
def test_survey_settings_are_validated(coordinator, fields, message):
    survey = Survey(title="T", slug="t", opens_at=timezone.now(), closes_at=timezone.now() + datetime.timedelta(days=1))
    for name, value in fields.items():
        setattr(survey, name, value)
    with pytest.raises(ValidationError, match=message):
        survey_save(survey=survey, user=coordinator)


def test_launching_needs_a_complete_survey(coordinator):
    survey = SurveyFactory()
    SectionFactory(survey=survey, title="Empty")
    with pytest.raises(SurveyError, match="has no question"):
        survey_launch(survey=survey, user=coordinator)
    assert Survey.objects.get().status == "draft"


def test_a_launched_survey_refuses_changes_to_its_questions(built, coordinator):
    built.role.text = "Changed"
    with pytest.raises(SurveyError, match="can no longer change"):
        question_save(question=built.role, user=coordinator, choices=[OptionSpec("A"), OptionSpec("B")])


def test_the_staff_page_refuses_a_condition_on_a_later_question(coordinator, coordinator_client):
    built = build_survey(user=coordinator, launch=False)
    url = reverse("survey:manage_question_edit", kwargs={"pk": built.survey.pk, "question_pk": built.role.pk})
    page = coordinator_client.post(
        url,
        {
            "section": built.role.section_id,
            "position": 1,
            "kind": "single",
            "text": "Your role",
            "code": "role",
            "choices_text": "Manager\nStaff",
            "condition": f"{built.rating.pk}|3",
        },
    )
    assert page.status_code == 200
    assert "A condition can only refer to an earlier question" in page.text
    built.role.refresh_from_db()
    assert built.role.condition_question is None


def test_the_staff_page_refuses_a_condition_on_the_question_itself(coordinator, coordinator_client):
    built = build_survey(user=coordinator, launch=False)
    url = reverse("survey:manage_question_edit", kwargs={"pk": built.survey.pk, "question_pk": built.role.pk})
    page = coordinator_client.post(
        url,
        {
            "section": built.role.section_id,
            "position": 1,
            "kind": "single",
            "text": "Your role",
            "code": "role",
            "choices_text": "Manager\nStaff",
            "condition": f"{built.role.pk}|a",
        },
    )
    assert "cannot depend on its own answer" in page.text


def test_a_coordinator_builds_and_launches_a_survey_on_the_staff_pages(coordinator_client):
    now = timezone.localtime()
    page = coordinator_client.post(
        reverse("survey:manage_create"),
        {
            "title": "Pulse",
            "slug": "pulse",
            "introduction": "",
            "audience": "members",
            "opens_at": (now - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + datetime.timedelta(days=9)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    survey = Survey.objects.get(slug="pulse")
    assert page.url == reverse("survey:manage_detail", kwargs={"pk": survey.pk})
    coordinator_client.post(
        reverse("survey:manage_section_create", kwargs={"pk": survey.pk}), {"title": "Only", "position": 1}
    )
    section = Section.objects.get(survey=survey)
    coordinator_client.post(
        reverse("survey:manage_question_create", kwargs={"pk": survey.pk}),
        {
            "section": section.pk,
            "position": 1,
            "kind": "multiple",
            "text": "Which indicators?",
            "choices_text": "Documented strategy | 4.1\nWebsite in English | 5.5",
            "required": "on",
        },
    )
    question = Question.objects.get(survey=survey)
    assert question.code == "which-indicators"
    assert list(question.options.values_list("indicator_code", flat=True)) == ["4.1", "5.5"]
    coordinator_client.post(
        reverse("survey:manage_question_create", kwargs={"pk": survey.pk}),
        {"section": section.pk, "position": 2, "kind": "matrix", "text": "Needs", "rows_text": "Strategy\nFinance"},
    )
    matrix = Question.objects.get(code="needs")
    assert matrix.options.filter(role=Option.Role.CHOICE).count() == 5
    coordinator_client.post(reverse("survey:manage_transition", kwargs={"pk": survey.pk, "action": "launch"}))
    survey.refresh_from_db()
    assert survey.status == "live"


def test_the_staff_page_shows_bad_survey_settings(coordinator_client):
    page = coordinator_client.post(
        reverse("survey:manage_create"),
        {
            "title": "X",
            "slug": "x",
            "audience": "members",
            "opens_at": "2026-05-01T10:00",
            "closes_at": "2026-04-01T10:00",
        },
    )
    assert page.status_code == 200 and "must close after it opens" in page.text


def test_the_admin_refuses_a_condition_on_a_later_question(coordinator):
    from django.test import Client

    from tests.factories import UserFactory

    admin = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    built = build_survey(user=coordinator, launch=False)
    url = reverse("admin:survey_question_change", args=[built.role.pk])
    options = list(built.role.options.all())
    data = {
        "survey": built.survey.pk,
        "section": built.role.section_id,
        "position": 1,
        "code": "role",
        "kind": "single",
        "text": "Your role",
        "help_text": "",
        "required": "on",
        "condition_question": built.rating.pk,
        "condition_value": "3",
        "options-TOTAL_FORMS": len(options),
        "options-INITIAL_FORMS": len(options),
        "options-MIN_NUM_FORMS": 0,
        "options-MAX_NUM_FORMS": 1000,
    }
    for i, option in enumerate(options):
        data.update(
            {
                f"options-{i}-id": option.pk,
                f"options-{i}-question": built.role.pk,
                f"options-{i}-role": "choice",
                f"options-{i}-position": option.position,
                f"options-{i}-value": option.value,
                f"options-{i}-label": option.label,
            }
        )
    page = client.post(url, data)
    assert page.status_code == 200
    assert "A condition can only refer to an earlier question" in page.text
    # and a single-answer choice question is refused there too
    data.update({"condition_question": "", "condition_value": "", f"options-{len(options) - 1}-DELETE": "on"})
    page = client.post(url, data)
    assert "at least two answers" in page.text


def test_transitions_on_the_staff_page(built, coordinator_client, manager_a_client):
    def post(action):
        url = reverse("survey:manage_transition", kwargs={"pk": built.survey.pk, "action": action})
        return coordinator_client.post(url, follow=True)

    assert "The summary of the results is public." in post("publish").text
    assert "no longer public" in post("unpublish").text
    assert "back in draft" in post("draft").text
    assert "launched" in post("launch").text
    manager_a_client.post(
        reverse("survey:answer", kwargs={"slug": built.survey.slug, "step": 1}),
        {f"q{built.role.pk}": "b", "action": "next"},
    )
    assert "People have started answering" in post("draft").text
    assert "The survey is closed." in post("close").text
    built.survey.refresh_from_db()
    assert built.survey.phase == "closed"
    assert "Only an open survey can be closed." in post("close").text


def test_a_section_others_depend_on_cannot_be_deleted(coordinator):
    from survey.services import section_delete

    built = build_survey(user=coordinator, launch=False)
    question_save(
        question=Question(
            survey=built.survey,
            section=built.multi.section,
            position=9,
            code="later",
            kind="short_text",
            text="Later",
            condition_question=built.role,
            condition_value="a",
        ),
        user=coordinator,
    )
    with pytest.raises(SurveyError, match="depend on this section"):
        section_delete(section=built.role.section, user=coordinator)
    section_delete(section=built.multi.section, user=coordinator)
    assert Section.objects.filter(survey=built.survey).count() == 1


def test_a_question_others_depend_on_cannot_be_deleted(coordinator, coordinator_client):
    built = build_survey(user=coordinator, launch=False)
    url = reverse("survey:manage_question_delete", kwargs={"pk": built.survey.pk, "question_pk": built.role.pk})
    page = coordinator_client.post(url, follow=True)
    assert "remove those conditions first" in page.text
    assert Question.objects.filter(pk=built.role.pk).exists()


def test_every_change_is_audited(coordinator):
    from portal.models import AuditEvent

    build_survey(user=coordinator)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"survey.question.created", "survey.survey.launched"} <= actions


def test_the_admin_pages_open_and_anonymous_responses_hide_their_key(anonymous_built, coordinator):
    from django.test import Client

    from tests.factories import UserFactory
    from tests.survey.factories import submit_response

    response = submit_response(anonymous_built)
    admin = UserFactory(email="root2@example.org", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    survey = anonymous_built.survey
    for url in [
        reverse("admin:survey_survey_changelist"),
        reverse("admin:survey_survey_change", args=[survey.pk]),
        reverse("admin:survey_question_changelist"),
        reverse("admin:survey_question_change", args=[anonymous_built.role.pk]),
        reverse("admin:survey_response_changelist"),
        reverse("admin:survey_response_change", args=[response.pk]),
        reverse("admin:survey_invitation_changelist"),
    ]:
        page = client.get(url)
        assert page.status_code == 200, url
        assert response.respondent_key not in page.text
