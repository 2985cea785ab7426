"""Template helpers of the club pages."""

from __future__ import annotations

from django import template

from club import permissions

register = template.Library()


@register.inclusion_tag("club/_subnav.html", takes_context=True)
def club_subnav(context, active: str = ""):
    """The club's tabs; each shows only to the people who may open it."""
    user = context["request"].user
    return {
        "active": active,
        "user": user,
        "club_member_area": permissions.can_use_member_area(user),
        "club_can_manage": permissions.can_manage_club(user),
    }


@register.filter
def registration_status(registrations: dict, event_id) -> str:
    """The viewer's registration status for an event ('registered', 'waiting' or '')."""
    return (registrations or {}).get(event_id, "")
