"""API v1 of the knowledge area: the public module catalogue, recommendations for indicator codes, programmes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework import permissions as drf_permissions
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from knowledge import selectors
from knowledge.indicators import INDICATORS
from knowledge.models import Module, TrainingProgramme
from portal.api_query import query_params


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


class IndicatorCodesField(serializers.Field):
    """Indicator codes, comma-separated (`3.1,4.2`): each one of the framework's, none twice."""

    default_error_messages = {
        "invalid": _("Give indicator codes such as 3.1,4.2 (1.1 to 6.4), separated by commas."),
        "unknown": _("No indicator has the code %(code)s (codes run from 1.1 to 6.4)."),
    }

    def __init__(self, *, min_codes: int = 0, **kwargs):
        self.min_codes = min_codes
        super().__init__(**kwargs)

    def to_internal_value(self, data) -> list[str]:
        if not isinstance(data, str):
            self.fail("invalid")
        codes = data.split(",") if data else []
        if len(codes) < self.min_codes or len(set(codes)) != len(codes):
            self.fail("invalid")
        for code in codes:
            if code not in INDICATORS:
                raise ValidationError(self.error_messages["unknown"] % {"code": code[:20]})
        return codes

    def to_representation(self, value):
        return ",".join(value)


class RecommendationQuerySerializer(serializers.Serializer):
    codes = IndicatorCodesField(min_codes=1)
    red = IndicatorCodesField(required=False)
    limit = serializers.IntegerField(required=False, default=10, min_value=1, max_value=50)


class RecommendationView(APIView):
    """Modules for a set of ECEI indicator codes, most relevant first (what benchmark reports show as "read next")."""

    permission_classes = [drf_permissions.AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "codes",
                {
                    "type": "array",
                    "items": {"type": "string", "enum": list(INDICATORS)},
                    "minItems": 1,
                    "uniqueItems": True,
                },
                required=True,
                style="form",
                explode=False,
                description="Indicator codes, comma-separated, e.g. 3.1,4.2",
            ),
            OpenApiParameter(
                "red",
                {"type": "array", "items": {"type": "string", "enum": list(INDICATORS)}, "uniqueItems": True},
                style="form",
                explode=False,
                description="Comma-separated codes that are red (weigh double)",
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": 50},
                description="At most this many modules (default 10)",
            ),
        ],
        responses=RecommendationSerializer(many=True),
    )
    def get(self, request):
        query = query_params(request, RecommendationQuerySerializer)
        codes, red, limit = query["codes"], set(query.get("red", [])), query["limit"]
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
