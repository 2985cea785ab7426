"""The API keeps to its schema, checked from outside: the schemathesis CLI, in its own process, loads the schema
from a running server's /api/schema/ and tests every operation over HTTP with all of its checks (`--checks all`:
server errors, status codes, content types, headers and bodies against the schema, invalid data rejected and
valid data accepted, undeclared methods answered 405 with Allow, credentials enforced, ...) in all its phases
(examples, coverage, fuzzing; the stateful phase has nothing to chain, see `_schemathesis_run`), as a visitor and with a manager's API token.

The server is pytest-django's `live_server` (a real HTTP server thread) on a committed copy of the fuzz world
(tests/security/fuzz_helpers.py); path parameters take its real ids, slugs and codes through
tests/security/live_api_hooks.py. Deterministic and bounded (a few examples per operation), so that CI sends
the same requests every run. No check is switched off.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from rest_framework.throttling import SimpleRateThrottle

from tests.security.fuzz_helpers import build_world, restore_reference_data, token_persona

ROOT = Path(__file__).resolve().parents[2]
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
EXAMPLES_PER_OPERATION = 3
RUN_TIMEOUT_SECONDS = 150


@pytest.fixture
def served_world(live_server, transactional_db, settings, monkeypatch, tmp_path):
    """The fuzz world, committed so that the server thread sees it, and what the hooks need to know of it."""
    # The throttles and the verification limit count per address; the fuzzer sends hundreds of requests a minute
    # from one address, which would turn most answers into 429s and hide what lies behind them.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100000/min", "user": "100000/min"})
    settings.LABEL_VERIFY_RATE_PER_MINUTE = 100_000
    cache.clear()
    restore_reference_data()
    world = build_world()
    path_values: dict[str, dict[str, list]] = {}
    for (path, name), values in world.path_values().items():
        path_values.setdefault(path, {})[name] = values
    yield {"world": world, "base_url": live_server.url, "path_values": path_values}
    cache.clear()


def _schemathesis_run(served: dict, tmp_path: Path, *, authorization: str = "") -> subprocess.CompletedProcess:
    hook_data = tmp_path / "world.json"
    hook_data.write_text(
        json.dumps({**{k: v for k, v in served.items() if k != "world"}, "authorization": authorization})
    )
    config = tmp_path / "schemathesis.toml"
    # The token as the schema's own `tokenAuth` scheme, so that schemathesis knows which credential to take away
    # or spoil when it checks that the API enforces it (a plain -H header would be sent with those probes too).
    config.write_text(f"[auth.openapi.tokenAuth]\napi_key = {json.dumps(authorization)}\n" if authorization else "")
    command = [
        str(SCHEMATHESIS),
        "--config-file",
        str(config),
        "run",
        f"{served['base_url']}/api/schema/",
        "--checks",
        "all",
        "--max-examples",
        str(EXAMPLES_PER_OPERATION),
        "--generation-deterministic",
        # One worker: CPython 3.11's parser is not safe across the threads of several workers (hypothesis parses
        # lambdas' sources while generating, and a race ends in "AST constructor recursion depth mismatch").
        "--workers",
        "1",
        "--no-color",
        "--request-timeout",
        "20",
        # Every phase but the stateful one. It chains operations through links, and the API has none to chain: no
        # operation creates or deletes anything (so use_after_free and ensure_resource_availability have nothing to
        # check either); what it did run was a POST to verify-file without its required file, which it counted as
        # valid data (400 "This field is required." reported as a rejected valid request).
        "--phases",
        "examples,coverage,fuzzing",
    ]
    environment = {**os.environ, "SCHEMATHESIS_HOOKS": "tests.security.live_api_hooks"}
    environment["PORTAL_FUZZ_WORLD"] = str(hook_data)
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), environment.get("PYTHONPATH", "")]))
    return subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=RUN_TIMEOUT_SECONDS, check=False
    )


def _report(run: subprocess.CompletedProcess) -> str:
    failures = run.stdout[max(run.stdout.find("FAILURES"), 0) :]
    return f"schemathesis exited with {run.returncode}:\n{failures[:30000]}\n{run.stderr[-5000:]}"


def test_the_api_keeps_to_its_schema_for_a_visitor(served_world, tmp_path):
    run = _schemathesis_run(served_world, tmp_path)
    assert run.returncode == 0, _report(run)
    assert "No issues found" in run.stdout or " passed" in run.stdout, _report(run)


def test_the_api_keeps_to_its_schema_for_a_manager_with_a_token(served_world, tmp_path):
    manager = served_world["world"].manager
    assert not manager.is_staff  # a staff token needs two factors (issue 13, point 6); a manager's does not
    authorization = token_persona(manager).headers["Authorization"]
    run = _schemathesis_run(served_world, tmp_path, authorization=authorization)
    assert run.returncode == 0, _report(run)
