"""The directory's view of quality labels, asked of the label area through the registry (portal.registry.labels).

The directory never writes labels; it shows the labels that hold today and filters by level. The label area sits
above the directory (it imports the organisations), so the directory asks instead of importing it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from portal import registry


def filter_by_label_level(queryset: QuerySet, level: str) -> QuerySet:
    """Organisations holding a current label of `level`."""
    holders = registry.labels["organisations_with_current_label"](level)
    return queryset.filter(pk__in=holders.values("pk"))


def attach_current_labels(organisations: Iterable) -> None:
    """Set `current_labels` (highest level first) on each organisation, in one query."""
    organisations = list(organisations)
    found = {}
    if organisations:
        found = registry.labels["current_labels_by_organisation"](o.pk for o in organisations)
    for organisation in organisations:
        organisation.current_labels = found.get(organisation.pk, [])
