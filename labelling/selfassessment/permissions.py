"""Who may do what in the label process. Every view and service of the labelling app asks here.

Roles come from `portal.roles`; this module adds the per-assessment rules: the organisation's managers, its
assigned assessors (only once they declared no conflict), the coordinators, and the impartiality rules for
decisions and appeals.
"""

from __future__ import annotations

from portal import roles


def _assignment_status(user, assessment) -> str | None:
    """The status of `user`'s assignment to `assessment`, or None. Cached per (user, assessment) on the object."""
    if not getattr(user, "is_authenticated", False):
        return None
    cache = assessment.__dict__.setdefault("_assignment_status_cache", {})
    if user.pk not in cache:
        from labelling.models import AssessorAssignment

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
    from labelling.models import AssessorAssignment

    return _assignment_status(user, assessment) == AssessorAssignment.Status.ACTIVE and roles.is_assessor(user)


def was_assessor_of(user, assessment) -> bool:
    """Assigned at any time, declined included: such a person took part and may not decide."""
    return _assignment_status(user, assessment) is not None


def can_manage_assessment(user, assessment) -> bool:
    """A manager of the assessed organisation: fills in, answers questions, appeals."""
    return roles.can_manage_organisation(user, assessment.organisation)


def can_see_assessment(user, assessment) -> bool:
    """Managers and viewers of the organisation, coordinators and the assessors who may review it."""
    return roles.can_see_organisation_internals(user, assessment.organisation) or can_review(user, assessment)


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
    return roles.is_coordinator(user)


# --- Self-assessment side (part A: starting, filling in, evidence library) ----------------------------------------


def _role(user, organisation) -> str | None:
    """The user's role in the organisation, asked once per (user, organisation object)."""
    if not getattr(user, "is_authenticated", False):
        return None
    cache = organisation.__dict__.setdefault("_role_cache", {})
    if user.pk not in cache:
        cache[user.pk] = roles.organisation_role(user, organisation)
    return cache[user.pk]


def can_open_selfassessment(user, assessment) -> bool:
    """The same people as `can_see_assessment`, with the role asked only once per request."""
    return (
        roles.is_coordinator(user) or _role(user, assessment.organisation) is not None or can_review(user, assessment)
    )


def can_start_assessment(user, organisation) -> bool:
    """Only a manager of the organisation starts its assessments."""
    return roles.can_manage_organisation(user, organisation)


def can_edit_assessment(user, assessment) -> bool:
    """A manager of the organisation; whether the state allows the edit is the services' call."""
    from platform_directory.models import OrganisationMembership

    return _role(user, assessment.organisation) == OrganisationMembership.Role.MANAGER


def can_see_document(user, document) -> bool:
    """An evidence file of the organisation's library: its managers, the coordinators, and the assessors who may
    review an assessment that uses the file. Viewers see the file names but do not download the files."""
    if roles.is_coordinator(user) or roles.can_manage_organisation(user, document.organisation):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    from labelling.models import Assessment

    assessments = Assessment.objects.filter(answers__evidence=document).select_related("organisation").distinct()
    return any(can_review(user, assessment) for assessment in assessments)
