"""The API's ways of signing in, each held to the two-factor policy (portal/mfa.py).

REST_FRAMEWORK's DEFAULT_AUTHENTICATION_CLASSES lists these only; a privileged person whose session or token does
not satisfy the policy is refused with 403 and the reason in JSON, on every endpoint, public ones included.
"""

from __future__ import annotations

from drf_spectacular.authentication import SessionScheme
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication, TokenAuthentication

from portal.mfa import mfa_refusal_body, mfa_shortfall


class MFARequired(exceptions.PermissionDenied):
    """403: the person's role needs a second factor this way of signing in does not have."""

    default_code = "mfa_required"


class EnforcesMFAPolicy:
    """Marks an authentication class that applies the two-factor policy (a test checks every class in use does)."""


class MFASessionAuthentication(EnforcesMFAPolicy, SessionAuthentication):
    """The browser's session (CSRF checked as usual), refused when it does not satisfy the policy."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            _enforce(result[0], request=request._request)
        return result


class MFATokenAuthentication(EnforcesMFAPolicy, TokenAuthentication):
    """`Authorization: Token <key>`, refused for a privileged person without a second factor, or with a token created
    before it was set up."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        _enforce(user, token=token)
        return user, token


def _enforce(user, **credential) -> None:
    shortfall = mfa_shortfall(user, **credential)
    if shortfall is not None:
        raise MFARequired(mfa_refusal_body(shortfall))


class MFASessionScheme(SessionScheme):
    """The OpenAPI schema names the session as cookie authentication, as it does DRF's own class."""

    target_class = "portal.api_auth.MFASessionAuthentication"
