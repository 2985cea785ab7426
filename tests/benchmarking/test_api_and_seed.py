"""API v1 of benchmarking, the dashboard panels, and the demo data."""

from __future__ import annotations

import io
import random

from django.core.management.base import OutputWrapper
from django.urls import reverse

from benchmarking.models import BenchmarkReport, StatisticsSnapshot
from benchmarking.seed import seed
from tests.benchmarking.factories import peers, reviewed_assessment


def test_public_statistics_per_indicator(client, report_a):
    data = client.get(reverse("api-benchmarking-statistics")).json()
    assert data["group"] == "all" and data["organisations"] == 8
    codes = [s["metric"] for s in data["statistics"]]
    assert codes[0] == "1.1" and "total" in codes
    first = data["statistics"][0]
    assert first["q1"] <= first["median"] <= first["q3"]
    # 8 organisations: no 10th/90th percentile (from 20 on), and never a minimum or maximum (one peer's value)
    assert first["p10"] is None and first["p90"] is None
    assert not {"min", "max", "minimum", "maximum"} & set(first)


def test_public_statistics_refuse_an_unknown_group(client, report_a):
    response = client.get(reverse("api-benchmarking-statistics"), {"group": "planet"})
    assert response.status_code == 400
    assert "Unknown peer group" in str(response.json()["group"])


def test_public_statistics_refuse_a_nul_character_in_the_key(client, report_a):
    # PostgreSQL refuses NUL characters even in a comparison; the fuzzer found this as a 500. The front door
    # (portal.middleware.RejectNulMiddleware) answers it before the view.
    response = client.get(reverse("api-benchmarking-statistics"), {"group": "country", "key": "DE\x00"})
    assert response.status_code == 400
    assert "NUL character" in response.json()["detail"]


def test_the_organisation_benchmark_for_its_manager(manager_a_client, report_a):
    data = manager_a_client.get(reverse("api-benchmarking-organisation", args=[report_a.organisation.slug])).json()
    assert data["report"] == report_a.number
    indicator = next(i for i in data["indicators"] if i["code"] == "1.2")
    assert indicator["colour"] == "red"
    assert set(indicator["percentile_ranks"]) >= {"all", "country"}
    assert "excellence" not in indicator["peer_medians"]  # no Gold holders: too few peers


def test_the_dashboard_panels(manager_a_client, coordinator_client, report_a):
    assert report_a.number in manager_a_client.get(reverse("portal:dashboard")).content.decode()
    assert "Benchmark statistics" in coordinator_client.get(reverse("portal:coordination")).content.decode()


class _Ctx:
    def __init__(self):
        self.rng = random.Random("2026-benchmarking")
        self.users = {}
        self.organisations = 20
        self.out = OutputWrapper(io.StringIO())

    def log(self, message):
        self.out.write(message)


def test_the_seed_makes_a_report_for_every_reviewed_organisation_and_is_idempotent(db):
    organisations = peers(8, rng=random.Random(51))
    reviewed_assessment(organisations[0], rng=random.Random(52))  # a second, later assessment
    seed(_Ctx())
    assert BenchmarkReport.objects.count() == 8
    assert StatisticsSnapshot.objects.count() == 1
    state = (
        list(BenchmarkReport.objects.values_list("number", "assessment_id")),
        list(StatisticsSnapshot.objects.values_list("pk", flat=True)),
    )
    seed(_Ctx())
    assert state == (
        list(BenchmarkReport.objects.values_list("number", "assessment_id")),
        list(StatisticsSnapshot.objects.values_list("pk", flat=True)),
    )


def test_the_seed_without_reviewed_assessments_does_nothing(db):
    seed(_Ctx())
    assert not StatisticsSnapshot.objects.exists()
