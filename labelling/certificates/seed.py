"""Demo data for labels in the world: certificates for the awarded labels that exist (whatever seeded them),
and among the labels one expired, one suspended and one withdrawn, with public reasons. Deterministic and
idempotent: a second run issues nothing twice and changes no status again."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from labelling.certificates.models import Certificate, Label, LabelStatusChange
from labelling.certificates.services import _change_status, label_issue_certificate, labels_expire
from platform_directory.models import OrganisationMembership

SUSPENSION_REASON = (
    "Suspended while the coordinators check a complaint about the reported number of committed participants."
)
WITHDRAWAL_REASON = "Withdrawn: the cluster organisation was dissolved and merged into a regional agency."


def seed(ctx) -> None:
    today = timezone.localdate()
    coordinator = ctx.users.get("coordinator")
    demo_orgs = _demo_organisation_ids(ctx)

    _record_expiries(today)
    expired = _ensure_one_expired(ctx, today, demo_orgs)

    # Status changes first (they do not touch the PDF); then certificates, the demo managers' labels first.
    candidates = list(
        Label.objects.filter(status=Label.Status.VALID, valid_from__lte=today)
        .exclude(organisation_id__in=demo_orgs)
        .order_by("number")
    )
    if not LabelStatusChange.objects.filter(to_status=Label.Status.SUSPENDED, public_reason=SUSPENSION_REASON).exists():
        if candidates:
            _change_status(
                label=candidates[0],
                allowed_from=[Label.Status.VALID],
                to=Label.Status.SUSPENDED,
                user=coordinator,
                public_reason=SUSPENSION_REASON,
                internal_note="Demo data.",
                action="labelling.label.suspended",
                effective_on=today - datetime.timedelta(days=12),
            )
            ctx.log(f"  label {candidates[0].number} suspended")
        else:
            ctx.log("  no valid label to suspend (seed labelling first)")
    if not LabelStatusChange.objects.filter(to_status=Label.Status.WITHDRAWN, public_reason=WITHDRAWAL_REASON).exists():
        if len(candidates) > 1:
            _change_status(
                label=candidates[1],
                allowed_from=[Label.Status.VALID, Label.Status.SUSPENDED],
                to=Label.Status.WITHDRAWN,
                user=coordinator,
                public_reason=WITHDRAWAL_REASON,
                internal_note="Demo data.",
                action="labelling.label.withdrawn",
                effective_on=today - datetime.timedelta(days=40),
            )
            ctx.log(f"  label {candidates[1].number} withdrawn")
        else:
            ctx.log("  no second valid label to withdraw (seed labelling first)")

    pending = (
        Label.objects.exclude(certificate__state=Certificate.State.ISSUED)
        .annotate(
            demo=Case(When(organisation_id__in=demo_orgs, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .order_by("demo", "-awarded_on", "number")
        .values_list("pk", flat=True)
    )
    ids = list(pending[: _limit()])
    for label_id in ids:
        label_issue_certificate(label_id=label_id, notify=False)
    skipped = max(0, Label.objects.exclude(certificate__state=Certificate.State.ISSUED).count())
    ctx.log(
        f"  certificates issued: {len(ids)}"
        + (f" ({skipped} labels left without one: over the demo limit)" if skipped else "")
        + (f"; expired label {expired}" if expired else "")
    )


def _limit() -> int:
    return settings.SEED_MAX_CERTIFICATES


def _demo_organisation_ids(ctx) -> list[int]:
    users = [ctx.users[key] for key in ("manager", "manager2", "viewer") if key in ctx.users]
    return list(
        OrganisationMembership.objects.filter(user__in=users).values_list("organisation_id", flat=True).distinct()
    )


def _record_expiries(today: datetime.date) -> None:
    """Labels seeded as expired get the status record the expiry job would have written."""
    for label in Label.objects.filter(status=Label.Status.EXPIRED).exclude(status_changes__to_status="expired"):
        LabelStatusChange.objects.create(
            label=label,
            from_status=Label.Status.VALID,
            to_status=Label.Status.EXPIRED,
            effective_on=label.valid_until + datetime.timedelta(days=1),
            changed_at=timezone.make_aware(
                datetime.datetime.combine(label.valid_until + datetime.timedelta(days=1), datetime.time(2, 30))
            ),
        )


def _ensure_one_expired(ctx, today: datetime.date, demo_orgs: list[int]) -> str:
    """At least one expired label: the oldest valid one past its end date is expired by the job's own rule; if
    none has ended, the oldest label outside the demo managers' organisations is moved back in time."""
    labels_expire(today=today)
    existing = Label.objects.filter(status=Label.Status.EXPIRED).order_by("valid_until").first()
    if existing:
        return existing.number
    oldest = (
        Label.objects.filter(status=Label.Status.VALID)
        .exclude(organisation_id__in=demo_orgs)
        .exclude(certificate__state=Certificate.State.ISSUED)
        .order_by("awarded_on", "number")
        .first()
    )
    if oldest is None:
        ctx.log("  no label could be shown as expired")
        return ""
    years = (oldest.valid_until - oldest.valid_from).days
    end = today - datetime.timedelta(days=20)
    Label.objects.filter(pk=oldest.pk).update(
        awarded_on=end - datetime.timedelta(days=years),
        valid_from=end - datetime.timedelta(days=years),
        valid_until=end,
    )
    labels_expire(today=today)
    return oldest.number
