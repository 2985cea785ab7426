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
