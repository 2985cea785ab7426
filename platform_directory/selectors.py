"""Reads of the directory that are more than one line."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from platform_directory.models import (
    ClusterOrganisation,
    CollaborationRequest,
    Invitation,
    OrganisationMembership,
    TechnologyField,
)
from portal import roles

Status = ClusterOrganisation.ValidationStatus


def email_visible_colleague_ids(viewer) -> set[int]:
    """Whose address `viewer` sees through the directory (portal/privacy.py): the people with access to the
    organisations they manage, and both people of an accepted collaboration request of an organisation of theirs."""
    managed = OrganisationMembership.objects.filter(user=viewer, role=OrganisationMembership.Role.MANAGER).values(
        "organisation"
    )
    ids = set(OrganisationMembership.objects.filter(organisation__in=managed).values_list("user_id", flat=True))
    belongs = OrganisationMembership.objects.filter(user=viewer).values("organisation")
    accepted = CollaborationRequest.objects.filter(
        Q(sender_organisation__in=belongs) | Q(recipient_organisation__in=belongs),
        status=CollaborationRequest.Status.ACCEPTED,
    )
    for sender, responder in accepted.values_list("sender_id", "responded_by_id"):
        ids |= {pk for pk in (sender, responder) if pk is not None}
    return ids


def directory_headline_figures() -> dict:
    """Counts for the home page, in one query: public profiles only."""
    return ClusterOrganisation.objects.public().aggregate(
        organisations=Count("id"),
        countries=Count("country", distinct=True),
        validated=Count("id", filter=Q(validation_status=ClusterOrganisation.ValidationStatus.VALIDATED)),
    )


def directory_queryset() -> QuerySet[ClusterOrganisation]:
    """Public profiles with what the list, the export and the API show (no query per row)."""
    return (
        ClusterOrganisation.objects.public()
        .defer("search_vector", "validated_figures", "validation_note")
        .prefetch_related(
            Prefetch("technologies", queryset=TechnologyField.objects.order_by("name")),
            "sectors",
        )
    )


def public_technologies() -> QuerySet[TechnologyField]:
    """Technology fields of at least one public profile (the directory's technology filter offers no other)."""
    through = ClusterOrganisation.technologies.through
    return TechnologyField.objects.filter(
        Exists(
            through.objects.filter(
                technologyfield_id=OuterRef("pk"),
                clusterorganisation_id__in=ClusterOrganisation.objects.public().values("pk"),
            )
        )
    )


def profile_preview(organisation: ClusterOrganisation) -> str | None:
    """Why visitors do not see the profile as its people do, or None when they see the same thing:
    "awaiting_validation" (never validated: visitors cannot open it), "changes_awaiting_validation" (visitors see the
    figures validated last), "hidden" (validated, but taken off the directory by its managers)."""
    if not organisation.has_validated_version:
        return "awaiting_validation"
    if organisation.pending_figures:
        return "changes_awaiting_validation"
    if not organisation.is_published:
        return "hidden"
    return None


def organisation_detail_queryset() -> QuerySet[ClusterOrganisation]:
    return ClusterOrganisation.objects.select_related("validated_by").prefetch_related("technologies", "sectors")


def validation_queue() -> QuerySet[ClusterOrganisation]:
    """Profiles awaiting validation, the longest waiting first."""
    return (
        ClusterOrganisation.objects.filter(validation_status=Status.PENDING)
        .defer("search_vector")
        .order_by("submitted_at", "created_at", "pk")
    )


def organisation_managers(organisation: ClusterOrganisation) -> QuerySet[OrganisationMembership]:
    return organisation.memberships.select_related("user").order_by("role", "user__email")


def open_invitations(organisation: ClusterOrganisation) -> QuerySet[Invitation]:
    return organisation.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True).select_related(
        "invited_by"
    )


def user_organisations(user) -> list[ClusterOrganisation]:
    """The user's organisations, each with its `role` attribute set (for the dashboard)."""
    if not user.is_authenticated:
        return []
    memberships = (
        OrganisationMembership.objects.filter(user=user).select_related("organisation").order_by("organisation__name")
    )
    result = []
    for membership in memberships:
        organisation = membership.organisation.as_submitted()  # its people see what they submitted
        organisation.role = membership.role
        organisation.role_label = membership.get_role_display()
        result.append(organisation)
    return result


def inbox_for(user) -> QuerySet[CollaborationRequest]:
    """Requests received by the organisations the user manages or views, newest first."""
    return (
        CollaborationRequest.objects.filter(recipient_organisation__in=roles.member_organisations(user).values("pk"))
        .select_related("sender_organisation", "recipient_organisation", "sender")
        .order_by("-created_at")
    )


def sent_by(user) -> QuerySet[CollaborationRequest]:
    """Requests sent by the organisations the user manages or views, newest first."""
    return (
        CollaborationRequest.objects.filter(sender_organisation__in=roles.member_organisations(user).values("pk"))
        .select_related("sender_organisation", "recipient_organisation", "sender")
        .order_by("-created_at")
    )


def invitations_for(user) -> QuerySet[Invitation]:
    """Open invitations addressed to the user's e-mail address."""
    if not user.is_authenticated:
        return Invitation.objects.none()
    return Invitation.objects.filter(
        email__iexact=user.email, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("organisation")
