"""The portal's URLs. Each app registers its pages' URLconf, their prefix and, where it has an API, its API URLconf
(`portal.registry.urls`, from the app's ready()); they are mounted in INSTALLED_APPS order."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from portal import registry, views
from portal.api_schema import SchemaFormatNegotiation

admin.site.site_header = _("Cluster Excellence Portal – administration")
admin.site.site_title = _("Cluster Excellence Portal")

handler400 = "portal.views.error_400"
handler403 = "portal.views.error_403"
handler404 = "portal.views.error_404"
handler500 = "portal.views.error_500"

api_v1 = [path("", include(area.api)) for area in registry.urls if area.api]

urlpatterns = [
    path("", include("portal.page_urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("privacy.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path(
        "api/schema/",
        SpectacularAPIView.as_view(content_negotiation_class=SchemaFormatNegotiation),
        name="api-schema",
    ),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("healthz", views.healthz, name="healthz"),
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.public_media, name="public-media"),
    *[path(area.prefix, include(area.pages)) for area in registry.urls],
]
