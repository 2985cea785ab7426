"""The portal's URLs plus /bench/trivial/, the smallest Django view, for the load test's comparison. Used only
by bench/load_settings.py: the portal's own URLconf has no such view."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import handler403, handler404, handler500  # noqa: F401
from portal.urls import urlpatterns as portal_urlpatterns


def trivial(request):
    """A few bytes of text through the whole middleware stack: what a request costs before any portal code."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial), *portal_urlpatterns]
