"""The club's dashboard panels: my membership and next step, my events; for coordinators, the applications waiting."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from club import permissions, selectors
from portal.dashboard import Panel


def panels(request) -> list[Panel]:
    user = request.user
    membership = selectors.membership_for(user=user)
    result = []
    # Coordinators run the club: they see the applications below, not an invitation to apply.
    if membership is not None or not permissions.can_manage_club(user):
        result.append(
            Panel(
                title=_("European Club of Cluster Managers"),
                template="club/panels/membership.html",
                context={
                    "membership": membership,
                    "can_apply": permissions.can_apply(user, membership),
                    "can_renew": membership is not None and permissions.membership_can_renew(membership),
                    "registrations": list(selectors.registrations_of(user=user)[:5]),
                },
                order=50,
            )
        )
    if permissions.can_manage_club(user):
        waiting = selectors.applications_waiting()
        result.append(
            Panel(
                title=_("Club applications waiting"),
                template="club/panels/applications.html",
                context={"applications": list(waiting[:8]), "count": waiting.count(), "now": timezone.now()},
                order=50,
                coordinator=True,
            )
        )
    return result
