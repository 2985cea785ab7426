"""Who is who: every role check of the portal lives here.

Roles: cluster manager or viewer (a membership of an organisation), assessor (an accredited assessor profile),
club member (an active club membership), coordinator (staff). The portal knows its own (coordinator, assessor);
what only an app knows (organisation memberships, club membership) that app answers through `portal.registry.roles`
(platform_directory/roles.py, club/selectors.py), registered from its AppConfig.ready().
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from portal import registry
from portal.models import AssessorProfile


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
    return AssessorProfile.objects.filter(user=user).exists()


def is_club_member(user) -> bool:
    """A member of the European Club of Cluster Managers whose membership is current (the club answers)."""
    return bool(user.is_authenticated and registry.roles["is_club_member"](user))


def is_cluster_manager(user) -> bool:
    """Manages at least one organisation."""
    return bool(user.is_authenticated and managed_organisations(user).exists())


def managed_organisations(user) -> QuerySet:
    """Organisations the user manages (role manager); the directory answers."""
    return registry.roles["managed_organisations"](user)


def member_organisations(user) -> QuerySet:
    """Organisations the user belongs to in any role (manager or viewer); the directory answers."""
    return registry.roles["member_organisations"](user)


def organisation_role(user, organisation) -> str | None:
    """'manager', 'viewer' or None; the directory answers."""
    return registry.roles["organisation_role"](user, organisation)


def can_manage_organisation(user, organisation) -> bool:
    return bool(user.is_authenticated and registry.roles["can_manage_organisation"](user, organisation))


def can_see_organisation_internals(user, organisation) -> bool:
    """Managers, viewers and coordinators see an organisation's private pages (validation, inbox, assessments)."""
    return is_coordinator(user) or organisation_role(user, organisation) is not None


def requires_mfa(user) -> bool:
    """Staff (coordinators), superusers and assessors must use a second factor where the setting says so.

    The policy itself (the setting, and whether a way of signing in satisfies it) is in portal/mfa.py.
    """
    return bool(user.is_authenticated and (user.is_staff or user.is_superuser or has_assessor_profile(user)))
