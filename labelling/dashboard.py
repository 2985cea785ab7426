"""Dashboard panels of the label process. Each role's panels are built by its own function so the
self-assessment side (managers) and the review side (assessors, coordinators) stay apart."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from portal import roles
from portal.dashboard import Panel


def panels(request) -> list[Panel]:
    if not request.user.is_authenticated:
        return []
    result: list[Panel] = []
    result.extend(_manager_panels(request))
    return result


def _manager_panels(request) -> list[Panel]:
    """Managers and viewers: their organisations' assessments with status and the next action."""
    from labelling import selectors

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
