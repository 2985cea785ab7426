"""API fuzzing: schemathesis generates requests for every operation of the portal's own OpenAPI schema
(`/api/schema/`, served by the app in-process) as a visitor and as a manager, and checks that no answer is a server
error and that every answer matches the schema: documented status code, content type and body.

Path parameters are a mix of generated values and the real slugs, ids, numbers and tokens of the objects
`build_world()` creates, and answer writes and file verification sometimes carry the current version or the real
certificate PDF, so that the operations are reached behind their 404s and 400s: a test fails when an operation the
persona may use never answered 2xx, when a visitor got data from a members-only one, or when the manager (session
with CSRF token, or API token) was refused.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from labelling.models import Answer
from tests.labelling.factories import good_value
from tests.security.fuzz_helpers import (
    Persona,
    build_world,
    restore_reference_data,
    session_persona,
    token_persona,
    visitor,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# Bounded and derandomized so that CI sends the same requests every run. The explicit phase adds schemathesis'
# coverage cases (each enum value, boundaries, missing and wrong-typed parameters), most of the requests.
FUZZ_SETTINGS = settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)
# The token persona has the session persona's rights, so the same coverage cases would only repeat what the session
# run proves; it fuzzes every operation with token authentication (no cookies, hence no CSRF) at a lower cost.
TOKEN_SETTINGS = settings(FUZZ_SETTINGS, phases=[Phase.generate, Phase.shrink])

# Loaded once, at collection, from the app itself: the schema view needs no database.
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())

# Operations without anonymous access in their `security` (no `{}`): a visitor must get an error, never data.
MEMBERS_ONLY = {
    f"{method.upper()} {path}"
    for path, item in schema.raw_schema["paths"].items()
    for method, operation in item.items()
    if {} not in operation.get("security", [{}])
}

# Real path parameter values of the world the current module built (see `world`), read while generating.
REAL_VALUES: dict[tuple[str, str], list] = {}
CERTIFICATE_PDF: list[bytes] = []
ANSWER_WRITES = {"PUT /api/v1/assessments/{id}/answers/{code}/", "PATCH /api/v1/assessments/{id}/answers/{code}/"}


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Each parameter with real values keeps the generated value (a third of the time) or takes a real one."""
    path = context.operation.path
    if not isinstance(path_parameters, dict) or not any((path, name) in REAL_VALUES for name in path_parameters):
        return st.just(path_parameters)
    return st.fixed_dictionaries(
        {
            name: st.one_of(st.just(value), *[st.sampled_from(REAL_VALUES[(path, name)])] * 2)
            if (path, name) in REAL_VALUES
            else st.just(value)
            for name, value in path_parameters.items()
        }
    )


@schema.hook
def flatmap_case(context, case):
    """Bodies that get past the first refusal: an answer's current version (otherwise nearly every write is an
    edit conflict), with a valid value for its indicator or the generated one; a real certificate PDF to verify
    (otherwise every file is refused as not a PDF)."""
    label = case.operation.label
    if label in ANSWER_WRITES and isinstance(case.body, dict):
        answer = _answer_of(case.path_parameters or {})
        if answer is not None:
            current = {"version": answer.version}
            valid = {**current, "value": _valid_value(answer), "not_applicable": False}
            return st.sampled_from([{}, current, valid]).map(lambda fields: _with(case, **fields))
    if label == "POST /api/v1/labels/verify-file/" and isinstance(case.body, dict) and CERTIFICATE_PDF:
        return st.sampled_from([{}, {"file": CERTIFICATE_PDF[0]}]).map(lambda fields: _with(case, **fields))
    return st.just(case)


def _valid_value(answer: Answer):
    number, boolean, choice = good_value(answer.indicator)
    return str(number) if number is not None else boolean if boolean is not None else choice


def _answer_of(path_parameters: dict) -> Answer | None:
    pk, code = path_parameters.get("id"), path_parameters.get("code")
    if not isinstance(pk, int) or isinstance(pk, bool) or not isinstance(code, str) or abs(pk) > 2**31:
        return None
    return Answer.objects.select_related("indicator").filter(assessment_id=pk, indicator__code=code).first()


def _with(case, **fields):
    if fields:
        case.body = {**case.body, **fields}
    return case


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One world for the whole module (building it takes seconds), rolled back at the end like
    `TestCase.setUpTestData`; each test runs in its own savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        restore_reference_data()
        built = build_world()
        REAL_VALUES.update(built.path_values())
        CERTIFICATE_PDF.append(built.certificate_pdf)
        yield built
        REAL_VALUES.clear()
        CERTIFICATE_PDF.clear()
        transaction.set_rollback(True)


@pytest.fixture(scope="module", autouse=True)
def _keep_the_test_connection():
    """The WSGI handler closes "old" database connections when a request starts and ends, which would close the
    test's connection inside its transaction; Django's test client disconnects that handler the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _fresh_limits(settings):
    # The throttles and the verification limit count per address in the cache; the fuzzer sends hundreds of
    # requests a minute from one address, which would turn most answers into 429s and hide what lies behind.
    settings.LABEL_VERIFY_RATE_PER_MINUTE = 100_000
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def session_manager(world, django_db_blocker):
    with django_db_blocker.unblock():
        return session_persona(world.manager)


@pytest.fixture(scope="module")
def token_manager(world, django_db_blocker):
    with django_db_blocker.unblock():
        return token_persona(world.manager)


@pytest.fixture
def answers(request):
    """Status codes the operation under test answered; afterwards, checks that the fuzzer got through: a visitor
    never gets data from a members-only operation but reaches every other one; the manager is never refused (so
    the session with its CSRF token, and the token, authenticate) and, in the session run, reaches every operation."""
    statuses: list[int] = []
    yield statuses
    if not statuses:
        return
    test, operation = request.node.originalname, request.node.name.split("[", 1)[-1].rstrip("]")
    succeeded = any(200 <= status < 300 for status in statuses)
    seen = sorted(set(statuses))
    if test == "test_the_api_as_a_visitor":
        if operation in MEMBERS_ONLY:
            assert not succeeded, f"{operation}: a visitor got {seen}"
        else:
            assert succeeded, f"{operation}: never reached a real object, only {seen}"
        return
    assert 403 not in statuses, f"{operation}: the manager was refused ({seen})"
    if test == "test_the_api_as_a_manager_with_a_session":
        assert succeeded, f"{operation}: never reached a real object, only {seen}"


def _call(case, persona: Persona, answers: list[int]) -> None:
    response = case.call(headers=persona.headers, cookies=persona.cookies)
    answers.append(response.status_code)
    case.validate_response(response, checks=CHECKS, headers=persona.headers)
    if persona.cookies:
        assert b"CSRF Failed" not in response.content, "the session persona's CSRF token was refused"


@schema.parametrize()
@FUZZ_SETTINGS
def test_the_api_as_a_visitor(case, world, db, answers):
    _call(case, visitor(), answers)


@schema.parametrize()
@FUZZ_SETTINGS
def test_the_api_as_a_manager_with_a_session(case, session_manager, db, answers):
    _call(case, session_manager, answers)


@schema.parametrize()
@TOKEN_SETTINGS
def test_the_api_as_a_manager_with_a_token(case, token_manager, db, answers):
    _call(case, token_manager, answers)


def test_the_members_only_operations_come_from_the_schema():
    assert {"GET /api/v1/assessments/", "PUT /api/v1/assessments/{id}/answers/{code}/"} <= MEMBERS_ONLY
    assert "GET /api/v1/labels/" not in MEMBERS_ONLY
