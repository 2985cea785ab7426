"""The portal's own middleware: the front door (request bodies no larger than their URL allows, no NUL characters)
and the two-factor policy (portal/mfa.py) for every session of staff and assessors."""

from __future__ import annotations

import html
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.http import JsonResponse, QueryDict
from django.http.multipartparser import MultiPartParser, MultiPartParserError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.mfa import MFAShortfall, mfa_next_step_path, mfa_reason, mfa_refusal_body, mfa_shortfall
from portal.request_limits import BodyLimit, body_limit_for

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


# --- The front door: request bodies and NUL bytes -------------------------------------------------------------


class RequestBodyTooLarge(RequestDataTooBig):
    """More was sent than the URL allows. A RequestDataTooBig, so Django answers it through handler400, which turns
    it into 413 naming the limit (portal.views.error_400)."""

    def __init__(self, limit: BodyLimit):
        super().__init__(f"request body larger than {limit.cap} bytes")
        self.limit = limit


class CappedStream:
    """The request's input, raising RequestBodyTooLarge as soon as more than the cap has been read. Content-Length
    is checked before anything is read; this catches what it does not announce (a chunked body, a server that
    passes more than it declared)."""

    def __init__(self, stream, limit: BodyLimit):
        self._stream = stream
        self._limit = limit
        self._read = 0

    def _count(self, data: bytes) -> bytes:
        self._read += len(data)
        if self._read > self._limit.cap:
            raise RequestBodyTooLarge(self._limit)
        return data

    def read(self, size: int | None = None) -> bytes:
        # Never ask for more than one byte past the cap: that byte is enough to know it was exceeded.
        room = self._limit.cap - self._read + 1
        size = room if size is None or size < 0 else min(size, room)
        return self._count(self._stream.read(size))

    def readline(self, size: int | None = None) -> bytes:
        room = self._limit.cap - self._read + 1
        size = room if size is None or size < 0 else min(size, room)
        return self._count(self._stream.readline(size))

    def __iter__(self):
        while line := self.readline():
            yield line

    def close(self):
        close = getattr(self._stream, "close", None)
        if close is not None:
            close()


def body_too_large_response(request, limit: BodyLimit):
    message = _("The request is too large: at most %(size)s MB can be sent here.") % {"size": limit.allowed_text}
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    _ensure_user(request)
    return render(request, "errors/413.html", {"message": message}, status=413)


class RequestBodyLimitMiddleware:
    """Answers 413 before reading a body larger than its URL allows (portal/request_limits.py): an anonymous 30 MB
    upload costs the server nothing but the headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = body_limit_for(request.path_info)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # what Django makes of it too: no body is read
        if length > limit.cap:
            return body_too_large_response(request, limit)
        # Django reads the body through request._stream only (WSGIRequest), so that is the one to cap.
        if hasattr(request, "_stream"):
            request._stream = CappedStream(request._stream, limit)
        return self.get_response(request)


NUL = "\x00"


class RejectNulMiddleware:
    """Answers 400 to a request with a NUL character in its path, query string, form values, uploaded file names,
    JSON body or headers. No text the portal stores or searches may hold one (PostgreSQL refuses it in text, which
    gave 500s), and no browser sends one; a request with one is crafted. portal/text.py still strips control
    characters from form values that reach a CharField another way."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            return nul_response(request)
        return self.get_response(request)


def nul_response(request):
    message = _("The request contains a NUL character, which the portal does not accept. Remove it and try again.")
    if request.path_info.startswith("/api/"):
        # Like the API's other 400s, the answer names the query parameters at fault (`{"name": ["reason"]}`).
        named = {
            name.replace(NUL, "\ufffd"): [message]
            for name, values in request.GET.lists()
            if NUL in name or any(NUL in value for value in values)
        }
        return JsonResponse({"detail": message, **named}, status=400)
    _ensure_user(request)
    return render(request, "errors/400.html", {"message": message}, status=400)


def _has_nul(request) -> bool:
    if NUL in request.path_info or NUL in request.path:
        return True
    headers = (value for key, value in request.META.items() if key.startswith("HTTP_") or key == "CONTENT_TYPE")
    if any(NUL in value for value in headers if isinstance(value, str)):
        return True
    if any(NUL in key or NUL in value for key, value in request.COOKIES.items()):  # a quoted cookie may spell \000
        return True
    if _query_dict_has_nul(request.GET):
        return True
    content_type = request.content_type or ""
    if content_type == "multipart/form-data":
        return _multipart_has_nul(request)
    if content_type == "application/x-www-form-urlencoded":
        form = request.POST if request.method == "POST" else QueryDict(request.body, encoding=request.encoding)
        return _query_dict_has_nul(form)
    if content_type == "application/json" or content_type.endswith("+json"):
        body = request.body
        if b"\x00" in body:
            return True
        if b"\\u0000" not in body.lower():
            return False
        try:
            return _json_has_nul(json.loads(body))
        except ValueError:
            return False  # not JSON: the API says so itself
    return False


class _NulSpottingMultiPartParser(MultiPartParser):
    """Django's multipart parser, noting a NUL in a file name before its sanitising silently drops it."""

    nul_in_file_name = False

    def sanitize_file_name(self, file_name):
        if NUL in html.unescape(file_name):
            self.nul_in_file_name = True
        return super().sanitize_file_name(file_name)


def _multipart_has_nul(request) -> bool:
    """Parses the form as request.POST would (what Django's HttpRequest._load_post_and_files does for POST), also
    for PUT and PATCH, whose form DRF then takes from request._post and request._files."""
    if request._read_started:
        return False
    parser = _NulSpottingMultiPartParser(request.META, request, request.upload_handlers, request.encoding)
    try:
        request._post, request._files = parser.parse()
    except (MultiPartParserError, TooManyFilesSent):
        request._mark_post_parse_error()
        raise
    return (
        parser.nul_in_file_name
        or _query_dict_has_nul(request._post)
        or any(NUL in key for key in request._files)
        or any(NUL in (upload.name or "") for upload in request._files.values())
    )


def _query_dict_has_nul(data) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in data.lists())


def _json_has_nul(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(NUL in key or _json_has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_json_has_nul(item) for item in value)
    return False


def _ensure_user(request) -> None:
    """The error pages extend base.html, which shows the user menu; these answers come before authentication."""
    if not hasattr(request, "user"):
        request.user = AnonymousUser()
