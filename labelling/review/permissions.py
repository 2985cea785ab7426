"""Who may do what on the review side of the label process: assigning assessors, deciding, appealing and deciding
an appeal, with the impartiality rules (whoever took part in a review or belongs to the organisation does not
decide). Who may see an assessment, and which assessor may review it, is `labelling.selfassessment.permissions`.
"""

from __future__ import annotations

from labelling.selfassessment.permissions import can_manage_assessment, was_assessor_of
from portal import roles


def can_assign_assessors(user, assessment=None) -> bool:
    """Coordinators assign assessors (and replace one who declined)."""
    return roles.is_coordinator(user)


def can_decide(user, assessment) -> bool:
    """A coordinator who is not one of the assessment's assessors and not one of the organisation's members."""
    return (
        roles.is_coordinator(user)
        and not was_assessor_of(user, assessment)
        and roles.organisation_role(user, assessment.organisation) is None
    )


def can_decide_appeal(user, appeal) -> bool:
    """A coordinator who took no part in the decision: neither its decider nor one of the assessors."""
    assessment = appeal.assessment
    decision = getattr(assessment, "decision", None)
    if decision is not None and decision.decided_by_id == user.pk:
        return False
    return can_decide(user, assessment)


def can_appeal(user, assessment) -> bool:
    """A manager of the organisation (the 30-day window and the state are checked by the service)."""
    return can_manage_assessment(user, assessment)


def can_see_pipeline(user) -> bool:
    """The coordinators' pipeline of assessments waiting for assessors, reviews and decisions."""
    return roles.is_coordinator(user)
