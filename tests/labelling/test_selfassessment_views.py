"""The self-assessment pages: what managers see and do, autosave over htmx, and who may not."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from labelling.models import Answer, Assessment
from labelling.selfassessment import services
from platform_directory.models import OrganisationMembership
from tests.factories import AssessorProfileFactory, MembershipFactory
from tests.labelling.factories import fill_answers

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def assessment(manager_a, org_a):
    return services.assessment_start(user=manager_a, organisation=org_a, level="bronze")


def _answer(assessment, code):
    return assessment.answers.get(indicator__code=code)


def _save_url(assessment, answer):
    return reverse("labelling:answer_save", args=[assessment.pk, answer.pk])


# --- pages ----------------------------------------------------------------------------------------------------------


def test_the_start_page_shows_why_a_level_cannot_start(manager_a_client, org_a):
    response = manager_a_client.get(reverse("labelling:assessment_start"))
    assert response.status_code == 200
    assert "Silver needs a Bronze label awarded 18 to 24 months earlier" in response.content.decode()


def test_starting_redirects_to_the_overview(manager_a_client, org_a):
    response = manager_a_client.post(
        reverse("labelling:assessment_start"), {"organisation": org_a.pk, "level": "bronze"}
    )
    assessment = Assessment.objects.get(organisation=org_a)
    assert response.status_code == 302
    assert response.url == reverse("labelling:assessment_detail", args=[assessment.pk])


def test_a_refused_start_shows_the_reasons(manager_a_client, org_a):
    response = manager_a_client.post(
        reverse("labelling:assessment_start"), {"organisation": org_a.pk, "level": "silver"}
    )
    assert response.status_code == 400
    assert "This assessment cannot start" in response.content.decode()
    assert not Assessment.objects.exists()


def test_a_manager_cannot_start_for_an_organisation_they_do_not_manage(manager_b_client, org_a):
    response = manager_b_client.post(
        reverse("labelling:assessment_start"), {"organisation": org_a.pk, "level": "bronze"}
    )
    assert response.status_code == 200  # the form refuses the choice
    assert not Assessment.objects.exists()


def test_the_overview_shows_progress_per_dimension_and_the_history(manager_a_client, assessment):
    response = manager_a_client.get(reverse("labelling:assessment_detail", args=[assessment.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Management and governance" in content and "0 / 8" in content
    assert "Assessment started" in content  # the history in words, not action codes


def test_the_requirements_table_lists_only_the_levels_indicators(manager_a_client, manager_a, org_a):
    gold = services.assessment_start(user=manager_a, organisation=org_a, level="gold")
    response = manager_a_client.get(reverse("labelling:assessment_requirements", args=[gold.pk]))
    content = response.content.decode()
    assert "Committed participants" in content
    assert "Share of companies among participants" not in content  # 1.2 is not a Gold indicator
    assert "A total score of at least 80 %" in content


def test_the_requirements_table_can_show_only_what_is_missing(manager_a_client, assessment):
    fill_answers(assessment)
    Answer.objects.filter(assessment=assessment, indicator__code="6.4").update(value_number=None)
    response = manager_a_client.get(reverse("labelling:assessment_requirements", args=[assessment.pk]) + "?missing=1")
    rows = response.context["rows"]
    assert [row.indicator.code for row in rows] == ["6.4"]


def test_the_dimension_page_shows_guidance_and_the_answer_fields(manager_a_client, assessment):
    response = manager_a_client.get(reverse("labelling:dimension", args=[assessment.pk, 2]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Full-time equivalents working for the cluster management" in content
    assert 'hx-trigger="input delay:600ms"' in content
    assert content.count("data-msg-offline") == 8


def test_an_unknown_dimension_is_404(manager_a_client, assessment):
    assert manager_a_client.get(reverse("labelling:dimension", args=[assessment.pk, 9])).status_code == 404


# --- autosave -------------------------------------------------------------------------------------------------------


def test_autosave_saves_shows_the_colour_and_the_time(manager_a_client, assessment):
    answer = _answer(assessment, "2.2")
    response = manager_a_client.post(_save_url(assessment, answer), {"value": "1", "version": "0"}, **HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert "saved at" in content and "bg-colour-yellow" in content
    assert 'name="version" value="1"' in content
    answer.refresh_from_db()
    assert answer.value_number == Decimal("1")


def test_autosave_shows_the_error_next_to_the_field(manager_a_client, assessment):
    answer = _answer(assessment, "1.2")
    response = manager_a_client.post(_save_url(assessment, answer), {"value": "120", "version": "0"}, **HTMX)
    content = response.content.decode()
    assert f'id="answer-{answer.pk}-value-error"' in content and "cannot be more than 100" in content
    answer.refresh_from_db()
    assert answer.value_number is None


def test_autosave_reports_a_conflict_with_the_other_value(manager_a_client, assessment, org_a):
    answer = _answer(assessment, "1.1")
    colleague = MembershipFactory(organisation=org_a, user__display_name="Carla Colleague").user
    services.answer_save(user=colleague, answer=answer, data={"value": "33"}, expected_version=0)
    response = manager_a_client.post(_save_url(assessment, answer), {"value": "60", "version": "0"}, **HTMX)
    content = response.content.decode()
    assert "Conflict" in content and "Carla Colleague" in content and "33" in content
    assert "Keep my value" in content
    answer.refresh_from_db()
    assert answer.value_number == Decimal("33")


def test_an_expired_session_is_told_to_log_in_again(assessment):
    answer = _answer(assessment, "1.1")
    response = Client().post(_save_url(assessment, answer), {"value": "20", "version": "0"}, **HTMX)
    assert response.status_code == 200
    assert "your session has expired" in response.content.decode()
    answer.refresh_from_db()
    assert answer.value_number is None


def test_without_javascript_the_form_posts_and_comes_back(manager_a_client, assessment):
    answer = _answer(assessment, "1.1")
    response = manager_a_client.post(_save_url(assessment, answer), {"value": "20", "version": "0"})
    assert response.status_code == 302 and response.url.endswith(f"#answer-{answer.pk}")


def test_autosave_on_a_submitted_assessment_says_it_is_frozen(manager_a_client, manager_a, assessment):
    fill_answers(assessment)
    services.assessment_submit(user=manager_a, assessment=assessment)
    answer = _answer(assessment, "1.1")
    response = manager_a_client.post(
        _save_url(assessment, answer), {"value": "1", "version": str(answer.version)}, **HTMX
    )
    assert "cannot be changed" in response.content.decode()
    answer.refresh_from_db()
    assert answer.value_number == Decimal("50")


# --- submit ---------------------------------------------------------------------------------------------------------


def test_submit_shows_the_blocking_list(manager_a_client, assessment):
    response = manager_a_client.post(reverse("labelling:assessment_submit", args=[assessment.pk]))
    content = response.content.decode()
    assert response.status_code == 400
    assert "Not submitted. Still to do" in content and "1.1 Committed participants" in content


def test_submit_then_a_second_submit_gives_a_clear_message(manager_a_client, assessment):
    fill_answers(assessment)
    url = reverse("labelling:assessment_submit", args=[assessment.pk])
    assert manager_a_client.post(url).status_code == 302
    response = manager_a_client.post(url, follow=True)
    assert "already submitted" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED


def test_withdraw_needs_a_confirmation(manager_a_client, assessment):
    url = reverse("labelling:assessment_withdraw", args=[assessment.pk])
    manager_a_client.post(url)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT
    manager_a_client.post(url, {"confirm": "yes"})
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.WITHDRAWN


def test_silver_improvements_page(manager_a_client, manager_a, org_a):
    from tests.labelling.factories import awarded_bronze

    awarded_bronze(org_a, months_ago=20)
    silver = services.assessment_start(user=manager_a, organisation=org_a, level="silver")
    indicator = silver.answers.get(indicator__code="1.1").indicator
    url = reverse("labelling:improvements", args=[silver.pk])
    response = manager_a_client.post(url, {"indicator": indicator.pk, "explanation": ""})
    assert response.status_code == 400
    response = manager_a_client.post(url, {"indicator": indicator.pk, "explanation": "Members up from 30 to 55."})
    assert response.status_code == 302
    assert silver.improvements.get().indicator == indicator


# --- query counts ---------------------------------------------------------------------------------------------------


def test_the_dimension_page_and_autosave_do_not_grow_with_the_indicators(
    manager_a_client, assessment, django_assert_max_num_queries
):
    fill_answers(assessment)  # with evidence
    with django_assert_max_num_queries(15) as small_queries:
        small = manager_a_client.get(reverse("labelling:dimension", args=[assessment.pk, 3]))  # 4 indicators
    with django_assert_max_num_queries(15) as large_queries:
        large = manager_a_client.get(reverse("labelling:dimension", args=[assessment.pk, 4]))  # 9 indicators
    assert small.status_code == large.status_code == 200
    assert len(small_queries) == len(large_queries)
    answer = _answer(assessment, "4.5")
    with django_assert_max_num_queries(10):
        manager_a_client.post(_save_url(assessment, answer), {"value": "4", "version": str(answer.version)}, **HTMX)
    with django_assert_max_num_queries(20):
        assert manager_a_client.get(reverse("labelling:assessment_detail", args=[assessment.pk])).status_code == 200


# --- permissions: every URL, every persona --------------------------------------------------------------------------


@pytest.fixture
def personas(org_a, manager_a_client, manager_b_client, coordinator_client, visitor_client):
    viewer = MembershipFactory(organisation=org_a, role=OrganisationMembership.Role.VIEWER).user
    viewer_client = Client()
    viewer_client.force_login(viewer)
    unassigned = AssessorProfileFactory().user
    assessor_client = Client()
    assessor_client.force_login(unassigned)
    return {
        "visitor": visitor_client,
        "manager_a": manager_a_client,
        "manager_b": manager_b_client,
        "viewer": viewer_client,
        "assessor_not_assigned": assessor_client,
        "coordinator": coordinator_client,
    }


def _read_urls(assessment):
    a = assessment.answers.get(indicator__code="1.1")
    return {
        "detail": reverse("labelling:assessment_detail", args=[assessment.pk]),
        "requirements": reverse("labelling:assessment_requirements", args=[assessment.pk]),
        "dimension": reverse("labelling:dimension", args=[assessment.pk, 1]),
        "documents": reverse("labelling:documents", args=[assessment.pk]),
        "_answer": a,
    }


# expected status of GET on the assessment's pages, per persona
READ_EXPECTED = {
    "visitor": 302,  # to the login page
    "manager_a": 200,
    "manager_b": 404,
    "viewer": 200,
    "assessor_not_assigned": 404,
    "coordinator": 200,
}


@pytest.mark.parametrize("persona", list(READ_EXPECTED))
def test_who_may_read_the_assessment_pages(personas, assessment, persona):
    for name, url in _read_urls(assessment).items():
        if name.startswith("_"):
            continue
        response = personas[persona].get(url)
        assert response.status_code == READ_EXPECTED[persona], (name, persona, response.status_code)


# expected status of POSTs that change something, per persona (visitor: login redirect)
WRITE_EXPECTED = {
    "visitor": 302,
    "manager_a": None,  # allowed: checked by the flow tests
    "manager_b": 404,
    "viewer": 403,
    "assessor_not_assigned": 404,
    "coordinator": 403,
}


@pytest.mark.parametrize("persona", [p for p, status in WRITE_EXPECTED.items() if status])
def test_who_may_not_change_the_assessment(personas, assessment, persona):
    answer = assessment.answers.get(indicator__code="1.1")
    posts = [
        reverse("labelling:answer_save", args=[assessment.pk, answer.pk]),
        reverse("labelling:evidence_upload", args=[assessment.pk, answer.pk]),
        reverse("labelling:evidence_attach", args=[assessment.pk, answer.pk]),
        reverse("labelling:evidence_detach", args=[assessment.pk, answer.pk, 1]),
        reverse("labelling:assessment_submit", args=[assessment.pk]),
        reverse("labelling:assessment_withdraw", args=[assessment.pk]),
        reverse("labelling:documents", args=[assessment.pk]),
    ]
    for url in posts:
        response = personas[persona].post(url, {"value": "20", "version": "0", "confirm": "yes"})
        assert response.status_code == WRITE_EXPECTED[persona], (url, persona, response.status_code)
    answer.refresh_from_db()
    assessment.refresh_from_db()
    assert answer.value_number is None and assessment.status == Assessment.Status.DRAFT


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("visitor", 302), ("manager_a", 200), ("manager_b", 200), ("viewer", 200), ("coordinator", 200)],
)
def test_the_assessment_list_shows_only_ones_own(personas, assessment, persona, expected):
    response = personas[persona].get(reverse("labelling:assessment_list"))
    assert response.status_code == expected
    if expected == 200:
        shown = list(response.context["assessments"])
        assert (assessment in shown) is (persona in ("manager_a", "viewer"))


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("visitor", 302), ("manager_a", 200), ("manager_b", 200), ("viewer", 403), ("coordinator", 403)],
)
def test_only_managers_open_the_start_page(personas, persona, expected):
    assert personas[persona].get(reverse("labelling:assessment_start")).status_code == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("visitor", 302),
        ("manager_a", 200),
        ("manager_b", 404),
        ("viewer", 200),
        ("assessor_not_assigned", 404),
        ("coordinator", 200),
    ],
)
def test_who_may_open_the_silver_improvements(personas, manager_a, org_a, persona, expected):
    from tests.labelling.factories import awarded_bronze

    awarded_bronze(org_a, months_ago=20)
    silver = services.assessment_start(user=manager_a, organisation=org_a, level="silver")
    url = reverse("labelling:improvements", args=[silver.pk])
    assert personas[persona].get(url).status_code == expected
    if persona not in ("manager_a",):
        response = personas[persona].post(url, {"indicator": 1, "explanation": "x"})
        assert response.status_code in (302, 403, 404)
        assert not silver.improvements.exists()


def test_the_history_shows_the_assessments_and_its_answers_events_only(manager_a_client, manager_a, assessment, org_b):
    from portal.audit import audit_log
    from tests.labelling.factories import AssessmentFactory

    answer = _answer(assessment, "2.2")
    audit_log(actor=manager_a, action="labelling.answer.corrected", target=answer, data={})
    other = AssessmentFactory(organisation=org_b)
    audit_log(actor=manager_a, action="labelling.assessment.elsewhere", target=other, data={})
    content = manager_a_client.get(reverse("labelling:assessment_detail", args=[assessment.pk])).content.decode()
    assert "Answer corrected by an assessor" in content and "Assessment started" in content
    assert "labelling.assessment.elsewhere" not in content


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("visitor", 302), ("manager_b", 404), ("viewer", 403), ("assessor_not_assigned", 404), ("coordinator", 403)],
)
def test_who_may_not_remove_an_improvement(personas, manager_a, org_a, persona, expected):
    from tests.labelling.factories import awarded_bronze

    awarded_bronze(org_a, months_ago=20)
    silver = services.assessment_start(user=manager_a, organisation=org_a, level="silver")
    indicator = silver.answers.first().indicator
    declaration = services.improvement_declare(
        user=manager_a, assessment=silver, indicator=indicator, explanation="More members."
    )
    url = reverse("labelling:improvement_remove", args=[silver.pk, declaration.pk])
    assert personas[persona].post(url).status_code == expected
    assert silver.improvements.exists()


def test_the_manager_removes_an_improvement(manager_a_client, manager_a, org_a):
    from tests.labelling.factories import awarded_bronze

    awarded_bronze(org_a, months_ago=20)
    silver = services.assessment_start(user=manager_a, organisation=org_a, level="silver")
    declaration = services.improvement_declare(
        user=manager_a, assessment=silver, indicator=silver.answers.first().indicator, explanation="x"
    )
    response = manager_a_client.post(reverse("labelling:improvement_remove", args=[silver.pk, declaration.pk]))
    assert response.status_code == 302 and not silver.improvements.exists()


# --- dashboard ------------------------------------------------------------------------------------------------------


def test_the_dashboard_shows_each_assessment_with_its_next_step(manager_a_client, assessment):
    content = manager_a_client.get(reverse("portal:dashboard")).content.decode()
    assert "Label assessments" in content and "Fill in: 0 of 36 answered." in content


def test_the_dashboard_invites_a_manager_without_assessment_to_start(manager_a_client):
    content = manager_a_client.get(reverse("portal:dashboard")).content.decode()
    assert "No label assessment yet" in content and reverse("labelling:assessment_start") in content


def test_the_dashboard_has_no_assessment_panel_for_people_without_organisation(user_client):
    assert "Label assessments" not in user_client.get(reverse("portal:dashboard")).content.decode()


def test_the_overview_shows_the_result_on_the_assessors_values_once_reviewed(manager_a_client, assessment):
    from tests.labelling.factories import accept_all

    fill_answers(assessment, colours={"1.1": "red"})
    url = reverse("labelling:assessment_detail", args=[assessment.pk])
    assert "On the assessors" not in manager_a_client.get(url).content.decode()
    accept_all(assessment)
    content = manager_a_client.get(url).content.decode()
    assert "On the assessors" in content and "Bronze reached" in content


def test_an_assigned_assessor_reads_but_cannot_change(assessment):
    from django.utils import timezone

    from labelling.review.models import AssessorAssignment

    assigned = AssessorProfileFactory().user
    AssessorAssignment.objects.create(
        assessment=assessment, assessor=assigned, status="active", declared_no_conflict_at=timezone.now()
    )
    client = Client()
    client.force_login(assigned)
    assert client.get(reverse("labelling:assessment_detail", args=[assessment.pk])).status_code == 200
    assert client.get(reverse("labelling:dimension", args=[assessment.pk, 1])).status_code == 200
    answer = _answer(assessment, "1.1")
    response = client.post(_save_url(assessment, answer), {"value": "5", "version": "0"})
    assert response.status_code == 403
    assert client.get(reverse("labelling:documents", args=[assessment.pk])).status_code == 404  # not their library


def test_someone_without_an_organisation_is_told_how_to_get_there(user_client):
    response = user_client.get(reverse("labelling:assessment_start"))
    assert response.status_code == 403
    assert "Create your organisation" in response.content.decode()
    assert reverse("platform_directory:create") in response.content.decode()
