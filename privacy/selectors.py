"""Reads of the privacy area: what the account page, the export page and the deletion page show."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy import exports
from privacy.models import DataExport
from privacy.registry import HOLDINGS, Erase

# What the deletion does with the records a step handles (privacy.services.ERASURE_STEPS).
STEP_OUTCOMES = {
    "club_registrations": _("Places at events still to come are given up (the first person waiting moves up)."),
    "survey_responses": _(
        "Submitted answers stay in the survey's results, linked to nobody; unfinished answers are deleted."
    ),
    "survey_invitations": _("Deleted."),
    "directory_invitations": _("Deleted: open invitations to your addresses stop working."),
    "admin_history": _("Kept in the audit log without your name."),
}


CONTACT_KIND = "directory/profiles_with_your_address"


@dataclass
class Line:
    description: str
    count: int
    outcome: str = ""


def account_security(user) -> dict:
    return {
        "addresses": list(EmailAddress.objects.filter(user=user).order_by("-primary", "email")),
        "has_password": user.has_usable_password(),
        "has_totp": Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists(),
    }


def prepared_exports(user) -> dict:
    """The person's background exports that have not expired, and whether one is still being built."""
    recent = list(
        DataExport.objects.filter(user=user, expires_at__gt=timezone.now())
        .filter(Q(finished_at__isnull=False) | Q(task_run__isnull=False))
        .select_related("task_run")
        .order_by("-created_at")[:5]
    )
    active = any(e.task_run is not None and e.task_run.is_active and not e.is_ready for e in recent)
    return {"exports": recent, "active": active}


def export_overview(user) -> dict:
    plan = exports.export_plan(user)
    descriptions = {h.kind: str(h.description) for h in HOLDINGS}
    descriptions["account/account"] = str(_("Your account."))
    descriptions["portal/audit_events_about_you"] = str(_("Audit log entries about your account and records."))
    lines = [Line(descriptions.get(kind, kind), count) for kind, count in plan.counts.items() if count]
    return {"plan": plan, "lines": lines, "export_days": settings.PRIVACY_EXPORT_KEEP_DAYS, **prepared_exports(user)}


def deletion_overview(user) -> dict:
    """What goes and what stays, with counts, for the deletion page."""
    plan = exports.export_plan(user)
    deleted, kept, special = [], [], []
    for holding in HOLDINGS:
        count = plan.counts.get(holding.kind, 0)
        if not count or holding.kind == CONTACT_KIND:  # not "without your name": the page warns about it instead
            continue
        if holding.erase == Erase.DELETE:
            deleted.append(Line(str(holding.description), count))
        elif holding.erase == Erase.KEEP:
            kept.append(Line(str(holding.description), count))
        else:
            special.append(Line(str(holding.description), count, str(STEP_OUTCOMES.get(holding.step, ""))))
    contact_holding = next(h for h in HOLDINGS if h.kind == CONTACT_KIND)
    contact_profiles = list(exports.holding_queryset(contact_holding, user).values("name", "slug"))
    return {
        "deleted": deleted,
        "kept": kept,
        "special": special,
        "contact_profiles": contact_profiles,
        "audit_events": plan.counts.get("portal/audit_events_by_you", 0),
    }
