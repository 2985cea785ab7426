"""Writes of the benchmarking area: recomputing the peer statistics, making benchmark reports and their PDFs,
"learn from us" opt-ins. Benchmarking writes only its own tables."""

from __future__ import annotations

import time
from collections.abc import Iterable

import numpy as np
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from benchmarking.models import (
    BenchmarkReport,
    GroupKind,
    LearnFromUsOptIn,
    PeerStatistic,
    ReportNumberSequence,
    StatisticsSnapshot,
)
from benchmarking.pdf import render_report_pdf
from benchmarking.selectors import benchmark_dataset
from benchmarking.statistics import (
    TOTAL,
    Dataset,
    dimension_metric,
    group_statistics,
    histogram,
    points_matrix,
    ranks_for,
)
from labelling.models import Assessment
from portal.audit import audit_log
from portal.countries import ALPHA3
from portal.models import TaskRun
from portal.services import task_run_claim, task_run_progress
from portal.tasks import enqueue_on_commit

RECOMPUTE_JOB = "benchmarking.recompute"
# New reports whose PDF the worker renders ahead (after a decision: one); a first run over many organisations
# leaves the PDFs to their first download.
PREPARE_PDFS_UP_TO = 20
COLOUR_OF_POINTS = {2.0: "green", 1.0: "yellow", 0.0: "red"}


class BenchmarkingError(Exception):
    """A benchmarking action that cannot be done, with a message for the user."""


# --- Recomputation ------------------------------------------------------------------------------------------------


def peer_statistics_request_recompute(*, user=None) -> TaskRun:
    """Ask for a recomputation of the peer statistics (and the reports of organisations with new data).

    Joins the run already waiting or running instead of starting a second; a new run is enqueued on commit.
    Called after every label decision and by coordinators; nightly from beat.
    """
    run, started = task_run_claim(name=RECOMPUTE_JOB, user=user)
    if started:
        if user is not None and getattr(user, "is_authenticated", False):
            audit_log(actor=user, action="benchmarking.statistics.recompute_requested", target=run)
        run_id = str(run.pk)
        enqueue_on_commit("benchmarking.tasks.peer_statistics_recompute_task", run_id)
    return run


def _progress(run_id, step: int, total: int, message: str) -> None:
    if run_id:
        task_run_progress(run_id=run_id, current=step, total=total, message=message)


def peer_statistics_recompute(*, run_id=None, refresh_reports: bool = True) -> StatisticsSnapshot:
    """Recompute every peer statistic set-wise into a new snapshot, then make a report for each organisation
    whose latest reviewed assessment has no report yet. Older snapshots no report uses are deleted."""
    started = time.perf_counter()
    steps = 4 if refresh_reports else 3
    _progress(run_id, 0, steps, _("Reading the assessors' values"))
    dataset = benchmark_dataset()
    _progress(run_id, 1, steps, _("Computing the statistics"))
    snapshot = peer_statistics_store(dataset=dataset, run_id=run_id, started=started)
    if refresh_reports:
        _progress(run_id, 3, steps, _("Making the reports of organisations with new results"))
        reports = benchmark_reports_refresh(snapshot=snapshot, dataset=dataset)
        if 0 < len(reports) <= PREPARE_PDFS_UP_TO:
            for report in reports:
                enqueue_on_commit("benchmarking.tasks.benchmark_report_pdf_task", report.pk)
    _progress(run_id, steps, steps, _("Done"))
    return snapshot


def peer_statistics_store(*, dataset: Dataset, run_id=None, started: float | None = None) -> StatisticsSnapshot:
    """Compute the statistics of `dataset` and store them as a new snapshot (one transaction, bulk insert)."""
    started = started or time.perf_counter()
    summaries = group_statistics(dataset)
    _progress(run_id, 2, 4, _("Saving the statistics"))
    with transaction.atomic():
        snapshot = StatisticsSnapshot.objects.create(
            organisations=len(dataset.organisations),
            values=dataset.values_count,
            framework_code=dataset.framework[:40],
            histogram=histogram(dataset),
            task_run_id=run_id or None,
        )
        PeerStatistic.objects.bulk_create(
            [
                PeerStatistic(
                    snapshot=snapshot,
                    metric=metric,
                    group_kind=kind,
                    group_key=key,
                    n=s.n,
                    p10=s.p10,
                    q1=s.q1,
                    median=s.median,
                    q3=s.q3,
                    p90=s.p90,
                    mean=s.mean,
                )
                for metric, kind, key, s in summaries
            ],
            batch_size=2000,
        )
        unused = StatisticsSnapshot.objects.exclude(pk=snapshot.pk).filter(
            ~Exists(BenchmarkReport.objects.filter(snapshot_id=OuterRef("pk")))
        )
        PeerStatistic.objects.filter(snapshot__in=unused.values("pk")).delete()
        unused.delete()
        snapshot.duration_ms = round((time.perf_counter() - started) * 1000)
        snapshot.save(update_fields=["duration_ms"])
    return snapshot


# --- Reports ------------------------------------------------------------------------------------------------------


def _allocate_report_numbers(year: int, count: int) -> range:
    """Reserve `count` consecutive report numbers of `year` (row lock on the year's counter)."""
    ReportNumberSequence.objects.get_or_create(year=year)
    sequence = ReportNumberSequence.objects.select_for_update().get(year=year)
    first = sequence.last + 1
    sequence.last += count
    sequence.save(update_fields=["last"])
    return range(first, first + count)


def report_number(country: str, year: int, sequence: int) -> str:
    """A report id such as DEU-2026-000123."""
    return f"{ALPHA3.get(country, country.upper() or 'EUR')}-{year}-{sequence:06d}"


def _jsonable(value):
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, float) and np.isnan(value):
        return None
    return float(value)


def report_data_for(
    *, dataset: Dataset, organisation_id: int, ranks: dict[str, dict[str, float | None]], points: np.ndarray
) -> tuple[float | None, dict[str, float | None], dict]:
    """The frozen content of one organisation's report: (total, dimension scores, data)."""
    row_of = dataset.row_of()
    row = row_of[organisation_id]
    org = dataset.organisations[row]
    n_ind = len(dataset.indicators)
    values = dataset.matrix[row]
    total = _jsonable(values[n_ind])
    dimensions = {str(number): _jsonable(values[n_ind + 1 + n]) for n, number in enumerate(dataset.dimension_numbers)}
    raw = dataset.raw.get(organisation_id, {})
    indicators = []
    for column, indicator in enumerate(dataset.indicators):
        p = points[row, column]
        indicators.append(
            {
                "code": indicator.code,
                "value": _jsonable(raw.get(indicator.code)),
                "colour": None if np.isnan(p) else COLOUR_OF_POINTS[float(p)],
                "ranks": {kind: r.get(indicator.code) for kind, r in ranks.items()},
            }
        )
    groups = [{"kind": kind, "key": key} for kind, key in org.group_keys().items()]
    groups.append({"kind": GroupKind.EXCELLENCE, "key": ""})
    data = {
        "assessment_id": dataset.assessment_ids.get(organisation_id),
        "profile": {
            "country": org.country,
            "sector": org.sector,
            "age_band": org.age_band,
            "size_band": org.size_band,
            "excellent": org.excellent,
        },
        "groups": groups,
        "indicators": indicators,
        "ranks": {
            kind: {
                metric: r.get(metric) for metric in [TOTAL, *(dimension_metric(d) for d in dataset.dimension_numbers)]
            }
            for kind, r in ranks.items()
        },
    }
    return total, dimensions, data


def benchmark_reports_refresh(
    *, snapshot: StatisticsSnapshot, dataset: Dataset, organisation_ids: Iterable[int] | None = None
) -> list[BenchmarkReport]:
    """Make a report for every organisation (of `organisation_ids`, default all with data) whose latest reviewed
    assessment has no report yet; set-wise: one read of the latest reports, one bulk insert."""

    candidates = set(dataset.assessment_ids) if organisation_ids is None else set(organisation_ids)
    candidates &= set(dataset.assessment_ids)
    if not candidates:
        return []
    latest: dict[int, tuple[int | None, int]] = {}
    for org_id, assessment_id, pk in (
        BenchmarkReport.objects.filter(organisation_id__in=list(candidates))
        .order_by("organisation_id", "created_at", "pk")
        .values_list("organisation_id", "assessment_id", "pk")
    ):
        latest[org_id] = (assessment_id, pk)
    due = sorted(o for o in candidates if latest.get(o, (None, None))[0] != dataset.assessment_ids[o])
    if not due:
        return []
    return _create_reports(snapshot=snapshot, dataset=dataset, organisation_ids=due, previous=latest, model=Assessment)


def _create_reports(*, snapshot, dataset: Dataset, organisation_ids: list[int], previous: dict, model) -> list:
    now = timezone.now()
    ranks = ranks_for(dataset, organisation_ids)
    points = points_matrix(dataset.indicators, dataset.matrix[:, : len(dataset.indicators)])
    row_of = dataset.row_of()
    existing_assessments = set(
        model.objects.filter(pk__in=[dataset.assessment_ids[o] for o in organisation_ids]).values_list("pk", flat=True)
    )
    with transaction.atomic():
        numbers = _allocate_report_numbers(now.year, len(organisation_ids))
        reports = []
        for org_id, sequence in zip(organisation_ids, numbers, strict=True):
            total, dimensions, data = report_data_for(
                dataset=dataset, organisation_id=org_id, ranks=ranks[org_id], points=points
            )
            country = dataset.organisations[row_of[org_id]].country
            assessment_id = dataset.assessment_ids[org_id]
            reports.append(
                BenchmarkReport(
                    number=report_number(country, now.year, sequence),
                    organisation_id=org_id,
                    assessment_id=assessment_id if assessment_id in existing_assessments else None,
                    snapshot=snapshot,
                    previous_id=previous.get(org_id, (None, None))[1],
                    created_at=now,
                    total=total,
                    dimensions=dimensions,
                    data=data,
                )
            )
        BenchmarkReport.objects.bulk_create(reports, batch_size=500)
    return reports


def benchmark_report_pdf(*, report: BenchmarkReport, request=None) -> bytes:
    """The report as a PDF (WeasyPrint), rendered once and kept in private storage."""
    if report.pdf:
        try:
            with report.pdf.open("rb") as handle:
                return handle.read()
        except OSError:
            pass  # the stored file went missing: render it again
    content = render_report_pdf(report=report, request=request)
    report.pdf.save(f"{report.number}.pdf", ContentFile(content), save=False)
    BenchmarkReport.objects.filter(pk=report.pk).update(pdf=report.pdf.name)
    return content


# --- Learn from us ------------------------------------------------------------------------------------------------


def learn_from_us_set(*, organisation, codes: Iterable[str], user, valid_codes: Iterable[str]) -> tuple[set, set]:
    """Set the indicators on which `organisation` opts in to "learn from us" (replacing the previous choice).
    Returns (added, removed) codes; unknown codes raise BenchmarkingError."""
    wanted = {str(c) for c in codes}
    unknown = wanted - set(valid_codes)
    if unknown:
        raise BenchmarkingError(_("Unknown indicators: %(codes)s") % {"codes": ", ".join(sorted(unknown))})
    with transaction.atomic():
        current = set(
            LearnFromUsOptIn.objects.select_for_update()
            .filter(organisation=organisation)
            .values_list("indicator_code", flat=True)
        )
        added, removed = wanted - current, current - wanted
        if removed:
            LearnFromUsOptIn.objects.filter(organisation=organisation, indicator_code__in=removed).delete()
        LearnFromUsOptIn.objects.bulk_create(
            [LearnFromUsOptIn(organisation=organisation, indicator_code=c, created_by=user) for c in sorted(added)]
        )
        if added or removed:
            audit_log(
                actor=user,
                action="benchmarking.learn_from_us.changed",
                target=organisation,
                data={"added": sorted(added), "removed": sorted(removed)},
            )
    return added, removed
