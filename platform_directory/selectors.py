"""Reads of the directory that are more than one line."""

from __future__ import annotations

from django.db.models import Count, Q

from platform_directory.models import ClusterOrganisation


def directory_headline_figures() -> dict:
    """Counts for the home page, in one query."""
    return ClusterOrganisation.objects.filter(is_published=True).aggregate(
        organisations=Count("id"),
        countries=Count("country", distinct=True),
        validated=Count("id", filter=Q(validation_status=ClusterOrganisation.ValidationStatus.VALIDATED)),
    )
