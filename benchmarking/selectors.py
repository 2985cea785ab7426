"""Reads of the benchmarking area: the data set behind the statistics, snapshots, reports and peer figures."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from benchmarking.models import (
    MIN_PEERS,
    AgeBand,
    BenchmarkReport,
    GroupKind,
    LearnFromUsOptIn,
    PeerStatistic,
    StatisticsSnapshot,
)
from benchmarking.statistics import TOTAL, Dataset, IndicatorInfo, OrganisationInfo, build_dataset
from labelling.framework.scoring import format_value, indicator_colour
from labelling.models import Framework, Indicator, Label
from labelling.selfassessment.selectors_benchmarking import reviewed_values
from platform_directory.choices import Sector, SizeBand
from platform_directory.models import ClusterOrganisation
from portal.countries import country_name


def current_framework():
    """The latest published indicator framework (the one reports describe), or None."""

    return Framework.objects.filter(published_at__isnull=False).order_by("-published_at", "-version").first()


def framework_indicators(framework=None) -> list[IndicatorInfo]:
    """The indicators of `framework` (default: the current one) in framework order (one query)."""

    framework = framework or current_framework()
    if framework is None:
        return []
    return [
        IndicatorInfo(
            id=pk,
            code=code,
            name=name,
            kind=kind,
            direction=direction,
            green=None if green is None else float(green),
            yellow=None if yellow is None else float(yellow),
            weight=float(weight),
            dimension=dimension,
            dimension_name=dimension_name,
            unit=unit,
            choices=tuple(choices or ()),
        )
        for pk, code, name, kind, direction, green, yellow, weight, dimension, dimension_name, unit, choices in (
            Indicator.objects.filter(framework=framework)
            .order_by("position")
            .values_list(
                "pk",
                "code",
                "name",
                "kind",
                "direction",
                "green_threshold",
                "yellow_threshold",
                "weight",
                "dimension__number",
                "dimension__name",
                "unit",
                "choices",
            )
        )
    ]


def current_gold_holder_ids() -> set[int]:
    """Organisations holding a Gold label valid today (the excellence group), one query."""

    today = timezone.localdate()
    return set(
        Label.objects.filter(
            level="gold", status=Label.Status.VALID, valid_from__lte=today, valid_until__gte=today
        ).values_list("organisation_id", flat=True)
    )


def organisation_infos(organisation_ids: Iterable[int], *, gold: set[int] | None = None) -> dict[int, OrganisationInfo]:
    """Peer-group attributes of the organisations (one query, plus one for the Gold holders if not given)."""
    gold = current_gold_holder_ids() if gold is None else gold
    year = timezone.localdate().year
    result = {}
    for pk, country, sector, founded, participants in ClusterOrganisation.objects.filter(
        pk__in=list(organisation_ids)
    ).values_list("pk", "country", "main_sector", "founding_year", "participants"):
        result[pk] = OrganisationInfo(
            id=pk,
            country=country,
            sector=sector,
            age_band=AgeBand.of(year - founded),
            size_band=SizeBand.of(participants or 0),
            excellent=pk in gold,
        )
    return result


def benchmark_dataset(*, keep_raw_for: Iterable[int] | None = None) -> Dataset:
    """Everything the statistics need, read set-wise: indicators (1 query), values (1), organisations (1),
    Gold holders (1). Never a query per organisation."""

    framework = current_framework()
    indicators = framework_indicators(framework)
    rows = reviewed_values()
    organisations = organisation_infos({row[0] for row in rows})
    dataset = build_dataset(indicators=indicators, rows=rows, organisations=organisations, keep_raw_for=keep_raw_for)
    dataset.framework = str(framework or "")
    return dataset


def latest_snapshot() -> StatisticsSnapshot | None:
    return StatisticsSnapshot.objects.order_by("-computed_at", "-id").first()


# --- Peer groups ------------------------------------------------------------------------------------------------


def group_label(kind: str, key: str) -> str:
    """How people read a peer group: "All organisations", "Germany", "Digital", "3 to 10 years old"."""
    if kind == GroupKind.ALL:
        return _("All organisations")
    if kind == GroupKind.EXCELLENCE:
        return _("Excellence group (Gold)")
    if kind == GroupKind.COUNTRY:
        return country_name(key)
    if kind == GroupKind.SECTOR:
        return str(dict(Sector.choices).get(key, key))
    if kind == GroupKind.AGE:
        return str(dict(AgeBand.choices).get(key, key))
    if kind == GroupKind.SIZE:
        return str(dict(SizeBand.choices).get(key, key))
    return key


STAT_FIELDS = ("group_kind", "group_key", "metric", "n", "p10", "q1", "median", "q3", "p90", "mean")


@dataclass(frozen=True, slots=True)
class Stat:
    """One stored statistic as plain data (reports read hundreds: no model instances). No minimum or maximum."""

    group_kind: str
    group_key: str
    metric: str
    n: int
    p10: float | None
    q1: float | None
    median: float | None
    q3: float | None
    p90: float | None
    mean: float | None

    @property
    def is_shown(self) -> bool:
        return self.n >= MIN_PEERS


def _stats(queryset) -> list[Stat]:
    return [Stat(*row) for row in queryset.values_list(*STAT_FIELDS)]


@dataclass
class GroupFigures:
    """One peer group of a report with its statistics per metric (empty when it has too few peers)."""

    kind: str
    key: str
    label: str
    n: int
    statistics: dict[str, Stat]

    @property
    def shown(self) -> bool:
        return self.n >= MIN_PEERS

    @property
    def kind_label(self) -> str:
        return str(dict(GroupKind.choices).get(self.kind, self.kind))

    @property
    def short_label(self) -> str:
        """A column heading: "All", "Country", "Sector", "Age", "Size", "Gold"."""
        return {
            GroupKind.ALL: _("All"),
            GroupKind.COUNTRY: _("Country"),
            GroupKind.SECTOR: _("Sector"),
            GroupKind.AGE: _("Age"),
            GroupKind.SIZE: _("Size"),
            GroupKind.EXCELLENCE: _("Gold group"),
        }.get(self.kind, self.label)


def report_groups(report: BenchmarkReport) -> list[GroupFigures]:
    """The report's peer groups with their statistics from the report's snapshot, in ONE query."""
    groups = report.data.get("groups", [])
    condition = Q()
    for group in groups:
        condition |= Q(group_kind=group["kind"], group_key=group["key"])
    rows: dict[tuple[str, str], dict[str, Stat]] = {}
    if groups:
        for stat in _stats(PeerStatistic.objects.filter(condition, snapshot_id=report.snapshot_id)):
            rows.setdefault((stat.group_kind, stat.group_key), {})[stat.metric] = stat
    result = []
    for group in groups:
        stats = rows.get((group["kind"], group["key"]), {})
        total = stats.get(TOTAL)
        n = total.n if total else 0
        result.append(
            GroupFigures(
                kind=group["kind"],
                key=group["key"],
                label=group_label(group["kind"], group["key"]),
                n=n,
                statistics={m: s for m, s in stats.items() if s.is_shown} if n >= MIN_PEERS else {},
            )
        )
    return result


def public_statistics(*, kind: str = GroupKind.ALL, key: str = "", snapshot=None) -> dict[str, Any]:
    """The public aggregate figures of one peer group from the latest snapshot: only metrics with >= 5 peers."""
    snapshot = snapshot or latest_snapshot()
    if snapshot is None:
        return {"snapshot": None, "statistics": {}, "n": 0}
    stats = {
        s.metric: s
        for s in _stats(
            PeerStatistic.objects.filter(snapshot=snapshot, group_kind=kind, group_key=key, n__gte=MIN_PEERS)
        )
    }
    total = stats.get(TOTAL)
    return {"snapshot": snapshot, "statistics": stats, "n": total.n if total else 0}


def available_groups(*, snapshot=None) -> list[tuple[str, str, str, int]]:
    """(kind, key, label, n) of every peer group of the latest snapshot with enough peers to be shown."""
    snapshot = snapshot or latest_snapshot()
    if snapshot is None:
        return []
    rows = PeerStatistic.objects.filter(snapshot=snapshot, metric=TOTAL, n__gte=MIN_PEERS).values_list(
        "group_kind", "group_key", "n"
    )
    order = [k for k, _label in GroupKind.choices]
    result = [(kind, key, group_label(kind, key), n) for kind, key, n in rows]
    return sorted(result, key=lambda r: (order.index(r[0]), r[2]))


def programme_statistics(*, snapshot=None) -> dict[str, list[tuple[str, str, PeerStatistic | None, int]]]:
    """For the coordinators: the total score's statistics per country and per sector (n only below 5)."""
    snapshot = snapshot or latest_snapshot()
    result: dict[str, list] = {GroupKind.COUNTRY: [], GroupKind.SECTOR: [], GroupKind.ALL: []}
    if snapshot is None:
        return result
    for stat in PeerStatistic.objects.filter(snapshot=snapshot, metric=TOTAL, group_kind__in=list(result)).order_by(
        "group_kind", "group_key"
    ):
        result[stat.group_kind].append(
            (stat.group_key, group_label(stat.group_kind, stat.group_key), stat if stat.is_shown else None, stat.n)
        )
    for kind in (GroupKind.COUNTRY, GroupKind.SECTOR):
        result[kind].sort(key=lambda row: (-row[3], row[1]))
    return result


# --- Reports ----------------------------------------------------------------------------------------------------


def latest_reports(organisations: QuerySet[ClusterOrganisation]) -> list[BenchmarkReport]:
    """Each organisation's newest report (one query)."""
    newer = BenchmarkReport.objects.filter(organisation_id=OuterRef("organisation_id")).filter(
        Q(created_at__gt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), pk__gt=OuterRef("pk"))
    )
    return list(
        BenchmarkReport.objects.filter(organisation__in=organisations.values("pk"))
        .filter(~Exists(newer))
        .select_related("organisation")
        .order_by("organisation__name")
    )


def learn_from_peers(
    *, codes: Iterable[str], exclude_organisation_id: int, indicators: dict[str, IndicatorInfo]
) -> dict[str, list[dict]]:
    """{code: [{"organisation", "slug", "public", "value"}...]}: organisations that opted in to "learn from us" for
    the indicator and are green on it (their latest reviewed value); `public`: its directory profile may be linked.
    Three queries, whatever the number of codes or peers."""

    codes = list(codes)
    if not codes:
        return {}
    opt_ins: dict[int, set[str]] = {}
    for org_id, code in (
        LearnFromUsOptIn.objects.filter(indicator_code__in=codes)
        .exclude(organisation_id=exclude_organisation_id)
        .values_list("organisation_id", "indicator_code")
    ):
        opt_ins.setdefault(org_id, set()).add(code)
    if not opt_ins:
        return {}
    public = ClusterOrganisation.objects.public().filter(pk=OuterRef("pk"))
    names = {
        pk: (name, slug, listed)
        for pk, name, slug, listed in ClusterOrganisation.objects.filter(pk__in=list(opt_ins))
        .annotate(listed=Exists(public))
        .values_list("pk", "name", "slug", "listed")
    }
    result: dict[str, list[dict]] = {}
    for org_id, _assessment_id, _ind, code, number, boolean, choice in reviewed_values(organisation_ids=list(opt_ins)):
        if code not in opt_ins.get(org_id, ()) or code not in indicators:
            continue
        spec = indicators[code]
        value = boolean if spec.kind == "yesno" else choice if spec.kind == "choice" else number
        if indicator_colour(_ScoringIndicator.of(spec), value) == "green":
            result.setdefault(code, []).append(
                {
                    "organisation": names.get(org_id, ("", "", False))[0],
                    "slug": names.get(org_id, ("", "", False))[1],
                    "public": names.get(org_id, ("", "", False))[2],
                    "value": format_value(_ScoringIndicator.of(spec), value),
                }
            )
    for peers in result.values():
        peers.sort(key=lambda p: p["organisation"])
    return result


@dataclass(frozen=True)
class _ScoringIndicator:
    """An IndicatorInfo seen through the attributes `labelling.framework.scoring` expects."""

    code: str
    name: str
    kind: str
    unit: str
    direction: str
    green_threshold: Any
    yellow_threshold: Any
    choices: tuple
    weight: Any
    is_minimum_requirement: bool = False

    @classmethod
    def of(cls, info: IndicatorInfo) -> _ScoringIndicator:
        return cls(
            code=info.code,
            name=info.name,
            kind=info.kind,
            unit=info.unit,
            direction=info.direction,
            green_threshold=None if info.green is None else Decimal(str(info.green)),
            yellow_threshold=None if info.yellow is None else Decimal(str(info.yellow)),
            choices=info.choices,
            weight=Decimal(str(info.weight)),
        )


def scoring_indicator(info: IndicatorInfo) -> _ScoringIndicator:
    return _ScoringIndicator.of(info)
