"""Dashboard panels for labels in the world: the managers' labels with their certificates and verification
counts, and for coordinators the labels expiring soon and the suspended ones. `labelling/dashboard.py` adds
them with `result.extend(label_panels(request))`."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from labelling.certificates.models import Label
from labelling.certificates.selectors import label_public_status
from portal import roles
from portal.dashboard import Panel


def label_panels(request) -> list[Panel]:
    user = request.user
    if not user.is_authenticated:
        return []
    panels = []
    if roles.is_cluster_manager(user):
        labels = list(
            Label.objects.filter(organisation__in=roles.managed_organisations(user))
            .select_related("organisation", "certificate")
            .order_by("-valid_until")[:8]
        )
        today = timezone.localdate()
        panels.append(
            Panel(
                _("Labels and certificates"),
                "labelling/registry/panel_manager.html",
                {"rows": [(label, label_public_status(label, today)) for label in labels]},
                order=16,
            )
        )
    if roles.is_coordinator(user):
        today = timezone.localdate()
        expiring = list(
            Label.objects.filter(
                # expired within 90 days: the day after the last valid day is at most 90 days away (the 90-day reminder)
                status=Label.Status.VALID,
                valid_until__gte=today,
                valid_until__lt=today + datetime.timedelta(days=90),
            )
            .select_related("organisation")
            .order_by("valid_until")[:10]
        )
        panels.append(
            Panel(
                _("Labels: expiring and suspended"),
                "labelling/registry/panel_coordinator.html",
                {
                    "expiring": expiring,
                    "suspended": Label.objects.filter(status=Label.Status.SUSPENDED).count(),
                    "current": Label.objects.filter(status=Label.Status.VALID, valid_until__gte=today).count(),
                },
                order=45,
                coordinator=True,
            )
        )
    return panels
