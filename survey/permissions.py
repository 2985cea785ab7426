"""Who may do what with surveys."""

from __future__ import annotations

from portal import roles
from survey.models import Survey


def can_manage_surveys(user) -> bool:
    """Coordinators build surveys, invite, read full results and export raw responses."""
    return roles.is_coordinator(user)


def can_see_survey(user, survey: Survey) -> bool:
    """Drafts are visible to coordinators only."""
    return survey.status == Survey.Status.LIVE or can_manage_surveys(user)


def can_see_summary(user, survey: Survey) -> bool:
    """Anyone once the summary is published; coordinators always."""
    return (survey.status == Survey.Status.LIVE and survey.results_published) or can_manage_surveys(user)


def may_answer_as_user(user, survey: Survey) -> bool:
    """A signed-in person answers a named survey open to organisation members, or one they were invited to.

    Anonymous surveys are answered only through an invitation link (see `survey.services.Respondent`)."""
    if not user.is_authenticated or survey.is_anonymous or survey.status != Survey.Status.LIVE:
        return False
    if survey.audience == Survey.Audience.MEMBERS and roles.member_organisations(user).exists():
        return True
    return survey.invitations.filter(user=user, sent_at__isnull=False).exists()
