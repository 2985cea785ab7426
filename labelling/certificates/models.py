"""Labels in the world: the `Label` (number, level, validity, status), its PDF certificate with the revisions,
the public status history of a label and the expiry reminders."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from labelling.certificates.verification_codes import verification_code_format, verification_code_new
from labelling.framework.levels import LABEL_VALIDITY_YEARS, Level

# The reminders sent before a label expires, in days.
REMINDER_DAYS = (90, 30, 7)


def new_verification_token() -> str:
    """The verification code of a new certificate: 12 characters without look-alikes, the last a check
    (`labelling.certificates.verification_codes`). Certificates issued before keep their 32-character token."""
    return verification_code_new()


def _certificate_path(instance, filename: str) -> str:
    # Deterministic per (label, revision): a task redone after a crash replaces its own orphaned file.
    return certificate_file_name(instance.certificate.label_id, instance.revision)


def certificate_file_name(label_id: int, revision: int) -> str:
    return f"certificates/{label_id}/certificate-r{revision}.pdf"


def _private_storage():
    return storages["private"]


class Label(models.Model):
    """An awarded quality label: number, level and validity, created by the award service from one assessment.

    Validity: `valid_from` and `valid_until` are both inclusive days. The label holds from the start of
    `valid_from` to the end of `valid_until`, its last valid day; it is expired from the day after
    (`expired_from`). A label of N years (LABEL_VALIDITY_YEARS) ends on the day before the N-th anniversary of
    `valid_from`: a 3-year Gold label awarded on 2 December 2026 is valid until 1 December 2029 and expired on
    2 December 2029. From 29 February the anniversary in a common year is 1 March, so a 2-year label from
    29 February 2028 is valid until 28 February 2030. Every reader (pages, certificate, badge, API, expiry job,
    renewal window, reminders) compares today with `valid_until` this way.
    """

    class Status(models.TextChoices):
        VALID = "valid", _("valid")
        EXPIRED = "expired", _("expired")
        SUSPENDED = "suspended", _("suspended")
        WITHDRAWN = "withdrawn", _("withdrawn")

    organisation = models.ForeignKey(
        "platform_directory.ClusterOrganisation", on_delete=models.PROTECT, related_name="labels"
    )
    level = models.CharField(_("level"), max_length=6, choices=Level.choices)
    number = models.CharField(_("label number"), max_length=40, unique=True)
    assessment = models.OneToOneField("labelling.Assessment", on_delete=models.PROTECT, related_name="label")
    awarded_on = models.DateField(_("awarded on"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.VALID)

    class Meta:
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        ordering = ["-awarded_on"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_until__gt=models.F("valid_from")), name="label_validity_ordered")
        ]
        indexes = [models.Index(fields=["organisation", "level", "-awarded_on"], name="label_org_level_idx")]

    def __str__(self) -> str:
        return f"{self.number} ({self.get_level_display()})"

    @staticmethod
    def validity_end(level: str, valid_from: date) -> date:
        """The last valid day of a label of `level` starting on `valid_from` (Bronze/Silver 2 years, Gold 3): the
        day before the anniversary, 1 March standing for 29 February in a common year."""
        years = LABEL_VALIDITY_YEARS[Level(level)]
        try:
            anniversary = valid_from.replace(year=valid_from.year + years)
        except ValueError:  # 29 February
            anniversary = date(valid_from.year + years, 3, 1)
        return anniversary - timedelta(days=1)

    @property
    def expired_from(self) -> date:
        """The first day the label is no longer valid (the day after `valid_until`)."""
        return self.valid_until + timedelta(days=1)


class Certificate(models.Model):
    """The certificate of one label: the public verification code its QR code carries (`token`: 12 characters
    stored without hyphens, printed grouped; a 32-character token on certificates issued before codes), the issuing
    state (claimed by the one task that renders it) and how often it was verified. The PDFs are its revisions."""

    class State(models.TextChoices):
        PENDING = "pending", _("being issued")
        ISSUED = "issued", _("issued")

    label = models.OneToOneField("labelling.Label", on_delete=models.PROTECT, related_name="certificate")
    token = models.CharField(_("verification token"), max_length=64, unique=True, default=new_verification_token)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.PENDING)
    current_revision = models.PositiveIntegerField(_("current revision"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)
    verification_count = models.PositiveIntegerField(_("verifications"), default=0)
    last_verified_at = models.DateTimeField(_("last verified"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="pending", current_revision=0) | Q(state="issued", current_revision__gte=1),
                name="certificate_issued_has_revision",
            )
        ]

    def __str__(self) -> str:
        return f"{self.label_id} r{self.current_revision}"

    @property
    def printed_code(self) -> str:
        """The code as the certificate prints it (7K3M-Q9XD-2HNT)."""
        return verification_code_format(self.token)


class CertificateRevision(models.Model):
    """One rendered PDF of a certificate. Re-issuing (e.g. after a name change) adds a revision with the same
    label number; the older files stay verifiable and are reported as superseded."""

    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="revisions")
    revision = models.PositiveIntegerField(_("revision"))
    file = models.FileField(_("file"), upload_to=_certificate_path, storage=_private_storage, max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("size (bytes)"))
    organisation_name = models.CharField(_("organisation name on the certificate"), max_length=200)
    reason = models.CharField(_("reason for this revision"), max_length=300, blank=True)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate revision")
        verbose_name_plural = _("certificate revisions")
        ordering = ["certificate", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["certificate", "revision"], name="one_certificate_file_per_revision"),
            models.CheckConstraint(condition=Q(revision__gte=1), name="certificate_revision_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.certificate_id} r{self.revision}"

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None


class LabelStatusChange(models.Model):
    """One change of a label's public status (suspended, reinstated, withdrawn, expired) with its date and the
    reason shown to the public; the registry and verification show the latest, the label page the history."""

    label = models.ForeignKey("labelling.Label", on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=10)
    to_status = models.CharField(_("to"), max_length=10)
    public_reason = models.CharField(_("public reason"), max_length=500, blank=True)
    internal_note = models.TextField(_("internal note"), blank=True, max_length=4000)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    effective_on = models.DateField(_("effective on"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("label status change")
        verbose_name_plural = _("label status changes")
        ordering = ["label", "-changed_at", "-pk"]
        indexes = [models.Index(fields=["label", "-changed_at"], name="label_status_change_idx")]

    def __str__(self) -> str:
        return f"{self.label_id}: {self.from_status} → {self.to_status}"

    @property
    def to_status_label(self) -> str:
        """The new status in words ("reinstated" when a suspension was lifted)."""
        if self.to_status == Label.Status.VALID and self.from_status == Label.Status.SUSPENDED:
            return str(_("reinstated"))
        try:
            return str(Label.Status(self.to_status).label)
        except ValueError:
            return self.to_status


class ExpiryReminder(models.Model):
    """A reminder to the managers that a label expires in `days_before` days: recorded once per label and
    interval (the unique constraint), sent by a batch task that stamps `sent_at`."""

    label = models.ForeignKey("labelling.Label", on_delete=models.CASCADE, related_name="expiry_reminders")
    days_before = models.PositiveSmallIntegerField(_("days before expiry"))
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("expiry reminder")
        verbose_name_plural = _("expiry reminders")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["label", "days_before"], name="one_expiry_reminder_per_interval"),
        ]

    def __str__(self) -> str:
        return f"{self.label_id} −{self.days_before}d"
