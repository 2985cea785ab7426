"""Dashboard panels of the survey app: surveys waiting for my answer; for coordinators, open surveys."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from portal.dashboard import Panel
from survey import permissions, selectors


def panels(request) -> list[Panel]:
    user = request.user
    result: list[Panel] = []
    if not user.is_authenticated:
        return result
    open_surveys = selectors.surveys_open_to(user)
    drafts = selectors.my_draft_responses(user)
    waiting = [s for s in open_surveys if s.my_status != "submitted"]
    if waiting or drafts:
        result.append(
            Panel(
                title=_("Surveys waiting for your answer"),
                template="survey/dashboard/_mine.html",
                context={"waiting": waiting, "drafts": drafts},
                order=60,
            )
        )
    if permissions.can_manage_surveys(user):
        result.append(
            Panel(
                title=_("Open surveys"),
                template="survey/dashboard/_coordinator.html",
                context={"surveys": selectors.open_surveys_with_counts()},
                order=60,
                coordinator=True,
            )
        )
    return result
