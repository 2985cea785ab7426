from django.contrib import admin

from benchmarking.models import (
    BenchmarkReport,
    LearnFromUsOptIn,
    PeerStatistic,
    ReportNumberSequence,
    StatisticsSnapshot,
)
from portal.admin_helpers import ReadOnlyModelAdmin


@admin.register(StatisticsSnapshot)
class StatisticsSnapshotAdmin(admin.ModelAdmin):
    list_display = ["computed_at", "organisations", "values", "duration_ms", "framework_code"]
    readonly_fields = [f.name for f in StatisticsSnapshot._meta.fields]


@admin.register(PeerStatistic)
class PeerStatisticAdmin(admin.ModelAdmin):
    list_display = ["metric", "group_kind", "group_key", "n", "median", "snapshot"]
    list_filter = ["group_kind", "metric"]
    search_fields = ["metric", "group_key"]
    list_select_related = ["snapshot"]


@admin.register(BenchmarkReport)
class BenchmarkReportAdmin(admin.ModelAdmin):
    list_display = ["number", "organisation", "created_at", "total"]
    search_fields = ["number", "organisation__name"]
    list_select_related = ["organisation"]
    readonly_fields = ["number", "organisation", "assessment", "snapshot", "previous", "created_at", "total"]
    exclude = ["data", "dimensions", "pdf"]

    def has_add_permission(self, request):
        # Reports come from the recomputation; an add form of read-only fields would save a report of nobody.
        return False


@admin.register(LearnFromUsOptIn)
class LearnFromUsOptInAdmin(admin.ModelAdmin):
    list_display = ["organisation", "indicator_code", "created_at"]
    search_fields = ["organisation__name", "indicator_code"]
    list_select_related = ["organisation"]


@admin.register(ReportNumberSequence)
class ReportNumberSequenceAdmin(ReadOnlyModelAdmin):
    """The per-year counters behind report ids such as DEU-2026-000123."""
