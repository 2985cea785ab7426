"""Fixtures of the directory's tests (the personas come from tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.factories import ClusterOrganisationFactory, MembershipFactory


@pytest.fixture
def hidden_a(manager_a):
    """An unpublished profile managed by manager A."""
    organisation = ClusterOrganisationFactory(name="Hidden Alpha", slug="hidden-alpha", is_published=False)
    MembershipFactory(organisation=organisation, user=manager_a)
    return organisation


@pytest.fixture
def viewer_a(org_a):
    from platform_directory.models import OrganisationMembership

    return MembershipFactory(
        organisation=org_a, user__email="viewer.a@example.org", role=OrganisationMembership.Role.VIEWER
    ).user
