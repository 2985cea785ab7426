"""API v1 of the knowledge area: the public module catalogue, recommendations for indicator codes, programmes."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework import permissions as drf_permissions
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from knowledge import selectors
from knowledge.indicators import INDICATORS
from knowledge.models import Module, TrainingProgramme


class ModuleSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    indicators = serializers.SerializerMethodField()
    dimensions = serializers.SerializerMethodField()

    class Meta:
        model = Module
        fields = ["slug", "title", "field", "level", "summary", "estimated_minutes", "indicators", "dimensions", "url"]

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        url = obj.get_absolute_url()
        return request.build_absolute_uri(url) if request else url

    def get_indicators(self, obj) -> list[str]:
        return [tag.indicator_code for tag in obj.indicator_tags.all()]

    def get_dimensions(self, obj) -> list[int]:
        return [tag.dimension for tag in obj.dimension_tags.all()]


class RecommendationSerializer(ModuleSerializer):
    relevance = serializers.IntegerField()
    matched_codes = serializers.ListField(child=serializers.CharField())

    class Meta(ModuleSerializer.Meta):
        fields = [*ModuleSerializer.Meta.fields, "relevance", "matched_codes"]


class ModuleListView(generics.ListAPIView):
    """Published training modules with their indicator and dimension tags (public)."""

    permission_classes = [drf_permissions.AllowAny]
    serializer_class = ModuleSerializer
    filterset_fields = ["field", "level"]

    def get_queryset(self):
        return Module.objects.published().prefetch_related("indicator_tags", "dimension_tags").order_by("order", "pk")


class RecommendationView(APIView):
    """Modules for a set of ECEI indicator codes, most relevant first (what benchmark reports show as "read next")."""

    permission_classes = [drf_permissions.AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("codes", OpenApiTypes.STR, required=True, description="Comma-separated, e.g. 3.1,4.2"),
            OpenApiParameter("red", OpenApiTypes.STR, description="Comma-separated codes that are red (weigh double)"),
            OpenApiParameter("limit", OpenApiTypes.INT, description="At most this many modules (1-50)"),
        ],
        responses=RecommendationSerializer(many=True),
    )
    def get(self, request):
        codes = [c.strip() for c in request.query_params.get("codes", "").split(",") if c.strip()]
        unknown = [c for c in codes if c not in INDICATORS]
        if not codes or unknown:
            raise ValidationError({"codes": _("Give one or more indicator codes such as 3.1,4.2 (1.1 to 6.4).")})
        red = {c.strip() for c in request.query_params.get("red", "").split(",") if c.strip()}
        try:
            limit = int(request.query_params.get("limit", 10))
        except ValueError:
            raise ValidationError({"limit": _("A whole number from 1 to 50.")}) from None
        if not 1 <= limit <= 50:
            raise ValidationError({"limit": _("A whole number from 1 to 50.")})
        colours = {code: ("red" if code in red else "yellow") for code in codes} if red else None
        modules = selectors.modules_for_indicators(codes=codes, limit=limit, colours=colours)
        return Response(RecommendationSerializer(modules, many=True, context={"request": request}).data)


class ProgrammeSerializer(serializers.ModelSerializer):
    topics = serializers.SerializerMethodField()

    class Meta:
        model = TrainingProgramme
        fields = [
            "id",
            "title",
            "provider",
            "description",
            "country",
            "language",
            "format",
            "duration",
            "duration_hours",
            "cost_eur",
            "cost_note",
            "url",
            "topics",
        ]

    def get_topics(self, obj) -> list[str]:
        return [topic.field for topic in obj.topics.all()]


class ProgrammeListView(generics.ListAPIView):
    """The approved training programmes of the catalogue (public)."""

    permission_classes = [drf_permissions.AllowAny]
    serializer_class = ProgrammeSerializer
    filterset_fields = ["format", "country", "language"]

    def get_queryset(self):
        return selectors.programme_catalogue().order_by("title", "pk")
