"""Writes of the directory: profiles, validation, invitations, collaboration requests."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db.models import Value

from platform_directory.models import ClusterOrganisation


def organisation_search_vector_update(*, ids) -> None:
    """Recompute the weighted full-text vector (name A, technologies B, description C) on PostgreSQL."""
    if not settings.IS_POSTGRES:
        return
    from django.contrib.postgres.aggregates import StringAgg

    technologies = (
        ClusterOrganisation.objects.filter(pk__in=ids)
        .annotate(tech=StringAgg("technologies__name", delimiter=" ", default=Value("")))
        .values_list("pk", "tech")
    )
    for pk, tech in technologies:
        ClusterOrganisation.objects.filter(pk=pk).update(
            search_vector=SearchVector("name", weight="A", config="simple")
            + SearchVector("acronym", weight="A", config="simple")
            + SearchVector(Value(tech or ""), weight="B", config="simple")
            + SearchVector("description", weight="C", config="english")
        )
