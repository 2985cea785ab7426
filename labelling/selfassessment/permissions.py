"""Who may see and fill in an assessment, and open its evidence files: the organisation's managers (and, to read,
its viewers), the coordinators, and the assessors assigned to review it. Every page, file download and API view
of the self-assessment asks here; the review side's rules are in `labelling.review.permissions`.

Roles come from `portal.roles`; this module adds the per-assessment rules. An assessor who may review an
assessment sees it, so `can_review` lives here and the review side builds on it.
"""

from __future__ import annotations

from labelling.review.models import AssessorAssignment
from labelling.selfassessment.models import Assessment
from platform_directory.models import OrganisationMembership
from portal import roles


def _role(user, organisation) -> str | None:
    """The user's role in the organisation, asked once per (user, organisation object)."""
    if not getattr(user, "is_authenticated", False):
        return None
    cache = organisation.__dict__.setdefault("_role_cache", {})
    if user.pk not in cache:
        cache[user.pk] = roles.organisation_role(user, organisation)
    return cache[user.pk]


def _assignment_status(user, assessment) -> str | None:
    """The status of `user`'s assignment to `assessment`, or None. Cached per (user, assessment) on the object."""
    if not getattr(user, "is_authenticated", False):
        return None
    cache = assessment.__dict__.setdefault("_assignment_status_cache", {})
    if user.pk not in cache:
        cache[user.pk] = (
            AssessorAssignment.objects.filter(assessment=assessment, assessor=user)
            .values_list("status", flat=True)
            .first()
        )
    return cache[user.pk]


def can_review(user, assessment) -> bool:
    """An accredited assessor assigned to the assessment who declared no conflict and did not decline.

    Only they see the answers and the evidence from the assessors' side.
    """
    return _assignment_status(user, assessment) == AssessorAssignment.Status.ACTIVE and roles.is_assessor(user)


def was_assessor_of(user, assessment) -> bool:
    """Assigned at any time, declined included: such a person took part and may not decide."""
    return _assignment_status(user, assessment) is not None


def can_see_assessment(user, assessment) -> bool:
    """Managers and viewers of the organisation, coordinators and the assessors who may review it (the role is
    asked only once per request)."""
    return (
        roles.is_coordinator(user) or _role(user, assessment.organisation) is not None or can_review(user, assessment)
    )


def can_start_assessment(user, organisation) -> bool:
    """Only a manager of the organisation starts its assessments."""
    return roles.can_manage_organisation(user, organisation)


def can_manage_assessment(user, assessment) -> bool:
    """A manager of the assessed organisation: fills in, answers questions, appeals; whether the state allows the
    edit is the services' call."""
    return _role(user, assessment.organisation) == OrganisationMembership.Role.MANAGER


def can_see_document(user, document) -> bool:
    """An evidence file of the organisation's library: its managers, the coordinators, and the assessors who may
    review an assessment that uses the file. Viewers see the file names but do not download the files."""
    if roles.is_coordinator(user) or roles.can_manage_organisation(user, document.organisation):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    assessments = Assessment.objects.filter(answers__evidence=document).select_related("organisation").distinct()
    return any(can_review(user, assessment) for assessment in assessments)
