"""Holds every session of staff and assessors to the two-factor policy (portal/mfa.py) before anything else."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import redirect

from portal.mfa import MFAShortfall, mfa_next_step_path, mfa_reason, mfa_refusal_body, mfa_shortfall

# Where a person without what the policy asks may still go: allauth's pages (to set up or use their factor, or to sign
# out), static files, the health check, the language switch.
_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/healthz", "/i18n/")
_API_PREFIX = "/api/"


class RequireMFAMiddleware:
    """A session that does not satisfy the policy reaches no page, whichever flow signed it in: pages send the person
    to set up their factor (or to confirm this session with it), the API answers 403 with the reason in JSON."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.PORTAL_REQUIRE_MFA_FOR_PRIVILEGED  # first: with the policy off, no session is loaded for it
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and request.user.is_authenticated
        ):
            shortfall = mfa_shortfall(request.user, request=request)
            if shortfall is not None:
                return _refuse(request, shortfall)
        return self.get_response(request)


def _refuse(request, shortfall: MFAShortfall):
    if request.path.startswith(_API_PREFIX):
        return JsonResponse(mfa_refusal_body(shortfall), status=403)
    messages.warning(request, mfa_reason(shortfall))
    if shortfall is MFAShortfall.NOT_USED:  # back to this page once confirmed
        return redirect_to_login(request.get_full_path(), mfa_next_step_path(shortfall))
    return redirect(mfa_next_step_path(shortfall))
