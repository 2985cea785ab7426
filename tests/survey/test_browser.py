"""A manager answers the survey in the browser, leaving in the middle and coming back to finish."""

import pytest
from django.urls import reverse

from survey.models import Response
from tests.conftest import ARTIFACTS, browser_login
from tests.survey.factories import build_survey

pytestmark = [pytest.mark.browser]


@pytest.mark.django_db(transaction=True)
def test_a_manager_answers_with_a_resume_in_the_middle(page, live_server, coordinator, manager_a):
    built = build_survey(user=coordinator, slug="status", title="Status survey")
    browser_login(page, manager_a.email)
    page.goto(reverse("survey:detail", kwargs={"slug": "status"}))
    page.get_by_role("link", name="Start the survey").click()

    # section 1: the conditional question appears once "Manager" is chosen
    detail = page.locator(f"#question-{built.detail.pk}")
    assert detail.is_hidden()
    page.get_by_label("Manager").check()
    assert detail.is_visible()
    page.get_by_label("Since when do you manage?").fill("2019")
    page.locator(f"label[for=id_q{built.rating.pk}_3]").click()
    page.get_by_role("button", name="Save and finish later").click()
    assert "Your answers are saved" in page.locator(".messages").inner_text()

    # leave: log out (cookies gone), come back later and continue
    page.context.clear_cookies()
    browser_login(page, manager_a.email)
    page.goto(reverse("survey:detail", kwargs={"slug": "status"}))
    page.get_by_role("link", name="Continue where you left off").click()
    assert page.url.endswith(reverse("survey:answer", kwargs={"slug": "status", "step": 2}))
    assert page.get_by_role("progressbar").get_attribute("aria-valuenow") == "43"

    # section 2 on a phone
    page.set_viewport_size({"width": 375, "height": 812})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "survey-phone-section.png"), full_page=True)
    page.get_by_label("Strategy").check()
    rows = list(built.matrix.options.filter(role="row").order_by("position"))
    page.locator(f"label[for=id_q{built.matrix.pk}_{rows[0].pk}_2]").click()
    page.get_by_role("button", name="Save and review").click()

    # the review page lists what is missing; go back and complete it
    missing = page.locator("#missing")
    assert "Training needs" in missing.inner_text()
    missing.get_by_role("link", name="Training needs").click()
    page.locator(f"label[for=id_q{built.matrix.pk}_{rows[1].pk}_4]").click()
    page.get_by_label("Staff (FTE)").fill("3.5")
    page.get_by_role("button", name="Save and review").click()
    assert page.locator("#missing").count() == 0
    assert "2019" in page.locator("main").inner_text()
    page.get_by_role("button", name="Submit my answers").click()
    assert "Thank you for your answers" in page.locator("h1").inner_text()

    response = Response.objects.get(survey=built.survey, user=manager_a)
    assert response.status == "submitted"
    assert response.answers.filter(question=built.matrix).count() == 2
