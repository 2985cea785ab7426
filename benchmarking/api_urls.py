from django.urls import path

from benchmarking import api

urlpatterns = [
    path("benchmarking/statistics/", api.PublicStatisticsView.as_view(), name="api-benchmarking-statistics"),
    path(
        "benchmarking/organisations/<slug:slug>/",
        api.OrganisationBenchmarkView.as_view(),
        name="api-benchmarking-organisation",
    ),
]
