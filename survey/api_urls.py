from django.urls import path

from survey import api

urlpatterns = [
    path("surveys/", api.PublishedSurveyListView.as_view(), name="api-survey-list"),
    path("surveys/training-needs/", api.TrainingNeedsView.as_view(), name="api-survey-training-needs"),
    path("surveys/<slug:slug>/summary/", api.SummaryView.as_view(), name="api-survey-summary"),
]
