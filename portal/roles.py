"""Who is who: every role check of the portal lives here.

Roles: cluster manager or viewer (a membership of an organisation), assessor (an accredited assessor profile),
club member (an active club membership), coordinator (staff).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone


def is_coordinator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def is_assessor(user, on=None) -> bool:
    """An assessor whose accreditation covers the day (today by default)."""
    if not user.is_authenticated:
        return False
    profile = getattr(user, "assessor_profile", None)
    try:
        return profile is not None and profile.is_accredited(on or timezone.localdate())
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist
        return False


def has_assessor_profile(user) -> bool:
    if not user.is_authenticated:
        return False
    from portal.models import AssessorProfile

    return AssessorProfile.objects.filter(user=user).exists()


def is_club_member(user) -> bool:
    """A member of the European Club of Cluster Managers whose membership is current."""
    if not user.is_authenticated:
        return False
    from club.selectors import club_membership_is_active

    return club_membership_is_active(user=user)


def is_cluster_manager(user) -> bool:
    """Manages at least one organisation."""
    return bool(user.is_authenticated and managed_organisations(user).exists())


def managed_organisations(user) -> QuerySet:
    """Organisations the user manages (role manager)."""
    from platform_directory.models import ClusterOrganisation, OrganisationMembership

    if not user.is_authenticated:
        return ClusterOrganisation.objects.none()
    return ClusterOrganisation.objects.filter(
        memberships__user=user, memberships__role=OrganisationMembership.Role.MANAGER
    ).distinct()


def member_organisations(user) -> QuerySet:
    """Organisations the user belongs to in any role (manager or viewer)."""
    from platform_directory.models import ClusterOrganisation

    if not user.is_authenticated:
        return ClusterOrganisation.objects.none()
    return ClusterOrganisation.objects.filter(memberships__user=user).distinct()


def organisation_role(user, organisation) -> str | None:
    """'manager', 'viewer' or None."""
    if not user.is_authenticated:
        return None
    from platform_directory.models import OrganisationMembership

    return (
        OrganisationMembership.objects.filter(user=user, organisation=organisation)
        .values_list("role", flat=True)
        .first()
    )


def can_manage_organisation(user, organisation) -> bool:
    from platform_directory.models import OrganisationMembership

    return organisation_role(user, organisation) == OrganisationMembership.Role.MANAGER


def can_see_organisation_internals(user, organisation) -> bool:
    """Managers, viewers and coordinators see an organisation's private pages (validation, inbox, assessments)."""
    return is_coordinator(user) or organisation_role(user, organisation) is not None


def requires_mfa(user) -> bool:
    """Staff (coordinators), superusers and assessors must use a second factor where the setting says so.

    The policy itself (the setting, and whether a way of signing in satisfies it) is in portal/mfa.py.
    """
    return bool(user.is_authenticated and (user.is_staff or user.is_superuser or has_assessor_profile(user)))
