"""The directory's answers to the portal's questions about people: who belongs to which organisation, in which role.

portal/roles.py asks them (every app calls `portal.roles`); platform_directory/apps.py registers these answers in
`portal.registry.roles`.
"""

from __future__ import annotations

from django.db.models import QuerySet

from platform_directory.models import ClusterOrganisation, OrganisationMembership


def managed_organisations(user) -> QuerySet[ClusterOrganisation]:
    """Organisations the user manages (role manager)."""
    if not user.is_authenticated:
        return ClusterOrganisation.objects.none()
    return ClusterOrganisation.objects.filter(
        memberships__user=user, memberships__role=OrganisationMembership.Role.MANAGER
    ).distinct()


def member_organisations(user) -> QuerySet[ClusterOrganisation]:
    """Organisations the user belongs to in any role (manager or viewer)."""
    if not user.is_authenticated:
        return ClusterOrganisation.objects.none()
    return ClusterOrganisation.objects.filter(memberships__user=user).distinct()


def organisation_role(user, organisation: ClusterOrganisation) -> str | None:
    """'manager', 'viewer' or None."""
    if not user.is_authenticated:
        return None
    return (
        OrganisationMembership.objects.filter(user=user, organisation=organisation)
        .values_list("role", flat=True)
        .first()
    )


def can_manage_organisation(user, organisation: ClusterOrganisation) -> bool:
    return organisation_role(user, organisation) == OrganisationMembership.Role.MANAGER
