"""Accessibility of the main pages of every area, checked with axe-core in headless Chromium.

Each test signs in as one persona, opens that persona's pages (and a form showing its errors where that matters)
and runs axe-core (tests/a11y/vendor/axe.min.js, see its README) with the WCAG 2.0, 2.1 and 2.2 A/AA rules. A
violation of impact "serious" or "critical" fails the test; the message lists, page by page, the rule, its impact,
axe's help text and the offending elements. Fix such a failure in the template or the CSS rather than by leaving
the rule out.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from benchmarking import tasks as benchmarking_tasks
from benchmarking.services import peer_statistics_recompute
from knowledge.services import lesson_complete, quiz_submit
from labelling.framework.levels import Level
from tests.benchmarking.factories import peers, reviewed_assessment
from tests.club.factories import AnnouncementFactory, EventFactory, MemberFactory
from tests.conftest import browser_login
from tests.factories import ClusterOrganisationFactory, CoordinatorFactory
from tests.knowledge.factories import LessonFactory, ModuleFactory, QuizOptionFactory, QuizQuestionFactory
from tests.labelling.certificate_helpers import make_label
from tests.labelling.factories import AssessmentFactory, fill_answers
from tests.labelling.review_support import assessor_from, start_review, submitted_assessment
from tests.platform_directory.factories import PendingOrganisationFactory
from tests.survey.factories import build_survey

pytestmark = [pytest.mark.browser]

AXE_SOURCE = (Path(__file__).resolve().parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}

# The interactive API docs are Swagger UI, rendered by its own script: its operation rows nest links in buttons
# (upstream swagger-api/swagger-ui#9570, open) and its colours and target sizes are its own. Only the page around
# it is ours, so only the page-level rules are checked there.
API_DOCS_RULES = ["document-title", "html-has-lang", "html-lang-valid", "meta-viewport"]


def axe_violations(page: Page, run_only: dict) -> list[dict]:
    """axe-core's violations on the page as it stands."""
    # The portal's Content Security Policy forbids inline scripts, so page.add_script_tag() (an inline <script>) is
    # refused. page.evaluate() runs the source through the DevTools protocol, which the policy does not govern: the
    # pages are audited with their CSP in force, as users get them, without bypass_csp.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    return page.evaluate(
        "async (runOnly) => (await window.axe.run(document, {runOnly, resultTypes: ['violations']})).violations",
        run_only,
    )


@dataclass
class Audit:
    """The serious and critical violations found on the pages one test opens, reported together at the end."""

    page: Page
    findings: list[str] = field(default_factory=list)

    def check(self, url: str | None = None, *, name: str | None = None, rules: list[str] | None = None) -> None:
        """Open `url` (or take the page as it stands, called `name`) and note its blocking violations."""
        if url is not None:
            response = self.page.goto(url)
            assert response is not None and response.ok, f"{url} answered {response and response.status}"
            # A redirect (to the login page, say) would audit another page than the one named.
            assert urlsplit(self.page.url).path == urlsplit(url).path, f"{url} went to {self.page.url}"
        run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
        for violation in axe_violations(self.page, run_only):
            if violation["impact"] not in BLOCKING_IMPACTS:
                continue
            lines = [f"{name or url}: {violation['id']} ({violation['impact']}) {violation['help']}"]
            for node in violation["nodes"]:
                selector = " ".join(str(part) for part in node["target"])
                reason = " ".join(line.strip() for line in node.get("failureSummary", "").splitlines()[1:2])
                lines.append(f"    {selector} -- {reason}")
            self.findings.append("\n".join(lines))

    def assert_clean(self) -> None:
        if self.findings:
            pytest.fail(
                f"{len(self.findings)} serious or critical accessibility violation(s):\n\n"
                + "\n\n".join(self.findings),
                pytrace=False,
            )


@pytest.fixture
def no_report_pdfs(monkeypatch):
    """Benchmark reports without their PDFs (made in-process in tests, seconds each): the pages are what is audited."""
    monkeypatch.setattr(benchmarking_tasks.benchmark_report_pdf_task, "delay", lambda *args, **kwargs: None)


def test_the_audit_names_the_rule_impact_help_and_element_of_a_violation(_browser):
    # A page of its own (no server, no database): a field without a label is a critical violation.
    context = _browser.new_context()
    try:
        page = context.new_page()
        page.set_content(
            '<!doctype html><html lang="en"><head><title>Form</title></head>'
            '<body><main><h1>Form</h1><input id="unnamed-field"></main></body></html>'
        )
        audit = Audit(page)
        audit.check(name="a form with a field without a label")
    finally:
        context.close()

    with pytest.raises(pytest.fail.Exception) as failure:
        audit.assert_clean()
    message = str(failure.value)
    assert "a form with a field without a label: label (critical) Form elements must have labels" in message
    assert "#unnamed-field" in message


def test_public_pages_have_no_serious_violations(page):
    organisation = ClusterOrganisationFactory(name="Alpha Photonics Cluster", slug="alpha-photonics")
    label = make_label(organisation, level=Level.GOLD, issue=True)
    module = ModuleFactory(title="Cluster strategy that members own", slug="cluster-strategy")
    LessonFactory(module=module, title="Why write it down")
    event = EventFactory(title="Peer lab on cluster services")
    survey = build_survey(user=CoordinatorFactory(), title="Status quo of cluster management", slug="status-quo").survey

    audit = Audit(page)
    for url in [
        "/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/directory/",
        f"/directory/{organisation.slug}/",
        "/labels/",
        f"/labels/{label.number}/",
        "/labels/verify/",
        f"/labels/verify/{label.certificate.token}/",
        "/benchmarking/",
        "/knowledge/",
        f"/knowledge/modules/{module.slug}/",
        "/knowledge/cases/",
        "/knowledge/programmes/",
        "/club/",
        "/club/events/",
        f"/club/events/{event.pk}/",
        "/surveys/",
        f"/surveys/{survey.slug}/",
        "/privacy/",
    ]:
        audit.check(url)

    # A form with its errors shown.
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("new.manager@example.org")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Password (again)").fill("different")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.locator(".invalid-feedback, .errorlist, .alert-danger").first).to_be_visible()
    audit.check(name="sign-up with errors")

    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .opblock-tag").first).to_be_visible()
    audit.check(name="/api/docs/ (page-level rules)", rules=API_DOCS_RULES)
    audit.assert_clean()


def test_a_managers_pages_have_no_serious_violations(page, org_a, manager_a, no_report_pdfs):
    peers(6, rng=random.Random(2026))
    reviewed_assessment(org_a, colours={"1.2": "red", "2.3": "yellow"})
    peer_statistics_recompute()
    report = org_a.benchmark_reports.get()
    make_label(org_a, level=Level.GOLD)
    draft = AssessmentFactory(organisation=org_a, level=Level.SILVER, started_by=manager_a)
    fill_answers(draft, colours={"1.1": "red", "1.3": "yellow"}, user=manager_a)

    module = ModuleFactory(title="Financing the cluster organisation", slug="financing")
    first, second = LessonFactory(module=module), LessonFactory(module=module)
    lesson_complete(user=manager_a, lesson=first)
    question = QuizQuestionFactory(module=module, text="Which income is the most stable?")
    right = QuizOptionFactory(question=question, text="Membership fees", is_correct=True)
    QuizOptionFactory(question=question, text="One-off project grants")
    attempt = quiz_submit(user=manager_a, module=module, answers={question.pk: [right.pk]})
    survey = build_survey(user=CoordinatorFactory(), slug="status-quo").survey

    browser_login(page, manager_a.email)
    audit = Audit(page)
    for url in [
        "/dashboard/",
        "/assessments/",
        f"/assessments/{draft.pk}/",
        f"/assessments/{draft.pk}/dimensions/1/",
        f"/assessments/{draft.pk}/requirements/",
        f"/assessments/{draft.pk}/documents/",
        "/labels/mine/",
        f"/directory/{org_a.slug}/edit/",
        "/benchmarking/",
        f"/benchmarking/organisations/{org_a.slug}/",
        report.get_absolute_url(),
        f"/knowledge/modules/{module.slug}/lessons/{second.slug}/",
        f"/knowledge/quiz-attempts/{attempt.pk}/",
        "/knowledge/my-learning/",
        "/account/",
        "/account/export/",
        "/account/delete/",
        f"/surveys/{survey.slug}/answer/1/",  # last: the steps below go on from this page
    ]:
        audit.check(url)

    # The survey with a wrong answer, then its review listing the required answers still missing.
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Staff (FTE)").fill("500")
    page.get_by_role("button", name="Save and review").click()
    expect(page.get_by_role("alert").filter(has_text="could not be saved")).to_be_visible()
    audit.check(name="survey section with an error")
    audit.check(f"/surveys/{survey.slug}/review/")
    audit.assert_clean()


def test_coordination_and_review_pages_have_no_serious_violations(page, coordinator, assessor):
    in_review = submitted_assessment(
        ClusterOrganisationFactory(name="Beta Food Valley", country="NL", nuts2_code="NL22")
    )
    start_review(in_review, assessors=[assessor], coordinator=coordinator)
    waiting = submitted_assessment(ClusterOrganisationFactory(name="Gamma Mobility Cluster", country="DE"))
    assessor_from("DE")  # not eligible for a German organisation: the assignment page says so
    PendingOrganisationFactory(name="Delta Textile Network")
    make_label(level=Level.GOLD)

    browser_login(page, coordinator.email)
    audit = Audit(page)
    for url in [
        "/dashboard/",
        "/coordination/",
        "/coordination/labels/",
        f"/coordination/labels/{waiting.pk}/assign/",
        "/directory/validation/",
        "/surveys/manage/",
    ]:
        audit.check(url)

    page.context.clear_cookies()
    browser_login(page, assessor.email)
    for url in ["/dashboard/", "/review/", f"/review/{in_review.pk}/"]:
        audit.check(url)
    audit.assert_clean()


def test_club_pages_have_no_serious_violations(page):
    member = MemberFactory(user__email="member.a11y@example.org", user__display_name="Ana Member").user
    colleague = MemberFactory(user__display_name="Carla Colleague", country="IT", organisation_name="Beta Valley")
    event = EventFactory(title="Members' peer lab", audience="members")
    AnnouncementFactory(title="New peer-learning season")

    browser_login(page, member.email)
    audit = Audit(page)
    for url in [
        "/club/",
        "/club/members/",
        f"/club/members/{colleague.pk}/",
        "/club/membership/",
        "/club/events/",
        f"/club/events/{event.pk}/",
        "/club/announcements/",
    ]:
        audit.check(url)
    audit.assert_clean()
