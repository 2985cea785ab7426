import pytest

from survey.models import Survey
from tests.survey.factories import build_survey


@pytest.fixture
def built(coordinator):
    return build_survey(user=coordinator, slug="status", title="Status survey")


@pytest.fixture
def anonymous_built(coordinator):
    return build_survey(
        user=coordinator, slug="pulse", title="Pulse", is_anonymous=True, audience=Survey.Audience.INVITED
    )


@pytest.fixture(autouse=True)
def _empty_cache():
    """Results are cached: every test starts with an empty cache (ids repeat between tests)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
