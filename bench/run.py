"""Run every benchmark in bench/ and write the figures to bench/results.json.

Each `bench/bench_<name>.py` defines `run() -> list[dict]`, each dict a figure:
{"name": ..., "value": ..., "unit": ..., "target": "< 50" or None}, and may define `check()`, which stops the
whole run at once (SystemExit with what to install) when the machine lacks something the benchmark needs. Benchmarks run against DATABASE_URL
(PostgreSQL by default, see the Makefile) in a database of their own that they fill themselves.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.test_settings")


def main(selected: list[str]) -> int:
    import django

    django.setup()
    modules = sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))
    if selected:
        modules = [m for m in modules if any(s in m for s in selected)]
    loaded = {name: importlib.import_module(f"bench.{name}") for name in modules}
    for module in loaded.values():
        if hasattr(module, "check"):
            module.check()  # what a benchmark needs from the machine (wrk...), before any of them runs
    results = []
    for name in modules:
        started = time.perf_counter()
        print(f"== {name}", flush=True)
        figures = loaded[name].run()
        for figure in figures:
            figure.setdefault("target", None)
            figure["bench"] = name
            results.append(figure)
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    out = ROOT / "bench" / "results.json"
    previous = json.loads(out.read_text()) if out.exists() and selected else []
    keep = [r for r in previous if r.get("bench") not in {r["bench"] for r in results}]
    out.write_text(json.dumps(keep + results, indent=2) + "\n")
    width = max((len(r["name"]) for r in results), default=10)
    print(f"\n{'figure':<{width}}  {'value':>12}  unit      target")
    for r in results:
        value = f"{r['value']:.3f}" if isinstance(r["value"], float) else str(r["value"])
        print(f"{r['name']:<{width}}  {value:>12}  {r['unit']:<8}  {r['target'] or ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
