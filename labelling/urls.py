"""The labelling app's pages, one `urls.py` per part, all in the `labelling` namespace (URL names and paths are
stable: the permission matrix names them)."""

from django.urls import include, path

app_name = "labelling"

urlpatterns = [
    path("", include("labelling.selfassessment.urls")),
    path("", include("labelling.review.urls")),  # review, decisions, appeals
    path("labels/", include("labelling.certificates.urls")),  # registry, verification, badges, certificates
]
