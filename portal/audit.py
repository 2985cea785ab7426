"""The one way every app writes to the audit log."""

from __future__ import annotations

from typing import Any

from django.db import models

from portal.models import AuditEvent


def audit_log(
    *, actor, action: str, target: models.Model | None = None, data: dict[str, Any] | None = None
) -> AuditEvent:
    """Record that `actor` did `action` (a stable dotted name such as "directory.profile.validated") to `target`."""
    actor = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        data=data or {},
    )
