"""Dashboard panels of the label process. Each role's panels are built by its own function so the
self-assessment side (managers) and the review side (assessors, coordinators) stay apart."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from labelling.certificates.dashboard import label_panels
from labelling.review.selectors import decisions_pending, pipeline_counts, pipeline_waiting, review_queue_for
from labelling.selfassessment import selectors
from portal import roles
from portal.dashboard import Panel


def panels(request) -> list[Panel]:
    if not request.user.is_authenticated:
        return []
    result: list[Panel] = []
    result.extend(_manager_panels(request))
    result.extend(_assessor_panels(request) + _coordinator_panels(request))  # review side (part B)
    result.extend(label_panels(request))  # labels and certificates
    return result


def _manager_panels(request) -> list[Panel]:
    """Managers and viewers: their organisations' assessments with status and the next action."""
    user = request.user
    memberships = roles.member_organisations(user)
    if not memberships.exists():
        return []
    assessments = list(selectors.assessments_for_user(user=user)[:10])
    for assessment in assessments:
        assessment.next_action = selectors.assessment_next_action(assessment=assessment, user=user)
    return [
        Panel(
            _("Label assessments"),
            "labelling/panels/manager.html",
            {"assessments": assessments, "can_start": roles.is_cluster_manager(user)},
            order=15,
        )
    ]


def _assessor_panels(request) -> list[Panel]:
    """Assessors: what waits on them in the review queue, with ages."""
    if not roles.has_assessor_profile(request.user):
        return []
    groups = review_queue_for(user=request.user)
    items = (groups["declare"] + groups["review"])[:5]
    return [
        Panel(
            _("Review queue"),
            "labelling/panels/assessor.html",
            {
                "items": items,
                "declare": len(groups["declare"]),
                "review": len(groups["review"]),
                "waiting": len(groups["waiting"]),
            },
            order=12,
        )
    ]


def _coordinator_panels(request) -> list[Panel]:
    """Coordinators: the label pipeline (counts by state, the oldest waiting) and the decisions to take."""
    if not roles.is_coordinator(request.user):
        return []
    return [
        Panel(
            _("Label pipeline"),
            "labelling/panels/pipeline.html",
            {"counts": pipeline_counts(), "waiting": pipeline_waiting(limit=5)},
            order=20,
            coordinator=True,
        ),
        Panel(
            _("Label decisions and appeals"),
            "labelling/panels/decisions.html",
            {"items": list(decisions_pending()[:8])},
            order=21,
            coordinator=True,
        ),
    ]
