from django.urls import path

from club import api

urlpatterns = [
    path("club/events/", api.EventListView.as_view(), name="api-club-event-list"),
    path("club/events/<int:pk>/", api.EventDetailView.as_view(), name="api-club-event-detail"),
]
