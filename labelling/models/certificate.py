"""Labels in the world: PDF certificates with their revisions, the public status history of a label, expiry
reminders. The `Label` itself (number, level, validity, status) lives in assessment.py."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from labelling.verification_codes import verification_code_format, verification_code_new

# The reminders sent before a label expires, in days.
REMINDER_DAYS = (90, 30, 7)


def new_verification_token() -> str:
    """The verification code of a new certificate: 12 characters without look-alikes, the last a check
    (`labelling.verification_codes`). Certificates issued before keep their 32-character token."""
    return verification_code_new()


def _certificate_path(instance, filename: str) -> str:
    # Deterministic per (label, revision): a task redone after a crash replaces its own orphaned file.
    return certificate_file_name(instance.certificate.label_id, instance.revision)


def certificate_file_name(label_id: int, revision: int) -> str:
    return f"certificates/{label_id}/certificate-r{revision}.pdf"


def _private_storage():
    return storages["private"]


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
        from labelling.models import Label

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
