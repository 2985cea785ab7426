"""Writes of the privacy area: a person's name, their data export, and the deletion of their account."""

from __future__ import annotations

import logging
import re
import secrets
import tempfile
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from club.models import Registration
from club.services import ClubError, registration_cancel
from platform_directory.models import Invitation as DirectoryInvitation
from platform_directory.models import OrganisationMembership
from portal import roles
from portal.audit import audit_log
from portal.models import AuditEvent
from portal.services import task_run_claim
from portal.tasks import enqueue_on_commit, task_run_recorded
from privacy import exports
from privacy.models import DataExport
from privacy.permissions import Blocker, account_deletion_blockers
from survey.models import Invitation as SurveyInvitation
from survey.models import Response

logger = logging.getLogger(__name__)

DELETED = "[deleted account]"


class PrivacyError(Exception):
    """An action on one's own data that cannot be done, with a message for the person."""


class AccountDeletionBlocked(PrivacyError):
    def __init__(self, blockers: list[Blocker]):
        super().__init__(" ".join(b.message for b in blockers))
        self.blockers = blockers


# --- The account page ------------------------------------------------------------------------------------------------


def account_update_name(*, user, display_name: str):
    """Change the name the portal shows for the person (others see it instead of the e-mail address)."""
    display_name = " ".join(display_name.split())
    if not display_name:
        raise PrivacyError(_("Enter the name other people should see."))
    if display_name == user.display_name:
        return user
    user.display_name = display_name
    user.save(update_fields=["display_name"])
    audit_log(actor=user, action="privacy.account.name_changed", target=user, data={"field": "display_name"})
    return user


# --- Data export -----------------------------------------------------------------------------------------------------


def export_job_name(user) -> str:
    return f"privacy-export-{user.pk}"


def data_export_record_streamed(*, user, plan: exports.Plan) -> None:
    """An export streamed in the request: recorded in the audit log (counts only)."""
    audit_log(
        actor=user,
        action="privacy.export.downloaded",
        target=user,
        data={"mode": "stream", "records": plan.records, "files": sum(1 for f in plan.files if f.included)},
    )


def data_export_request(*, user) -> DataExport:
    """Start building the person's export in the background (joining the one already being built)."""
    with transaction.atomic():
        run, started = task_run_claim(name=export_job_name(user), user=user)
        if not started:
            existing = DataExport.objects.filter(user=user, task_run=run).first()
            if existing is not None:
                return existing
        export = DataExport.objects.create(
            user=user, task_run=run, expires_at=timezone.now() + timedelta(days=settings.PRIVACY_EXPORT_KEEP_DAYS)
        )
        audit_log(actor=user, action="privacy.export.requested", target=user, data={"mode": "background"})
        export_id = str(export.pk)
        enqueue_on_commit("privacy.tasks.privacy_build_export", export_id)
    return export


def data_export_build(*, export_id) -> DataExport | None:
    """Write the ZIP of an export to private storage, reporting progress to its job (idempotent)."""
    export = DataExport.objects.select_related("user", "task_run").filter(pk=export_id).first()
    if export is None or export.file:
        return export
    run_id = export.task_run_id
    plan = exports.export_plan(export.user)
    total = plan.entries

    with task_run_recorded(run_id, failure="failed") as record:
        try:
            with tempfile.TemporaryFile() as target:
                exports.zip_to_file(
                    exports.export_entries(export.user, plan),
                    target,
                    progress=lambda done, path: record.progress(done, total, path),
                )
                size = target.tell()
                target.seek(0)
                export.file.save("export.zip", File(target), save=False)
            export.size = size
            export.finished_at = timezone.now()
            export.save(update_fields=["file", "size", "finished_at"])
        except Exception:
            logger.exception("data export %s failed", export_id)
            raise
        record.result = _("ready to download")
    return export


def data_export_record_download(*, export: DataExport, user) -> None:
    DataExport.objects.filter(pk=export.pk).update(downloaded_at=timezone.now())
    audit_log(actor=user, action="privacy.export.downloaded", target=user, data={"mode": "background"})


def _delete_stored(names: list[str]) -> None:
    storage = storages["private"]
    for name in names:
        try:
            storage.delete(name)
        except OSError:  # already gone
            logger.warning("could not delete export file %s", name)


def data_exports_purge_expired() -> int:
    """Delete the exports whose time is up, with their files (nightly from beat)."""
    expired = list(DataExport.objects.filter(expires_at__lte=timezone.now()))
    names = [e.file.name for e in expired if e.file]
    DataExport.objects.filter(pk__in=[e.pk for e in expired]).delete()
    _delete_stored(names)
    return len(expired)


def sessions_clear_expired() -> None:
    """Delete expired sign-in sessions from the database (nightly from beat), as the privacy notice says."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()


# --- Account deletion ------------------------------------------------------------------------------------------------


def account_delete(*, user) -> str:
    """The person deletes their own account, once nothing blocks it (see privacy.permissions). Returns the
    pseudonym the audit log keeps for what the account did."""
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        managed = OrganisationMembership.objects.filter(user=user, role=OrganisationMembership.Role.MANAGER)
        # The other managers' memberships stay put until this commits: nobody else leaves an organisation at the
        # same moment and leaves it without a manager.
        list(
            OrganisationMembership.objects.select_for_update().filter(
                organisation_id__in=managed.values("organisation_id"), role=OrganisationMembership.Role.MANAGER
            )
        )
        blockers = account_deletion_blockers(user)
        if blockers:
            raise AccountDeletionBlocked(blockers)
        return account_erase(user=user)


def account_erase(*, user, administrator=None) -> str:
    """Erase a person: every step of ERASURE_STEPS, then the account with its personal records (cascade); records
    of organisations and of the label process stay without the link to them. Also what deleting an account in the
    admin does (`administrator`: who), where the person's own blockers do not apply."""
    pseudonym = f"deleted-{secrets.token_hex(6)}"
    context = _ErasureContext(user=user, pseudonym=pseudonym, addresses=exports.person_addresses(user))
    roles = _roles_of(user)
    with transaction.atomic():
        counts = {name: step(context) for name, step in ERASURE_STEPS.items()}
        user.delete()
        audit_log(
            actor=administrator,
            action="privacy.account.deleted",
            data={"account": pseudonym, "by": "administrator" if administrator else "self", "roles": roles, **counts},
        )
    return pseudonym


class _ErasureContext:
    def __init__(self, *, user, pseudonym: str, addresses: set[str]):
        self.user = user
        self.pseudonym = pseudonym
        self.addresses = addresses
        self.names = {n for n in (user.display_name.strip(), user.get_full_name().strip()) if len(n) >= 2}
        # Found before any step deletes the personal records they are about.
        self.events_about = list(exports.audit_events_about(user, addresses).values_list("pk", flat=True))


def _roles_of(user) -> list[str]:
    found = []
    if user.is_staff:
        found.append("coordinator")
    if roles.has_assessor_profile(user):
        found.append("assessor")
    if roles.member_organisations(user).exists():
        found.append("organisation member")
    if hasattr(user, "club_membership"):
        found.append("club")
    return found


def _erase_club_registrations(context: _ErasureContext) -> int:
    """Give up places at events still to come, so the first person waiting moves up (the records go with the
    account afterwards)."""
    cancelled = 0
    live = Registration.objects.filter(
        user=context.user,
        status__in=[Registration.Status.REGISTERED, Registration.Status.WAITING],
        event__starts_at__gt=timezone.now(),
    )
    for registration in live:
        try:
            registration_cancel(registration=registration, user=context.user)
            cancelled += 1
        except ClubError:  # started meanwhile: nothing to give up
            pass
    return cancelled


def _survey_invitations(context: _ErasureContext):
    by_address = Q()
    for address in context.addresses:
        by_address |= Q(email__iexact=address)
    return SurveyInvitation.objects.filter(Q(user=context.user) | by_address)


def _erase_survey_responses(context: _ErasureContext) -> int:
    """Unfinished responses are deleted; submitted ones stay in the survey's results, linked to nobody (a random
    respondent key no token matches stands in for the person)."""
    responses = Response.objects.filter(
        Q(user=context.user) | Q(invitation__in=_survey_invitations(context)), is_anonymous=False
    )
    responses.filter(status=Response.Status.DRAFT).delete()
    kept = 0
    for response in responses.filter(status=Response.Status.SUBMITTED):
        response.user = None
        response.invitation = None
        response.respondent_key = secrets.token_hex(32)
        response.save(update_fields=["user", "invitation", "respondent_key"])
        kept += 1
    return kept


def _erase_survey_invitations(context: _ErasureContext) -> int:
    return _survey_invitations(context).delete()[0]


def _erase_directory_invitations(context: _ErasureContext) -> int:
    """Invitations to the person's addresses (open ones stop working) and those they accepted."""
    by_address = Q()
    for address in context.addresses:
        by_address |= Q(email__iexact=address)
    return DirectoryInvitation.objects.filter(Q(accepted_by=context.user) | by_address).delete()[0]


def _erase_admin_history(context: _ErasureContext) -> int:
    """Changes made in the administration stay in the audit log, without the person (Django's own history of them
    goes with the account)."""
    kinds = {1: "added", 2: "changed", 3: "deleted"}
    events = [
        AuditEvent(
            created_at=entry.action_time,
            actor=None,
            action=f"admin.{kinds.get(entry.action_flag, 'changed')}",
            target_type=f"{entry.content_type.app_label}.{entry.content_type.model}" if entry.content_type else "",
            target_id=(entry.object_id or "")[:64],
            target_repr=_scrub_text(entry.object_repr, context)[:255],
            data={"deleted_actor": context.pseudonym, "change": _scrub_text(entry.get_change_message(), context)},
        )
        for entry in LogEntry.objects.filter(user=context.user).select_related("content_type")
    ]
    AuditEvent.objects.bulk_create(events, batch_size=500)
    return len(events)


def _scrub_text(text: str, context: _ErasureContext) -> str:
    for address in context.addresses:
        text = re.sub(re.escape(address), DELETED, text, flags=re.IGNORECASE)
    for name in context.names:
        text = text.replace(name, DELETED)
    return text


def _scrub_value(value, context: _ErasureContext):
    if isinstance(value, str):
        return _scrub_text(value, context)
    if isinstance(value, list):
        return [_scrub_value(v, context) for v in value]
    if isinstance(value, dict):
        return {k: _scrub_value(v, context) for k, v in value.items()}
    return value


def _erase_audit_log(context: _ErasureContext) -> int:
    """The audit trail stays, without the person: what they did is marked with the pseudonym (the link to the
    account goes with it), and their addresses, and on the entries by or about them their name, are removed from
    the entries' texts."""
    linked = Q(actor=context.user) | Q(pk__in=context.events_about)
    mentions = Q()
    for address in context.addresses:
        mentions |= Q(target_repr__icontains=address) | Q(data__icontains=address)
    changed = []
    for event in AuditEvent.objects.filter(linked | mentions).iterator(chunk_size=500):
        event.target_repr = _scrub_text(event.target_repr, context)[:255]
        event.data = _scrub_value(event.data or {}, context)
        if event.actor_id == context.user.pk:
            event.data = {**event.data, "deleted_actor": context.pseudonym}
        changed.append(event)
    AuditEvent.objects.bulk_update(changed, ["target_repr", "data"], batch_size=500)
    return len(changed)


def _erase_data_exports(context: _ErasureContext) -> int:
    """Exports go with the account; their files are deleted once that is committed."""
    names = [e.file.name for e in DataExport.objects.filter(user=context.user) if e.file]
    transaction.on_commit(lambda: _delete_stored(names))
    return len(names)


def _end_sessions(context: _ErasureContext) -> int:
    """Sign the person out everywhere: every stored session of theirs is deleted (API tokens, e-mail addresses and
    authenticators go with the account)."""
    if settings.SESSION_ENGINE not in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        return 0
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=1000):
        if str(store().decode(session.session_data).get("_auth_user_id")) == str(context.user.pk):
            store(session_key=session.session_key).delete()
            ended += 1
    return ended


# In this order: registrations are given up and survey responses detached before the records they hang on go; the
# audit log is cleaned last, after the steps that write to it.
ERASURE_STEPS = {
    "club_registrations": _erase_club_registrations,
    "survey_responses": _erase_survey_responses,
    "survey_invitations": _erase_survey_invitations,
    "directory_invitations": _erase_directory_invitations,
    "admin_history": _erase_admin_history,
    "data_exports": _erase_data_exports,
    "sessions": _end_sessions,
    "audit_log": _erase_audit_log,
}
