"""The Gold path, from sign-up to a visitor opening the certificate's verification link.

Five people at their own browsers: a new cluster manager, a coordinator, two assessors (Gold needs two, at least
one from another country than the cluster) and a visitor. Every step that is the journey is driven through the
UI; the database is used only where the comment says so, for work outside the journey (the accounts of the staff
and assessors, the bulk of the 31 answers and of the assessors' verdicts).

Gold needs no earlier label in this portal's rules (domain.md: the 31 Gold indicators scored by two assessors, a
total of at least 80 %, every minimum requirement met; `assessment_eligibility` asks an earlier label only for
Silver), so nothing is arranged for it.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from labelling.models import Answer, Assessment, Label
from labelling.review.services.answers import answer_accept
from tests.e2e.steps import field, step
from tests.factories import PASSWORD, AssessorProfileFactory, CoordinatorFactory
from tests.labelling.factories import fill_answers

pytestmark = [pytest.mark.browser]

MANAGER = "greta.gold@example.org"
CLUSTER = "Saxon Silicon Cluster"
# Dimension 3 "Financing" asks three Gold indicators: 3.1 and 3.2 (numbers) and 3.4 (yes/no, evidence required).
BY_HAND = ("3.1", "3.2", "3.4")
SLOW_REQUEST_MS = 90_000


def test_a_new_manager_goes_from_sign_up_to_a_verified_gold_label(page, open_browser, live_server, settings):
    settings.SITE_URL = live_server.url  # the certificate's QR code and verification link point at this server
    # Arranged: the people who are not the newcomer already have accounts and roles.
    coordinator = CoordinatorFactory(email="cora.coordinator@example.org")
    home_assessor = AssessorProfileFactory(user__email="hans.assessor@example.org", home_country="DE").user
    foreign_assessor = AssessorProfileFactory(user__email="fleur.assessor@example.org", home_country="FR").user

    with step(page, "sign up"):
        page.goto("/")
        page.get_by_role("link", name="Sign up").first.click()
        field(page, "Your name").fill("Mira Newcomer")
        field(page, "Email").fill(MANAGER)
        field(page, "Password").fill(PASSWORD)
        field(page, "Password (again)").fill(PASSWORD)
        page.get_by_role("button", name="Sign Up").click()
        expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()

    with step(page, "verify the e-mail address"):
        (message,) = [m for m in mail.outbox if MANAGER in m.to]
        link = re.search(r"https?://\S+(/accounts/confirm-email/\S+/)", message.body).group(1)
        page.goto(link)
        page.get_by_role("button", name="Confirm").click()
        page.wait_for_url("**/dashboard/")

    with step(page, "create the organisation's profile"):
        page.get_by_role("link", name="Create your organisation's profile").click()
        field(page, "Name").fill(CLUSTER)
        field(page, "Acronym").fill("SSC")
        field(page, "Country").select_option("DE")
        field(page, "NUTS 2 region code").fill("DED2")
        field(page, "Region").fill("Dresden")
        field(page, "City").fill("Dresden")
        field(page, "Website").fill("https://saxon-silicon.example.org")
        field(page, "Website available in English").check()
        field(page, "Contact e-mail").fill("office@saxon-silicon.example.org")
        field(page, "Founding year").fill("2000")
        field(page, "Description").fill("Chip design, fabs and research institutes around Dresden.")
        field(page, "Main sector").select_option("electronics")
        field(page, "Companies").fill("120")
        field(page, "Of which SMEs").fill("80")
        field(page, "Research and education").fill("12")
        field(page, "Public bodies").fill("4")
        field(page, "Management staff (FTE)").fill("4.5")
        page.get_by_role("button", name="Create profile").click()
        expect(page.get_by_text(f"The profile of {CLUSTER} is created.")).to_be_visible()
        expect(page.locator("#validation-status")).to_contain_text("Awaiting validation")

    coordinator_page = open_browser(coordinator.email)
    with step(coordinator_page, "coordinator validates the profile"):
        coordinator_page.goto("/directory/validation/")
        coordinator_page.get_by_role("link", name=CLUSTER).click()
        coordinator_page.get_by_role("button", name="Validate the profile").click()
        expect(coordinator_page.get_by_text(f"{CLUSTER} is validated.")).to_be_visible()

    with step(page, "start a Gold assessment"):
        page.goto("/dashboard/")
        page.get_by_role("link", name="Start an assessment").first.click()
        field(page, "Level").select_option(label="Gold")
        page.get_by_role("button", name="Start").click()
        expect(page.get_by_text("Assessment started.")).to_be_visible()
    assessment = Assessment.objects.get(organisation__name=CLUSTER, level="gold")
    assert assessment.answers.count() == 31

    # Arranged: a colleague answered 28 of the 31 indicators (green, with evidence where required); the manager
    # answers dimension 3 below, as a user does.
    fill_answers(assessment, user=assessment.started_by)
    by_hand = {
        a.indicator.code: a for a in assessment.answers.select_related("indicator") if a.indicator.code in BY_HAND
    }
    Answer.objects.filter(pk__in=[a.pk for a in by_hand.values()]).update(
        value_number=None, value_bool=None, value_choice="", updated_at=None
    )
    for answer in by_hand.values():
        answer.evidence.clear()

    with step(page, "answer dimension 3 with evidence"):
        page.reload()
        page.get_by_role("link", name=re.compile(r"3\s+Financing")).click()
        # htmx binds the autosave when the page has loaded: typing before that would not be sent.
        page.wait_for_url("**/dimensions/3/")
        page.wait_for_load_state("load")
        for code, value, colour in (("3.1", "45", "green"), ("3.2", "3", "green")):
            card = page.locator(f"#answer-{by_hand[code].pk}")
            card.get_by_label("Your value").fill(value)
            expect(card.get_by_text(re.compile(r"saved at \d\d:\d\d:\d\d"))).to_be_visible()
            expect(card.locator(f"#answer-{by_hand[code].pk}-colour")).to_contain_text(colour)
        control = page.locator(f"#answer-{by_hand['3.4'].pk}")
        control.get_by_label("yes", exact=True).check()
        expect(control.get_by_text(re.compile(r"saved at \d\d:\d\d:\d\d"))).to_be_visible()
        control.locator("input[type=file]").set_input_files(
            {"name": "quarterly-budget-review.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}
        )
        control.get_by_role("button", name="Upload", exact=True).click()
        expect(control.get_by_text("quarterly-budget-review.pdf uploaded.")).to_be_visible()

    with step(page, "submit for review"):
        page.get_by_role("link", name="Overview").first.click()
        expect(page.get_by_text("Every indicator is complete")).to_be_visible()
        page.get_by_role("button", name="Submit for review").click()
        expect(page.get_by_text("Submitted. A coordinator will now assign 2 assessors")).to_be_visible()

    with step(coordinator_page, "coordinator assigns two assessors"):
        coordinator_page.goto("/coordination/labels/")
        row = coordinator_page.get_by_role("row").filter(has_text=CLUSTER)
        row.get_by_role("link", name="Assign").click()
        coordinator_page.get_by_label(str(home_assessor), exact=True).check()
        coordinator_page.get_by_label(str(foreign_assessor), exact=True).check()
        coordinator_page.get_by_role("button", name="Assign and start the review").click()
        expect(coordinator_page.get_by_text("Assessors assigned.")).to_be_visible()

    assessor_pages = []
    for assessor in (home_assessor, foreign_assessor):
        assessor_page = open_browser(assessor.email)
        assessor_pages.append(assessor_page)
        with step(assessor_page, f"{assessor.email} declares no conflict"):
            assessor_page.goto("/review/")
            assessor_page.get_by_role("row").filter(has_text=CLUSTER).get_by_role("link").click()
            assessor_page.get_by_label(re.compile("declare that I have no conflict")).check()
            assessor_page.get_by_role("button", name="Declare and start the review").click()
            expect(assessor_page.get_by_text("Declaration recorded")).to_be_visible()
        # Arranged: the assessor's verdicts on the 28 answers outside dimension 3 (the same "Accept" as below).
        for answer in assessment.answers.exclude(pk__in=[a.pk for a in by_hand.values()]):
            answer_accept(answer=answer, user=assessor)

    reviewers = list(zip((home_assessor, foreign_assessor), assessor_pages, strict=True))
    for assessor, assessor_page in reviewers:
        with step(assessor_page, f"{assessor.email} reviews dimension 3"):
            assessor_page.reload()
            # What the manager typed and uploaded is what the assessor sees.
            expect(assessor_page.locator(f"#answer-{by_hand['3.1'].pk}")).to_contain_text("45")
            expect(assessor_page.locator(f"#answer-{by_hand['3.4'].pk}")).to_contain_text("quarterly-budget-review.pdf")
            for answer in by_hand.values():
                card = assessor_page.locator(f"#answer-{answer.pk}")
                card.get_by_role("button", name="Accept").click()
                expect(card).to_contain_text(re.compile(r"Your verdict:\s*accepted"))

    for assessor, assessor_page in reviewers:
        with step(assessor_page, f"{assessor.email} recommends the award"):
            assessor_page.reload()
            expect(assessor_page.locator("#review-summary")).to_contain_text("31 of 31 answers agreed")
            assessor_page.get_by_label("award the label").check()
            assessor_page.get_by_label("Summary for the coordinators").fill(
                "Every Gold answer checked against the evidence, including the quarterly budget reviews."
            )
            assessor_page.get_by_role("button", name="Send the recommendation").click()
            expect(assessor_page.get_by_text(re.compile("Recommendation (sent|recorded)"))).to_be_visible()

    with step(coordinator_page, "coordinator awards Gold"):
        coordinator_page.goto("/coordination/labels/")
        coordinator_page.get_by_role("row").filter(has_text=CLUSTER).get_by_role("link", name="Decide").click()
        expect(coordinator_page.get_by_text("Gold reached")).to_be_visible()
        coordinator_page.get_by_label("Award the label").check()
        coordinator_page.get_by_label("Reasons (sent to the managers)").fill("Both assessors confirm every Gold rule.")
        # Tasks run in-process in tests: this request also issues the certificate and recomputes the benchmarks
        # (a peer-statistics run and a report PDF), which a worker does in production; give it time.
        coordinator_page.get_by_role("button", name="Record the decision").click(timeout=SLOW_REQUEST_MS)
        expect(coordinator_page.get_by_text("Decision recorded")).to_be_visible()
    label = Label.objects.get(assessment=assessment)
    assert re.fullmatch(r"CME-G-DE-\d{4}-\d{5}", label.number)
    assert label.valid_until == Label.validity_end("gold", label.valid_from)  # 3 years, the last day included

    with step(page, "manager finds the certificate"):
        page.goto("/labels/mine/")
        page.get_by_role("link", name=label.number).click()
        expect(page.get_by_role("link", name="PDF")).to_be_visible()  # the certificate was issued
        verify_link = page.locator("p", has_text="Verification page").get_by_role("link")
        href = verify_link.get_attribute("href")
        assert href.startswith(live_server.url)

    visitor = open_browser()
    with step(visitor, "visitor verifies the certificate"):
        visitor.goto(href)
        expect(visitor.get_by_role("status")).to_contain_text("This label is genuine and valid.")
        expect(visitor.get_by_text(label.number, exact=True)).to_be_visible()
        expect(visitor.locator("dl")).to_contain_text("Gold")
        expect(visitor.locator("dl")).to_contain_text(CLUSTER)
        expect(visitor.locator("dl")).to_contain_text(f"{label.valid_until:%B} {label.valid_until.year}")
