"""The club's read-only events API: the events a caller may see (public ones for everyone, members-only ones for
current members and coordinators), with their times in UTC and in the event's own zone, free places, and the
online link for those who may see it (club.permissions.can_see_online_link)."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from club import permissions, selectors
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
    online_url = serializers.SerializerMethodField(
        help_text="The link to join online: for the people registered, the organiser and the coordinators; null for "
        "everyone else (and for events without one)."
    )

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
            "online_url",
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

    def get_online_url(self, event) -> str | None:
        user = self.context["request"].user
        registered = self.context.get("registered_event_ids")
        if event.online_url and permissions.can_see_online_link(user, event, registered_event_ids=registered):
            return event.online_url
        return None

    def get_url(self, event) -> str:
        return self.context["request"].build_absolute_uri(event.get_absolute_url())

    def get_ics_url(self, event) -> str:
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

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "registered_event_ids": _registered(self.request.user)}


@extend_schema_view(get=extend_schema(summary="One club event", tags=["club"]))
class EventDetailView(generics.RetrieveAPIView):
    serializer_class = EventSerializer
    permission_classes = [AllowAny]

    def get_object(self):
        return selectors.event_visible_to(user=self.request.user, pk=self.kwargs["pk"])

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "registered_event_ids": _registered(self.request.user)}


def _registered(user) -> set[int]:
    """The events the caller holds a place at, read once for the whole page of events."""
    return permissions.registered_event_ids_of(user)
