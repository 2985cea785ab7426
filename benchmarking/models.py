"""Models of the benchmarking app: snapshots of peer statistics, benchmark reports and "learn from us" opt-ins.

Benchmarking never writes labelling's tables: it reads the assessors' values through
`labelling.selfassessment.selectors_benchmarking` and keeps its results here.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A peer group with fewer organisations than this is never shown ("too few peers").
MIN_PEERS = 5
# The 10th and 90th percentiles are kept and shown only from this many values on.
OUTER_PERCENTILES_MIN_PEERS = 20


class GroupKind(models.TextChoices):
    ALL = "all", _("All organisations")
    COUNTRY = "country", _("Same country")
    SECTOR = "sector", _("Same sector")
    AGE = "age", _("Same age band")
    SIZE = "size", _("Same size band")
    EXCELLENCE = "excellence", _("Excellence group (current Gold labels)")


class AgeBand(models.TextChoices):
    YOUNG = "young", _("younger than 3 years")
    ESTABLISHED = "established", _("3 to 10 years old")
    MATURE = "mature", _("older than 10 years")

    @classmethod
    def of(cls, age_in_years: int) -> AgeBand:
        if age_in_years < 3:
            return cls.YOUNG
        if age_in_years <= 10:
            return cls.ESTABLISHED
        return cls.MATURE


class StatisticsSnapshot(models.Model):
    """One computation of the peer statistics: when, over how many organisations, how long it took.

    Reports point at the snapshot they were made from, so a report keeps showing the figures of its day; a
    recomputation deletes older snapshots that no report uses.
    """

    computed_at = models.DateTimeField(_("computed"), default=timezone.now, db_index=True)
    organisations = models.PositiveIntegerField(_("organisations with data"), default=0)
    values = models.PositiveIntegerField(_("values"), default=0)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    framework_code = models.CharField(_("framework"), max_length=40, blank=True)
    # Score distribution over all organisations (10-point bins of the total score) for the programme view.
    histogram = models.JSONField(_("score histogram"), default=list, blank=True)
    task_run = models.ForeignKey(
        "portal.TaskRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("job")
    )

    class Meta:
        verbose_name = _("statistics snapshot")
        verbose_name_plural = _("statistics snapshots")
        ordering = ["-computed_at", "-id"]
        get_latest_by = "computed_at"

    def __str__(self) -> str:
        return f"{self.computed_at:%Y-%m-%d %H:%M} ({self.organisations})"


class PeerStatistic(models.Model):
    """The distribution of one metric (an indicator code, "total" or "dim:<n>") in one peer group of a snapshot.

    Groups of fewer than MIN_PEERS organisations are stored with their count only: no figure of theirs exists.
    The spread is kept as quartiles, and as the 10th and 90th percentiles from OUTER_PERCENTILES_MIN_PEERS values
    on; never the minimum or the maximum, which are single peers' values (domain.md, 2026-12-02).
    """

    snapshot = models.ForeignKey(StatisticsSnapshot, on_delete=models.CASCADE, related_name="statistics")
    metric = models.CharField(_("metric"), max_length=12)
    group_kind = models.CharField(_("peer group"), max_length=10, choices=GroupKind.choices)
    group_key = models.CharField(_("group key"), max_length=30, blank=True)
    n = models.PositiveIntegerField(_("organisations"))
    p10 = models.FloatField(_("10th percentile"), null=True)
    q1 = models.FloatField(_("first quartile"), null=True)
    median = models.FloatField(_("median"), null=True)
    q3 = models.FloatField(_("third quartile"), null=True)
    p90 = models.FloatField(_("90th percentile"), null=True)
    mean = models.FloatField(_("mean"), null=True)

    class Meta:
        verbose_name = _("peer statistic")
        verbose_name_plural = _("peer statistics")
        ordering = ["snapshot", "group_kind", "group_key", "metric"]
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "metric", "group_kind", "group_key"], name="one_statistic_per_metric_and_group"
            ),
            models.CheckConstraint(
                condition=Q(n__gte=MIN_PEERS, median__isnull=False) | Q(n__lt=MIN_PEERS, median__isnull=True),
                name="statistic_only_for_enough_peers",
            ),
            models.CheckConstraint(
                condition=Q(median__isnull=True)
                | Q(q1__lte=models.F("median"), median__lte=models.F("q3"))
                & (Q(p10__isnull=True) | Q(p10__lte=models.F("q1")))
                & (Q(p90__isnull=True) | Q(q3__lte=models.F("p90"))),
                name="statistic_quantiles_ordered",
            ),
            models.CheckConstraint(
                condition=Q(p10__isnull=True, p90__isnull=True) | Q(n__gte=OUTER_PERCENTILES_MIN_PEERS),
                name="statistic_outer_percentiles_from_20",
            ),
        ]
        indexes = [models.Index(fields=["snapshot", "group_kind", "group_key"], name="peerstat_group_idx")]

    def __str__(self) -> str:
        return f"{self.metric} {self.group_kind}:{self.group_key} n={self.n}"

    @property
    def is_shown(self) -> bool:
        return self.n >= MIN_PEERS


class ReportNumberSequence(models.Model):
    """The last report number used in a year (report ids look like DEU-2026-000123)."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("report number sequence")
        verbose_name_plural = _("report number sequences")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


def _report_pdf_path(instance, filename: str) -> str:
    return f"benchmark-reports/{instance.organisation_id}/{instance.number}-{secrets.token_hex(6)}.pdf"


def _private_storage():
    return storages["private"]


class BenchmarkReport(models.Model):
    """An organisation's benchmark report: its values, colours and percentile ranks among its peers, frozen on
    the day it was made, with the statistics snapshot it compares against."""

    number = models.CharField(_("report id"), max_length=20, unique=True)
    organisation = models.ForeignKey(
        "platform_directory.ClusterOrganisation", on_delete=models.CASCADE, related_name="benchmark_reports"
    )
    assessment = models.ForeignKey(
        "labelling.Assessment", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("assessment")
    )
    snapshot = models.ForeignKey(StatisticsSnapshot, on_delete=models.PROTECT, related_name="reports")
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("previous report")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    total = models.FloatField(_("total score (%)"), null=True)
    dimensions = models.JSONField(_("dimension scores"), default=dict)
    # {"groups": [...], "indicators": [...], "assessment": {...}}: see services.report_data_for.
    data = models.JSONField(_("report data"), default=dict)
    pdf = models.FileField(_("PDF"), upload_to=_report_pdf_path, storage=_private_storage, blank=True, max_length=300)

    class Meta:
        verbose_name = _("benchmark report")
        verbose_name_plural = _("benchmark reports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-created_at"], name="report_org_newest_idx")]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("benchmarking:report", kwargs={"number": self.number})


class LearnFromUsOptIn(models.Model):
    """An organisation agrees to be named, with its value, to peers who are red or yellow on an indicator where
    it is green ("learn from us")."""

    organisation = models.ForeignKey(
        "platform_directory.ClusterOrganisation", on_delete=models.CASCADE, related_name="learn_from_us"
    )
    indicator_code = models.CharField(_("indicator"), max_length=10)
    created_at = models.DateTimeField(_("opted in"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("“learn from us” opt-in")
        verbose_name_plural = _("“learn from us” opt-ins")
        ordering = ["organisation", "indicator_code"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "indicator_code"], name="one_opt_in_per_indicator")
        ]
        indexes = [models.Index(fields=["indicator_code"], name="optin_indicator_idx")]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.indicator_code}"
