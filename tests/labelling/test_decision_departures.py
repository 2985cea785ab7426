"""A decision that departs from the computed outcome (awarding a level not reached, refusing one that is reached)
needs a written reason, on every path that records one (the decision and the appeal, through forms and services;
the admin only reads); it is kept on the decision, marked on the decision and outcome pages and in the audit log,
and shown to whoever decides an appeal (domain.md, rules made precise 2026-12-02)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from labelling.framework.levels import Level
from labelling.models import Assessment, Label
from labelling.review.models import Appeal, Decision
from labelling.review.services import ReviewError
from labelling.review.services.appeals import appeal_decide, appeal_file
from labelling.review.services.decisions import assessment_decide, assessment_recommend
from portal.models import AuditEvent
from tests.factories import CoordinatorFactory
from tests.labelling.review_support import (
    SUMMARY,
    accept_all_answers,
    assessor_from,
    start_review,
    submitted_assessment,
)

pytestmark = pytest.mark.django_db
Status = Assessment.Status
REASON = "The red 2.2 is a transition: the new staff plan is signed and funded from next month."
GROUNDS = "The assessor ignored our member register, which lists 62 signed commitments."


def _recommended(org_a, *, level=Level.GOLD, colours=None, recommendation="award"):
    assessment = submitted_assessment(org_a, level=level, colours=colours)
    assessors = [assessor_from("DE"), assessor_from("FR")] if level == Level.GOLD else [assessor_from()]
    start_review(assessment, assessors=assessors)
    for assessor in assessors:
        accept_all_answers(assessment, assessor=assessor)
    for assessor in assessors:
        assessment_recommend(assessment=assessment, user=assessor, recommendation=recommendation, summary=SUMMARY)
    assessment.refresh_from_db()
    assert assessment.status == Status.RECOMMENDED
    return assessment


@pytest.fixture
def gold_not_reached(org_a):
    """A recommended Gold with a red minimum requirement: the rules say "not reached"."""
    return _recommended(org_a, colours={"2.2": "red"})


@pytest.fixture
def bronze_reached(org_a):
    """A recommended, complete Bronze: the rules say "reached"."""
    return _recommended(org_a, level=Level.BRONZE, recommendation="reject")


# --- The service: the decision ------------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   ", "Board says so."])
def test_awarding_a_level_not_reached_without_a_written_reason_changes_nothing(gold_not_reached, reason):
    with pytest.raises(ReviewError, match="Gold not reached.*departs from this computed outcome"):
        assessment_decide(
            assessment=gold_not_reached,
            user=CoordinatorFactory(),
            award=True,
            reasons="Well run.",
            departure_reason=reason,
        )
    gold_not_reached.refresh_from_db()
    assert gold_not_reached.status == Status.RECOMMENDED
    assert not Decision.objects.exists() and not Label.objects.exists()
    assert not AuditEvent.objects.filter(action="labelling.assessment.awarded").exists()


def test_refusing_a_level_reached_without_a_written_reason_changes_nothing(bronze_reached):
    with pytest.raises(ReviewError, match="Bronze reached.*Refusing the label departs"):
        assessment_decide(assessment=bronze_reached, user=CoordinatorFactory(), award=False, reasons="Evidence thin.")
    bronze_reached.refresh_from_db()
    assert bronze_reached.status == Status.RECOMMENDED and not Decision.objects.exists()


def test_a_departing_award_keeps_what_the_rules_computed_and_the_reason_and_logs_it(
    gold_not_reached, manager_a, django_capture_on_commit_callbacks
):
    coordinator = CoordinatorFactory()
    with django_capture_on_commit_callbacks(execute=True):
        decision = assessment_decide(
            assessment=gold_not_reached, user=coordinator, award=True, reasons="Well run.", departure_reason=REASON
        )
    decision.refresh_from_db()
    assert decision.outcome == Decision.Outcome.AWARD
    assert decision.computed_reached is False and decision.departs_from_outcome is True
    assert "minimum requirement 2.2 is red" in decision.computed_reasons
    assert decision.departure_reason == REASON
    event = AuditEvent.objects.get(action="labelling.decision.departs_from_outcome")
    assert event.actor == coordinator and event.data["departure_reason"] == REASON
    assert event.data["computed_reached"] is False and event.data["award"] is True
    awarded = AuditEvent.objects.get(action="labelling.assessment.awarded")
    assert awarded.data["departs_from_outcome"] is True and awarded.data["departure_reason"] == REASON
    (message,) = [m for m in mail.outbox if manager_a.email in m.to and m.subject.startswith("Label awarded")]
    assert "departs from the outcome the label rules computed" in message.body and REASON in message.body


def test_a_decision_that_follows_the_rules_needs_no_departure_reason(org_a):
    assessment = _recommended(org_a)  # every answer green: Gold reached
    decision = assessment_decide(assessment=assessment, user=CoordinatorFactory(), award=True, reasons="Met.")
    assert decision.computed_reached is True and decision.departs_from_outcome is False
    assert decision.departure_reason == ""
    assert not AuditEvent.objects.filter(action="labelling.decision.departs_from_outcome").exists()


def test_a_reason_given_for_a_decision_that_follows_the_rules_is_not_recorded_as_a_departure(gold_not_reached):
    decision = assessment_decide(
        assessment=gold_not_reached, user=CoordinatorFactory(), award=False, reasons="2.2 red.", departure_reason=REASON
    )
    assert decision.departs_from_outcome is False and decision.departure_reason == ""


# --- The service: the appeal --------------------------------------------------------------------------------------


@pytest.fixture
def appealed_gold(gold_not_reached, manager_a):
    """The Gold not reached, rejected (following the rules) and appealed."""
    assessment_decide(assessment=gold_not_reached, user=CoordinatorFactory(), award=False, reasons="2.2 red.")
    appeal_file(assessment=gold_not_reached, user=manager_a, reasons=GROUNDS)
    return Appeal.objects.get(assessment=gold_not_reached)


def test_upholding_an_appeal_on_a_level_not_reached_needs_a_written_reason(appealed_gold):
    with pytest.raises(ReviewError, match="departs from this computed outcome"):
        appeal_decide(appeal=appealed_gold, user=CoordinatorFactory(), uphold=True, reasons="We erred.")
    appealed_gold.refresh_from_db()
    assert appealed_gold.status == Appeal.Status.OPEN and not Label.objects.exists()
    appeal_decide(
        appeal=appealed_gold, user=CoordinatorFactory(), uphold=True, reasons="We erred.", departure_reason=REASON
    )
    appealed_gold.refresh_from_db()
    assert appealed_gold.status == Appeal.Status.UPHELD and appealed_gold.departs_from_outcome
    assert appealed_gold.computed_reached is False and appealed_gold.departure_reason == REASON
    assert AuditEvent.objects.filter(
        action="labelling.decision.departs_from_outcome", data__appeal=appealed_gold.pk
    ).exists()


def test_dismissing_an_appeal_on_a_level_reached_needs_a_written_reason(bronze_reached, manager_a):
    assessment_decide(
        assessment=bronze_reached, user=CoordinatorFactory(), award=False, reasons="Thin.", departure_reason=REASON
    )
    appeal = appeal_file(assessment=bronze_reached, user=manager_a, reasons=GROUNDS)
    with pytest.raises(ReviewError, match="Refusing the label departs"):
        appeal_decide(appeal=appeal, user=CoordinatorFactory(), uphold=False, reasons="Stands.")
    upheld = appeal_decide(appeal=appeal, user=CoordinatorFactory(), uphold=True, reasons="Register ok.")
    assert upheld.status == Appeal.Status.UPHELD and not upheld.departs_from_outcome


# --- The database and the admin -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "computed_reached", "departs", "reason"),
    [
        ("award", False, True, ""),  # departs without a reason
        ("award", False, False, ""),  # departs but not marked
        ("reject", True, False, ""),  # departs but not marked
        ("award", True, True, REASON),  # marked as departing although it follows the rules
    ],
)
def test_the_database_refuses_a_decision_whose_departure_is_not_recorded_right(
    bronze_reached, outcome, computed_reached, departs, reason
):
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(
            assessment=bronze_reached,
            outcome=outcome,
            reasons="Direct write.",
            computed_reached=computed_reached,
            departs_from_outcome=departs,
            departure_reason=reason,
        )


def test_the_admin_shows_the_departure_but_cannot_change_or_add_it(gold_not_reached, admin_client):
    decision = assessment_decide(
        assessment=gold_not_reached, user=CoordinatorFactory(), award=True, reasons="Run.", departure_reason=REASON
    )
    url = reverse("admin:labelling_decision_change", args=[decision.pk])
    page = admin_client.get(url).content.decode()
    assert REASON in page and 'name="departure_reason"' not in page and 'name="departs_from_outcome"' not in page
    admin_client.post(url, {"reasons": "Run well.", "departure_reason": "", "departs_from_outcome": ""})
    decision.refresh_from_db()
    assert decision.departs_from_outcome and decision.departure_reason == REASON
    assert admin_client.get(reverse("admin:labelling_decision_add")).status_code == 403


# --- Forms and pages ----------------------------------------------------------------------------------------------


def test_the_decision_form_asks_for_the_reason_for_departing(gold_not_reached):
    decider = CoordinatorFactory()
    client = _client(decider)
    url = reverse("labelling:decide", args=[gold_not_reached.pk])
    page = client.get(url).content.decode()
    assert "The label rules computed: level not reached." in page
    assert "Reason for departing from the computed outcome" in page
    response = client.post(url, {"outcome": "award", "reasons": "Well run."})
    assert response.status_code == 422
    assert "Awarding the label departs from this computed outcome" in response.content.decode()
    gold_not_reached.refresh_from_db()
    assert gold_not_reached.status == Status.RECOMMENDED
    response = client.post(url, {"outcome": "award", "reasons": "Well run.", "departure_reason": REASON})
    assert response.status_code == 302
    assert Decision.objects.get().departs_from_outcome


def test_the_decision_and_outcome_pages_and_the_history_mark_the_departure(gold_not_reached, manager_a):
    assessment_decide(
        assessment=gold_not_reached, user=CoordinatorFactory(), award=True, reasons="Run.", departure_reason=REASON
    )
    decide = _client(CoordinatorFactory()).get(reverse("labelling:decide", args=[gold_not_reached.pk]))
    outcome = _client(manager_a).get(reverse("labelling:assessment_outcome", args=[gold_not_reached.pk]))
    for page in (decide.content.decode(), outcome.content.decode()):
        assert "Departs from the computed outcome" in page
        assert REASON in page and "minimum requirement 2.2 is red" in page
    assert "Decision departs from the computed outcome (reason recorded)" in outcome.content.decode()


def test_a_decision_following_the_rules_is_marked_as_such(org_a, manager_a):
    assessment = _recommended(org_a)
    assessment_decide(assessment=assessment, user=CoordinatorFactory(), award=True, reasons="Met.")
    page = _client(manager_a).get(reverse("labelling:assessment_outcome", args=[assessment.pk])).content.decode()
    assert "Follows the computed outcome" in page and "Departs from the computed outcome" not in page


def test_whoever_decides_the_appeal_sees_the_departure_of_the_decision(bronze_reached, manager_a):
    assessment_decide(
        assessment=bronze_reached, user=CoordinatorFactory(), award=False, reasons="Thin.", departure_reason=REASON
    )
    appeal_file(assessment=bronze_reached, user=manager_a, reasons=GROUNDS)
    other = CoordinatorFactory()
    url = reverse("labelling:appeal_decide", args=[bronze_reached.pk])
    page = _client(other).get(url).content.decode()
    assert "Departs from the computed outcome" in page and REASON in page and "Bronze reached" in page
    response = _client(other).post(url, {"outcome": "dismiss", "reasons": "The register is undated."})
    assert response.status_code == 422 and "Refusing the label departs" in response.content.decode()
    assert Appeal.objects.get().status == Appeal.Status.OPEN


def test_a_decision_recorded_before_the_rule_is_compared_with_the_outcome_computed_now(bronze_reached, manager_a):
    # Decisions written before the computed outcome was kept (no computed_reached) are still marked.
    Assessment.objects.filter(pk=bronze_reached.pk).update(status=Status.REJECTED)
    Decision.objects.create(assessment=bronze_reached, outcome="reject", reasons="Old decision.")
    page = _client(manager_a).get(reverse("labelling:assessment_outcome", args=[bronze_reached.pk])).content.decode()
    assert "Departs from the computed outcome" in page
    assert "no reason for departing was recorded" in page


def _client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client
