"""Data and credentials for the API fuzzing (tests/security/test_api_fuzz.py).

`build_world()` creates one of everything the API exposes, so that the fuzzer's path parameters can name real
objects; `FuzzWorld.path_values()` lists those real values per path parameter, and `Persona` carries the
credentials a visitor or a manager sends (a session cookie with its CSRF token, or an API token).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.test import Client

from benchmarking.services import peer_statistics_recompute
from club.models import Event
from labelling.framework.levels import Level
from labelling.models import Assessment
from survey.services import survey_results_publish
from tests.benchmarking.factories import peers, reviewed_assessment
from tests.club.factories import EventFactory
from tests.factories import ClusterOrganisationFactory, CoordinatorFactory, MembershipFactory
from tests.knowledge.factories import ModuleFactory, TrainingProgrammeFactory
from tests.labelling.certificate_helpers import current_pdf, make_label
from tests.labelling.factories import AssessmentFactory, fill_answers
from tests.survey.factories import build_survey, submit_response


@dataclass
class Persona:
    """What one kind of caller sends with every request."""

    name: str
    headers: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)


@dataclass
class FuzzWorld:
    """The real objects the fuzzer aims at, and who manages them."""

    manager: object
    organisation_slugs: list[str]
    assessment_ids: list[int]
    indicator_codes: list[str]
    event_ids: list[int]
    label_numbers: list[str]
    certificate_tokens: list[str]
    certificate_pdf: bytes
    survey_slugs: list[str]

    def path_values(self) -> dict[tuple[str, str], list]:
        """Real values per (path template, parameter name)."""
        return {
            ("/api/v1/assessments/{id}/", "id"): self.assessment_ids,
            # Answers: the draft's, which the manager may change (the detail tries the others too).
            ("/api/v1/assessments/{id}/answers/{code}/", "id"): self.assessment_ids[:1],
            ("/api/v1/assessments/{id}/answers/{code}/", "code"): self.indicator_codes,
            ("/api/v1/benchmarking/organisations/{slug}/", "slug"): self.organisation_slugs,
            ("/api/v1/club/events/{id}/", "id"): self.event_ids,
            ("/api/v1/directory/organisations/{slug}/", "slug"): self.organisation_slugs,
            ("/api/v1/frameworks/{code}/", "code"): ["ECEI-2026"],
            ("/api/v1/labels/{number}/", "number"): self.label_numbers,
            ("/api/v1/labels/verify/{token}/", "token"): self.certificate_tokens,
            ("/api/v1/surveys/{slug}/summary/", "slug"): self.survey_slugs,
        }


def build_world() -> FuzzWorld:
    """Organisation A with its manager, a draft and an awarded assessment, a benchmark report among peers, a
    label with its certificate; organisation B (someone else's) with its own assessment; club events (public and
    members only); a published and an unpublished survey; knowledge modules and programmes."""
    org_a = ClusterOrganisationFactory(name="Alpha Photonics Cluster", slug="alpha-photonics")
    org_b = ClusterOrganisationFactory(
        name="Beta Food Valley", slug="beta-food-valley", country="NL", nuts2_code="NL22"
    )
    hidden = ClusterOrganisationFactory(slug="unpublished-cluster", is_published=False)
    manager = MembershipFactory(organisation=org_a, user__email="fuzz.manager@example.org").user
    coordinator = CoordinatorFactory()

    peers(5, rng=random.Random(9))
    reviewed_assessment(org_a, rng=random.Random(10))
    peer_statistics_recompute()
    label = make_label(org_a, level=Level.BRONZE, issue=True)
    draft = AssessmentFactory(organisation=org_a, level=Level.SILVER, started_by=manager)
    fill_answers(draft, user=manager)
    others = Assessment.objects.filter(organisation=org_b).first() or reviewed_assessment(org_b)

    public = EventFactory(title="Open clinic")
    members = EventFactory(title="Members lab", audience=Event.Audience.MEMBERS)

    published = build_survey(user=coordinator, slug="status-quo-fuzz")
    for _ in range(5):
        submit_response(published, organisation=org_b)
    survey_results_publish(survey=published.survey, user=coordinator)
    unpublished = build_survey(user=coordinator, slug="unpublished-fuzz")

    ModuleFactory(slug="fuzz-module", indicators=["1.1", "3.2"])
    TrainingProgrammeFactory()

    return FuzzWorld(
        manager=manager,
        organisation_slugs=[org_a.slug, org_b.slug, hidden.slug],
        assessment_ids=[draft.pk, org_a.assessments.exclude(pk=draft.pk).first().pk, others.pk],
        indicator_codes=list(draft.answers.values_list("indicator__code", flat=True).order_by("indicator__code")),
        event_ids=[public.pk, members.pk],
        label_numbers=[label.number],
        certificate_tokens=[label.certificate.token],
        certificate_pdf=current_pdf(label),
        survey_slugs=[published.survey.slug, unpublished.survey.slug],
    )


def restore_reference_data() -> None:
    """The sectors and the ECEI framework that tests/conftest.py restores for each test (a transactional test
    elsewhere may have flushed them), needed here before the module's world is built."""
    import importlib

    from django.apps import apps

    from tests.conftest import REFERENCE_DATA, _reference_data_missing

    if _reference_data_missing():
        for module, function in REFERENCE_DATA:
            getattr(importlib.import_module(module), function)(apps, None)


def visitor() -> Persona:
    return Persona("visitor")


def session_persona(user) -> Persona:
    """A browser's credentials: the session cookie, and the CSRF cookie with its token in the header, which
    Django requires for unsafe methods on a session-authenticated API."""
    client = Client()
    client.force_login(user)
    request = HttpRequest()
    token = get_token(request)
    return Persona(
        "manager (session)",
        headers={"X-CSRFToken": token},
        cookies={
            settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
            settings.CSRF_COOKIE_NAME: request.META["CSRF_COOKIE"],
        },
    )


def token_persona(user) -> Persona:
    """A script's credentials: `Authorization: Token <key>` (no cookies, so no CSRF)."""
    from rest_framework.authtoken.models import Token

    token, _created = Token.objects.get_or_create(user=user)
    return Persona("manager (token)", headers={"Authorization": f"Token {token.key}"})


__all__ = ["FuzzWorld", "Persona", "build_world", "session_persona", "token_persona", "visitor"]
