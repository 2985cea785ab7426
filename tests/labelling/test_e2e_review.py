"""Browser journey of a Bronze label: the manager completes and submits, a coordinator assigns an assessor, the
assessor declares no conflict and asks one question, the manager answers, the assessor accepts and recommends,
and another coordinator awards the label."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from labelling.models import Answer, Assessment, Label
from labelling.review.services.answers import answer_accept
from labelling.selfassessment import services as selfassessment
from tests.conftest import browser_login
from tests.factories import AssessorProfileFactory, ClusterOrganisationFactory, CoordinatorFactory, MembershipFactory
from tests.labelling.factories import fill_answers

pytestmark = [pytest.mark.browser]


def test_a_bronze_label_from_submission_to_award(transactional_db, open_browser, page):
    org = ClusterOrganisationFactory(name="Journey Photonics Cluster", slug="journey-photonics", country="DE")
    manager = MembershipFactory(organisation=org, user__email="journey.manager@example.org").user
    assessor = AssessorProfileFactory(user__email="journey.assessor@example.org", home_country="FR").user
    assigner = CoordinatorFactory(email="journey.assigner@example.org")
    decider = CoordinatorFactory(email="journey.decider@example.org")

    # The manager starts the assessment; every answer but one is filled in through the services.
    assessment = selfassessment.assessment_start(user=manager, organisation=org, level="bronze")
    fill_answers(assessment, user=manager)
    last = assessment.answers.select_related("indicator").get(indicator__code="6.4")
    Answer.objects.filter(pk=last.pk).update(value_number=None, updated_at=None)

    # ... and the last one on the page (autosave), then submits.
    browser_login(page, manager.email)
    page.goto(f"/assessments/{assessment.pk}/dimensions/6/")
    field = page.locator(f"#answer-{last.pk}-value")
    field.fill("2")
    expect(page.locator(f"#answer-{last.pk}-status")).to_contain_text("saved at")
    page.goto(f"/assessments/{assessment.pk}/")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Submitted on")).to_be_visible()
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED

    # A coordinator assigns the assessor.
    coordinator_page = open_browser(assigner.email)
    coordinator_page.goto(f"/coordination/labels/{assessment.pk}/assign/")
    coordinator_page.get_by_label(str(assessor)).check()
    coordinator_page.get_by_role("button", name="Assign and start the review").click()
    expect(coordinator_page.get_by_text("Assessors assigned.")).to_be_visible()

    # The assessor declares no conflict, then asks one question (most answers are accepted through the services).
    assessor_page = open_browser(assessor.email)
    assessor_page.goto("/review/")
    assessor_page.get_by_role("link", name="Open").first.click()
    assessor_page.get_by_label(re.compile("declare that I have no conflict")).check()
    assessor_page.get_by_role("button", name="Declare and start the review").click()
    expect(assessor_page.get_by_text("Declaration recorded")).to_be_visible()
    question_on = assessment.answers.select_related("indicator").get(indicator__code="1.1")
    for answer in assessment.answers.exclude(pk=question_on.pk):
        answer_accept(answer=answer, user=assessor)
    assessor_page.reload()
    card = assessor_page.locator(f"#answer-{question_on.pk}")
    card.get_by_text("Ask a question").click()
    card.get_by_label(re.compile("Question to the managers")).fill("Please attach the signed member list.")
    card.get_by_role("button", name="Send the question").click()
    expect(assessor_page.locator(f"#answer-{question_on.pk}")).to_contain_text("waiting on the managers")

    # The manager answers and sends the answer back.
    page.goto(f"/review/{assessment.pk}/questions/")
    expect(page.get_by_text("Please attach the signed member list.")).to_be_visible()
    page.get_by_label("Your reply").fill("Attached: 52 signed commitments.")
    page.get_by_role("button", name="Reply and send back").click()
    expect(page.get_by_text("Reply sent to the assessors.")).to_be_visible()

    # The assessor accepts and recommends the award.
    assessor_page.goto(f"/review/{assessment.pk}/")
    card = assessor_page.locator(f"#answer-{question_on.pk}")
    expect(card).to_contain_text("Attached: 52 signed commitments.")
    card.get_by_role("button", name="Accept").click()
    expect(assessor_page.locator(f"#answer-{question_on.pk}")).to_contain_text("accepted")
    expect(assessor_page.locator("#review-summary")).to_contain_text("36 of 36 answers agreed")
    assessor_page.get_by_label("award the label").check()
    assessor_page.get_by_label("Summary for the coordinators").fill(
        "Every answer checked against the evidence; the member list confirms indicator 1.1."
    )
    assessor_page.get_by_role("button", name="Send the recommendation").click()
    expect(assessor_page.get_by_text("Recommendation sent")).to_be_visible()

    # Another coordinator awards the label.
    decider_page = open_browser(decider.email)
    decider_page.goto(f"/coordination/labels/{assessment.pk}/decide/")
    expect(decider_page.get_by_text("Bronze reached")).to_be_visible()
    decider_page.get_by_label("Award the label").check()
    decider_page.get_by_label("Reasons (sent to the managers)").fill("Every Bronze requirement is met.")
    # Tasks run in-process in tests: this one request also issues the certificate and recomputes the benchmarks.
    decider_page.get_by_role("button", name="Record the decision").click(timeout=90_000)
    expect(decider_page.get_by_text("Decision recorded")).to_be_visible()
    label = Label.objects.get(assessment=assessment)
    expect(decider_page.get_by_text(label.number)).to_be_visible()
    assert re.fullmatch(r"CME-B-DE-\d{4}-\d{5}", label.number)

    # The manager sees the outcome.
    page.goto(f"/review/{assessment.pk}/outcome/")
    expect(page.get_by_text("Every Bronze requirement is met.")).to_be_visible()
    for extra in (coordinator_page, assessor_page, decider_page):
        extra.context.close()
