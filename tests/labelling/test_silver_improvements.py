"""Silver improvements (domain.md, rules made precise 2026-12-02): an improvement counts only on a scored indicator
(not "not applicable") whose accepted value is better than the one accepted in the Bronze assessment, in the
indicator's direction; equal or worse does not count. Managers (self-assessment) and assessors (review) see both
values side by side, with declines and unchanged values flagged."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from labelling.framework import scoring
from labelling.framework.levels import Level
from labelling.models import Answer, Assessment, ImprovementDeclaration
from labelling.review.services.answers import answer_accept, answer_correct
from labelling.selfassessment.selectors import assessment_outcome, assessment_overview
from tests.factories import MembershipFactory
from tests.labelling.factories import AssessmentFactory, awarded_bronze, fill_answers
from tests.labelling.review_support import accept_all_answers, answer_for, assessor_from, start_review

pytestmark = pytest.mark.django_db
Status = Assessment.Status


def _set(assessment, code, *, declared=None, accepted=None, state="accepted", not_applicable=False, **kinds):
    """Set one answer's declared and accepted value (numbers unless `kinds` gives value_bool/value_choice)."""
    fields = {"review_state": state}
    if not_applicable:
        fields.update(
            value_number=None,
            value_bool=None,
            value_choice="",
            not_applicable=True,
            justification="Does not apply.",
            assessed_number=None,
            assessed_bool=None,
            assessed_choice="",
            assessed_not_applicable=True,
        )
    elif kinds:
        fields.update(kinds)
        fields.update({k.replace("value_", "assessed_"): v for k, v in kinds.items()})
    else:
        fields.update(value_number=Decimal(str(declared)), assessed_number=Decimal(str(accepted)))
    Answer.objects.filter(assessment=assessment, indicator__code=code).update(**fields)


@pytest.fixture
def bronze(org_a):
    assessment = awarded_bronze(org_a, months_ago=20).assessment
    fill_answers(assessment)
    for answer in assessment.answers.all():
        _set_same(answer)
    _set(assessment, "2.3", declared=50, accepted=50)  # % staff with a degree (higher is better)
    _set(assessment, "4.4", declared=24, accepted=24)  # months since the KPI review (lower is better)
    _set(assessment, "5.2", declared=10, accepted=10)  # joint projects (count)
    return assessment


def _set_same(answer):
    answer.assessed_number, answer.assessed_bool = answer.value_number, answer.value_bool
    answer.assessed_choice, answer.review_state = answer.value_choice, "accepted"
    answer.save()


def _silver(org_a, codes=("2.3", "4.4", "5.2")):
    silver = AssessmentFactory(organisation=org_a, level=Level.SILVER, status=Status.SUBMITTED)
    fill_answers(silver)
    for code in codes:
        ImprovementDeclaration.objects.create(
            assessment=silver, indicator=answer_for(silver, code).indicator, explanation=f"{code} improved."
        )
    return silver


def _review(silver):
    assessor = assessor_from()
    start_review(silver, assessors=[assessor])
    accept_all_answers(silver, assessor=assessor)
    return assessor


def _verdicts(outcome):
    return {check.code: check.verdict for check in outcome.improvements}


# --- What counts --------------------------------------------------------------------------------------------------


def test_only_a_real_improvement_counts_unchanged_and_worse_do_not(org_a, bronze):
    silver = _silver(org_a)
    Answer.objects.filter(assessment=silver, indicator__code="2.3").update(value_number=80)  # better
    Answer.objects.filter(assessment=silver, indicator__code="4.4").update(value_number=30)  # worse: lower is better
    Answer.objects.filter(assessment=silver, indicator__code="5.2").update(value_number=10)  # unchanged
    _review(silver)
    outcome = assessment_outcome(assessment=silver)
    assert _verdicts(outcome) == {"2.3": "improved", "4.4": "declined", "5.2": "unchanged"}
    assert outcome.improvements_counted == 1 and not outcome.reached
    assert "1 of 3 improved indicators verified" in outcome.reasons[0]
    assert "4.4 worse than at Bronze" in outcome.reasons[0] and "5.2 unchanged since Bronze" in outcome.reasons[0]


def test_three_real_improvements_in_each_direction_reach_silver(org_a, bronze):
    silver = _silver(org_a)
    for code, value in (("2.3", "50.01"), ("4.4", "23"), ("5.2", "11")):
        Answer.objects.filter(assessment=silver, indicator__code=code).update(value_number=Decimal(value))
    _review(silver)
    outcome = assessment_outcome(assessment=silver)
    assert set(_verdicts(outcome).values()) == {"improved"} and outcome.reached


def test_the_bronze_value_compared_is_the_accepted_one_not_the_declared_one(org_a, bronze):
    _set(bronze, "2.3", declared=90, accepted=40, state="corrected")
    silver = _silver(org_a, codes=("2.3",))
    Answer.objects.filter(assessment=silver, indicator__code="2.3").update(value_number=60)
    _review(silver)
    assert _verdicts(assessment_outcome(assessment=silver)) == {"2.3": "improved"}  # 60 > 40, though < 90


def test_the_silver_value_compared_is_the_accepted_one_not_the_declared_one(org_a, bronze):
    silver = _silver(org_a, codes=("2.3",))
    assessor = _review(silver)  # declared 80 (green), accepted
    assert _verdicts(assessment_outcome(assessment=silver)) == {"2.3": "improved"}
    answer_correct(
        answer=answer_for(silver, "2.3"), user=assessor, value="45", reason="Two of the staff have no degree."
    )
    assert _verdicts(assessment_outcome(assessment=silver)) == {"2.3": "declined"}


def test_an_improvement_not_accepted_yet_does_not_count(org_a, bronze):
    silver = _silver(org_a, codes=("2.3",))
    assert _verdicts(assessment_outcome(assessment=silver)) == {"2.3": "not_scored"}


def test_not_applicable_now_or_at_bronze_never_counts(org_a, bronze):
    _set(bronze, "1.3", not_applicable=True)
    silver = _silver(org_a, codes=("1.2", "1.3"))
    Answer.objects.filter(assessment=silver, indicator__code="1.2").update(
        value_number=None, not_applicable=True, justification="No companies."
    )
    _review(silver)
    assert _verdicts(assessment_outcome(assessment=silver)) == {"1.2": "not_applicable", "1.3": "no_bronze_value"}


def test_yes_no_and_choice_improve_by_their_colour(org_a, bronze):
    _set(bronze, "2.8", value_bool=False)
    _set(bronze, "2.7", value_choice="advisory")
    _set(bronze, "4.9", value_choice="offered")
    silver = _silver(org_a, codes=("2.8", "2.7", "4.9"))  # Silver: yes, deciding board, offered (all green)
    _review(silver)
    assert _verdicts(assessment_outcome(assessment=silver)) == {
        "2.8": "improved",
        "2.7": "improved",
        "4.9": "unchanged",
    }


def test_without_a_bronze_to_compare_with_nothing_counts(org_a):
    silver = _silver(org_a)
    _review(silver)
    outcome = assessment_outcome(assessment=silver)
    assert set(_verdicts(outcome).values()) == {"no_bronze_value"} and not outcome.reached


def test_the_bronze_compared_is_the_latest_awarded_one_decided_before_the_silver(org_a, bronze):
    from django.utils import timezone

    from labelling.selfassessment.selectors import silver_reference_bronze

    # A later rejected Bronze, and a Bronze awarded after the Silver started, are not the reference.
    rejected = AssessmentFactory(
        organisation=org_a, level=Level.BRONZE, status=Status.REJECTED, decided_at=timezone.now()
    )
    silver = _silver(org_a)
    later = AssessmentFactory(
        organisation=org_a,
        level=Level.BRONZE,
        status=Status.AWARDED,
        decided_at=timezone.now() + timezone.timedelta(days=1),
    )
    assert silver_reference_bronze(assessment=silver) == bronze
    assert rejected != bronze != later


def test_the_managers_preview_compares_the_declared_values(org_a, bronze):
    silver = _silver(org_a)
    Answer.objects.filter(assessment=silver, indicator__code="4.4").update(value_number=24)  # as at Bronze
    preview = assessment_overview(assessment=silver).preview
    assert _verdicts(preview)["4.4"] == "unchanged" and not preview.reached


# --- The rule as a property ---------------------------------------------------------------------------------------


NUMBERS = st.decimals(min_value=-1000, max_value=1000, places=2)


@given(NUMBERS, NUMBERS, st.sampled_from(["higher", "lower"]))
def test_an_improvement_counts_exactly_when_strictly_better_in_the_direction(before, after, direction):
    spec = scoring.IndicatorSpec(
        code="x", kind="number", direction=direction, green_threshold=Decimal(0), yellow_threshold=Decimal(0)
    )
    forward = scoring.improvement_check(spec, bronze=before, now=after)
    backward = scoring.improvement_check(spec, bronze=after, now=before)
    better = after > before if direction == "higher" else after < before
    assert forward.counts == better
    assert not (forward.counts and backward.counts)  # never both ways
    if before == after:
        assert forward.verdict == backward.verdict == scoring.UNCHANGED
    # "Not applicable" on either side never counts.
    assert not scoring.improvement_check(spec, bronze=before, now=after, now_not_applicable=True).counts
    assert not scoring.improvement_check(spec, bronze=before, now=after, bronze_not_applicable=True).counts


# --- Side by side, flagged ----------------------------------------------------------------------------------------


@pytest.fixture
def worse_silver(org_a, bronze):
    silver = _silver(org_a)
    Answer.objects.filter(assessment=silver, indicator__code="2.3").update(value_number=40)  # worse than 50 %
    Answer.objects.filter(assessment=silver, indicator__code="5.2").update(value_number=10)  # unchanged
    return silver


def test_the_review_page_shows_the_bronze_value_beside_todays_and_flags_declines(worse_silver):
    assessor = assessor_from()
    start_review(worse_silver, assessors=[assessor])
    answer_accept(answer=answer_for(worse_silver, "2.3"), user=assessor)
    page = _client(assessor).get(reverse("labelling:review_assessment", args=[worse_silver.pk])).content.decode()
    section = page[page.index("Improvements declared for Silver") :]
    assert "Bronze (accepted)" in section and "Today (declared)" in section and "Today (accepted)" in section
    assert 'data-verdict="declined"' in section and "worse than at Bronze: does not count" in section
    assert 'data-verdict="unchanged"' in section and "unchanged since Bronze: does not count" in section
    assert "50 %" in section and "40 %" in section


def test_the_self_assessment_shows_the_manager_the_bronze_value_and_flags_declines(org_a, worse_silver):
    manager_a = MembershipFactory(organisation=org_a).user
    Assessment.objects.filter(pk=worse_silver.pk).update(status=Status.DRAFT)
    page = _client(manager_a).get(reverse("labelling:improvements", args=[worse_silver.pk])).content.decode()
    assert "Bronze (accepted)" in page and "Today (declared)" in page
    assert 'data-verdict="declined"' in page and "worse than at Bronze: does not count" in page
    assert 'data-verdict="unchanged"' in page
    assert "(Bronze: 50 %)" in page  # the indicator list shows the Bronze value to choose from


def test_the_decision_page_shows_the_improvements_to_the_coordinator(worse_silver):
    from tests.factories import CoordinatorFactory

    page = _client(CoordinatorFactory()).get(reverse("labelling:decide", args=[worse_silver.pk])).content.decode()
    assert 'data-verdict="declined"' in page


def _client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client
