"""The one read benchmarking makes of labelling's data: the assessors' values, set-wise.

Owned by the benchmarking area (it is the contract between the two apps): benchmarking never writes labelling's
tables and never reads answers any other way.

"Reviewed" means decided (domain.md, rules made precise 2026-12-02: "latest reviewed assessment" is the latest
decided one, awarded or not, of the last 3 years): awarded, rejected, or rejected and under appeal (the assessors'
values of an appealed assessment are as final as those of a rejected one). Latest means the latest decision
(`decided_at`; an appeal's outcome is a decision too). A recommended assessment is not used yet: its values join
the benchmark when the coordinators decide, which is also when the statistics are recomputed; a withdrawn one
never counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Exists, FloatField, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from labelling.models import Answer, Assessment

DECIDED_STATUSES = (Assessment.Status.AWARDED, Assessment.Status.REJECTED, Assessment.Status.APPEALED)
REVIEWED_STATUSES = DECIDED_STATUSES  # the name other areas know
COUNTED_REVIEW_STATES = (Answer.ReviewState.ACCEPTED, Answer.ReviewState.CORRECTED)
# Only assessments decided within this many years (calendar years, back from now) feed the benchmark.
DATA_WINDOW_YEARS = 3


def data_window_start(now: datetime | None = None) -> datetime:
    """The same moment `DATA_WINDOW_YEARS` calendar years ago (29 February: the 28th)."""
    now = now or timezone.now()
    year = now.year - DATA_WINDOW_YEARS
    try:
        return now.replace(year=year)
    except ValueError:  # 29 February
        return now.replace(year=year, day=28)


def latest_reviewed_assessments(*, since: datetime | None = None) -> QuerySet[Assessment]:
    """Per organisation its latest decided assessment (awarded or not) decided since `since` (default: the last
    3 years).

    Portable (no DISTINCT ON): an assessment qualifies when no later decided one of the same organisation exists
    (ties on decided_at broken by id).
    """
    since = since or data_window_start()
    reviewed = Assessment.objects.filter(status__in=DECIDED_STATUSES, decided_at__isnull=False, decided_at__gte=since)
    newer = reviewed.filter(organisation_id=OuterRef("organisation_id")).filter(
        Q(decided_at__gt=OuterRef("decided_at")) | Q(decided_at=OuterRef("decided_at"), pk__gt=OuterRef("pk"))
    )
    return reviewed.filter(~Exists(newer))


def reviewed_values(
    *, since: datetime | None = None, organisation_ids: Iterable[int] | None = None
) -> list[tuple[int, int, int, str, float | None, bool | None, str]]:
    """The assessors' values of each organisation's latest reviewed assessment, in ONE query.

    Rows: (organisation_id, assessment_id, indicator_id, indicator_code, number, yes/no, choice). Only answers the
    assessors accepted or corrected; "not applicable" answers are left out (per indicator). Numbers come as float.
    """
    latest = latest_reviewed_assessments(since=since)
    if organisation_ids is not None:
        latest = latest.filter(organisation_id__in=list(organisation_ids))
    return list(
        Answer.objects.filter(
            assessment__in=latest.values("pk"),
            review_state__in=COUNTED_REVIEW_STATES,
            assessed_not_applicable=False,
        )
        .order_by()
        .values_list(
            "assessment__organisation_id",
            "assessment_id",
            "indicator_id",
            "indicator__code",
            Cast("assessed_number", FloatField()),
            "assessed_bool",
            "assessed_choice",
        )
    )


def latest_reviewed_assessment_ids(*, since: datetime | None = None) -> dict[int, int]:
    """{organisation_id: assessment_id} of the latest reviewed assessment per organisation (one query)."""
    return dict(latest_reviewed_assessments(since=since).values_list("organisation_id", "pk"))
