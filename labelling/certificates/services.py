"""Writes for labels in the world: issuing and re-issuing certificates, suspension, reinstatement and withdrawal,
the daily expiry job with its reminders, and counting verifications.

Issuing is idempotent: the certificate row is unique per label, and the one run that wins a conditional UPDATE
(pending → issued, inside the transaction that also writes the PDF's revision) renders it; a duplicate delivery
or a racing run finds nothing to claim. A worker killed mid-run never commits its claim, so the redelivered task
(acks_late) finds the certificate still pending and issues it.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from labelling.certificates import permissions
from labelling.certificates.models import (
    REMINDER_DAYS,
    Certificate,
    CertificateRevision,
    ExpiryReminder,
    Label,
    LabelStatusChange,
    certificate_file_name,
)
from labelling.certificates.pdf import certificate_content, render_certificate_pdf, sha256_of
from labelling.certificates.selectors import label_renewal_window
from platform_directory.models import OrganisationMembership
from portal.audit import audit_log
from portal.mail import mail, subject_line

logger = logging.getLogger(__name__)

Status = Label.Status


class CertificateError(Exception):
    """An action on a label or its certificate that is not allowed now; the message says why."""


# --- Issuing -------------------------------------------------------------------------------------------------------


def _write_revision(*, certificate: Certificate, label: Label, revision: int, user, reason: str) -> CertificateRevision:
    """Render the PDF of `revision` and store it privately with its SHA-256 (inside the caller's transaction)."""
    today = timezone.localdate()
    content = certificate_content(label=label, token=certificate.token, revision=revision, issued_on=today)
    pdf = render_certificate_pdf(content)
    storage = CertificateRevision._meta.get_field("file").storage
    name = certificate_file_name(label.pk, revision)
    if storage.exists(name):  # left by a run that crashed before committing: it never counted
        storage.delete(name)
    entry = CertificateRevision(
        certificate=certificate,
        revision=revision,
        sha256=sha256_of(pdf),
        size=len(pdf),
        organisation_name=content.organisation_name,
        reason=reason[:300],
        issued_by=user if getattr(user, "is_authenticated", False) else None,
    )
    entry.file.save(name, ContentFile(pdf), save=False)
    try:
        entry.save()
    except Exception:
        storage.delete(entry.file.name)
        raise
    return entry


def label_issue_certificate(*, label_id: int, notify: bool = True) -> Certificate | None:
    """Issue the first certificate of a label exactly once (safe to run twice, concurrently, or after a crash)
    and tell the managers it is ready (unless `notify` is False, as for demo data).

    Returns the certificate, or None when the label does not exist (its award was rolled back)."""
    label = Label.objects.select_related("organisation").filter(pk=label_id).first()
    if label is None:
        return None
    certificate, _created = Certificate.objects.get_or_create(label=label)
    if certificate.state == Certificate.State.ISSUED:
        return certificate
    with transaction.atomic():
        # The claim: only one run moves the row out of "pending"; a concurrent run waits on the row lock and then
        # finds nothing to update. Uncommitted (crash) means unclaimed.
        now = timezone.now()
        claimed = Certificate.objects.filter(pk=certificate.pk, state=Certificate.State.PENDING).update(
            state=Certificate.State.ISSUED, current_revision=1, issued_at=now
        )
        if not claimed:
            certificate.refresh_from_db()
            return certificate
        revision = _write_revision(certificate=certificate, label=label, revision=1, user=None, reason="")
        audit_log(
            actor=None,
            action="labelling.certificate.issued",
            target=label,
            data={"number": label.number, "revision": 1, "sha256": revision.sha256},
        )
        if notify:
            _notify_managers(
                label=label,
                subject=_("Your label certificate is ready: %(number)s") % {"number": label.number},
                template="labelling/certificate/email/certificate_issued.txt",
                context={"url": reverse("labelling:label_manage", kwargs={"number": label.number})},
            )
    certificate.refresh_from_db()
    return certificate


def certificate_reissue(
    *, label: Label, user, reason: str, expected_revision: int | None = None
) -> CertificateRevision:
    """Re-issue a label's certificate (e.g. after a name change): same number and token, a new revision; the
    older files stay verifiable as superseded. `expected_revision` makes a double submit a no-op error."""
    reason = (reason or "").strip()
    if not permissions.can_reissue(user, label):
        raise CertificateError(
            _("Only coordinators, or the managers after a change of the organisation's name, can re-issue.")
        )
    if not reason:
        raise CertificateError(_("Say why the certificate is re-issued (for example: new organisation name)."))
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().filter(label=label).first()
        if certificate is None or certificate.state != Certificate.State.ISSUED:
            raise CertificateError(_("The certificate has not been issued yet; try again in a minute."))
        label = Label.objects.select_related("organisation").get(pk=label.pk)
        if label.status != Status.VALID:
            raise CertificateError(
                _("Only a valid label gets a new certificate; this one is %(status)s.")
                % {"status": label.get_status_display()}
            )
        if expected_revision is not None and certificate.current_revision != expected_revision:
            raise CertificateError(
                _("The certificate was re-issued meanwhile: revision %(revision)s is current.")
                % {"revision": certificate.current_revision}
            )
        new_number = certificate.current_revision + 1
        now = timezone.now()
        CertificateRevision.objects.filter(certificate=certificate, superseded_at__isnull=True).update(
            superseded_at=now
        )
        revision = _write_revision(certificate=certificate, label=label, revision=new_number, user=user, reason=reason)
        Certificate.objects.filter(pk=certificate.pk).update(current_revision=new_number)
        audit_log(
            actor=user,
            action="labelling.certificate.reissued",
            target=label,
            data={"number": label.number, "revision": new_number, "reason": reason[:300], "sha256": revision.sha256},
        )
    return revision


# --- Public status ------------------------------------------------------------------------------------------------


def _change_status(
    *,
    label: Label,
    allowed_from: Sequence[str],
    to: str,
    user,
    public_reason: str,
    internal_note: str = "",
    action: str,
    effective_on: datetime.date | None = None,
) -> LabelStatusChange:
    """Move `label` to `to` if it is still in one of `allowed_from` (conditional UPDATE), record the public
    reason and write the audit event; otherwise raise and change nothing."""
    with transaction.atomic():
        previous = Label.objects.select_for_update().filter(pk=label.pk).values_list("status", flat=True).first()
        changed = Label.objects.filter(pk=label.pk, status__in=list(allowed_from)).update(status=to)
        if not changed:
            raise CertificateError(
                _("This label is %(status)s: that change is not possible.")
                % {"status": Status(previous).label if previous else _("gone")}
            )
        change = LabelStatusChange.objects.create(
            label=label,
            from_status=previous,
            to_status=to,
            public_reason=public_reason[:500],
            internal_note=internal_note[:4000],
            changed_by=user if getattr(user, "is_authenticated", False) else None,
            effective_on=effective_on or timezone.localdate(),
        )
        audit_log(
            actor=user,
            action=action,
            target=label,
            data={"from": previous, "to": to, "public_reason": public_reason[:500], "number": label.number},
        )
    label.status = to
    return change


def _require_coordinator(user, label: Label, public_reason: str) -> str:
    if not permissions.can_change_status(user, label):
        raise CertificateError(_("Only coordinators suspend, reinstate or withdraw labels."))
    public_reason = " ".join((public_reason or "").split())
    if len(public_reason) < 10:
        raise CertificateError(
            _("Give the public reason (at least a few words): it is shown on the registry and to anyone who verifies.")
        )
    return public_reason


def label_suspend(*, label: Label, user, public_reason: str, internal_note: str = "") -> LabelStatusChange:
    """A coordinator suspends a valid label with a public reason; verification and badges say so at once."""
    public_reason = _require_coordinator(user, label, public_reason)
    change = _change_status(
        label=label,
        allowed_from=[Status.VALID],
        to=Status.SUSPENDED,
        user=user,
        public_reason=public_reason,
        internal_note=internal_note,
        action="labelling.label.suspended",
    )
    _notify_status(label=label, change=change)
    return change


def label_reinstate(*, label: Label, user, public_reason: str, internal_note: str = "") -> LabelStatusChange:
    """A coordinator lifts a suspension (only while the label's validity has not ended)."""
    public_reason = _require_coordinator(user, label, public_reason)
    if label.valid_until < timezone.localdate():
        raise CertificateError(_("The label's validity has ended: it cannot be reinstated, only renewed."))
    change = _change_status(
        label=label,
        allowed_from=[Status.SUSPENDED],
        to=Status.VALID,
        user=user,
        public_reason=public_reason,
        internal_note=internal_note,
        action="labelling.label.reinstated",
    )
    _notify_status(label=label, change=change)
    return change


def label_withdraw(*, label: Label, user, public_reason: str, internal_note: str = "") -> LabelStatusChange:
    """A coordinator withdraws a valid or suspended label for good, with a public reason."""
    public_reason = _require_coordinator(user, label, public_reason)
    change = _change_status(
        label=label,
        allowed_from=[Status.VALID, Status.SUSPENDED],
        to=Status.WITHDRAWN,
        user=user,
        public_reason=public_reason,
        internal_note=internal_note,
        action="labelling.label.withdrawn",
    )
    _notify_status(label=label, change=change)
    return change


# --- Expiry and reminders -----------------------------------------------------------------------------------------


@dataclass
class ExpiryRun:
    """What one run of the daily job did."""

    expired: list[int] = field(default_factory=list)
    reminders: list[int] = field(default_factory=list)


def labels_expire(*, today: datetime.date) -> list[int]:
    """Mark every valid or suspended label whose validity ended before `today` as expired (each once)."""
    expired = []
    due = Label.objects.filter(status__in=[Status.VALID, Status.SUSPENDED], valid_until__lt=today).order_by("pk")
    for label in due:
        try:
            _change_status(
                label=label,
                allowed_from=[Status.VALID, Status.SUSPENDED],
                to=Status.EXPIRED,
                user=None,
                public_reason="",
                action="labelling.label.expired",
                effective_on=label.valid_until + datetime.timedelta(days=1),
            )
        except CertificateError:  # changed meanwhile (withdrawn, or another run got it first)
            continue
        expired.append(label.pk)
    return expired


def days_until_expiry(label: Label, today: datetime.date) -> int:
    """Days from `today` to the day `label` is expired, the day after its last valid day: a label valid until
    8 March "expires in 7 days" on 2 March."""
    return (label.expired_from - today).days


def expiry_reminders_record(*, today: datetime.date) -> list[int]:
    """Record the reminders due today: for each valid label, the smallest of 90/30/7 days that the days until
    its expiry (the day after its last valid day) have reached, unless recorded before or a newer label of the
    same level already follows it. Returns the ids of the reminders created now (the unique constraint makes each
    one happen once)."""
    horizon = today + datetime.timedelta(days=max(REMINDER_DAYS) - 1)  # expired_from <= today + 90
    labels = Label.objects.filter(status=Status.VALID, valid_until__gte=today, valid_until__lte=horizon).order_by(
        "valid_until", "pk"
    )
    created = []
    for label in labels:
        days_left = days_until_expiry(label, today)
        interval = min(d for d in REMINDER_DAYS if days_left <= d)
        if (
            Label.objects.filter(
                organisation_id=label.organisation_id,
                level=label.level,
                valid_from__gt=label.valid_until - datetime.timedelta(days=1),
            )
            .exclude(pk=label.pk)
            .exists()
        ):
            continue  # renewed already
        reminder, was_created = ExpiryReminder.objects.get_or_create(label=label, days_before=interval)
        if was_created:
            created.append(reminder.pk)
    return created


def expiry_reminders_unsent(*, older_than: datetime.timedelta = datetime.timedelta(hours=1)) -> list[int]:
    """Reminders recorded earlier whose batch never finished (a crashed worker): sent again by the next run."""
    cutoff = timezone.now() - older_than
    return list(
        ExpiryReminder.objects.filter(sent_at__isnull=True, created_at__lt=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def label_expiry_run(*, today: datetime.date | None = None) -> ExpiryRun:
    """The daily job: expire what ended, record the reminders due. Sending is done by batch tasks."""
    today = today or timezone.localdate()
    run = ExpiryRun()
    run.expired = labels_expire(today=today)
    run.reminders = expiry_reminders_record(today=today)
    logger.info("label expiry run %s: %s expired, %s reminders", today, len(run.expired), len(run.reminders))
    return run


def reminder_batches(reminder_ids: Sequence[int]) -> list[list[int]]:
    """Split reminders into batches of settings.EMAIL_BATCH_SIZE."""
    size = max(1, int(getattr(settings, "EMAIL_BATCH_SIZE", 50)))
    ids = list(reminder_ids)
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def expiry_reminders_send(*, reminder_ids: Sequence[int], today: datetime.date | None = None) -> int:
    """Mail one batch of reminders (queued when the stamps commit) and stamp them sent, each saying how many days are
    left as of `today` (the day it goes out by default). Already-sent reminders are skipped, so a redelivered
    batch sends nothing twice. Returns the number of e-mails sent."""
    sent = 0
    with transaction.atomic():
        reminders = list(
            ExpiryReminder.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk__in=list(reminder_ids), sent_at__isnull=True)
            .select_related("label__organisation")
            .order_by("pk")
        )
        if not reminders:
            return 0
        org_ids = {r.label.organisation_id for r in reminders}
        managers: dict[int, list[str]] = {}
        for org_id, email in OrganisationMembership.objects.filter(
            organisation_id__in=org_ids, role=OrganisationMembership.Role.MANAGER, user__is_active=True
        ).values_list("organisation_id", "user__email"):
            managers.setdefault(org_id, []).append(email)
        site = settings.SITE_URL.rstrip("/")
        today = today or timezone.localdate()
        counts = {}
        for reminder in reminders:
            label = reminder.label
            recipients = sorted(set(managers.get(label.organisation_id, [])))
            # The days really left when it goes out (a label awarded late, a batch sent a day late), not the
            # interval's name; nothing once the label has ended.
            days = days_until_expiry(label, today)
            if days < 1:
                recipients = []
            counts[reminder.pk] = len(recipients)
            if not recipients:
                continue
            queued = mail(
                to=recipients,
                subject=ngettext(
                    "Your %(level)s label %(number)s expires in %(days)s day",
                    "Your %(level)s label %(number)s expires in %(days)s days",
                    days,
                )
                % {"level": label.get_level_display(), "number": label.number, "days": days},
                template="labelling/certificate/email/expiry_reminder.txt",
                context={
                    "label": label,
                    "days": days,
                    "renewal_from": renewal_window_opens(label),
                    "site_url": site,
                    "manage_url": reverse("labelling:label_manage", kwargs={"number": label.number}),
                },
            )
            sent += len(queued)  # sent once this batch's stamps commit
        now = timezone.now()
        for reminder in reminders:
            ExpiryReminder.objects.filter(pk=reminder.pk).update(sent_at=now, recipients=counts[reminder.pk])
    return sent


def renewal_window_opens(label: Label) -> datetime.date:
    """The first day a renewal assessment of `label`'s level may start: 6 months before it expires (the window
    the self-assessment's eligibility check applies, `labelling.certificates.selectors.label_renewal_window`)."""
    return label_renewal_window(label)[0]


# --- Verification -------------------------------------------------------------------------------------------------


def verification_rate_limited(*, client_ip: str) -> bool:
    """Count one verification attempt from `client_ip`; True when it is over the per-minute limit
    (settings LABEL_VERIFY_RATE_PER_MINUTE, default 30). Shared cache, so it holds across processes."""
    limit = int(getattr(settings, "LABEL_VERIFY_RATE_PER_MINUTE", 30))
    window = int(timezone.now().timestamp() // 60)
    key = f"labelling:verify:{client_ip}:{window}"
    cache.add(key, 0, timeout=90)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=90)
        count = 1
    return count > limit


def certificate_record_verification(*, certificate: Certificate) -> None:
    """Count one verification of a certificate (what its managers see)."""
    Certificate.objects.filter(pk=certificate.pk).update(
        verification_count=F("verification_count") + 1, last_verified_at=timezone.now()
    )


# --- E-mail -------------------------------------------------------------------------------------------------------


def _manager_emails(organisation_id: int) -> list[str]:
    return sorted(
        set(
            OrganisationMembership.objects.filter(
                organisation_id=organisation_id, role=OrganisationMembership.Role.MANAGER, user__is_active=True
            ).values_list("user__email", flat=True)
        )
    )


def _notify_managers(*, label: Label, subject: str, template: str, context: dict) -> None:
    """E-mail the label's managers after the transaction commits, in batches of EMAIL_BATCH_SIZE."""
    mail(
        to=_manager_emails(label.organisation_id),
        subject=subject_line(subject)[:200],
        template=template,
        context={**context, "label": label, "site_url": settings.SITE_URL.rstrip("/")},
    )


def _notify_status(*, label: Label, change: LabelStatusChange) -> None:
    _notify_managers(
        label=label,
        subject=_("Label %(number)s is now %(status)s")
        % {"number": label.number, "status": Status(change.to_status).label},
        template="labelling/certificate/email/status_changed.txt",
        context={"change": change, "url": reverse("labelling:label_manage", kwargs={"number": label.number})},
    )
