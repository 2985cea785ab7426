"""Dashboard panels of the knowledge area: recommended modules for a manager's weak indicators, and learning."""

from __future__ import annotations

import importlib
import logging

from django.utils.translation import gettext_lazy as _

from knowledge import selectors
from knowledge.models import Level, Module
from portal import roles
from portal.dashboard import Panel

logger = logging.getLogger(__name__)

RECOMMENDATION_LIMIT = 5


def _colour_function():
    """labelling.review.selectors.organisation_indicator_colours, when the labelling area provides it."""
    try:
        module = importlib.import_module("labelling.review.selectors")
    except ImportError:
        return None
    return getattr(module, "organisation_indicator_colours", None)


def organisation_colours(*, user) -> dict[str, str] | None:
    """Every reviewed indicator colour over the organisations the user manages; for an indicator coloured
    differently in two organisations the worse colour wins (red over yellow over green).

    None when the labelling area cannot tell (not installed); {} when no organisation has a reviewed assessment.
    """
    colours_of = _colour_function()
    if colours_of is None:
        return None
    rank = {"red": 0, "yellow": 1, "green": 2}
    merged: dict[str, str] = {}
    for organisation in roles.managed_organisations(user)[:10]:
        try:
            colours = colours_of(organisation=organisation) or {}
        except Exception:
            logger.exception("organisation_indicator_colours failed for %s", organisation.pk)
            continue
        for code, colour in colours.items():
            colour = str(colour).lower()
            if colour in rank and (code not in merged or rank[colour] < rank[merged[code]]):
                merged[code] = colour
    return merged


def weak_indicator_colours(*, user) -> dict[str, str] | None:
    """The red and yellow indicators of the user's organisations (see `organisation_colours`)."""
    colours = organisation_colours(user=user)
    if colours is None:
        return None
    return {code: colour for code, colour in colours.items() if colour in ("red", "yellow")}


def panels(request) -> list[Panel]:
    user = request.user
    if not user.is_authenticated:
        return []
    result = []
    if roles.is_cluster_manager(user):
        all_colours = organisation_colours(user=user)
        colours = {code: c for code, c in (all_colours or {}).items() if c in ("red", "yellow")}
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
