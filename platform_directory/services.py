"""Writes of the directory: profiles, validation, co-managers and invitations, collaboration requests.

Every state change writes an audit event; e-mails leave only once the transaction has committed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from platform_directory.choices import Sector
from platform_directory.floors import failing_floors
from platform_directory.models import (
    COUNTRY_COMPANIONS,
    KEY_FIGURES,
    ClusterOrganisation,
    CollaborationRequest,
    Invitation,
    OrganisationMembership,
    SectorTag,
    TechnologyField,
    figure_json,
)
from platform_directory.validators import logo_format
from portal.audit import audit_log
from portal.mail import mail

Status = ClusterOrganisation.ValidationStatus
Role = OrganisationMembership.Role

# Path segments of /directory/ that a profile slug must never take.
RESERVED_SLUGS = frozenset({"new", "validation", "requests", "invitations", "export", "mine"})
MAX_TECHNOLOGIES = 15
# Text search configurations made by migration 0007: the usual ones with `unaccent` in front.
SEARCH_CONFIG = "portal_english"
SEARCH_CONFIG_SIMPLE = "portal_simple"


class DirectoryError(Exception):
    """A directory action that is not allowed in the current state; the message is shown to the user."""


def _requests_per_day() -> int:
    return getattr(settings, "DIRECTORY_REQUESTS_PER_DAY", 10)


# --- Profiles -------------------------------------------------------------------------------------------------


def _unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:200] or "organisation"
    if base in RESERVED_SLUGS:
        base = f"{base}-cluster"
    taken = set(
        ClusterOrganisation.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _technologies(names: Iterable[str]) -> list[TechnologyField]:
    result: dict[str, TechnologyField] = {}
    for raw in names:
        name = " ".join(raw.split())[:80]
        slug = slugify(name)[:90]
        if not slug or slug in result:
            continue
        technology = TechnologyField.objects.filter(slug=slug).first()
        if technology is None:
            technology, _created = TechnologyField.objects.get_or_create(slug=slug, defaults={"name": name})
        result[slug] = technology
    return list(result.values())[:MAX_TECHNOLOGIES]


def _prepare_logo(fields: dict[str, Any]) -> None:
    """Name an uploaded logo after its real format (the client's file name is not trusted)."""
    logo = fields.get("logo")
    if logo and not getattr(logo, "_committed", False) and hasattr(logo, "read"):
        logo.name = f"logo.{logo_format(logo)}"


def _save_relations(organisation, *, sectors: Iterable[str] | None, technologies: Iterable[str] | None) -> None:
    if sectors is not None:
        codes = [code for code in sectors if code != organisation.main_sector and code in Sector.values]
        # The rows come from a data migration; recreate any that a flushed database lost.
        SectorTag.objects.bulk_create([SectorTag(code=code) for code in codes], ignore_conflicts=True)
        organisation.sectors.set(codes)
    if technologies is not None:
        organisation.technologies.set(_technologies(technologies))


def organisation_create(
    *, user, fields: dict[str, Any], sectors: Iterable[str] = (), technologies: Iterable[str] = ()
) -> ClusterOrganisation:
    """Create a profile; its creator becomes its manager and the profile waits for validation."""
    _prepare_logo(fields)
    with transaction.atomic():
        organisation = ClusterOrganisation(**fields)
        organisation.slug = _unique_slug(organisation.name)
        organisation.validation_status = Status.PENDING
        organisation.submitted_at = timezone.now()
        try:
            with transaction.atomic():
                organisation.save()
        except IntegrityError as error:
            raise DirectoryError(_("An organisation with this name already exists in this country.")) from error
        _save_relations(organisation, sectors=sectors, technologies=technologies)
        OrganisationMembership.objects.create(user=user, organisation=organisation, role=Role.MANAGER)
        organisation_search_vector_update(ids=[organisation.pk])
        audit_log(actor=user, action="directory.profile.created", target=organisation, data={"slug": organisation.slug})
    return organisation


def organisation_update(
    *,
    user,
    organisation: ClusterOrganisation,
    fields: dict[str, Any],
    sectors: Iterable[str] | None = None,
    technologies: Iterable[str] | None = None,
) -> list[tuple[str, Any, Any]]:
    """Save an edit. Before the first validation the profile is private, so the edit applies as it is. After it,
    visitors keep seeing the validated figures: changed key figures wait in `pending_figures` and the profile goes
    back to the queue; the rest of the edit applies at once. Changing the key figures back to the validated ones
    leaves nothing to validate, and the profile is validated again.

    Returns the figures awaiting validation (field, value visitors see, value submitted).
    """
    _prepare_logo(fields)
    with transaction.atomic():
        current = ClusterOrganisation.objects.select_for_update().get(pk=organisation.pk)
        before = current.as_submitted()
        for name, value in fields.items():
            setattr(organisation, name, value)
        # The locked row's validation state holds, whatever the caller's copy says.
        for name in ("validation_status", "validated_at", "validated_figures", "pending_figures", "submitted_at"):
            setattr(organisation, name, getattr(current, name))
        held_back = (*KEY_FIGURES, *COUNTRY_COMPANIONS)
        submitted = {
            field: figure_json(fields[field]) if field in fields else before.figures_on_record()[field]
            for field in held_back
        }
        edited = [field for field in KEY_FIGURES if before.key_figures()[field] != submitted[field]]
        update_fields = [*fields, "updated_at"]
        status = current.validation_status
        if current.has_validated_version:
            on_record = current.figures_on_record()
            pending = {field: submitted[field] for field in KEY_FIGURES if submitted[field] != on_record[field]}
            if "country" in pending:
                pending.update({field: submitted[field] for field in COUNTRY_COMPANIONS})
            for field in held_back:
                setattr(organisation, field, getattr(current, field))
            organisation.pending_figures = pending
            update_fields += [field for field in ("pending_figures", *held_back) if field not in update_fields]
            if pending and status == Status.VALIDATED:
                organisation.validation_status = Status.PENDING
                organisation.submitted_at = timezone.now()
                audit_log(
                    actor=user,
                    action="directory.profile.revalidation_required",
                    target=organisation,
                    data={
                        "changes": {field: [then, now] for field, then, now in organisation.changes_since_validation()}
                    },
                )
            elif not pending and status != Status.VALIDATED:
                organisation.validation_status = Status.VALIDATED
                organisation.submitted_at = None
                audit_log(actor=user, action="directory.profile.revalidation_withdrawn", target=organisation)
            elif status == Status.CHANGES_REQUESTED:
                organisation.validation_status = Status.PENDING
                organisation.submitted_at = timezone.now()
                audit_log(actor=user, action="directory.profile.resubmitted", target=organisation)
        elif status == Status.CHANGES_REQUESTED:
            organisation.validation_status = Status.PENDING
            organisation.submitted_at = timezone.now()
            audit_log(actor=user, action="directory.profile.resubmitted", target=organisation)
        if organisation.validation_status != status:
            update_fields += ["validation_status", "submitted_at"]
        try:
            with transaction.atomic():
                organisation.save(update_fields=update_fields)
        except IntegrityError as error:
            raise DirectoryError(_("An organisation with this name already exists in this country.")) from error
        _save_relations(organisation, sectors=sectors, technologies=technologies)
        organisation_search_vector_update(ids=[organisation.pk])
        audit_log(
            actor=user,
            action="directory.profile.updated",
            target=organisation,
            data={"fields": sorted(fields), "key_figures": edited},
        )
    return organisation.changes_since_validation()


def organisation_resubmit(*, user, organisation: ClusterOrganisation) -> None:
    """Put a profile whose changes were requested back into the validation queue."""
    with transaction.atomic():
        organisation = ClusterOrganisation.objects.select_for_update().get(pk=organisation.pk)
        if organisation.validation_status != Status.CHANGES_REQUESTED:
            raise DirectoryError(_("Only a profile with requested changes can be submitted again."))
        organisation.validation_status = Status.PENDING
        organisation.submitted_at = timezone.now()
        organisation.save(update_fields=["validation_status", "submitted_at", "updated_at"])
        audit_log(actor=user, action="directory.profile.resubmitted", target=organisation)


def organisation_validate(*, user, organisation: ClusterOrganisation) -> ClusterOrganisation:
    """Validate a profile that meets every floor: the figures awaiting validation become the ones visitors see;
    record who and when, and snapshot the key figures."""
    with transaction.atomic():
        organisation = ClusterOrganisation.objects.select_for_update().get(pk=organisation.pk)
        if organisation.validation_status == Status.VALIDATED:
            raise DirectoryError(_("“%(name)s” is already validated.") % {"name": organisation.name})
        submitted = organisation.as_submitted()
        failing = failing_floors(submitted)
        if failing:
            raise DirectoryError(
                _("“%(name)s” cannot be validated: it fails %(floors)s.")
                % {"name": submitted.name, "floors": ", ".join(str(floor.label) for floor in failing)}
            )
        previous = organisation.changes_since_validation()
        applied = organisation.apply_pending_figures()
        organisation.validation_status = Status.VALIDATED
        organisation.validated_at = timezone.now()
        organisation.validated_by = user
        organisation.validated_figures = organisation.key_figures()
        organisation.validation_note = ""
        organisation.submitted_at = None
        try:
            with transaction.atomic():
                organisation.save(
                    update_fields=[
                        *applied,
                        "pending_figures",
                        "validation_status",
                        "validated_at",
                        "validated_by",
                        "validated_figures",
                        "validation_note",
                        "submitted_at",
                        "updated_at",
                    ]
                )
        except IntegrityError as error:
            raise DirectoryError(
                _("“%(name)s” cannot be validated: another organisation of this country now has this name.")
                % {"name": submitted.name}
            ) from error
        if applied:
            organisation_search_vector_update(ids=[organisation.pk])
        audit_log(
            actor=user,
            action="directory.profile.validated",
            target=organisation,
            data={
                "figures": organisation.validated_figures,
                "changes": {field: [then, now] for field, then, now in previous},
            },
        )
    _mail_managers(organisation, "validated", {"organisation": organisation})
    return organisation


def organisation_request_changes(*, user, organisation: ClusterOrganisation, note: str) -> ClusterOrganisation:
    """Send a waiting profile back to its managers with a note saying what to change."""
    note = note.strip()
    if not note:
        raise DirectoryError(_("Say what the managers should change."))
    with transaction.atomic():
        organisation = ClusterOrganisation.objects.select_for_update().get(pk=organisation.pk)
        if organisation.validation_status != Status.PENDING:
            raise DirectoryError(_("Changes can only be requested for a profile awaiting validation."))
        organisation.validation_status = Status.CHANGES_REQUESTED
        organisation.validation_note = note
        organisation.submitted_at = None
        organisation.save(update_fields=["validation_status", "validation_note", "submitted_at", "updated_at"])
        audit_log(actor=user, action="directory.profile.changes_requested", target=organisation, data={"note": note})
    _mail_managers(organisation, "changes_requested", {"organisation": organisation, "note": note})
    return organisation


def organisation_search_vector_update(*, ids: Iterable[int] | None = None) -> int:
    """Recompute the weighted full-text vector (name and acronym A, technologies B, description C) in one UPDATE.

    `ids=None` updates every profile. PostgreSQL only; elsewhere the directory searches with icontains.
    """
    if not settings.IS_POSTGRES:
        return 0

    through = ClusterOrganisation.technologies.through
    technologies = (
        through.objects.filter(clusterorganisation_id=OuterRef("pk"))
        .order_by()
        .values("clusterorganisation_id")
        .annotate(names=StringAgg("technologyfield__name", delimiter=" "))
        .values("names")
    )
    queryset = ClusterOrganisation.objects.all()
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    return queryset.update(
        search_vector=SearchVector("name", weight="A", config=SEARCH_CONFIG)
        + SearchVector("acronym", weight="A", config=SEARCH_CONFIG_SIMPLE)
        + SearchVector(
            Coalesce(Subquery(technologies), Value(""), output_field=TextField()), weight="B", config=SEARCH_CONFIG
        )
        + SearchVector("city", "region_name", weight="C", config=SEARCH_CONFIG_SIMPLE)
        + SearchVector("description", weight="D", config=SEARCH_CONFIG)
    )


# --- Co-managers and invitations ------------------------------------------------------------------------------


def invitation_create(*, user, organisation: ClusterOrganisation, email: str, role: str = Role.MANAGER) -> Invitation:
    """Invite someone by e-mail to co-manage (or view) an organisation; a new invitation replaces an open one."""
    email = email.strip().lower()
    if OrganisationMembership.objects.filter(organisation=organisation, user__email__iexact=email, role=role).exists():
        raise DirectoryError(
            _("%(email)s is already a %(role)s of this organisation.") % {"email": email, "role": Role(role).label}
        )
    with transaction.atomic():
        Invitation.objects.filter(
            organisation=organisation, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
        invitation = Invitation.objects.create(organisation=organisation, email=email, role=role, invited_by=user)
        audit_log(
            actor=user, action="directory.invitation.sent", target=organisation, data={"email": email, "role": role}
        )
    link = settings.SITE_URL + reverse("platform_directory:invitation", kwargs={"token": invitation.token})
    context = {"invitation": invitation, "organisation": organisation, "link": link, "inviter": user}
    _send([email], "invitation", context)
    return invitation


def invitation_accept(*, user, token: str) -> OrganisationMembership:
    """Join the organisation of an open invitation addressed to one of the user's verified e-mail addresses."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("organisation").filter(token=token).first()
        if invitation is None:
            raise DirectoryError(_("This invitation link is not valid. Ask the organisation's manager for a new one."))
        if invitation.accepted_at is not None:
            raise DirectoryError(_("This invitation has already been used."))
        if invitation.revoked_at is not None:
            raise DirectoryError(_("This invitation was withdrawn. Ask the organisation's manager for a new one."))
        if invitation.expires_at <= timezone.now():
            raise DirectoryError(_("This invitation has expired. Ask the organisation's manager for a new one."))
        if invitation.email.lower() not in user_email_addresses(user):
            raise DirectoryError(
                _("This invitation was sent to %(email)s. Log in with that address to accept it.")
                % {"email": invitation.email}
            )
        membership, created = OrganisationMembership.objects.get_or_create(
            user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
        )
        if not created and membership.role == Role.VIEWER and invitation.role == Role.MANAGER:
            membership.role = Role.MANAGER
            membership.save(update_fields=["role"])
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        audit_log(
            actor=user,
            action="directory.invitation.accepted",
            target=invitation.organisation,
            data={"email": invitation.email, "role": membership.role},
        )
    return membership


def invitation_revoke(*, user, invitation: Invitation) -> None:
    """Withdraw an invitation that has not been accepted yet."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None or invitation.revoked_at is not None:
            raise DirectoryError(_("This invitation is no longer open."))
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit_log(
            actor=user,
            action="directory.invitation.revoked",
            target=invitation.organisation,
            data={"email": invitation.email},
        )


def membership_remove(*, user, membership: OrganisationMembership) -> None:
    """Remove a co-manager or viewer; an organisation always keeps at least one manager."""
    with transaction.atomic():
        managers = list(
            OrganisationMembership.objects.select_for_update()
            .filter(organisation_id=membership.organisation_id, role=Role.MANAGER)
            .values_list("pk", flat=True)
        )
        membership = OrganisationMembership.objects.select_related("user", "organisation").get(pk=membership.pk)
        if membership.role == Role.MANAGER and managers == [membership.pk]:
            raise DirectoryError(_("An organisation needs at least one manager: invite another manager first."))
        membership.delete()
        audit_log(
            actor=user,
            action="directory.manager.removed",
            target=membership.organisation,
            data={"email": membership.user.email, "role": membership.role},
        )


def user_email_addresses(user) -> set[str]:
    """The user's login address and every verified address (lower case)."""
    addresses = {user.email.lower()}
    addresses.update(
        e.lower() for e in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    )
    return addresses


# --- Collaboration requests -----------------------------------------------------------------------------------


def collaboration_request_send(
    *,
    user,
    sender_organisation: ClusterOrganisation,
    recipient_organisation: ClusterOrganisation,
    subject: str,
    message: str,
) -> CollaborationRequest:
    """Send a partner-search request; the recipient's managers get an e-mail and an inbox entry. Rate limited."""
    if sender_organisation.pk == recipient_organisation.pk:
        raise DirectoryError(_("You cannot send a collaboration request to your own organisation."))
    if not OrganisationMembership.objects.filter(
        user=user, organisation=sender_organisation, role=Role.MANAGER
    ).exists():
        raise DirectoryError(_("Only a manager of the sending organisation can send requests on its behalf."))
    # Partner search reaches only the profiles visitors may see, and only from a validated profile, so a profile
    # awaiting validation never shows its name or message to another organisation.
    if not ClusterOrganisation.objects.public().filter(pk=recipient_organisation.pk).exists():
        raise DirectoryError(_("This organisation is not listed in the directory."))
    if not ClusterOrganisation.objects.with_validated_version().filter(pk=sender_organisation.pk).exists():
        raise DirectoryError(
            _("%(sender)s can send collaboration requests once a coordinator has validated its profile.")
            % {"sender": sender_organisation.name}
        )
    limit = _requests_per_day()
    with transaction.atomic():
        # Lock the sender so two requests sent at once cannot both pass the daily limit.
        ClusterOrganisation.objects.select_for_update().filter(pk=sender_organisation.pk).first()
        if CollaborationRequest.objects.filter(
            sender_organisation=sender_organisation,
            recipient_organisation=recipient_organisation,
            status=CollaborationRequest.Status.PENDING,
        ).exists():
            raise DirectoryError(
                _("%(sender)s already has a request waiting for an answer from %(recipient)s.")
                % {"sender": sender_organisation.name, "recipient": recipient_organisation.name}
            )
        sent_today = CollaborationRequest.objects.filter(
            sender_organisation=sender_organisation, created_at__gte=timezone.now() - timedelta(days=1)
        ).count()
        if sent_today >= limit:
            raise DirectoryError(
                _(
                    "%(sender)s has sent %(limit)d requests in the last 24 hours, the most allowed. "
                    "Please try again tomorrow."
                )
                % {"sender": sender_organisation.name, "limit": limit}
            )
        request = CollaborationRequest.objects.create(
            sender_organisation=sender_organisation,
            recipient_organisation=recipient_organisation,
            sender=user,
            subject=subject.strip(),
            message=message.strip(),
        )
        audit_log(
            actor=user,
            action="directory.request.sent",
            target=request,
            data={"from": sender_organisation.slug, "to": recipient_organisation.slug},
        )
    link = settings.SITE_URL + reverse("platform_directory:request_detail", kwargs={"pk": request.pk})
    _mail_managers(recipient_organisation, "request_received", {"request": request, "link": link})
    return request


def _answer(*, user, request: CollaborationRequest, status: str, message: str, action: str) -> CollaborationRequest:
    with transaction.atomic():
        request = CollaborationRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != CollaborationRequest.Status.PENDING:
            raise DirectoryError(_("This request is already %(status)s.") % {"status": request.get_status_display()})
        request.status = status
        request.responded_at = timezone.now()
        request.responded_by = user
        request.response_message = message.strip()
        request.save(update_fields=["status", "responded_at", "responded_by", "response_message"])
        audit_log(actor=user, action=action, target=request, data={"message": request.response_message})
    request = CollaborationRequest.objects.select_related(
        "sender_organisation", "recipient_organisation", "sender"
    ).get(pk=request.pk)
    link = settings.SITE_URL + reverse("platform_directory:request_detail", kwargs={"pk": request.pk})
    recipients = [request.sender] if request.sender else managers(request.sender_organisation)
    _send(recipients, "request_answered", {"request": request, "link": link})
    return request


def collaboration_request_accept(*, user, request: CollaborationRequest, message: str = "") -> CollaborationRequest:
    """Accept a pending request; both sides then see each other's contact details."""
    return _answer(
        user=user,
        request=request,
        status=CollaborationRequest.Status.ACCEPTED,
        message=message,
        action="directory.request.accepted",
    )


def collaboration_request_decline(*, user, request: CollaborationRequest, message: str = "") -> CollaborationRequest:
    """Decline a pending request, optionally saying why."""
    return _answer(
        user=user,
        request=request,
        status=CollaborationRequest.Status.DECLINED,
        message=message,
        action="directory.request.declined",
    )


def collaboration_request_withdraw(*, user, request: CollaborationRequest) -> CollaborationRequest:
    """The sender takes back a request that has not been answered yet."""
    with transaction.atomic():
        request = CollaborationRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != CollaborationRequest.Status.PENDING:
            raise DirectoryError(_("Only a request waiting for an answer can be withdrawn."))
        request.status = CollaborationRequest.Status.WITHDRAWN
        request.responded_at = timezone.now()
        request.responded_by = user
        request.save(update_fields=["status", "responded_at", "responded_by"])
        audit_log(actor=user, action="directory.request.withdrawn", target=request)
    return request


# --- E-mail ---------------------------------------------------------------------------------------------------


def managers(organisation: ClusterOrganisation) -> list:
    """The active managers of `organisation`, by address: who hears about its profile and its requests."""
    return list(
        get_user_model()
        .objects.filter(
            memberships__organisation=organisation,
            memberships__role=Role.MANAGER,
            is_active=True,
        )
        .order_by("email")
    )


def _mail_managers(organisation: ClusterOrganisation, template: str, context: dict[str, Any]) -> None:
    _send(managers(organisation), template, context)


def _send(recipients: list, template: str, context: dict[str, Any]) -> None:
    """Mail each recipient (a user or an address) `email/<template>_subject.txt` and `_body.txt`, on commit."""
    mail(
        to=recipients,
        subject_template=f"platform_directory/email/{template}_subject.txt",
        template=f"platform_directory/email/{template}_body.txt",
        context={**context, "SITE_URL": settings.SITE_URL},
    )
