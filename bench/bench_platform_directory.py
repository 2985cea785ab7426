"""Directory benchmarks with 10,000 organisations: the first page and the API list (median server time, queries).

The organisations come from the demo seed (`platform_directory.seed`, deterministic), written into the bench
database on the first run; later runs find them there and only measure.
"""

from __future__ import annotations

import io
import random
import time

ORGANISATIONS = 10_000


class _Ctx:
    def __init__(self, organisations: int):
        self.organisations = organisations
        self.users: dict = {}
        self.rng = random.Random("2026-portal")
        self.stdout = io.StringIO()

    def log(self, message: str) -> None:
        self.stdout.write(message + "\n")


def _seed() -> float:
    import portal.seed
    from platform_directory import seed

    ctx = _Ctx(ORGANISATIONS)
    portal.seed.seed(ctx)
    ctx.rng = random.Random("2026-platform_directory")
    started = time.perf_counter()
    seed.seed(ctx)
    return time.perf_counter() - started


def _cpu_median(client, url: str, repeat: int = 30, **kwargs) -> float:
    """Median CPU time of the (in-process) server per request, in ms: what the code costs on a busy machine."""
    import statistics

    timings = []
    for _ in range(repeat):
        started = time.process_time()
        client.get(url, **kwargs)
        timings.append((time.process_time() - started) * 1000)
    return statistics.median(timings)


def run() -> list[dict]:
    from django.test import Client

    from bench.helpers import time_request, use_bench_database
    from platform_directory.models import ClusterOrganisation

    use_bench_database()
    fresh = ClusterOrganisation.objects.count() < ORGANISATIONS
    seconds = _seed()
    from django.db import connection

    if connection.vendor == "postgresql":  # what autovacuum does on a live database: statistics, visibility map
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE platform_directory_clusterorganisation")
    count = ClusterOrganisation.objects.count()
    client = Client()
    pages = {
        "directory first page": "/directory/",
        "directory search 'hydrogen'": "/directory/?q=hydrogen",
        "directory filtered (country + sector)": "/directory/?country=DE&sector=digital&sort=size",
        "API list": "/api/v1/directory/organisations/",
        "API list search 'photonics'": "/api/v1/directory/organisations/?q=photonics",
    }
    figures = []
    if fresh:
        figures.append(
            {"name": f"seed {count:,} organisations", "value": round(seconds, 2), "unit": "s", "target": "< 60"}
        )
    for name, url in pages.items():
        accept = "text/html" if url.startswith("/directory") else "application/json"
        median, queries = time_request(client, url, HTTP_ACCEPT=accept)
        headline = name in ("directory first page", "API list")
        if headline:
            figures.append(
                {
                    "name": f"{name} ({count:,} orgs): median CPU time",
                    "value": round(_cpu_median(client, url, HTTP_ACCEPT=accept), 2),
                    "unit": "ms",
                    "target": None,
                }
            )
        figures.append(
            {
                "name": f"{name} ({count:,} orgs): median",
                "value": round(median, 2),
                "unit": "ms",
                "target": "< 50" if headline else None,
            }
        )
        figures.append(
            {
                "name": f"{name} ({count:,} orgs): queries",
                "value": queries,
                "unit": "queries",
                "target": "<= 10" if headline else None,
            }
        )
    return figures
