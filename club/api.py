"""The club's read-only events API: the events a caller may see (public ones for everyone, members-only ones for
current members and coordinators), with their times in UTC and in the event's own zone, and free places."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from club import selectors
from club.models import Event


class EventSerializer(serializers.ModelSerializer):
    """A club event. `starts_at`/`ends_at` are UTC; `local_start`/`local_end` carry the event zone's offset."""

    local_start = serializers.DateTimeField(read_only=True, help_text="Start in the event's time zone.")
    local_end = serializers.DateTimeField(read_only=True, help_text="End in the event's time zone.")
    registered = serializers.IntegerField(source="registered_count", read_only=True)
    waiting = serializers.IntegerField(source="waiting_count", read_only=True)
    registration_open = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    ics_url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "time_zone",
            "local_start",
            "local_end",
            "registration_deadline",
            "venue",
            "audience",
            "capacity",
            "registered",
            "waiting",
            "registration_open",
            "is_cancelled",
            "url",
            "ics_url",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # DRF renders datetimes in the current zone; the local fields must keep the event's own offset.
        data["local_start"] = instance.local_start.isoformat()
        data["local_end"] = instance.local_end.isoformat()
        return data

    def get_registration_open(self, event) -> bool:
        return event.registration_is_open()

    def get_url(self, event) -> str:
        return self.context["request"].build_absolute_uri(event.get_absolute_url())

    def get_ics_url(self, event) -> str:
        from django.urls import reverse

        return self.context["request"].build_absolute_uri(reverse("club:event_ics", args=[event.pk]))


@extend_schema_view(
    get=extend_schema(summary="Coming club events", description="Events not yet over, soonest first.", tags=["club"])
)
class EventListView(generics.ListAPIView):
    serializer_class = EventSerializer
    permission_classes = [AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        return selectors.events_upcoming(user=self.request.user)


@extend_schema_view(get=extend_schema(summary="One club event", tags=["club"]))
class EventDetailView(generics.RetrieveAPIView):
    serializer_class = EventSerializer
    permission_classes = [AllowAny]

    def get_object(self):
        return selectors.event_visible_to(user=self.request.user, pk=self.kwargs["pk"])
