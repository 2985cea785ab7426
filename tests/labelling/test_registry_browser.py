"""Browser journey: a coordinator suspends a label from its page with a public reason; a visitor who scans the
certificate's QR code and looks at the badge and the registry sees the suspension at once."""

from __future__ import annotations

import pytest

from labelling.framework.levels import Level
from labelling.models import Label
from tests.conftest import browser_login
from tests.labelling.certificate_helpers import make_label


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_suspension_shows_at_once_to_a_visitor(page, live_server, open_browser):
    from tests.factories import ClusterOrganisationFactory, CoordinatorFactory

    organisation = ClusterOrganisationFactory(name="Delta Hydrogen Valley", country="NL", nuts2_code="NL11")
    label = make_label(organisation, level=Level.SILVER, issue=True)
    coordinator = CoordinatorFactory(email="clara@example.org")

    browser_login(page, coordinator.email)
    page.goto(f"/labels/{label.number}/manage/")
    page.get_by_label("Public reason").fill("Complaint about the reported staff figures under review.")
    page.get_by_role("button", name="Suspend").click()
    page.get_by_text("The label is suspended.").wait_for()
    label.refresh_from_db()
    assert label.status == Label.Status.SUSPENDED

    visitor = open_browser()
    visitor.goto(f"/labels/verify/{label.certificate.token}/")
    assert visitor.get_by_text("This label is genuine but NOT valid now.").is_visible()
    assert visitor.get_by_text("Complaint about the reported staff figures under review.").is_visible()
    badge = visitor.request.get(f"{live_server.url}/labels/{label.number}/badge.svg").text()
    assert "Silver · suspended" in badge
    visitor.goto("/labels/")
    visitor.get_by_label("Status").select_option("suspended")
    visitor.get_by_role("button", name="Search").click()
    assert visitor.get_by_role("link", name="Delta Hydrogen Valley").is_visible()
    visitor.get_by_role("link", name="Delta Hydrogen Valley").click()
    assert visitor.get_by_text("is suspended since").is_visible()
    visitor.context.close()
