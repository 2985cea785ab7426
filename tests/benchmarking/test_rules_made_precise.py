"""Benchmarking under the rules made precise on 2026-12-02 (domain.md):
- min and max are single peers' values, so they are never shown (pages, PDF, charts, API, CSV); the spread is the
  quartiles, and the 10th and 90th percentiles where a group has at least 20 organisations;
- percentile ranks use the unrounded scores;
- the data is each organisation's latest decided assessment (awarded or not) of the last 3 years."""

from __future__ import annotations

import datetime
import io
import random
import re
from decimal import Decimal
from unittest import mock

import numpy as np
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from benchmarking.models import GroupKind, PeerStatistic
from benchmarking.services import benchmark_report_pdf, peer_statistics_recompute
from benchmarking.statistics import (
    TOTAL,
    IndicatorInfo,
    OrganisationInfo,
    Summary,
    build_dataset,
    ranks_for,
    summarise,
)
from labelling.models import Answer, Assessment
from labelling.selfassessment.selectors_benchmarking import latest_reviewed_assessment_ids
from tests.benchmarking.factories import peers, reviewed_assessment
from tests.factories import ClusterOrganisationFactory

# Values no other organisation has: one peer holds the maximum of 1.1, another the minimum of 2.2.
HIGHEST = 987654
LOWEST = Decimal("0.07")


# --- The arithmetic -----------------------------------------------------------------------------------------------


def test_a_summary_has_no_minimum_or_maximum():
    assert not {"minimum", "maximum"} & set(Summary.__dataclass_fields__)
    assert not {"minimum", "maximum"} & {f.name for f in PeerStatistic._meta.get_fields()}


@pytest.mark.parametrize("n", [5, 19])
def test_below_20_organisations_the_spread_is_the_quartiles_only(n):
    values = np.arange(n, dtype=float) ** 2
    summary = summarise(values)
    assert (summary.p10, summary.p90) == (None, None)
    assert [summary.q1, summary.median, summary.q3] == pytest.approx(np.percentile(values, [25, 50, 75]).tolist())


@pytest.mark.parametrize("n", [20, 21, 57])
def test_from_20_organisations_the_10th_and_90th_percentiles_are_given(n):
    values = np.random.default_rng(n).normal(50, 20, n)
    summary = summarise(values)
    expected = np.percentile(values, [10, 25, 50, 75, 90])
    assert [summary.p10, summary.q1, summary.median, summary.q3, summary.p90] == pytest.approx(expected.tolist())
    assert summary.p10 > values.min() and summary.p90 < values.max()


def _info(pk, weight, dimension=1):
    return IndicatorInfo(
        id=pk,
        code=f"i{pk}",
        name=f"indicator {pk}",
        kind="count",
        direction="higher",
        green=50.0,
        yellow=15.0,
        weight=weight,
        dimension=dimension,
    )


GREEN, YELLOW, RED = 60, 20, 1


def _dataset(indicators, values_by_org):
    rows = [
        (org, org * 10, info.id, info.code, float(value), None, "")
        for org, values in values_by_org.items()
        for info, value in zip(indicators, values, strict=True)
        if value is not None
    ]
    organisations = {
        org: OrganisationInfo(
            id=org, country="DE", sector="digital", age_band="mature", size_band="medium", excellent=False
        )
        for org in values_by_org
    }
    return build_dataset(indicators=indicators, rows=rows, organisations=organisations)


def test_percentile_ranks_compare_the_unrounded_scores():
    indicators = [_info(1, 19.99), _info(2, 5.01), _info(3, 0.04)]
    dataset = _dataset(
        indicators,
        {
            1: [GREEN, RED, None],  # 19.99 / 25 = 79.96 %
            2: [GREEN, RED, GREEN],  # 20.03 / 25.04 = 79.99 %: both round to 80.0 %
            3: [GREEN, GREEN, GREEN],
            4: [RED, RED, RED],
            5: [YELLOW, YELLOW, YELLOW],
        },
    )
    totals = dataset.matrix[:, len(indicators)]
    assert totals[0] == pytest.approx(79.96) and totals[1] == pytest.approx(2003 / 25.04)
    ranks = ranks_for(dataset, [1, 2])
    assert ranks[2][GroupKind.ALL][TOTAL] > ranks[1][GroupKind.ALL][TOTAL]  # rounded, they would tie


def test_equal_scores_rank_as_ties_whatever_the_weights():
    indicators = [_info(1, 0.1), _info(2, 0.2), _info(3, 0.3), _info(4, 0.15)]
    dataset = _dataset(
        indicators,
        {
            1: [GREEN, RED, None, None],  # 0.1 / 0.3 = 1/3
            2: [None, None, RED, GREEN],  # 0.15 / 0.45 = 1/3 (as floats, 0.1 / 0.3 and 0.15 / 0.45 differ)
            3: [GREEN, GREEN, GREEN, GREEN],
            4: [RED, RED, RED, RED],
            5: [YELLOW, YELLOW, YELLOW, YELLOW],
        },
    )
    totals = dataset.matrix[:, len(indicators)]
    assert totals[0] == totals[1]
    ranks = ranks_for(dataset, [1, 2])
    assert ranks[1][GroupKind.ALL][TOTAL] == ranks[2][GroupKind.ALL][TOTAL]


# --- Never a single peer's value on a page, in the PDF, the charts, the API or the CSV ----------------------------


@pytest.fixture
def extremes(db, org_a):
    """org_a among 7 random peers, one with the highest 1.1 of all, another with the lowest 2.2."""
    rng = random.Random(21)
    organisations = peers(5, rng=rng)
    reviewed_assessment(ClusterOrganisationFactory(), numbers={"1.1": HIGHEST}, rng=rng)
    reviewed_assessment(ClusterOrganisationFactory(), numbers={"2.2": LOWEST}, rng=rng)
    reviewed_assessment(org_a, colours={"1.2": "red"})
    snapshot = peer_statistics_recompute()
    return snapshot, organisations


def _without_extremes(text: str) -> None:
    assert not re.search(rf"(?<![\d.]){HIGHEST}(?![\d])", text.replace(",", "").replace("\u202f", ""))
    assert not re.search(r"(?<![\d.])0\.07(?!\d)", text)
    assert not re.search(r"range [\d.]+ to [\d.]+", text)  # the charts' old "range min to max" description


def test_the_public_page_and_the_api_show_no_minimum_or_maximum(client, extremes):
    page = client.get(reverse("benchmarking:home")).content.decode()
    assert "P10" in page and "Min" not in page and "Max" not in page
    _without_extremes(page)
    data = client.get(reverse("api-benchmarking-statistics")).json()
    for stat in data["statistics"]:
        assert not {"min", "max", "minimum", "maximum"} & set(stat)
        assert stat["p10"] is None and stat["p90"] is None  # 8 organisations: fewer than 20
    _without_extremes(str(data))


def test_the_report_page_charts_and_pdf_show_no_minimum_or_maximum(manager_a_client, org_a, extremes):
    report = org_a.benchmark_reports.get()
    page = manager_a_client.get(report.get_absolute_url()).content.decode()
    assert 'class="box-chart"' in page and 'class="whisker"' not in page  # no whiskers below 20 peers
    _without_extremes(page)
    pdf = benchmark_report_pdf(report=report)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    _without_extremes(text)


def test_the_programme_view_and_its_csv_show_no_minimum_or_maximum(coordinator_client, extremes):
    page = coordinator_client.get(reverse("benchmarking:programme")).content.decode()
    _without_extremes(page)
    csv = coordinator_client.get(reverse("benchmarking:programme_export")).content.decode()
    header = csv.splitlines()[0].split(",")
    assert "min" not in header and "max" not in header and {"p10", "p90"} <= set(header)


def test_from_20_organisations_the_charts_draw_the_10th_to_90th_percentile(manager_a_client, org_a, db):
    peers(20, rng=random.Random(5))
    reviewed_assessment(org_a)
    snapshot = peer_statistics_recompute()
    stat = PeerStatistic.objects.get(snapshot=snapshot, metric="1.1", group_kind=GroupKind.ALL, group_key="")
    values = [float(v) for v in Answer.objects.filter(indicator__code="1.1").values_list("assessed_number", flat=True)]
    assert stat.n == 21
    assert [stat.p10, stat.p90] == pytest.approx(np.percentile(values, [10, 90]).tolist())
    page = manager_a_client.get(org_a.benchmark_reports.get().get_absolute_url()).content.decode()
    assert 'class="whisker"' in page
    assert "10th to 90th percentile" in page


# --- The data: the latest decided assessment of the last 3 years --------------------------------------------------


NOW = datetime.datetime(2027, 3, 1, 12, 0, tzinfo=datetime.UTC)  # the 3 years before hold no 29 February...


def _latest(now=NOW):
    with mock.patch("labelling.selfassessment.selectors_benchmarking.timezone.now", return_value=now):
        return latest_reviewed_assessment_ids()


def test_the_window_is_three_calendar_years(db):
    inside, outside = ClusterOrganisationFactory(), ClusterOrganisationFactory()
    kept = reviewed_assessment(inside, decided_at=datetime.datetime(2024, 3, 1, 13, 0, tzinfo=datetime.UTC))
    # 1095.75 days before NOW: within 3 * 365 + 1 days, but before 1 March 2024, so more than 3 years ago.
    reviewed_assessment(outside, decided_at=datetime.datetime(2024, 2, 29, 18, 0, tzinfo=datetime.UTC))
    assert _latest() == {inside.pk: kept.pk}


def test_the_latest_decided_counts_awarded_or_not(db):
    now = timezone.now()
    org = ClusterOrganisationFactory()
    reviewed_assessment(org, decided_at=now - datetime.timedelta(days=300))
    rejected = reviewed_assessment(org, status=Assessment.Status.REJECTED, decided_at=now - datetime.timedelta(days=9))
    assert _latest(now) == {org.pk: rejected.pk}
    appealed = ClusterOrganisationFactory()
    under_appeal = reviewed_assessment(appealed, status=Assessment.Status.APPEALED, decided_at=now)
    assert _latest(now)[appealed.pk] == under_appeal.pk


@pytest.mark.parametrize(
    "status",
    [
        Assessment.Status.RECOMMENDED,
        Assessment.Status.IN_REVIEW,
        Assessment.Status.SUBMITTED,
        Assessment.Status.WITHDRAWN,
        Assessment.Status.DRAFT,
    ],
)
def test_an_assessment_not_decided_never_replaces_the_decided_one(db, status):
    now = timezone.now()
    org = ClusterOrganisationFactory()
    decided = reviewed_assessment(org, decided_at=now - datetime.timedelta(days=100))
    reviewed_assessment(org, status=status, level="gold", decided_at=now)
    assert _latest(now) == {org.pk: decided.pk}


def test_latest_means_the_latest_decision(db):
    now = timezone.now()
    org = ClusterOrganisationFactory()
    later_decided = reviewed_assessment(org, decided_at=now - datetime.timedelta(days=2))
    reviewed_assessment(org, level="silver", decided_at=now - datetime.timedelta(days=20))  # started later
    assert _latest(now) == {org.pk: later_decided.pk}
