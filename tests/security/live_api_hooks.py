"""Schemathesis hooks for the run from outside (tests/security/test_api_live.py), loaded by the schemathesis CLI
through SCHEMATHESIS_HOOKS. They know the server only as a client does: the world's real path values and the
certificate PDF come from the JSON file named by PORTAL_FUZZ_WORLD, and an answer's current version is read from
the API itself before it is written. No Django here: this runs in the schemathesis process.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import requests
import schemathesis
from hypothesis import strategies as st

WORLD = json.loads(Path(os.environ["PORTAL_FUZZ_WORLD"]).read_text()) if "PORTAL_FUZZ_WORLD" in os.environ else {}
ANSWER = "/api/v1/assessments/{id}/answers/{code}/"


def _real_values(path: str, name: str) -> list:
    return WORLD.get("path_values", {}).get(path, {}).get(name, [])


@schemathesis.hook
def flatmap_path_parameters(context, path_parameters):
    """Each parameter with real values keeps the generated value (a third of the time) or takes a real one, so
    that the operations are reached behind their 404s."""
    path = context.operation.path
    if not isinstance(path_parameters, dict) or not any(_real_values(path, name) for name in path_parameters):
        return st.just(path_parameters)
    return st.fixed_dictionaries(
        {
            name: st.one_of(st.just(value), *[st.sampled_from(_real_values(path, name))] * 2)
            if _real_values(path, name)
            else st.just(value)
            for name, value in path_parameters.items()
        }
    )


@schemathesis.hook
def before_call(context, case, kwargs):
    """Valid writes that get past the first refusal: an answer written with its current version (otherwise nearly
    every write is an edit conflict). Only generated-valid cases are changed, so that a negative case stays
    negative. (A real certificate PDF for verify-file is left to test_api_fuzz.py: schemathesis counted a valid
    body replaced here as "invalid data accepted"; every generated file gets a `genuine: false` 200 anyway.)"""
    meta = case.meta
    # Only generated-valid cases of the fuzzing phase: the coverage phase's cases each probe one rule, valid
    # bodies included, and a replaced body would no longer be the one the rule expects an answer to.
    if meta is None or not meta.generation.mode.is_positive or not isinstance(case.body, dict):
        return
    if "fuzz" not in str(getattr(meta.phase.name, "value", meta.phase.name)).lower():
        return
    path = case.operation.path
    if path == ANSWER and case.method.upper() in {"PUT", "PATCH"} and "version" in case.body:
        version = _current_version(case)
        if version is not None:
            case.body = {**case.body, "version": version}


def _current_version(case) -> int | None:
    authorization = WORLD.get("authorization")
    if not authorization:
        return None
    url = WORLD["base_url"] + case.formatted_path
    response = requests.get(url, headers={"Authorization": authorization}, timeout=10)
    if response.status_code != 200:
        return None
    return response.json().get("version")
