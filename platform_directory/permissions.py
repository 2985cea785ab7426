"""Who may do what in the directory. Views fetch every object through these helpers.

Outsiders get 404 (they must not learn that a hidden profile exists); members without the right get 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from platform_directory.models import ClusterOrganisation, CollaborationRequest, OrganisationMembership
from portal import roles


@dataclass(frozen=True)
class ProfileView:
    """What one person sees of a profile: its people and the coordinators (`insider`) see it as submitted, with
    figures awaiting validation; everyone else sees the figures on record, which a coordinator validated."""

    organisation: ClusterOrganisation
    insider: bool


def can_view_profile(user, organisation: ClusterOrganisation) -> bool:
    """Public profiles (validated and published: `is_public`) are seen by everyone; the others (awaiting their
    first validation, or hidden) only by their people and the coordinators."""
    return organisation.is_public or roles.can_see_organisation_internals(user, organisation)


def profile_view_or_404(user, slug: str, queryset: QuerySet[ClusterOrganisation] | None = None) -> ProfileView:
    """The profile page's one access rule (`can_view_profile`); outsiders get 404, not a hint that it exists."""
    organisation = get_object_or_404(ClusterOrganisation.objects.all() if queryset is None else queryset, slug=slug)
    if not can_view_profile(user, organisation):
        raise Http404
    insider = roles.can_see_organisation_internals(user, organisation)
    return ProfileView(organisation.as_submitted() if insider else organisation, insider)


def can_edit_profile(user, organisation: ClusterOrganisation) -> bool:
    return roles.can_manage_organisation(user, organisation)


def can_validate_profiles(user) -> bool:
    return roles.is_coordinator(user)


def collaboration_senders(user, recipient: ClusterOrganisation) -> QuerySet[ClusterOrganisation]:
    """The organisations the user may write from: validated ones they manage, other than the recipient."""
    return roles.managed_organisations(user).with_validated_version().exclude(pk=recipient.pk)


def can_send_collaboration_request(user, recipient: ClusterOrganisation) -> bool:
    """Managers of another, validated organisation than the recipient, which must be public."""
    return recipient.is_public and collaboration_senders(user, recipient).exists()


def contactable_organisation_or_404(slug: str) -> ClusterOrganisation:
    """A partner-search target: public profiles only, whoever asks (404 for any other)."""
    return get_object_or_404(ClusterOrganisation.objects.public(), slug=slug)


def managed_organisation_or_404(user, slug: str) -> ClusterOrganisation:
    """The organisation if `user` manages it; 404 for outsiders, 403 for viewers and coordinators."""
    organisation = get_object_or_404(ClusterOrganisation, slug=slug)
    if can_edit_profile(user, organisation):
        return organisation
    if roles.can_see_organisation_internals(user, organisation):
        raise PermissionDenied
    raise Http404


def validatable_organisation_or_404(user, slug: str) -> ClusterOrganisation:
    if not can_validate_profiles(user):
        raise PermissionDenied
    return get_object_or_404(ClusterOrganisation, slug=slug)


def collaboration_requests_visible_to(user) -> QuerySet[CollaborationRequest]:
    """Requests sent or received by an organisation the user belongs to (manager or viewer)."""
    organisations = roles.member_organisations(user).values("pk")
    return CollaborationRequest.objects.filter(
        Q(sender_organisation__in=organisations) | Q(recipient_organisation__in=organisations)
    )


def collaboration_request_or_404(user, pk: int) -> CollaborationRequest:
    return get_object_or_404(
        collaboration_requests_visible_to(user).select_related(
            "sender_organisation", "recipient_organisation", "sender"
        ),
        pk=pk,
    )


def can_answer_request(user, request: CollaborationRequest) -> bool:
    return roles.can_manage_organisation(user, request.recipient_organisation)


def can_withdraw_request(user, request: CollaborationRequest) -> bool:
    return roles.can_manage_organisation(user, request.sender_organisation)


def is_manager_role(role: str | None) -> bool:
    return role == OrganisationMembership.Role.MANAGER
