"""Load the demo data: deterministic and idempotent; each app seeds itself through the `seed(ctx)` functions it
registers (`portal.registry.seed`, usually from `<app>/seed.py`), run in their registered order."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.core.management.base import BaseCommand

from portal import registry


@dataclass
class SeedContext:
    """What the areas' seed functions share: a seeded random generator, the demo users, the organisation count."""

    organisations: int
    stdout: object
    rng: random.Random = field(default_factory=lambda: random.Random(2026))
    users: dict = field(default_factory=dict)

    def log(self, message: str) -> None:
        self.stdout.write(message)


class Command(BaseCommand):
    help = "Load demo data (deterministic, idempotent). --organisations 10000 for scale work."

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=200)

    def handle(self, *args, organisations: int, **options):
        if organisations < 20:
            self.stderr.write("--organisations must be at least 20")
            raise SystemExit(2)
        ctx = SeedContext(organisations=organisations, stdout=self.stdout)
        for module_name, seed in registry.demo_seeds.items():
            ctx.rng = random.Random(f"2026-{module_name}")  # each area's data stays the same whatever the others do
            seed(ctx)
            self.stdout.write(f"seeded {module_name}")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
