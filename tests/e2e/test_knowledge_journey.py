"""A registered user learns: opens a module from the knowledge home, reads both lessons, fails the self-check quiz,
reads the explanations, retakes it and passes; the module page and "My learning" show the progress."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import browser_login
from tests.e2e.steps import step
from tests.factories import UserFactory
from tests.knowledge.factories import LessonFactory, ModuleFactory, QuizOptionFactory, QuizQuestionFactory

pytestmark = [pytest.mark.browser]

MODULE = "Financing the cluster management"


def _question(module, order: int, text: str, right: str, wrong: str, explanation: str):
    question = QuizQuestionFactory(module=module, order=order, text=text, explanation=explanation)
    QuizOptionFactory(question=question, order=1, text=wrong, is_correct=False)
    QuizOptionFactory(question=question, order=2, text=right, is_correct=True)


def test_a_learner_reads_the_lessons_passes_the_quiz_on_the_second_try_and_sees_the_progress(page, transactional_db):
    # Arranged: the learner's account and a module the coordinators published (the editing has its own tests).
    learner = UserFactory(email="lena.learner@example.org")
    module = ModuleFactory(title=MODULE, slug="financing", field="financing", quiz_pass_percent=100)
    LessonFactory(module=module, order=1, slug="funding-mix", title="The funding mix", body="Fees **and** projects.")
    LessonFactory(module=module, order=2, slug="reserves", title="Reserves", body="Keep six months of costs.")
    _question(module, 1, "What share of private funding is green?", "40 % or more", "10 %", "Indicator 3.1: 40 %.")
    _question(module, 2, "How far ahead should financing be secured?", "3 years", "3 months", "Indicator 3.2.")

    with step(page, "open the module"):
        browser_login(page, learner.email)
        page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Knowledge").click()
        page.get_by_role("link", name=MODULE).first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(MODULE)
        page.get_by_role("link", name="Start the module").click()

    with step(page, "read the lessons"):
        expect(page.get_by_role("heading", level=1)).to_have_text("The funding mix")
        expect(page.locator("article")).to_contain_text("Fees and projects.")
        page.get_by_role("button", name="Mark as complete and continue").click()
        expect(page.get_by_role("alert")).to_contain_text("Lesson marked as complete.")
        expect(page.get_by_role("heading", level=1)).to_have_text("Reserves")
        page.get_by_role("button", name="Mark as complete and continue").click()
        # Every lesson done, quiz not passed yet: "continue" leads to the quiz.
        expect(page.get_by_role("heading", level=1)).to_contain_text("Self-check quiz")

    with step(page, "fail the quiz"):
        page.get_by_label("40 % or more").check()
        page.get_by_label("3 months").check()
        page.get_by_role("button", name="Submit my answers").click()
        result = page.get_by_role("status")
        expect(result).to_contain_text("50 %")
        expect(result).to_contain_text("Not passed yet")
        expect(page.get_by_text("Indicator 3.2.")).to_be_visible()  # the explanation, to learn from

    with step(page, "retake and pass"):
        page.get_by_role("link", name="Retake the quiz").click()
        page.get_by_label("40 % or more").check()
        page.get_by_label("3 years").check()
        page.get_by_role("button", name="Submit my answers").click()
        expect(page.get_by_role("status")).to_contain_text("100 %")
        expect(page.get_by_role("status")).to_contain_text("Passed.")

    with step(page, "progress on the module page"):
        page.get_by_role("link", name="Back to the module").click()
        expect(page.get_by_text("2 of 2 lessons completed")).to_be_visible()
        expect(page.get_by_text(re.compile(r"Module completed on"))).to_be_visible()
        expect(page.get_by_text(re.compile(r"Your best: 100 % \(2 attempts\)"))).to_be_visible()
        expect(page.get_by_role("progressbar", name="Lessons completed")).to_have_attribute("aria-valuenow", "100")

    with step(page, "progress in my learning"):
        page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Knowledge").click()
        page.get_by_role("link", name="My learning").click()
        completed = page.locator("h2:has-text('Completed modules') + *")
        expect(completed).to_contain_text(MODULE)
        attempts = page.locator("section", has=page.get_by_role("heading", name="Recent quiz attempts"))
        expect(attempts.locator("tbody tr")).to_have_count(2)
        expect(attempts.locator("tbody")).to_contain_text("50 %")
