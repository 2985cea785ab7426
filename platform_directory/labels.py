"""The directory's view of quality labels, read from the labelling area when it is installed.

The directory never writes labels; it shows the labels that hold today and filters by level through the two
selectors labelling provides for it (`labelling.certificates.selectors`). Without that area the label filter is shown
but has no effect, and the page says so.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable

from django.db.models import QuerySet

_MODULE = "labelling.certificates.selectors"


def _registry():
    try:
        if importlib.util.find_spec(_MODULE) is None:
            return None
    except ModuleNotFoundError:
        return None
    return importlib.import_module(_MODULE)


def labels_available() -> bool:
    registry = _registry()
    return registry is not None and hasattr(registry, "organisations_with_current_label")


def filter_by_label_level(queryset: QuerySet, level: str) -> QuerySet:
    """Organisations holding a current label of `level`; unchanged when labels are not available."""
    registry = _registry()
    if registry is None or not hasattr(registry, "organisations_with_current_label"):
        return queryset
    return queryset.filter(pk__in=registry.organisations_with_current_label(level).values("pk"))


def attach_current_labels(organisations: Iterable) -> None:
    """Set `current_labels` (highest level first) on each organisation, in one query."""
    organisations = list(organisations)
    registry = _registry()
    found = {}
    if registry is not None and hasattr(registry, "current_labels_by_organisation") and organisations:
        found = registry.current_labels_by_organisation(o.pk for o in organisations)
    for organisation in organisations:
        organisation.current_labels = found.get(organisation.pk, [])
