"""A person's data export that was too large to stream, built in the background and kept for a few days."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _export_path(instance, filename: str) -> str:
    return f"data-exports/{instance.user_id}/{secrets.token_hex(16)}.zip"


def _private_storage():
    return storages["private"]


class DataExport(models.Model):
    """The ZIP of everything the portal holds about one person, built by a background job when it is too large to
    stream; only that person downloads it, and it is deleted when it expires (PRIVACY_EXPORT_KEEP_DAYS)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports")
    task_run = models.ForeignKey(
        "portal.TaskRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("job")
    )
    file = models.FileField(_("file"), upload_to=_export_path, storage=_private_storage, blank=True, max_length=300)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    finished_at = models.DateTimeField(_("ready"), null=True, blank=True)
    expires_at = models.DateTimeField(_("deleted after"))
    downloaded_at = models.DateTimeField(_("last downloaded"), null=True, blank=True)

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["expires_at"], name="privacy_export_expiry_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_ready(self) -> bool:
        return bool(self.file) and self.finished_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
