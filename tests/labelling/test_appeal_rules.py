"""Appeals: only a rejection, only its managers, once, within 30 days; decided by a coordinator who took no part
in the decision; upheld means the label is awarded through the same service."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from labelling.models import Assessment, Label
from labelling.review.models import Appeal
from labelling.review.services import ReviewError
from labelling.review.services.appeals import appeal_decide, appeal_file
from labelling.review.services.decisions import assessment_decide, assessment_recommend
from portal.models import AuditEvent
from tests.factories import CoordinatorFactory, MembershipFactory
from tests.labelling.review_support import (
    SUMMARY,
    accept_all_answers,
    assessor_from,
    start_review,
    submitted_assessment,
)

pytestmark = pytest.mark.django_db
Status = Assessment.Status
GROUNDS = "The assessor ignored our member register, which lists 62 signed commitments."
# Every answer of these Bronze assessments is scored, so the rules say "reached": refusing departs from that.
DEPARTURE = "The evidence files were not the organisation's own; the board refuses despite the scores."


@pytest.fixture
def decider():
    return CoordinatorFactory()


@pytest.fixture
def rejected(org_a, decider):
    assessment = submitted_assessment(org_a)
    assessor = assessor_from()
    start_review(assessment, assessors=[assessor])
    accept_all_answers(assessment, assessor=assessor)
    assessment_recommend(assessment=assessment, user=assessor, recommendation="reject", summary=SUMMARY)
    assessment_decide(
        assessment=assessment, user=decider, award=False, reasons="Evidence too thin.", departure_reason=DEPARTURE
    )
    assessment.refresh_from_db()
    return assessment


def test_a_manager_appeals_within_30_days(rejected, manager_a, django_capture_on_commit_callbacks):
    coordinator = CoordinatorFactory()
    with django_capture_on_commit_callbacks(execute=True):
        appeal = appeal_file(assessment=rejected, user=manager_a, reasons=GROUNDS)
    rejected.refresh_from_db()
    assert rejected.status == Status.APPEALED and appeal.status == Appeal.Status.OPEN
    assert coordinator.email in mail.outbox[-1].to or any(coordinator.email in m.to for m in mail.outbox)
    assert AuditEvent.objects.filter(action="labelling.appeal.filed").exists()


def test_an_appeal_after_30_days_is_refused(rejected, manager_a):
    Assessment.objects.filter(pk=rejected.pk).update(decided_at=timezone.now() - datetime.timedelta(days=31))
    rejected.refresh_from_db()
    with pytest.raises(ReviewError, match="30 days to appeal are over"):
        appeal_file(assessment=rejected, user=manager_a, reasons=GROUNDS)
    rejected.refresh_from_db()
    assert rejected.status == Status.REJECTED and not Appeal.objects.exists()


def test_on_day_29_an_appeal_is_still_possible(rejected, manager_a):
    Assessment.objects.filter(pk=rejected.pk).update(decided_at=timezone.now() - datetime.timedelta(days=29))
    rejected.refresh_from_db()
    appeal_file(assessment=rejected, user=manager_a, reasons=GROUNDS)


def test_only_managers_appeal_once_with_grounds(rejected, manager_a, org_a):
    viewer = MembershipFactory(organisation=org_a, role="viewer").user
    with pytest.raises(ReviewError, match="Only the organisation's managers"):
        appeal_file(assessment=rejected, user=viewer, reasons=GROUNDS)
    with pytest.raises(ReviewError, match="grounds"):
        appeal_file(assessment=rejected, user=manager_a, reasons="No.")
    appeal_file(assessment=rejected, user=manager_a, reasons=GROUNDS)
    with pytest.raises(ReviewError, match="already been appealed"):
        appeal_file(assessment=rejected, user=manager_a, reasons=GROUNDS)
    assert Appeal.objects.count() == 1


def test_an_award_cannot_be_appealed(org_a, manager_a):
    assessment = submitted_assessment(org_a)
    with pytest.raises(ReviewError, match="Only a rejection"):
        appeal_file(assessment=assessment, user=manager_a, reasons=GROUNDS)


def test_the_deciding_coordinator_cannot_decide_the_appeal(rejected, manager_a, decider):
    appeal = appeal_file(assessment=rejected, user=manager_a, reasons=GROUNDS)
    with pytest.raises(ReviewError, match="another coordinator"):
        appeal_decide(appeal=appeal, user=decider, uphold=True, reasons="We erred.")
    rejected.refresh_from_db()
    assert rejected.status == Status.APPEALED


def test_an_upheld_appeal_awards_the_label(rejected, manager_a, django_capture_on_commit_callbacks):
    appeal = appeal_file(assessment=rejected, user=manager_a, reasons=GROUNDS)
    other = CoordinatorFactory()
    with django_capture_on_commit_callbacks(execute=True):
        appeal_decide(appeal=appeal, user=other, uphold=True, reasons="The register proves the count.")
    rejected.refresh_from_db()
    appeal.refresh_from_db()
    assert rejected.status == Status.AWARDED
    assert appeal.status == Appeal.Status.UPHELD and appeal.decided_by == other
    assert Label.objects.filter(assessment=rejected).count() == 1
    assert any("upheld" in m.body and manager_a.email in m.to for m in mail.outbox)
    with pytest.raises(ReviewError, match="decided already"):
        appeal_decide(appeal=appeal, user=CoordinatorFactory(), uphold=True, reasons="Again.")


def test_a_dismissed_appeal_keeps_the_rejection(rejected, manager_a):
    appeal = appeal_file(assessment=rejected, user=manager_a, reasons=GROUNDS)
    appeal_decide(
        appeal=appeal,
        user=CoordinatorFactory(),
        uphold=False,
        reasons="The register is undated.",
        departure_reason=DEPARTURE,
    )
    rejected.refresh_from_db()
    assert rejected.status == Status.REJECTED and not Label.objects.exists()
    assert AuditEvent.objects.filter(action="labelling.appeal.dismissed").exists()
    # Dismissed once: no second appeal.
    with pytest.raises(ReviewError, match="already been appealed"):
        appeal_file(assessment=rejected, user=manager_a, reasons=GROUNDS)
