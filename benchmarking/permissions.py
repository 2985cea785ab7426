"""Who may do what in benchmarking. Views fetch every object through these helpers.

Reports are private to the organisation's members (managers and viewers) and the coordinators: everyone else
gets 404, so outsiders cannot learn that a report exists. The "learn from us" choice belongs to the managers
(viewers and coordinators: 403). The programme view and recomputation belong to the coordinators.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from benchmarking.models import BenchmarkReport
from platform_directory.models import ClusterOrganisation
from portal import roles


def can_view_reports(user, organisation: ClusterOrganisation) -> bool:
    return roles.can_see_organisation_internals(user, organisation)


def can_manage_learn_from_us(user, organisation: ClusterOrganisation) -> bool:
    return roles.can_manage_organisation(user, organisation)


def can_use_benchmark_api(user, organisation: ClusterOrganisation) -> bool:
    """The organisation's benchmark data through the API: its managers (and coordinators)."""
    return roles.is_coordinator(user) or roles.can_manage_organisation(user, organisation)


def can_see_programme(user) -> bool:
    return roles.is_coordinator(user)


def report_or_404(user, number: str) -> BenchmarkReport:
    report = get_object_or_404(
        BenchmarkReport.objects.select_related("organisation", "snapshot", "previous"), number=number
    )
    if not can_view_reports(user, report.organisation):
        raise Http404
    return report


def organisation_for_reports_or_404(user, slug: str) -> ClusterOrganisation:
    organisation = get_object_or_404(ClusterOrganisation, slug=slug)
    if not can_view_reports(user, organisation):
        raise Http404
    return organisation


def organisation_for_learn_from_us_or_404(user, slug: str) -> ClusterOrganisation:
    """The organisation if `user` manages it; 404 for outsiders, 403 for viewers and coordinators."""
    organisation = get_object_or_404(ClusterOrganisation, slug=slug)
    if can_manage_learn_from_us(user, organisation):
        return organisation
    if roles.can_see_organisation_internals(user, organisation):
        raise PermissionDenied
    raise Http404


def require_programme(user) -> None:
    if not can_see_programme(user):
        raise PermissionDenied
