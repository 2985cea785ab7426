"""An invited respondent answers the anonymous status-quo survey through the link in their e-mail: answers the first
section, saves and closes the browser, comes back later with the same link, completes what the review page says is
missing, and submits."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from survey.models import Response, Survey
from survey.services import Recipient, invitations_create, invitations_send_start
from tests.e2e.steps import step
from tests.factories import CoordinatorFactory
from tests.survey.factories import build_survey

pytestmark = [pytest.mark.browser]

RESPONDENT = "rosa.respondent@example.org"


def test_an_invited_respondent_saves_comes_back_later_reviews_and_submits(page, live_server, settings):
    settings.SITE_URL = live_server.url  # the invitation's link points at this server
    # Arranged: the coordinators built and launched the survey and sent the invitations (the survey builder and the
    # invitation job have their own tests).
    coordinator = CoordinatorFactory()
    built = build_survey(
        user=coordinator,
        slug="status-quo",
        title="Status quo of cluster management",
        audience=Survey.Audience.INVITED,
        is_anonymous=True,
    )
    invitations_create(survey=built.survey, recipients=[Recipient(email=RESPONDENT)], user=coordinator)
    invitations_send_start(survey=built.survey, user=coordinator)
    matrix_rows = list(built.matrix.options.filter(role="row").order_by("position"))

    with step(page, "open the invitation link"):
        (invitation,) = [m for m in mail.outbox if RESPONDENT in m.to]
        link = re.search(r"https?://\S+/surveys/i/\S+/", invitation.body).group(0)
        page.goto(link)
        expect(page.get_by_role("heading", level=1)).to_have_text("Status quo of cluster management")
        expect(page.get_by_text("Your answers are stored without your name")).to_be_visible()
        page.get_by_role("link", name="Start the survey").click()

    with step(page, "answer the first section and leave"):
        detail = page.locator(f"#question-{built.detail.pk}")
        expect(detail).to_be_hidden()
        page.get_by_label("Manager").check()
        expect(detail).to_be_visible()  # the conditional question shows for managers
        page.get_by_label("Since when do you manage?").fill("2019")
        page.locator(f"label[for=id_q{built.rating.pk}_4]").click()
        page.get_by_role("button", name="Save and finish later").click()
        expect(page.get_by_text("Your answers are saved. Come back any time with this link")).to_be_visible()
    page.context.clear_cookies()  # the respondent closes the browser: the session is gone, the link stays
    page.goto("about:blank")

    later = page
    with step(later, "come back with the same link"):
        later.goto(link)
        later.get_by_role("link", name="Continue where you left off").click()
        expect(later.get_by_role("progressbar")).to_be_visible()
        later.get_by_label("Strategy").check()
        later.locator(f"label[for=id_q{built.matrix.pk}_{matrix_rows[0].pk}_2]").click()
        later.get_by_label("Staff (FTE)").fill("3.5")
        later.get_by_role("button", name="Save and review").click()

    with step(later, "review lists what is missing"):
        missing = later.locator("#missing")
        expect(missing).to_contain_text("Training needs")
        expect(later.get_by_role("button", name="Submit my answers")).to_be_disabled()
        missing.get_by_role("link", name="Training needs").click()
        later.locator(f"label[for=id_q{built.matrix.pk}_{matrix_rows[1].pk}_4]").click()
        later.get_by_role("button", name="Save and review").click()
        expect(later.locator("#missing")).to_have_count(0)
        expect(later.get_by_text("Every required question is answered.")).to_be_visible()
        expect(later.locator("main")).to_contain_text("2019")  # the first visit's answers are kept

    with step(later, "submit"):
        later.get_by_role("button", name="Submit my answers").click()
        expect(later.get_by_role("heading", level=1)).to_contain_text("Thank you for your answers")

    with step(later, "the link now only thanks"):
        later.goto(link)
        expect(later.get_by_text("Thank you: your answers have been submitted.")).to_be_visible()
        expect(
            later.get_by_role("link", name=re.compile("Start the survey|Continue where you left off"))
        ).to_have_count(0)

    response = Response.objects.get(survey=built.survey)
    assert response.status == "submitted"
    assert response.user_id is None and response.invitation_id is None  # anonymous: no person stored
