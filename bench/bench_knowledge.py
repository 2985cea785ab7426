"""Knowledge area: page times and query counts with the seed content plus BENCH_KNOWLEDGE_MODULES extra modules
(default 300, each with 3 lessons and indicator tags), and the recommendation selector.
"""

from __future__ import annotations

import io
import os
import random
import statistics
import time

EXTRA_MODULES = int(os.environ.get("BENCH_KNOWLEDGE_MODULES", "300"))
PREFIX = "benchmod"


def _fill(ctx) -> None:
    from knowledge import services
    from knowledge.indicators import INDICATOR_CODES
    from knowledge.models import Lesson, Module, ModuleIndicator, Status

    existing = Module.objects.filter(slug__startswith=PREFIX).count()
    rng = random.Random(2026)
    for n in range(existing, EXTRA_MODULES):
        module = Module.objects.create(
            field="strategy",
            title=f"Bench module {n} on membership fees and strategy",
            slug=f"{PREFIX}-{n}",
            summary="A module created for the benchmark. " * 5,
            estimated_minutes=60,
            status=Status.PUBLISHED,
            order=1000 + n,
        )
        Lesson.objects.bulk_create(
            [
                Lesson(module=module, title=f"Lesson {i}", slug=f"lesson-{i}", order=i, body="Text on fees. " * 200)
                for i in range(3)
            ]
        )
        ModuleIndicator.objects.bulk_create(
            [ModuleIndicator(module=module, indicator_code=code) for code in rng.sample(INDICATOR_CODES, 3)]
        )
    services.search_vectors_update()


def run() -> list[dict]:
    from django.test import Client

    from bench.helpers import time_request, use_bench_database
    from knowledge import seed as knowledge_seed
    from knowledge.models import Lesson
    from knowledge.selectors import modules_for_indicators
    from portal import seed as portal_seed
    from portal.management.commands.seed_demo import SeedContext

    use_bench_database()
    ctx = SeedContext(organisations=20, stdout=io.StringIO())
    portal_seed.seed(ctx)
    knowledge_seed.seed(ctx)
    _fill(ctx)

    client = Client()
    client.force_login(ctx.users["manager"])
    lesson = Lesson.objects.get(slug="why-write-it-down")
    figures = []
    for name, url, target_ms in [
        ("knowledge home", "/knowledge/", 300),
        ("knowledge module page", lesson.module.get_absolute_url(), 150),
        ("knowledge lesson page", lesson.get_absolute_url(), 150),
        ("knowledge search", "/knowledge/search/?q=membership+fees", 300),
        ("knowledge catalogue", "/knowledge/programmes/?format=online", 150),
    ]:
        ms, queries = time_request(client, url, repeat=10)
        figures.append(
            {"name": f"{name}: median time", "value": round(ms, 1), "unit": "ms", "target": f"< {target_ms}"}
        )
        figures.append({"name": f"{name}: queries", "value": queries, "unit": "queries", "target": "< 25"})

    timings = []
    for _ in range(20):
        started = time.perf_counter()
        modules_for_indicators(codes=["1.1", "2.2", "3.1", "4.1", "4.6", "5.2"], limit=5)
        timings.append((time.perf_counter() - started) * 1000)
    figures.append(
        {
            "name": "modules_for_indicators (6 codes, limit 5): median time",
            "value": round(statistics.median(timings), 1),
            "unit": "ms",
            "target": "< 100",
        }
    )
    return figures
