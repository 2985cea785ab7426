from django.urls import path

from knowledge import api

urlpatterns = [
    path("knowledge/modules/", api.ModuleListView.as_view(), name="api-knowledge-modules"),
    path("knowledge/recommendations/", api.RecommendationView.as_view(), name="api-knowledge-recommendations"),
    path("knowledge/programmes/", api.ProgrammeListView.as_view(), name="api-knowledge-programmes"),
]
