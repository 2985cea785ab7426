"""The two-factor policy: who must use a second factor, and whether a way of signing in satisfies it.

Staff, superusers and assessors (portal.roles.requires_mfa) must use a second factor when
PORTAL_REQUIRE_MFA_FOR_PRIVILEGED is on, whatever way they come in. Every way asks `mfa_shortfall`:

- a session (portal.middleware.RequireMFAMiddleware), whichever flow made it: allauth's login (password, login by
  code, password reset, e-mail confirmation), the admin's login (sent to allauth's, portal/admin.py), or code that
  logs someone in. A session satisfies the policy when the person has a second factor and used it in this session
  (allauth records each method used in the session; activating TOTP counts, see `record_enrolment`).
- the API (portal.api_auth): its session authentication as above, and its token authentication: a token satisfies
  the policy when the person has a second factor and the token was created after it was set up. A token made
  before (a script's token from before the policy, or from before the factor was last removed and set up again)
  is refused, so a token is only ever created by someone whose account already had its second factor.
"""

from __future__ import annotations

import enum
from datetime import datetime

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.roles import requires_mfa

# The kinds of authenticator that are a second factor (recovery codes only stand in for one).
FACTOR_TYPES = ("totp", "webauthn")


class MFAShortfall(enum.Enum):
    """Why a way of signing in does not satisfy the policy; the value is the code the API answers with."""

    NOT_SET_UP = "mfa_not_set_up"
    NOT_USED = "mfa_not_used"
    TOKEN_PREDATES_MFA = "token_predates_mfa"


def mfa_required_for(user) -> bool:
    """Whether the policy asks this person for a second factor (the setting is on and their role needs one)."""
    return bool(settings.PORTAL_REQUIRE_MFA_FOR_PRIVILEGED and user.is_authenticated and requires_mfa(user))


def mfa_active_since(user) -> datetime | None:
    """When the person's current second factor was set up (the oldest one still active), or None without one."""
    return (
        Authenticator.objects.filter(user_id=user.pk, type__in=FACTOR_TYPES)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )


def mfa_shortfall(user, *, request: HttpRequest | None = None, token=None) -> MFAShortfall | None:
    """What is missing for `user` signed in by this session (`request`) or API token (`token`); None when nothing.

    Exactly one of `request` and `token` says how the person signed in.
    """
    if (request is None) == (token is None):
        raise TypeError("mfa_shortfall needs the session's request or the token, not both")
    if not mfa_required_for(user):
        return None
    since = mfa_active_since(user)
    if since is None:
        return MFAShortfall.NOT_SET_UP
    if token is not None:
        return MFAShortfall.TOKEN_PREDATES_MFA if token.created < since else None

    used = any(record.get("method") == "mfa" for record in get_authentication_records(request, user))
    return None if used else MFAShortfall.NOT_USED


def mfa_satisfied(user, *, request: HttpRequest | None = None, token=None) -> bool:
    """Whether the policy lets `user` in by this session or token (see `mfa_shortfall`)."""
    return mfa_shortfall(user, request=request, token=token) is None


def mfa_next_step_path(shortfall: MFAShortfall) -> str:
    """The page where the person does what is missing: set up a factor, or confirm this session with it."""
    return reverse("mfa_reauthenticate" if shortfall is MFAShortfall.NOT_USED else "mfa_activate_totp")


def mfa_next_step_url(shortfall: MFAShortfall) -> str:
    """The same page as a full address (API clients read it in the reason)."""
    return settings.SITE_URL + mfa_next_step_path(shortfall)


def mfa_reason(shortfall: MFAShortfall) -> str:
    """The reason given to the person, with where to go."""
    url = mfa_next_step_url(shortfall)
    if shortfall is MFAShortfall.NOT_SET_UP:
        return _(
            "Two-factor authentication is required for staff and assessor accounts, and this account has none: "
            "set it up at %(url)s. API tokens work only once it is set up, and only those created after that."
        ) % {"url": url}
    if shortfall is MFAShortfall.TOKEN_PREDATES_MFA:
        return _(
            "Two-factor authentication is required for staff and assessor accounts, and this token was created "
            "before it was set up on the account: use a token created since (an administrator creates one)."
        )
    return _(
        "Two-factor authentication is required for staff and assessor accounts, and this session was signed in "
        "without it: confirm with your second factor at %(url)s."
    ) % {"url": url}


def mfa_refusal_body(shortfall: MFAShortfall) -> dict[str, str]:
    """The JSON body of a 403 from the API: the reason, a stable code, and where to go."""
    return {"detail": mfa_reason(shortfall), "code": shortfall.value, "url": mfa_next_step_url(shortfall)}


def record_enrolment(sender, request=None, user=None, authenticator=None, **kwargs) -> None:
    """allauth's authenticator_added: activating a factor took a valid code from it, so this session has used it."""
    if request is None or user is None or authenticator is None or authenticator.type not in FACTOR_TYPES:
        return

    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type, enrolled=True)
