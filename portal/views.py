"""Home, dashboard, coordination hub, health check, background job status and error pages."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, SuspiciousFileOperation
from django.db import connection
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils._os import safe_join
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from portal import registry, roles
from portal.celery import app
from portal.dashboard import panels_for
from portal.middleware import RequestBodyTooLarge, body_too_large_response
from portal.models import TaskRun


@require_safe
def home(request):
    return render(request, "portal/home.html", {"figures": registry.home["headline_figures"]()})


@login_required
@require_safe
def dashboard(request):
    # A coordinator's dashboard opens with what waits on the coordinators.
    panels = panels_for(request, coordinator=True) if roles.is_coordinator(request.user) else []
    return render(request, "portal/dashboard.html", {"panels": panels + panels_for(request)})


@login_required
@require_safe
def coordination(request):
    if not roles.is_coordinator(request.user):
        raise PermissionDenied
    return render(request, "portal/coordination.html", {"panels": panels_for(request, coordinator=True)})


@login_required
@never_cache
@require_safe
def task_status(request, run_id):
    """The progress of a background job, as an htmx fragment (polled) or JSON."""
    run = get_object_or_404(TaskRun, pk=run_id)
    if not (roles.is_coordinator(request.user) or run.started_by_id == request.user.pk):
        raise Http404
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse(
            {
                "state": run.state,
                "current": run.current,
                "total": run.total,
                "percent": run.percent,
                "message": run.message,
            }
        )
    return render(request, "portal/_task_progress.html", {"run": run})


@require_GET
@never_cache
def healthz(request):
    """Database and broker status: 200 when both answer, 503 otherwise."""
    status = {"database": _database_status(), "broker": _broker_status()}
    healthy = all(value in ("ok", "in-process") for value in status.values())
    return JsonResponse({"status": "ok" if healthy else "unavailable", **status}, status=200 if healthy else 503)


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return "ok"
    except Exception:  # noqa: BLE001 - any failure means the database is not usable
        return "down"


def _broker_status() -> str:
    if not settings.CELERY_BROKER_URL:
        return "in-process"

    try:
        with app.connection_for_write(url=settings.CELERY_BROKER_URL) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception:  # noqa: BLE001
        return "down"


# Public uploads are images whose format was checked when they were uploaded (logos). Anything else under
# MEDIA_ROOT is not served, and what is served can never be taken for a page: fixed image type, nosniff, sandbox.
PUBLIC_MEDIA_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp"}


@require_GET
def public_media(request, path: str):
    """Serve an uploaded public image (in production too: docker-compose has no separate file server)."""
    content_type = PUBLIC_MEDIA_TYPES.get(Path(path).suffix.lower())
    if content_type is None:
        raise Http404
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, path))
    except SuspiciousFileOperation as error:
        raise Http404 from error
    if not full_path.is_file():
        raise Http404
    response = FileResponse(full_path.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=86400"
    return response


def error_400(request, exception=None):
    """A malformed request; a body larger than its URL allows (portal/middleware.py) is 413, naming the limit."""
    if isinstance(exception, RequestBodyTooLarge):
        return body_too_large_response(request, exception.limit)
    message = gettext("The request could not be understood. Check what you sent and try again.")
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    if not hasattr(request, "user"):
        request.user = AnonymousUser()
    return render(request, "errors/400.html", {"message": message}, status=400)


def error_403(request, exception=None):
    return render(request, "errors/403.html", status=403)


def error_404(request, exception=None):
    if request.path.startswith("/api/"):
        # An API client gets the JSON error the schema documents, also for a URL that matches no endpoint.
        return JsonResponse({"detail": gettext("Not found.")}, status=404)
    return render(request, "errors/404.html", status=404)


def error_500(request):
    return render(request, "errors/500.html", status=500)
