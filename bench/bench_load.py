"""Load test: gunicorn (4 workers with the production gunicorn.conf.py, production-like settings) on PostgreSQL with the demo data of 10,000
organisations, driven by wrk (bench/load.lua) on a mix of directory pages (35 %), organisation profiles (30 %),
the label registry and label pages (20 %) and certificate verification pages (15 %). Throughput, p50/p95/p99
latency and errors per URL group and overall; targets: no errors, p95 under 300 ms.

Two runs of the mix with 50 users: first 60 s of users who pause between pages (0-2 s at random, 1 s on average;
people read a page for longer, so this is a busy crowd), then 30 s of users who send their next request as soon
as the last one is answered (the server's capacity; latency is then the queue: users / throughput). Last, the
directory list alone and a trivial Django view (bench/load_urls.py), 20 s each without pause: the ratio of their
throughputs says how much of the capacity the directory's own work takes.

Setup, all bench-only:
- database `<name>_bench_load`, filled once by `seed_demo --organisations 10000` (labels, certificates with
  verification tokens) and reused on the next runs;
- settings bench/load_settings.py: DEBUG off, a random SECRET_KEY, ALLOWED_HOSTS 127.0.0.1, whitenoise with
  collected static files, persistent connections (CONN_MAX_AGE 60), the cache on Redis (the broker's server);
- verification's per-address limit raised to VERIFY_LIMIT a minute: every simulated user comes from 127.0.0.1,
  where real visitors have one address each. The limiter still runs (a Redis count per verification); a 429
  would be counted as an error, never as a success.
- every URL is requested once before the runs and must answer 200.

wrk runs on the same machine and takes CPU from the server; the load average before and after is reported.
Environment: BENCH_LOAD_USERS (50), BENCH_LOAD_SECONDS (60), BENCH_LOAD_THINK_MS (1000: the mean pause).
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import resource
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
ORGANISATIONS = 10_000
USERS = int(os.environ.get("BENCH_LOAD_USERS", "50"))
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
THINK_MS = int(os.environ.get("BENCH_LOAD_THINK_MS", "1000"))
FLAT_OUT_SECONDS = 30
COMPARE_SECONDS = 20
WORKERS = 4
VERIFY_LIMIT = 1_000_000
STATIC_ROOT = Path(tempfile.gettempdir()) / "portal-bench-load-static"
# Share of each URL group in the mix (per cent of requests).
MIX = {"directory": 35, "profile": 30, "registry": 20, "verify": 15}
SEARCH_WORDS = ["hydrogen", "photonics", "mobility", "health", "energy", "food", "textile", "digital", "wroclaw"]


def check() -> None:
    """Called by bench/run.py before any benchmark runs."""
    _require_wrk()


def _require_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit(
            "bench_load needs wrk, the HTTP load generator: install it with `sudo apt-get install wrk` "
            "(Debian/Ubuntu) or `brew install wrk`, then run `BENCH=load make bench` again."
        )
    return wrk


def _database_url(name: str) -> str:
    url = os.environ.get("DATABASE_URL", "")
    parsed = urlparse(url)
    if parsed.scheme not in ("postgres", "postgresql"):
        raise SystemExit("bench_load runs on PostgreSQL: set DATABASE_URL=postgres://... (make bench does)")
    return parsed._replace(path=f"/{name}").geturl()


def _prepare_database() -> str:
    """The bench database with the 10,000-organisation demo data (seeded on the first run); its URL."""
    from django.core.management import call_command
    from django.db import connection

    from bench.helpers import use_bench_database
    from labelling.models import Certificate
    from platform_directory.models import ClusterOrganisation

    name = use_bench_database("_bench_load")
    url = _database_url(name)
    if (
        ClusterOrganisation.objects.count() < ORGANISATIONS
        or not Certificate.objects.filter(state=Certificate.State.ISSUED).exists()
    ):
        started = time.perf_counter()
        call_command("seed_demo", organisations=ORGANISATIONS, stdout=io.StringIO())
        print(f"   seeded {name} ({time.perf_counter() - started:.0f} s)", flush=True)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does on a live database
    return url


def _urls() -> dict[str, list[str]]:
    """The URLs of each group, drawn reproducibly from the data: public pages only, every one answering 200."""
    from labelling.certificates import selectors as selectors_registry
    from labelling.models import Certificate
    from platform_directory import selectors

    rng = random.Random("2026-bench-load")
    visible = list(selectors.directory_queryset().order_by("pk").values_list("slug", "country", "main_sector", "city"))
    pages = len(visible) // 20
    directory = ["/directory/"] * 10
    directory += [f"/directory/?page={rng.randint(2, 10)}" for _ in range(15)]  # people page a little way
    directory += [f"/directory/?page={rng.randint(11, pages)}" for _ in range(5)]  # crawlers all the way
    directory += [f"/directory/?{urlencode({'q': word})}" for word in SEARCH_WORDS]
    directory += [f"/directory/?{urlencode({'q': city})}" for _, _, _, city in rng.sample(visible, 10)]
    for _, country, sector, _ in rng.sample(visible, 15):
        directory.append(f"/directory/?{urlencode({'country': country, 'sector': sector})}")
        directory.append(f"/directory/?{urlencode({'country': country, 'sort': 'size'})}")
    profiles = [f"/directory/{slug}/" for slug, *_ in rng.sample(visible, 200)]
    labels = list(selectors_registry.registry_labels(q="", level="", country="", sector="", status="current"))
    registry = ["/labels/"] * 10
    registry += [f"/labels/?{urlencode({'level': level})}" for level in ("bronze", "silver", "gold")]
    registry += [f"/labels/?{urlencode({'country': label.organisation.country})}" for label in labels[:10]]
    registry += [f"/labels/?{urlencode({'status': 'all'})}", "/labels/?page=2"]
    registry += [f"/labels/{label.number}/" for label in labels]
    tokens = Certificate.objects.filter(state=Certificate.State.ISSUED).order_by("pk").values_list("token", flat=True)
    verify = [f"/labels/verify/{token}/" for token in tokens]
    return {"directory": directory, "profile": profiles, "registry": registry, "verify": verify}


def _mix(urls: dict[str, list[str]], length: int = 2000) -> list[tuple[str, str]]:
    rng = random.Random("2026-bench-load-mix")
    groups = rng.choices(list(MIX), weights=list(MIX.values()), k=length)
    return [(group, rng.choice(urls[group])) for group in groups]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _static_outdated(static_root: Path) -> bool:
    """Collected files are kept between runs (compressing them takes minutes): collected again when a static
    file of the project or the installed packages changed since."""
    manifest = static_root / "staticfiles.json"
    if not manifest.exists():
        return True
    sources = [ROOT / ".venv" / ".installed", *ROOT.glob("static/**/*"), *ROOT.glob("*/static/**/*")]
    newest = max((path.stat().st_mtime for path in sources if path.is_file()), default=0)
    return newest > manifest.stat().st_mtime


@contextlib.contextmanager
def _server(database_url: str, workdir: Path):
    """gunicorn with the load settings on a free port; yields its base URL; stopped (and its log checked) after."""
    port = _free_port()
    static_root = STATIC_ROOT
    broker = os.environ.get("CELERY_BROKER_URL", "")
    cache = os.environ.get("BENCH_CACHE_URL") or os.environ.get("CACHE_URL") or (broker if "redis" in broker else "")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "CACHE_URL": cache,
        "LABEL_VERIFY_RATE_PER_MINUTE": str(VERIFY_LIMIT),
        "BENCH_STATIC_ROOT": str(static_root),
    }
    if not cache:
        print("   no Redis for the cache: each worker has its own (locmem), as production would not", flush=True)
        env.pop("CACHE_URL")
    if _static_outdated(static_root):
        print("   collecting static files (compressed, as in production; a minute or two)", flush=True)
        command = [sys.executable, "-m", "django", "collectstatic", "--noinput", "--clear", "-v0"]
        subprocess.run(command, env=env, cwd=ROOT, check=True)
    log = open(workdir / "gunicorn.log", "w+")  # noqa: SIM115
    command = [sys.executable, "-m", "gunicorn", "portal.wsgi:application"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS), "--log-level", "warning"]
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=30) as response:
                    if response.status == 200:
                        break
            except OSError:  # refused, reset or timed out while the workers start
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"gunicorn did not start:\n{log.read()[-3000:]}")
            time.sleep(0.2)
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.seek(0)
        text = log.read()
        if "Traceback" in text or "ERROR" in text:
            print(f"   gunicorn log (errors):\n{text[-4000:]}", flush=True)
        log.close()


def _server_cpu(master_pid: int) -> dict[tuple[str, int], float]:
    """CPU seconds used so far by each gunicorn worker and each PostgreSQL backend serving the bench database:
    the work per request, whatever else the machine is doing."""
    from django.db import connection

    ticks = os.sysconf("SC_CLK_TCK")

    def stat(pid: int) -> list[str] | None:
        try:
            text = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return None
        return text[text.rindex(")") + 2 :].split()  # fields from the state on (the name may hold spaces)

    def seconds(fields: list[str]) -> float:
        return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime

    cpu = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := stat(int(entry.name))) and int(fields[1]) == master_pid:
            cpu[("gunicorn", int(entry.name))] = seconds(fields)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        for (pid,) in cursor.fetchall():
            if fields := stat(pid):
                cpu[("postgres", pid)] = seconds(fields)
    return cpu


@contextlib.contextmanager
def _cpu_watch(master_pid: int):
    """The server's CPU counters at the start, and their last values seen during the run (sampled every half
    second: PostgreSQL backends come and go with CONN_MAX_AGE, and an ended one keeps its last reading)."""
    from django.db import connection

    before = _server_cpu(master_pid)
    seen = dict(before)
    stop = threading.Event()

    def sample() -> None:
        try:
            while not stop.wait(0.5):
                seen.update(_server_cpu(master_pid))
        finally:
            connection.close()  # this thread's own connection

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield before, seen
    finally:
        stop.set()
        sampler.join()
        seen.update(_server_cpu(master_pid))


def _cpu_per_response(before: dict, after: dict, rows: dict) -> None:
    """Add to rows["overall"] the CPU milliseconds per response of the workers and of PostgreSQL (a process
    that started during the run counts from zero)."""
    responses = rows["overall"]["responses"] or 1
    for kind in ("gunicorn", "postgres"):
        used = sum(value - before.get(key, 0.0) for key, value in after.items() if key[0] == kind)
        rows["overall"][f"{kind}_cpu_ms"] = used * 1000 / responses


def _check_urls(base: str, urls: dict[str, list[str]]) -> None:
    """Each distinct URL once (also warms the workers up): a URL that does not answer 200 is the bench's fault."""
    bad = []
    for path in sorted({path for group in urls.values() for path in group}):
        try:
            with urllib.request.urlopen(base + path, timeout=30) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        if status != 200:
            bad.append(f"{status} {path}")
    if bad:
        raise RuntimeError("URLs of the load test that do not answer 200:\n" + "\n".join(bad[:20]))


def _wrk(wrk: str, base: str, mix: list[tuple[str, str]], seconds: int, workdir: Path, think_ms: int = 0) -> dict:
    """Run wrk with one connection per thread; the samples of bench/load.lua, parsed."""
    urls_file = workdir / "urls.tsv"
    samples_file = workdir / "samples.txt"
    urls_file.write_text("".join(f"{group}\t{path}\n" for group, path in mix))
    samples_file.unlink(missing_ok=True)
    env = {
        **os.environ,
        "BENCH_LOAD_URLS": str(urls_file),
        "BENCH_LOAD_SAMPLES": str(samples_file),
        "BENCH_LOAD_THINK_MS": str(think_ms),
    }
    command = [wrk, "-t", str(USERS), "-c", str(USERS), "-d", f"{seconds}s", "--timeout", "30s"]
    command += ["-s", str(ROOT / "bench" / "load.lua"), base]
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    rows = _parse_samples(samples_file.read_text(), seconds)
    wrk_cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    rows["overall"]["wrk_cpu_ms"] = wrk_cpu * 1000 / (rows["overall"]["responses"] or 1)
    return rows


def _percentile(sorted_values: list[float], percent: float) -> float:
    """Nearest-rank percentile."""
    if not sorted_values:
        return float("nan")
    rank = max(1, -(-len(sorted_values) * percent // 100))
    return sorted_values[int(rank) - 1]


def _parse_samples(text: str, seconds: int) -> dict:
    """Per group and overall: responses, req/s, p50/p95/p99 in ms, errors (status outside 2xx/3xx, 429 among
    them, and requests that got no response)."""
    latencies: dict[str, list[float]] = {}
    bad_status: dict[str, int] = {}
    limited: dict[str, int] = {}
    no_response: dict[str, int] = {}
    summary: dict[str, int] = {}
    details: list[str] = []
    for line in text.splitlines():
        parts = line.split()
        if parts[0] == "summary":
            summary = {key: int(value) for key, value in (part.split("=") for part in parts[1:])}
        elif parts[0] == "error":
            no_response[parts[1]] = no_response.get(parts[1], 0) + 1
            details.append(f"no response: {parts[2]}")
        else:
            group, status, micros = parts[0], int(parts[1]), int(parts[2])
            latencies.setdefault(group, []).append(micros / 1000)
            if not 200 <= status < 400:
                bad_status[group] = bad_status.get(group, 0) + 1
                details.append(f"{status}: {parts[3]}")
            if status == 429:
                limited[group] = limited.get(group, 0) + 1
    duration = summary.get("duration_us", seconds * 1_000_000) / 1_000_000
    rows = {}
    for group in [*sorted(latencies), "overall"]:
        if group == "overall":
            values = sorted(v for group_values in latencies.values() for v in group_values)
            errors = sum(bad_status.values()) + sum(no_response.values())
            rate_limited = sum(limited.values())
        else:
            values = sorted(latencies[group])
            errors = bad_status.get(group, 0) + no_response.get(group, 0)
            rate_limited = limited.get(group, 0)
        rows[group] = {
            "responses": len(values),
            "rps": len(values) / duration,
            "p50": _percentile(values, 50),
            "p95": _percentile(values, 95),
            "p99": _percentile(values, 99),
            "errors": errors,
            "rate_limited": rate_limited,
        }
    socket_errors = sum(summary.get(key, 0) for key in ("connect", "read", "write", "timeout"))
    rows["overall"]["socket_errors"] = socket_errors
    rows["overall"]["errors"] += max(0, socket_errors - sum(no_response.values()))
    if rows["overall"]["errors"]:
        wrk_errors = ", ".join(f"{key} {summary.get(key, 0)}" for key in ("connect", "read", "write", "timeout"))
        print(f"   errors: {'; '.join(details[:10]) or 'none with a response'}; wrk counted {wrk_errors}", flush=True)
    return rows


def _print_table(title: str, rows: dict) -> None:
    print(f"   {title}", flush=True)
    header = f"{'group':<10} {'responses':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}"
    print(f"   {header}  CPU ms per response: workers + PostgreSQL (load generator)", flush=True)
    for group, row in rows.items():
        cpu = (
            f"{row['gunicorn_cpu_ms']:.1f} + {row['postgres_cpu_ms']:.1f} (wrk {row['wrk_cpu_ms']:.1f})"
            if "gunicorn_cpu_ms" in row
            else ""
        )
        print(
            f"   {group:<10} {row['responses']:>9} {row['rps']:>8.1f} {row['p50']:>8.1f} {row['p95']:>8.1f} "
            f"{row['p99']:>8.1f} {row['errors']:>6}  {cpu}",
            flush=True,
        )


def _figures(title: str, rows: dict) -> list[dict]:
    figures = []
    for group, row in rows.items():
        name = f"load, {title}: {group}"
        figures += [
            {"name": f"{name} throughput", "value": round(row["rps"], 1), "unit": "req/s"},
            {"name": f"{name} p50", "value": round(row["p50"], 1), "unit": "ms"},
            {"name": f"{name} p95", "value": round(row["p95"], 1), "unit": "ms", "target": "< 300"},
            {"name": f"{name} p99", "value": round(row["p99"], 1), "unit": "ms"},
            {"name": f"{name} errors", "value": row["errors"], "unit": "requests", "target": "0"},
        ]
    overall = rows["overall"]
    figures.append({"name": f"load, {title}: responses", "value": overall["responses"], "unit": "requests"})
    for kind in ("gunicorn", "postgres", "wrk"):
        figures.append(
            {
                "name": f"load, {title}: {kind} CPU per response",
                "value": round(overall[f"{kind}_cpu_ms"], 1),
                "unit": "ms",
            }
        )
    figures.append(
        {"name": f"load, {title}: errors that were 429", "value": overall["rate_limited"], "unit": "requests"}
    )
    return figures


def run() -> list[dict]:
    wrk = _require_wrk()
    database_url = _prepare_database()
    urls = _urls()
    mix = _mix(urls)
    directory_only = [("directory", path) for path in urls["directory"]]
    random.Random("2026-bench-load-directory").shuffle(directory_only)
    users = f"{USERS} users pausing 0-{2 * THINK_MS / 1000:g} s, {SECONDS} s"
    flat_out = f"{USERS} users without pause, {FLAT_OUT_SECONDS} s"
    with tempfile.TemporaryDirectory(prefix="portal-bench-load-") as tmp:
        workdir = Path(tmp)
        with _server(database_url, workdir) as (base, pid):
            _check_urls(base, urls)
            _wrk(wrk, base, mix, 5, workdir)  # warm-up: every worker's connection, caches, query plans

            def measured(urls: list[tuple[str, str]], seconds: int, think_ms: int = 0) -> dict:
                with _cpu_watch(pid) as (before, seen):
                    rows = _wrk(wrk, base, urls, seconds, workdir, think_ms)
                _cpu_per_response(before, seen, rows)
                return rows

            load_before = os.getloadavg()[0]
            rows = measured(mix, SECONDS, THINK_MS)
            load_after = os.getloadavg()[0]
            flat = measured(mix, FLAT_OUT_SECONDS)
            directory = measured(directory_only, COMPARE_SECONDS)["overall"]
            trivial = measured([("trivial", "/bench/trivial/")], COMPARE_SECONDS)["overall"]
    print(f"   verification's limit raised to {VERIFY_LIMIT:,} a minute per address (all users are 127.0.0.1)")
    _print_table(users, rows)
    _print_table(flat_out, flat)
    _print_table(f"{USERS} users without pause, {COMPARE_SECONDS} s each", {"directory": directory, "trivial": trivial})

    figures = _figures(users, rows) + _figures(flat_out, flat)
    per_response = flat["overall"]["gunicorn_cpu_ms"] + flat["overall"]["postgres_cpu_ms"]
    figures.append(
        {
            "name": "load: capacity of this machine for the mix, from CPU per response (cores / CPU)",
            "value": round((os.cpu_count() or 1) * 1000 / per_response, 1) if per_response else 0,
            "unit": "req/s",
        }
    )
    figures += [
        {"name": "load: directory list alone, throughput", "value": round(directory["rps"], 1), "unit": "req/s"},
        {"name": "load: directory list alone, p95", "value": round(directory["p95"], 1), "unit": "ms"},
        {
            "name": "load: directory list alone, gunicorn CPU per response",
            "value": round(directory["gunicorn_cpu_ms"], 1),
            "unit": "ms",
        },
        {
            "name": "load: directory list alone, postgres CPU per response",
            "value": round(directory["postgres_cpu_ms"], 1),
            "unit": "ms",
        },
        {"name": "load: trivial Django view, throughput", "value": round(trivial["rps"], 1), "unit": "req/s"},
        {
            "name": "load: trivial Django view, gunicorn CPU per response",
            "value": round(trivial["gunicorn_cpu_ms"], 2),
            "unit": "ms",
        },
        {"name": "load: trivial Django view, p95", "value": round(trivial["p95"], 1), "unit": "ms"},
        {
            "name": "load: directory / trivial view throughput ratio",
            "value": round(directory["rps"] / trivial["rps"], 3),
            "unit": "x",
        },
        {
            "name": "load: errors of the directory and trivial runs",
            "value": directory["errors"] + trivial["errors"],
            "unit": "requests",
            "target": "0",
        },
        {"name": "load: load average before the users' run (1 min)", "value": round(load_before, 2), "unit": "load"},
        {"name": "load: load average after the users' run (1 min)", "value": round(load_after, 2), "unit": "load"},
        {"name": "load: CPU cores (gunicorn, PostgreSQL and wrk share them)", "value": os.cpu_count(), "unit": "cores"},
    ]
    return figures
