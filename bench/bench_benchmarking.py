"""Benchmarking at scale: the full recomputation of the peer statistics against the same statistics computed by
numpy from an in-memory array, the report page and the report PDF; and the two ways of drawing a box chart.

Fills `<db>_bench` with BENCH_BENCHMARKING_ORGS organisations (default 10,000) that each have an awarded
assessment with 36 accepted values (bulk inserts; reused on the next run).
"""

from __future__ import annotations

import os
import random
import statistics
import time

ORGANISATIONS = int(os.environ.get("BENCH_BENCHMARKING_ORGS", "10000"))
PREFIX = "benchorg"


def _fill() -> None:
    from platform_directory.models import ClusterOrganisation
    from tests.benchmarking.factories import bulk_reviewed_organisations

    existing = ClusterOrganisation.objects.filter(slug__startswith=PREFIX).count()
    if existing >= ORGANISATIONS:
        return
    started = time.perf_counter()
    rng = random.Random(2026 + existing)
    remaining = ORGANISATIONS - existing
    while remaining > 0:
        chunk = min(remaining, 2000)
        bulk_reviewed_organisations(chunk, rng=rng, prefix=f"{PREFIX}{existing // 2000:02d}x")
        existing += chunk
        remaining -= chunk
        print(f"   filled {existing} organisations ({time.perf_counter() - started:.0f} s)", flush=True)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _median_time(function, repeat: int) -> float:
    return _median_times(function, repeat)[0]


def _median_times(function, repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time of this process (the machine is shared: CPU time shows the cost
    without the other processes' load)."""
    timings, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(timings), statistics.median(cpu)


def run() -> list[dict]:
    from django.test import Client

    from bench.helpers import time_request, use_bench_database

    use_bench_database()
    _fill()

    from benchmarking import charts
    from benchmarking.models import BenchmarkReport
    from benchmarking.selectors import benchmark_dataset
    from benchmarking.services import benchmark_reports_refresh, peer_statistics_recompute, peer_statistics_store
    from benchmarking.statistics import group_statistics
    from platform_directory.models import ClusterOrganisation, OrganisationMembership
    from portal.models import User

    # Full recomputation: read (one query), compute, store (bulk), as the Celery task does it (reports aside).
    peer_statistics_recompute(refresh_reports=False)  # warm-up
    full, full_cpu = _median_times(lambda: peer_statistics_recompute(refresh_reports=False), 3)
    dataset = benchmark_dataset()
    in_memory, in_memory_cpu = _median_times(lambda: group_statistics(dataset), 5)

    def naive_numpy():
        # For context: np.percentile and mean called per peer group and metric, the textbook way.
        import numpy as np

        for _kind, _key, mask in dataset.group_masks():
            block = dataset.matrix[mask]
            for column in range(block.shape[1]):
                values = block[:, column]
                values = values[~np.isnan(values)]
                if values.size >= 5:
                    np.percentile(values, [0, 25, 50, 75, 100])
                    values.mean()

    naive = _median_time(naive_numpy, 3)

    # A report for a few organisations (all of them is what the first recomputation after seeding does).
    snapshot = peer_statistics_store(dataset=dataset)
    org_ids = sorted(dataset.assessment_ids)[:3]
    benchmark_reports_refresh(snapshot=snapshot, dataset=dataset, organisation_ids=org_ids)
    report = BenchmarkReport.objects.filter(organisation_id=org_ids[0]).order_by("-created_at").first()
    organisation = ClusterOrganisation.objects.get(pk=org_ids[0])
    user, _created = User.objects.get_or_create(email="bench.manager@example.org")
    OrganisationMembership.objects.get_or_create(user=user, organisation=organisation)
    client = Client()
    client.force_login(user)
    page_ms, page_queries = time_request(client, report.get_absolute_url(), repeat=15)

    from benchmarking.pdf import render_report_pdf

    pdf_s, pdf_cpu = _median_times(lambda: render_report_pdf(report=report), 3)
    from django.core.cache import cache

    def cold_page():
        cache.clear()
        client.get(report.get_absolute_url())

    cold_ms, cold_cpu = _median_times(cold_page, 5)

    # Box charts: hand-drawn from the stored quartiles vs pygal's Box from raw values (what pygal needs).
    rows = [charts.BoxRow(f"Group {n}", 50, 1.0, 2.0, 3.0, 4.0, 5.0, 3.1) for n in range(6)]
    hand = _median_time(lambda: charts.box_chart(rows=rows, value=3.3, value_colour="green", title="t"), 50)
    import pygal

    raw = [[random.random() * 10 for _ in range(200)] for _ in range(6)]

    def pygal_box():
        chart = pygal.Box(js=[], width=560, height=190, box_mode="extremes")
        for n, values in enumerate(raw):
            chart.add(f"Group {n}", values)
        chart.render(is_unicode=True)

    pygal_ms = _median_time(pygal_box, 20)
    organisations = len(dataset.organisations)
    return [
        {"name": "benchmarking: organisations with reviewed values", "value": organisations, "unit": "orgs"},
        {"name": "benchmarking: full recomputation", "value": full, "unit": "s", "target": "< 3"},
        {"name": "benchmarking: same statistics by numpy in memory", "value": in_memory, "unit": "s"},
        {
            "name": "benchmarking: recomputation / numpy ratio",
            "value": full / in_memory,
            "unit": "x",
            "target": "<= 10",
        },
        {"name": "benchmarking: numpy per group and metric (naive, for context)", "value": naive, "unit": "s"},
        {"name": "benchmarking: recomputation / naive numpy ratio", "value": full / naive, "unit": "x"},
        {"name": "benchmarking: full recomputation (process CPU, without PostgreSQL)", "value": full_cpu, "unit": "s"},
        {"name": "benchmarking: numpy in memory (process CPU)", "value": in_memory_cpu, "unit": "s"},
        {"name": "benchmarking: report page (median)", "value": page_ms, "unit": "ms", "target": "< 150"},
        {"name": "benchmarking: report page queries", "value": page_queries, "unit": "queries"},
        {"name": "benchmarking: report page, charts not cached yet", "value": cold_ms * 1000, "unit": "ms"},
        {"name": "benchmarking: report page, charts not cached (CPU)", "value": cold_cpu * 1000, "unit": "ms"},
        {"name": "benchmarking: report PDF", "value": pdf_s, "unit": "s", "target": "< 2"},
        {"name": "benchmarking: report PDF (process CPU)", "value": pdf_cpu, "unit": "s"},
        {"name": "benchmarking: load average during the run", "value": os.getloadavg()[0], "unit": "load"},
        {"name": "benchmarking: box chart hand-drawn", "value": hand * 1000, "unit": "ms"},
        {"name": "benchmarking: box chart pygal", "value": pygal_ms * 1000, "unit": "ms"},
    ]
