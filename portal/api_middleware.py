"""The API refuses a NUL character in its query parameters with a 400 naming the parameter, as its schema says
(portal/api_schema.py): PostgreSQL can neither store nor compare one, and a filter that quietly dropped it would
answer for a different question than the one asked."""

from __future__ import annotations

from django.http import JsonResponse
from django.utils.translation import gettext as _


class ApiRefusesNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            wrong = sorted(
                {name for name, values in request.GET.lists() if "\x00" in name or any("\x00" in v for v in values)}
            )
            if wrong:
                message = _("A NUL character is not allowed here.")
                return JsonResponse({name.replace("\x00", "\ufffd"): [message] for name in wrong}, status=400)
        return self.get_response(request)
