"""Reads of the club app."""

from __future__ import annotations

from django.utils import timezone

from club.models import ClubMembership


def club_membership_is_active(*, user) -> bool:
    """True while the user's membership is approved and not past its renewal date."""
    return ClubMembership.objects.filter(
        user=user, status=ClubMembership.Status.ACTIVE, valid_until__gte=timezone.localdate()
    ).exists()
