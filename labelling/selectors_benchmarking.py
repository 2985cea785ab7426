"""The one read benchmarking makes of labelling's data: the assessors' values, set-wise.

Owned by the benchmarking area (it is the contract between the two apps): benchmarking never writes labelling's
tables and never reads answers any other way.

"Reviewed" means decided: awarded, rejected, or rejected and under appeal (the assessors' values of an appealed
assessment are as final as those of a rejected one). A recommended assessment is not used yet: its values join
the benchmark when the coordinators decide, which is also when the statistics are recomputed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db.models import Exists, FloatField, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from labelling.models import Answer, Assessment

REVIEWED_STATUSES = (Assessment.Status.AWARDED, Assessment.Status.REJECTED, Assessment.Status.APPEALED)
COUNTED_REVIEW_STATES = (Answer.ReviewState.ACCEPTED, Answer.ReviewState.CORRECTED)
# Only assessments decided within this window feed the benchmark.
DATA_WINDOW = timedelta(days=3 * 365 + 1)


def data_window_start(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - DATA_WINDOW


def latest_reviewed_assessments(*, since: datetime | None = None) -> QuerySet[Assessment]:
    """Per organisation its latest reviewed assessment decided since `since` (default: the last 3 years).

    Portable (no DISTINCT ON): an assessment qualifies when no later reviewed one of the same organisation exists
    (ties on decided_at broken by id).
    """
    since = since or data_window_start()
    reviewed = Assessment.objects.filter(status__in=REVIEWED_STATUSES, decided_at__isnull=False, decided_at__gte=since)
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
