"""The peer statistics: equal to numpy's linear percentiles (and PostgreSQL's percentile_cont) on the same values,
computed from the right data (latest reviewed assessment of the last 3 years, assessors' values, N/A left out)."""

from __future__ import annotations

import datetime
import random

import numpy as np
import pytest
from django.db import connection
from django.utils import timezone

from benchmarking.models import GroupKind, PeerStatistic
from benchmarking.services import peer_statistics_recompute
from benchmarking.statistics import percentile_rank
from labelling.framework import scoring
from labelling.framework.scoring import items_from_answers, total_score, total_score_exact
from labelling.models import Answer, Assessment
from tests.benchmarking.factories import gold_label, peers, reviewed_assessment
from tests.factories import ClusterOrganisationFactory


def _stat(snapshot, metric, kind=GroupKind.ALL, key=""):
    return PeerStatistic.objects.get(snapshot=snapshot, metric=metric, group_kind=kind, group_key=key)


def _numbers(code):
    return [
        float(v)
        for v in Answer.objects.filter(indicator__code=code, assessed_not_applicable=False).values_list(
            "assessed_number", flat=True
        )
    ]


@pytest.mark.parametrize("code", ["1.1", "1.2", "2.2", "2.6", "4.4", "6.2"])
def test_statistics_equal_numpy_linear_percentiles(db, code):
    peers(9, rng=random.Random(3))
    snapshot = peer_statistics_recompute()
    values = np.array(_numbers(code))
    stat = _stat(snapshot, code)
    assert stat.n == values.size == 9
    expected = np.percentile(values, [25, 50, 75])
    assert [stat.q1, stat.median, stat.q3] == pytest.approx(expected.tolist(), abs=1e-9)
    assert stat.mean == pytest.approx(values.mean())
    assert stat.p10 is None and stat.p90 is None  # fewer than 20 organisations


@pytest.mark.skipif(connection.vendor != "postgresql", reason="percentile_cont is PostgreSQL's")
def test_statistics_equal_postgresql_percentile_cont(db):
    peers(11, rng=random.Random(5))
    snapshot = peer_statistics_recompute()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.code, count(*),
                   percentile_cont(0.25) WITHIN GROUP (ORDER BY a.assessed_number),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY a.assessed_number),
                   percentile_cont(0.75) WITHIN GROUP (ORDER BY a.assessed_number),
                   avg(a.assessed_number)
            FROM labelling_answer a JOIN labelling_indicator i ON i.id = a.indicator_id
            WHERE a.assessed_number IS NOT NULL AND NOT a.assessed_not_applicable
            GROUP BY i.code
            """
        )
        rows = cursor.fetchall()
    assert len(rows) >= 25
    for code, n, q1, median, q3, mean in rows:
        stat = _stat(snapshot, code)
        assert stat.n == n
        assert [stat.q1, stat.median, stat.q3, stat.mean] == pytest.approx([q1, median, q3, float(mean)], abs=1e-6)


def test_not_applicable_is_left_out_per_indicator(db):
    organisations = peers(6, rng=random.Random(1))
    reviewed_assessment(ClusterOrganisationFactory(), not_applicable=("1.2",), rng=random.Random(2))
    del organisations
    snapshot = peer_statistics_recompute()
    assert _stat(snapshot, "1.2").n == 6
    assert _stat(snapshot, "1.3").n == 7


def test_only_the_latest_reviewed_assessment_of_the_last_three_years_counts(db):
    organisation = ClusterOrganisationFactory()
    peers_orgs = peers(5, rng=random.Random(4))
    now = timezone.now()
    reviewed_assessment(organisation, numbers={"1.1": 10}, decided_at=now - datetime.timedelta(days=400))
    reviewed_assessment(organisation, numbers={"1.1": 999}, decided_at=now - datetime.timedelta(days=10))
    # Not reviewed yet, or too old: never used
    reviewed_assessment(organisation, numbers={"1.1": 5000}, status=Assessment.Status.IN_REVIEW, level="silver")
    old = ClusterOrganisationFactory()
    reviewed_assessment(old, numbers={"1.1": 7000}, decided_at=now - datetime.timedelta(days=4 * 365))
    snapshot = peer_statistics_recompute()
    stat = _stat(snapshot, "1.1")
    assert stat.n == 6
    peers_values = [
        float(v)
        for v in Answer.objects.filter(indicator__code="1.1", assessment__organisation__in=peers_orgs).values_list(
            "assessed_number", flat=True
        )
    ]
    assert stat.mean == pytest.approx(np.mean([*peers_values, 999.0]))


def test_values_the_assessors_did_not_accept_are_left_out(db):
    peers(5, rng=random.Random(8))
    unreviewed = reviewed_assessment(
        ClusterOrganisationFactory(), numbers={"1.1": 123456}, review_state=Answer.ReviewState.QUESTION_OPEN
    )
    snapshot = peer_statistics_recompute()
    assert _stat(snapshot, "1.1").n == 5 and _stat(snapshot, "1.1").mean < 123456 / 6
    assert unreviewed.organisation.benchmark_reports.count() == 0


def test_total_scores_follow_the_label_rules(db, org_a):
    peers(5, rng=random.Random(9))
    assessment = reviewed_assessment(org_a, rng=random.Random(10), not_applicable=("3.3",))
    peer_statistics_recompute()
    report = org_a.benchmark_reports.get()
    answers = {a.indicator_id: a for a in assessment.answers.select_related("indicator")}
    items = items_from_answers(assessment.level_indicators(), answers)
    # Stored unrounded (the exact fraction as a float); shown rounded as the label rules round it.
    assert report.total == float(total_score_exact(items))
    from benchmarking.templatetags.benchmarking_tags import percent

    assert percent(report.total) == scoring.format_percent(total_score(items))


def test_peer_groups_country_sector_age_size_and_excellence(db):
    rng = random.Random(12)
    for _ in range(5):
        reviewed_assessment(ClusterOrganisationFactory(country="FR", nuts2_code="FR10", main_sector="health"), rng=rng)
    for _ in range(3):
        organisation = ClusterOrganisationFactory(
            country="IT", nuts2_code="ITC4", founding_year=timezone.now().year - 1
        )
        gold_label(organisation)
    snapshot = peer_statistics_recompute()
    assert _stat(snapshot, "total", GroupKind.COUNTRY, "FR").n == 5
    assert _stat(snapshot, "total", GroupKind.SECTOR, "health").median is not None
    italy = _stat(snapshot, "total", GroupKind.COUNTRY, "IT")
    assert italy.n == 3 and italy.median is None  # too few peers: no figure at all
    assert _stat(snapshot, "total", GroupKind.AGE, "young").n == 3
    assert _stat(snapshot, "total", GroupKind.SIZE, "medium").n == 8
    assert _stat(snapshot, "total", GroupKind.EXCELLENCE, "").n == 3
    assert _stat(snapshot, "total", GroupKind.ALL, "").n == 8


def test_percentile_rank_counts_ties_half_and_respects_direction():
    values = np.array([1.0, 2.0, 2.0, 3.0, 4.0])
    assert percentile_rank(values, 2.0) == 40.0  # one below, two equal -> (1 + 1) / 5
    assert percentile_rank(values, 4.0) == 90.0
    assert percentile_rank(values, 1.0, lower_is_better=True) == 90.0


def test_a_recomputation_keeps_the_snapshots_reports_use_and_drops_the_others(db, org_a):
    peers(5, rng=random.Random(13))
    first = peer_statistics_recompute()
    second = peer_statistics_recompute()
    third = peer_statistics_recompute()
    from benchmarking.models import StatisticsSnapshot

    remaining = set(StatisticsSnapshot.objects.values_list("pk", flat=True))
    assert first.pk in remaining  # the first reports point at it
    assert second.pk not in remaining
    assert third.pk in remaining
