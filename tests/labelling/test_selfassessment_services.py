"""Self-assessment services: start with eligibility, autosave with validation and conflicts, submit, withdraw."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from labelling.certificates.selectors import add_months
from labelling.framework.levels import Level
from labelling.models import Answer, Assessment, ImprovementDeclaration
from labelling.selfassessment import selectors, services
from platform_directory.models import ClusterOrganisation, OrganisationMembership
from portal.models import AuditEvent
from tests.factories import MembershipFactory
from tests.labelling.factories import (
    AssessmentFactory,
    LabelFactory,
    awarded_bronze,
    fill_answers,
)

pytestmark = pytest.mark.django_db


def _start(manager, org, level="bronze"):
    return services.assessment_start(user=manager, organisation=org, level=level)


def _answer(assessment, code):
    return assessment.answers.select_related("indicator", "assessment").get(indicator__code=code)


# --- start and eligibility ------------------------------------------------------------------------------------------


def test_a_manager_starts_a_bronze_assessment_with_one_answer_per_indicator(manager_a, org_a):
    assessment = _start(manager_a, org_a)
    assert assessment.status == Assessment.Status.DRAFT
    assert assessment.framework.code == "ECEI-2026"
    assert assessment.answers.count() == 36
    assert AuditEvent.objects.filter(action="labelling.assessment.started", target_id=str(assessment.pk)).exists()


def test_gold_asks_only_the_31_gold_indicators(manager_a, org_a):
    assessment = _start(manager_a, org_a, "gold")
    assert assessment.answers.count() == 31
    assert not assessment.answers.filter(indicator__code__in=["1.2", "2.4", "3.3", "4.9", "6.4"]).exists()


def test_a_viewer_or_another_manager_cannot_start(org_a, manager_b):
    viewer = MembershipFactory(organisation=org_a, role=OrganisationMembership.Role.VIEWER).user
    for user in (viewer, manager_b):
        with pytest.raises(services.AssessmentError):
            _start(user, org_a)
    assert not Assessment.objects.exists()


def test_an_unvalidated_profile_is_refused_with_the_reason(manager_a, org_a):
    ClusterOrganisation.objects.filter(pk=org_a.pk).update(validation_status="pending")
    org_a.refresh_from_db()
    with pytest.raises(services.AssessmentError) as error:
        _start(manager_a, org_a)
    assert "not validated" in str(error.value)


def test_only_one_open_assessment_per_organisation_and_level(manager_a, org_a):
    _start(manager_a, org_a)
    with pytest.raises(services.AssessmentError) as error:
        _start(manager_a, org_a)
    assert "already open" in str(error.value)
    _start(manager_a, org_a, "gold")  # another level is fine
    assert Assessment.objects.filter(organisation=org_a).count() == 2


def test_a_withdrawn_assessment_does_not_block_a_new_one(manager_a, org_a):
    first = _start(manager_a, org_a)
    services.assessment_withdraw(user=manager_a, assessment=first)
    assert _start(manager_a, org_a).pk != first.pk


def test_silver_without_bronze_is_refused(org_a):
    eligibility = selectors.assessment_eligibility(organisation=org_a, level=Level.SILVER)
    assert not eligibility.allowed
    assert "Bronze label awarded 18 to 24 months earlier" in eligibility.reasons[0]


@pytest.mark.parametrize(("months", "allowed"), [(10, False), (17, False), (19, True), (23, True), (26, False)])
def test_silver_needs_a_bronze_awarded_18_to_24_months_earlier(org_a, months, allowed):
    awarded_bronze(org_a, months_ago=months)
    eligibility = selectors.assessment_eligibility(organisation=org_a, level=Level.SILVER)
    assert eligibility.allowed is allowed, eligibility.reasons


def test_a_too_recent_bronze_says_from_when_silver_may_start(org_a):
    label = awarded_bronze(org_a, months_ago=10)
    reasons = selectors.assessment_eligibility(organisation=org_a, level=Level.SILVER).reasons
    assert str(add_months(label.awarded_on, 18)) in reasons[0]


def test_renewal_may_start_6_months_before_expiry_and_up_to_12_after(org_a):
    today = timezone.localdate()
    label = LabelFactory(
        assessment=AssessmentFactory(organisation=org_a, level="gold", status="awarded"),
        valid_from=today - datetime.timedelta(days=700),
        valid_until=today + datetime.timedelta(days=300),
    )
    refused = selectors.assessment_eligibility(organisation=org_a, level="gold")
    assert not refused.allowed and "renewal may start from" in refused.reasons[0]

    for days_to_expiry, renewal in [(150, True), (-300, True), (-400, False)]:
        label.valid_until = today + datetime.timedelta(days=days_to_expiry)
        label.save()
        eligibility = selectors.assessment_eligibility(organisation=org_a, level="gold")
        assert eligibility.allowed, eligibility.reasons
        assert eligibility.is_renewal is renewal


def test_a_renewal_start_is_marked(manager_a, org_a):
    today = timezone.localdate()
    LabelFactory(
        assessment=AssessmentFactory(organisation=org_a, level="bronze", status="awarded"),
        valid_from=today - datetime.timedelta(days=600),
        valid_until=today + datetime.timedelta(days=100),
    )
    assert _start(manager_a, org_a).is_renewal


# --- autosave -------------------------------------------------------------------------------------------------------


def test_saving_a_value_bumps_the_version_and_records_who(manager_a, org_a):
    answer = _answer(_start(manager_a, org_a), "2.2")
    saved = services.answer_save(user=manager_a, answer=answer, data={"value": "2,5"}, expected_version=0)
    answer.refresh_from_db()
    assert answer.value_number == Decimal("2.5")
    assert answer.version == saved.version == 1
    assert answer.updated_by == manager_a and answer.updated_at is not None


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("1.2", "101", "cannot be more than 100"),
        ("1.1", "-3", "cannot be negative"),
        ("1.1", "2.5", "whole number"),
        ("2.2", "abc", "Enter a number"),
        ("2.2", "NaN", "Enter a number"),
        ("2.8", "maybe", "yes or no"),
        ("2.7", "sometimes", "Choose one of"),
        ("1.4", "5", "at most 4"),
    ],
)
def test_bad_values_are_refused_field_by_field_and_nothing_is_saved(manager_a, org_a, code, value, message):
    answer = _answer(_start(manager_a, org_a), code)
    with pytest.raises(services.AnswerInvalid) as error:
        services.answer_save(user=manager_a, answer=answer, data={"value": value}, expected_version=0)
    assert message in error.value.errors["value"]
    answer.refresh_from_db()
    assert answer.version == 0 and answer.updated_at is None


def test_net_change_may_be_negative(manager_a, org_a):
    answer = _answer(_start(manager_a, org_a), "1.6")
    services.answer_save(user=manager_a, answer=answer, data={"value": "-12.5"}, expected_version=0)
    answer.refresh_from_db()
    assert answer.value_number == Decimal("-12.5")


def test_not_applicable_needs_a_justification(manager_a, org_a):
    answer = _answer(_start(manager_a, org_a), "4.8")
    with pytest.raises(services.AnswerInvalid) as error:
        services.answer_save(user=manager_a, answer=answer, data={"not_applicable": "1"}, expected_version=0)
    assert "justification" in error.value.errors
    services.answer_save(
        user=manager_a,
        answer=answer,
        data={"not_applicable": "1", "justification": "We are a purely regional network."},
        expected_version=0,
    )
    answer.refresh_from_db()
    assert answer.not_applicable and answer.is_answered


def test_the_later_of_two_saves_is_told_about_the_conflict_with_the_other_value(manager_a, org_a):
    colleague = MembershipFactory(organisation=org_a).user
    assessment = _start(manager_a, org_a)
    mine, theirs = _answer(assessment, "1.1"), _answer(assessment, "1.1")
    services.answer_save(user=colleague, answer=theirs, data={"value": "40"}, expected_version=0)
    with pytest.raises(services.AnswerConflict) as error:
        services.answer_save(user=manager_a, answer=mine, data={"value": "55"}, expected_version=0)
    assert error.value.current.value_number == Decimal("40")
    assert error.value.current.updated_by == colleague
    assert str(colleague) in str(error.value)
    mine.refresh_from_db()
    assert mine.value_number == Decimal("40")  # nothing overwritten silently
    # Knowing the other value, the manager may keep theirs on purpose:
    services.answer_save(user=manager_a, answer=mine, data={"value": "55"}, expected_version=1)
    mine.refresh_from_db()
    assert mine.value_number == Decimal("55") and mine.version == 2


def test_a_viewer_cannot_save(org_a, manager_a):
    viewer = MembershipFactory(organisation=org_a, role=OrganisationMembership.Role.VIEWER).user
    answer = _answer(_start(manager_a, org_a), "1.1")
    with pytest.raises(services.AssessmentError):
        services.answer_save(user=viewer, answer=answer, data={"value": "4"}, expected_version=0)


def test_submitted_answers_are_frozen_but_a_reopened_one_is_editable(manager_a, org_a):
    assessment = _start(manager_a, org_a)
    fill_answers(assessment)
    services.assessment_submit(user=manager_a, assessment=assessment)
    answer = _answer(assessment, "1.1")
    with pytest.raises(services.AssessmentError) as error:
        services.answer_save(user=manager_a, answer=answer, data={"value": "4"}, expected_version=answer.version)
    assert "cannot be changed" in str(error.value)

    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.IN_REVIEW)
    Answer.objects.filter(pk=answer.pk).update(is_reopened=True, review_state=Answer.ReviewState.QUESTION_OPEN)
    answer = _answer(assessment, "1.1")
    services.answer_save(user=manager_a, answer=answer, data={"value": "44"}, expected_version=answer.version)
    answer.refresh_from_db()
    assert answer.value_number == Decimal("44")
    assert AuditEvent.objects.filter(action="labelling.answer.changed", target_id=str(assessment.pk)).exists()
    other = _answer(assessment, "1.2")
    with pytest.raises(services.AssessmentError):
        services.answer_save(user=manager_a, answer=other, data={"value": "50"}, expected_version=other.version)


def test_a_save_loaded_before_the_submit_is_refused_after_it(manager_a, org_a):
    assessment = _start(manager_a, org_a)
    fill_answers(assessment)
    stale = _answer(assessment, "1.1")  # the page was loaded while drafting
    services.assessment_submit(user=manager_a, assessment=Assessment.objects.get(pk=assessment.pk))
    with pytest.raises(services.AssessmentError):
        services.answer_save(user=manager_a, answer=stale, data={"value": "3"}, expected_version=stale.version)
    stale.refresh_from_db()
    assert stale.value_number == Decimal("50")


# --- submit and withdraw --------------------------------------------------------------------------------------------


def test_submit_lists_everything_that_blocks(manager_a, org_a):
    assessment = _start(manager_a, org_a)
    fill_answers(assessment, with_evidence=False)
    Answer.objects.filter(assessment=assessment, indicator__code="3.3").update(value_number=None)
    with pytest.raises(services.SubmitBlocked) as error:
        services.assessment_submit(user=manager_a, assessment=assessment)
    text = "\n".join(error.value.messages)
    assert "3.3" in text and "a value" in text
    assert "1.1" in text and "evidence" in text  # evidence required and missing
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT


def test_submit_freezes_and_a_double_submit_changes_nothing(manager_a, org_a):
    assessment = _start(manager_a, org_a)
    fill_answers(assessment)
    services.assessment_submit(user=manager_a, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED and assessment.submitted_at
    with pytest.raises(services.AssessmentError) as error:
        services.assessment_submit(user=manager_a, assessment=assessment)
    assert "already" in str(error.value)
    stale_copy = Assessment.objects.get(pk=assessment.pk)
    stale_copy.status = Assessment.Status.DRAFT  # a second request that loaded the draft before the first
    with pytest.raises(services.AssessmentError):
        services.assessment_submit(user=manager_a, assessment=stale_copy)
    assert AuditEvent.objects.filter(action="labelling.assessment.submitted").count() == 1


def test_submit_rechecks_the_profile_validation(manager_a, org_a):
    assessment = _start(manager_a, org_a)
    fill_answers(assessment)
    ClusterOrganisation.objects.filter(pk=org_a.pk).update(validation_status="changes_requested")
    assessment = Assessment.objects.select_related("organisation").get(pk=assessment.pk)
    with pytest.raises(services.SubmitBlocked) as error:
        services.assessment_submit(user=manager_a, assessment=assessment)
    assert any("not validated" in m for m in error.value.messages)


def test_silver_needs_three_improvements_with_explanations(manager_a, org_a):
    awarded_bronze(org_a, months_ago=20)
    assessment = _start(manager_a, org_a, "silver")
    fill_answers(assessment)
    with pytest.raises(services.SubmitBlocked) as error:
        services.assessment_submit(user=manager_a, assessment=assessment)
    assert any("3 improved indicators" in m for m in error.value.messages)
    indicators = [a.indicator for a in assessment.answers.select_related("indicator")[:4]]
    with pytest.raises(services.AssessmentError):
        services.improvement_declare(user=manager_a, assessment=assessment, indicator=indicators[0], explanation=" ")
    for indicator in indicators[:3]:
        services.improvement_declare(
            user=manager_a, assessment=assessment, indicator=indicator, explanation="More members after a campaign."
        )
    with pytest.raises(services.AssessmentError) as too_many:
        services.improvement_declare(user=manager_a, assessment=assessment, indicator=indicators[3], explanation="x")
    assert "remove one first" in str(too_many.value)
    services.assessment_submit(user=manager_a, assessment=assessment)
    assert ImprovementDeclaration.objects.filter(assessment=assessment).count() == 3


def test_improvements_only_for_silver(manager_a, org_a):
    assessment = _start(manager_a, org_a)
    indicator = assessment.answers.first().indicator
    with pytest.raises(services.AssessmentError):
        services.improvement_declare(user=manager_a, assessment=assessment, indicator=indicator, explanation="x")


def test_withdraw_is_refused_once_decided(manager_a, org_a):
    assessment = AssessmentFactory(organisation=org_a, status=Assessment.Status.AWARDED)
    with pytest.raises(services.AssessmentError) as error:
        services.assessment_withdraw(user=manager_a, assessment=assessment)
    assert "can no longer be withdrawn" in str(error.value)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.AWARDED


def test_withdraw_is_logged(manager_a, org_a):
    assessment = _start(manager_a, org_a)
    services.assessment_withdraw(user=manager_a, assessment=assessment, reason="Not ready")
    event = AuditEvent.objects.get(action="labelling.assessment.withdrawn")
    assert event.data["reason"] == "Not ready" and event.actor == manager_a
