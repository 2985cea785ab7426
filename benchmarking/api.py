"""API v1 of benchmarking: public aggregate statistics (groups of 5 or more only) and an organisation's benchmark
data for its managers."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import permissions as drf_permissions
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from benchmarking import permissions, selectors
from benchmarking.models import BenchmarkReport, GroupKind
from benchmarking.statistics import TOTAL, dimension_metric
from platform_directory.models import ClusterOrganisation
from portal.api_query import query_params


class StatisticSerializer(serializers.Serializer):
    """One metric's distribution in a peer group: quartiles and mean; the 10th and 90th percentiles only where at
    least 20 organisations have a value (null otherwise). Never a minimum or maximum (a single peer's value)."""

    metric = serializers.CharField(help_text="Indicator code, 'total' or 'dim:<n>'")
    n = serializers.IntegerField()
    p10 = serializers.FloatField(allow_null=True, help_text="10th percentile; null below 20 organisations.")
    q1 = serializers.FloatField()
    median = serializers.FloatField()
    q3 = serializers.FloatField()
    p90 = serializers.FloatField(allow_null=True, help_text="90th percentile; null below 20 organisations.")
    mean = serializers.FloatField()


class StatisticsQuerySerializer(serializers.Serializer):
    group = serializers.ChoiceField(
        choices=GroupKind.choices,
        required=False,
        default=GroupKind.ALL,
        error_messages={
            "invalid_choice": format_lazy(_("Unknown peer group; one of {groups}."), groups=", ".join(GroupKind.values))
        },
    )
    key = serializers.CharField(
        required=False, default="", allow_blank=True, help_text="Country code, sector or band; empty for all"
    )


class PublicStatisticsView(APIView):
    """Aggregate statistics per indicator for one peer group; groups with fewer than 5 organisations give 404."""

    permission_classes = [drf_permissions.AllowAny]

    @extend_schema(
        parameters=[StatisticsQuerySerializer],
        responses={
            200: inline_serializer(
                "BenchmarkStatistics",
                {
                    "group": serializers.CharField(),
                    "key": serializers.CharField(),
                    "label": serializers.CharField(),
                    "organisations": serializers.IntegerField(),
                    "computed_at": serializers.DateTimeField(),
                    "statistics": StatisticSerializer(many=True),
                },
            ),
            404: OpenApiResponse(description="No statistics yet, or fewer than 5 organisations in the group."),
        },
    )
    def get(self, request):
        query = query_params(request, StatisticsQuerySerializer)
        kind, key = query["group"], query["key"]
        figures = selectors.public_statistics(kind=kind, key=key)
        if figures["snapshot"] is None:
            raise Http404("No statistics have been computed yet.")
        if not figures["statistics"]:
            raise Http404("Too few peers: this group has fewer than 5 organisations with data.")
        order = (
            [i.code for i in selectors.framework_indicators()] + [TOTAL] + [dimension_metric(n) for n in range(1, 10)]
        )
        stats = sorted(
            figures["statistics"].values(), key=lambda s: order.index(s.metric) if s.metric in order else 999
        )
        return Response(
            {
                "group": kind,
                "key": key,
                "label": selectors.group_label(kind, key),
                "organisations": figures["n"],
                "computed_at": figures["snapshot"].computed_at,
                "statistics": StatisticSerializer(stats, many=True).data,
            }
        )


class OrganisationBenchmarkView(APIView):
    """The organisation's latest benchmark report as data: values, colours, percentile ranks and peer medians
    (groups of 5 or more only). For the organisation's managers; 404 for everyone else."""

    permission_classes = [drf_permissions.IsAuthenticated]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, slug):
        organisation = get_object_or_404(ClusterOrganisation, slug=slug)
        if not permissions.can_use_benchmark_api(request.user, organisation):
            raise Http404
        reports = list(
            BenchmarkReport.objects.filter(organisation=organisation)
            .select_related("snapshot")
            .order_by("-created_at", "-id")
        )
        if not reports:
            raise Http404("No benchmark report yet.")
        report = reports[0]
        groups = selectors.report_groups(report)
        items = {i["code"]: i for i in report.data.get("indicators", [])}
        indicators = []
        for info in selectors.framework_indicators():
            item = items.get(info.code, {})
            indicators.append(
                {
                    "code": info.code,
                    "name": info.name,
                    "value": item.get("value"),
                    "colour": item.get("colour"),
                    "percentile_ranks": {g.kind: (item.get("ranks") or {}).get(g.kind) for g in groups if g.shown},
                    "peer_medians": {
                        g.kind: g.statistics[info.code].median for g in groups if g.shown and info.code in g.statistics
                    },
                }
            )
        return Response(
            {
                "organisation": organisation.slug,
                "report": report.number,
                "created_at": report.created_at,
                "statistics_computed_at": report.snapshot.computed_at,
                "total": report.total,
                "dimensions": report.dimensions,
                "peer_groups": [
                    {
                        "group": g.kind,
                        "key": g.key,
                        "label": g.label,
                        "organisations": g.n if g.shown else None,
                        "shown": g.shown,
                    }
                    for g in groups
                ],
                "indicators": indicators,
                "reports": [{"report": r.number, "created_at": r.created_at, "total": r.total} for r in reports],
            }
        )
