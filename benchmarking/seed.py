"""Demo data of benchmarking: after labelling's seed, compute the peer statistics, make a report for every
organisation with a reviewed assessment, and let a few green organisations offer "learn from us".

Deterministic and idempotent: when every reviewed organisation already has the report of its latest assessment,
nothing is recomputed; opt-ins are get_or_create.
"""

from __future__ import annotations

from benchmarking.models import BenchmarkReport, LearnFromUsOptIn, StatisticsSnapshot
from benchmarking.selectors import framework_indicators
from benchmarking.services import peer_statistics_recompute
from labelling.selfassessment.selectors_benchmarking import latest_reviewed_assessment_ids


def _up_to_date() -> bool:

    latest = latest_reviewed_assessment_ids()
    if not latest or not StatisticsSnapshot.objects.exists():
        return False
    reported = set(
        BenchmarkReport.objects.filter(organisation_id__in=list(latest)).values_list("organisation_id", "assessment_id")
    )
    return all((org, assessment) in reported for org, assessment in latest.items())


def seed(ctx) -> None:
    organisations = sorted(latest_reviewed_assessment_ids())
    if not organisations:
        ctx.log("benchmarking: no reviewed assessments yet, nothing to benchmark")
        return
    # A few organisations share their practice on some indicators (shown to peers only where they are green).
    codes = [i.code for i in framework_indicators()]
    for org_id in ctx.rng.sample(organisations, k=min(12, len(organisations))):
        for code in ctx.rng.sample(codes, k=min(8, len(codes))):
            LearnFromUsOptIn.objects.get_or_create(organisation_id=org_id, indicator_code=code)
    if _up_to_date():
        ctx.log("benchmarking: statistics and reports already up to date")
        return
    snapshot = peer_statistics_recompute()
    ctx.log(
        f"benchmarking: statistics of {snapshot.organisations} organisations, {BenchmarkReport.objects.count()} reports"
    )
