"""Reads of the framework: the version new assessments are pinned to, and a version with its indicators."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch

from labelling.framework.models import Dimension, Framework, Indicator

DEFAULT_FRAMEWORK_CODE = settings.LABELLING_FRAMEWORK_CODE


def framework_current(code: str = DEFAULT_FRAMEWORK_CODE) -> Framework | None:
    """The latest published version of the framework `code`: what a new assessment is pinned to."""
    return Framework.objects.filter(code=code, published_at__isnull=False).order_by("-version").first()


def framework_with_indicators(framework: Framework) -> Framework:
    """The framework with its dimensions and their indicators prefetched (2 queries)."""
    return Framework.objects.prefetch_related(
        Prefetch("dimensions", queryset=Dimension.objects.order_by("number")),
        Prefetch("dimensions__indicators", queryset=Indicator.objects.order_by("position")),
    ).get(pk=framework.pk)
