"""Dashboard panels of the directory: my organisations, the collaboration inbox, and the coordinators' queue."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from platform_directory import selectors
from platform_directory.floors import failing_floors
from platform_directory.models import CollaborationRequest
from portal import roles
from portal.dashboard import Panel


def panels(request) -> list[Panel]:
    user = request.user
    if not user.is_authenticated:
        return []
    organisations = selectors.user_organisations(user)
    for organisation in organisations:
        organisation.failing = failing_floors(organisation)
    invitations = list(selectors.invitations_for(user))
    result = []
    # Coordinators and assessors without an organisation are not nudged to create one.
    if organisations or invitations or not (roles.is_coordinator(user) or roles.has_assessor_profile(user)):
        result.append(
            Panel(
                _("My organisations"),
                "platform_directory/panels/my_organisations.html",
                {"organisations": organisations, "invitations": invitations},
                order=10,
            )
        )
    if organisations:
        pending = selectors.inbox_for(user).filter(status=CollaborationRequest.Status.PENDING)
        result.append(
            Panel(
                _("Collaboration inbox"),
                "platform_directory/panels/inbox.html",
                {"requests": list(pending[:5]), "count": pending.count()},
                order=20,
            )
        )
    if roles.is_coordinator(user):
        queue = selectors.validation_queue()
        result.append(
            Panel(
                _("Profiles awaiting validation"),
                "platform_directory/panels/validation.html",
                {"oldest": list(queue[:5]), "count": queue.count()},
                order=10,
                coordinator=True,
            )
        )
    return result
