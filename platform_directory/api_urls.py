from django.urls import path

from platform_directory import api

urlpatterns = [
    path(
        "directory/organisations/",
        api.OrganisationListView.as_view(),
        name="api-platform_directory-organisation-list",
    ),
    path(
        "directory/organisations/<slug:slug>/",
        api.OrganisationDetailView.as_view(),
        name="api-platform_directory-organisation-detail",
    ),
]
