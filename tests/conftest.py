"""Persona fixtures shared by every area, and the headless browser for journeys.

Personas: visitor (anonymous), user (registered, no role), manager of A, manager of B, assessor, coordinator,
club member. Each `*_client` fixture is a Django test client logged in as that persona.
"""

from __future__ import annotations

import importlib
import os
import shutil
from pathlib import Path

import pytest
from django.test import Client

from tests.factories import (
    AssessorProfileFactory,
    ClubMembershipFactory,
    ClusterOrganisationFactory,
    CoordinatorFactory,
    MembershipFactory,
    UserFactory,
)

# Playwright's sync API runs an event loop in the test thread; Django's ORM is still used synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# --- Reference data -------------------------------------------------------------------------------------------

# Data migrations that load reference data: (module, function). A transactional test (browser, worker) empties the
# database when it ends (flush), and with --reuse-db the next run starts without these rows; every database test
# gets them back here before it starts (two cheap queries when nothing is missing).
REFERENCE_DATA = [
    ("platform_directory.migrations.0003_sector_rows", "add_sectors"),
    ("labelling.migrations.0002_ecei_2026", "load"),
]


def _database_fixture(request) -> str | None:
    names = set(request.fixturenames)
    if {"transactional_db", "live_server", "celery_worker_redis", "page"} & names:
        return "transactional_db"
    marker = request.node.get_closest_marker("django_db")
    if marker is not None:
        return "transactional_db" if marker.kwargs.get("transaction") else "db"
    return "db" if "db" in names else None


def _reference_data_missing() -> bool:
    from labelling.models import Framework
    from platform_directory.choices import Sector
    from platform_directory.models import SectorTag

    return (
        SectorTag.objects.count() < len(Sector.values)
        or not Framework.objects.filter(code="ECEI-2026", version=1).exists()
    )


def _load_reference_data() -> None:
    from django.apps import apps

    for module, function in REFERENCE_DATA:
        getattr(importlib.import_module(module), function)(apps, None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """A run starts from an empty database with its reference data, also when it reuses the database of an earlier
    run (--reuse-db, the default): rows that run's live server or worker threads wrote after a test's final flush
    would otherwise be in every test of this one."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
        _load_reference_data()


@pytest.fixture(autouse=True)
def _reference_data(request):
    fixture = _database_fixture(request)
    if fixture is None:
        return
    request.getfixturevalue(fixture)
    if not _reference_data_missing():
        return
    _load_reference_data()


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def org_a(db):
    return ClusterOrganisationFactory(name="Alpha Photonics Cluster", slug="alpha-photonics", country="DE")


@pytest.fixture
def org_b(db):
    return ClusterOrganisationFactory(
        name="Beta Food Valley", slug="beta-food-valley", country="NL", nuts2_code="NL22", main_sector="agri-food"
    )


@pytest.fixture
def user(db):
    return UserFactory(email="someone@example.org")


@pytest.fixture
def manager_a(org_a):
    return MembershipFactory(organisation=org_a, user__email="manager.a@example.org").user


@pytest.fixture
def manager_b(org_b):
    return MembershipFactory(organisation=org_b, user__email="manager.b@example.org").user


@pytest.fixture
def assessor(db):
    return AssessorProfileFactory(user__email="assessor@example.org").user


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory(email="coordinator@example.org")


@pytest.fixture
def club_member(db):
    return ClubMembershipFactory(user__email="member@example.org").user


@pytest.fixture
def visitor_client():
    return Client()


@pytest.fixture
def user_client(user):
    return _client_for(user)


@pytest.fixture
def manager_a_client(manager_a):
    return _client_for(manager_a)


@pytest.fixture
def manager_b_client(manager_b):
    return _client_for(manager_b)


@pytest.fixture
def assessor_client(assessor):
    return _client_for(assessor)


@pytest.fixture
def coordinator_client(coordinator):
    return _client_for(coordinator)


@pytest.fixture
def club_member_client(club_member):
    return _client_for(club_member)


# --- Browser ---------------------------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="session")
def _browser():
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        if os.environ.get("PORTAL_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required for browser tests (apt-get install chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium); .ci/run installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def _new_context(browser, live_server):
    """A browser context of its own (cookies, session) on the live server, at a desktop size."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def page(_browser, live_server, request):
    """A fresh browser page; on failure a screenshot of the last step is kept in test-artifacts/."""
    context = _new_context(_browser, live_server)
    page = context.new_page()
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def browser_login(page, email: str, password: str | None = None) -> None:
    """Log in through the real login form."""
    from tests.factories import PASSWORD

    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password or PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")


@pytest.fixture
def open_browser(_browser, live_server):
    """Open a page in a fresh browser context (its own cookies), logged in as `email` if given.

    For journeys where several people act in turn (manager, coordinator, assessors, a visitor); every context is
    closed when the test ends.
    """
    contexts = []

    def open_page(email: str | None = None):
        contexts.append(_new_context(_browser, live_server))
        page = contexts[-1].new_page()
        if email:
            browser_login(page, email)
        return page

    yield open_page
    for context in contexts:
        context.close()


# --- Real Celery worker -----------------------------------------------------------------------------------------


@pytest.fixture
def celery_worker_redis(transactional_db):
    """A real Celery worker (in a thread) consuming from the Redis broker named by CELERY_BROKER_URL.

    Tasks are sent through Redis instead of running in-process for the duration of the test.
    """
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker.startswith("redis://"):
        if os.environ.get("PORTAL_REQUIRE_BROWSER"):
            pytest.fail("CELERY_BROKER_URL must point at Redis for worker tests")
        pytest.skip("needs CELERY_BROKER_URL=redis://... (make test sets it)")
    from celery.contrib.testing.worker import start_worker

    from portal.celery import app

    app.conf.update(task_always_eager=False, broker_url=broker, result_backend=broker)
    try:
        with start_worker(app, perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30):
            yield app
    finally:
        app.conf.update(task_always_eager=True)
