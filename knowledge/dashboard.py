"""Dashboard panels of the knowledge area: recommended modules for a manager's weak indicators, and learning."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from knowledge import selectors
from knowledge.models import Level, Module
from labelling.review import selectors as review_selectors
from portal import roles
from portal.dashboard import Panel

RECOMMENDATION_LIMIT = 5


def organisation_colours(*, user) -> dict[str, str]:
    """Every reviewed indicator colour over the organisations the user manages; for an indicator coloured
    differently in two organisations the worse colour wins (red over yellow over green).

    {} when no organisation has a reviewed assessment.
    """
    rank = {"red": 0, "yellow": 1, "green": 2}
    merged: dict[str, str] = {}
    for organisation in roles.managed_organisations(user)[:10]:
        colours = review_selectors.organisation_indicator_colours(organisation=organisation) or {}
        for code, colour in colours.items():
            colour = str(colour).lower()
            if colour in rank and (code not in merged or rank[colour] < rank[merged[code]]):
                merged[code] = colour
    return merged


def weak_indicator_colours(*, user) -> dict[str, str]:
    """The red and yellow indicators of the user's organisations (see `organisation_colours`)."""
    colours = organisation_colours(user=user)
    return {code: colour for code, colour in colours.items() if colour in ("red", "yellow")}


def panels(request) -> list[Panel]:
    user = request.user
    if not user.is_authenticated:
        return []
    result = []
    if roles.is_cluster_manager(user):
        all_colours = organisation_colours(user=user)
        colours = {code: c for code, c in all_colours.items() if c in ("red", "yellow")}
        if colours:
            ranked = selectors.modules_for_indicators(
                codes=list(colours), colours=colours, limit=3 * RECOMMENDATION_LIMIT
            )
            selectors.modules_with_progress_flag(user=user, modules=ranked)
            # Modules the manager already completed go last: they stay visible as a reminder, not as news.
            modules = sorted(ranked, key=lambda m: bool(getattr(m, "learner_completed", False)))
            modules = modules[:RECOMMENDATION_LIMIT]
            mode = "indicators"
        else:
            modules = list(Module.objects.published().filter(level=Level.FOUNDATION)[:RECOMMENDATION_LIMIT])
            mode = "no_weak" if all_colours else "no_assessment"
        red = sorted(code for code, colour in colours.items() if colour == "red")
        yellow = sorted(code for code, colour in colours.items() if colour == "yellow")
        result.append(
            Panel(
                title=_("Recommended learning"),
                template="knowledge/panels/recommended.html",
                context={"modules": modules, "mode": mode, "red": red, "yellow": yellow},
                order=40,
            )
        )
    continue_row = selectors.continue_learning(user=user)
    completed = selectors.completed_modules(user=user)
    if continue_row or completed:
        result.append(
            Panel(
                title=_("My learning"),
                template="knowledge/panels/learning.html",
                context={"continue_row": continue_row, "completed_count": len(completed)},
                order=45,
            )
        )
    if roles.is_coordinator(user):
        waiting = selectors.programmes_waiting_review().count()
        result.append(
            Panel(
                title=_("Training programme proposals"),
                template="knowledge/panels/proposals.html",
                context={"waiting": waiting},
                order=60,
                coordinator=True,
            )
        )
    return result
