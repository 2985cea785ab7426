"""Who may do what in the directory. Views fetch every object through these helpers.

Outsiders get 404 (they must not learn that a hidden profile exists); members without the right get 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from platform_directory.models import ClusterOrganisation, CollaborationRequest, OrganisationMembership
from portal import roles


def can_view_profile(user, organisation: ClusterOrganisation) -> bool:
    """Published profiles are public; hidden ones are seen by their members and the coordinators."""
    return organisation.is_published or roles.can_see_organisation_internals(user, organisation)


def can_edit_profile(user, organisation: ClusterOrganisation) -> bool:
    return roles.can_manage_organisation(user, organisation)


def can_validate_profiles(user) -> bool:
    return roles.is_coordinator(user)


def can_send_collaboration_request(user, recipient: ClusterOrganisation) -> bool:
    """Managers of another organisation than the recipient."""
    return roles.managed_organisations(user).exclude(pk=recipient.pk).exists()


def visible_organisation_or_404(user, slug: str) -> ClusterOrganisation:
    organisation = get_object_or_404(ClusterOrganisation, slug=slug)
    if not can_view_profile(user, organisation):
        raise Http404
    return organisation


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
