"""Background jobs of the privacy area: thin wrappers around the services."""

from __future__ import annotations

from portal.tasks import portal_task
from privacy.services import data_export_build, data_exports_purge_expired, sessions_clear_expired


@portal_task()
def privacy_build_export(export_id: str) -> None:
    """Build a person's data export (idempotent: a built export is not rebuilt)."""
    data_export_build(export_id=export_id)


@portal_task()
def privacy_purge_expired_exports() -> int:
    """Nightly: delete expired exports and their files."""
    return data_exports_purge_expired()


@portal_task()
def privacy_clear_expired_sessions() -> None:
    """Nightly: delete expired sign-in sessions."""
    sessions_clear_expired()
