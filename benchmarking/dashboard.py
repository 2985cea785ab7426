"""Benchmarking's dashboard panels: my organisations' latest reports; for coordinators, the last recomputation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from benchmarking.selectors import latest_reports, latest_snapshot
from benchmarking.services import RECOMPUTE_JOB
from portal import roles
from portal.dashboard import Panel
from portal.models import TaskRun


def panels(request) -> list[Panel]:
    user = request.user
    result = []
    organisations = roles.member_organisations(user)
    if user.is_authenticated and organisations.exists():
        reports = latest_reports(organisations)
        with_report = {r.organisation_id for r in reports}
        result.append(
            Panel(
                title=_("Benchmark reports"),
                template="benchmarking/_panel_reports.html",
                context={
                    "reports": reports,
                    "without_report": [o for o in organisations.order_by("name") if o.pk not in with_report],
                },
                order=40,
            )
        )
    if roles.is_coordinator(user):
        result.append(
            Panel(
                title=_("Benchmark statistics"),
                template="benchmarking/_panel_recompute.html",
                context={
                    "snapshot": latest_snapshot(),
                    "run": TaskRun.objects.filter(name=RECOMPUTE_JOB).order_by("-created_at").first(),
                },
                order=40,
                coordinator=True,
            )
        )
    return result
