"""Shared tools for benchmarks: a database of their own, timing of a request with its query count."""

from __future__ import annotations

import statistics
import time

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

_base_name: str | None = None


def use_bench_database(suffix: str = "_bench") -> str:
    """Point Django at `<name><suffix>` (`<name>_bench` by default), created and migrated on first use, so
    benchmarks never touch real data. Returns the database name."""
    from django.core.management import call_command
    from django.db import connections

    global _base_name
    settings_dict = connections["default"].settings_dict
    if _base_name is None:
        _base_name = str(settings_dict["NAME"]).removesuffix("_bench")  # DATABASE_URL may name the bench db
    bench_name = f"{_base_name}{suffix}"
    if settings_dict["NAME"] != bench_name:
        if connection.vendor == "postgresql":
            import psycopg

            params = {
                k: v
                for k, v in {
                    "host": settings_dict["HOST"],
                    "port": settings_dict["PORT"],
                    "user": settings_dict["USER"],
                    "password": settings_dict["PASSWORD"],
                }.items()
                if v
            }
            with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
                exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [bench_name]).fetchone()
                if not exists:
                    conn.execute(f'CREATE DATABASE "{bench_name}"')
        connections["default"].close()
        settings_dict["NAME"] = bench_name
    call_command("migrate", verbosity=0, interactive=False)
    return bench_name


def time_request(client: Client, url: str, *, repeat: int = 30, **kwargs) -> tuple[float, int]:
    """Median server time in milliseconds over `repeat` GETs (after one warm-up), and the queries of one request."""
    client.get(url, **kwargs)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url, **kwargs)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        client.get(url, **kwargs)
    return statistics.median(timings), len(queries)
