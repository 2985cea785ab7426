"""Browser journey of the self-assessment: autosave as typed (error next to the field, colour, saved time), nothing
lost on reload, "not applicable" with a justification, then submit from the overview."""

import re

import pytest
from playwright.sync_api import expect

from labelling.models import Answer, Assessment
from labelling.selfassessment import services
from tests.conftest import browser_login
from tests.factories import ClusterOrganisationFactory, MembershipFactory
from tests.labelling.factories import fill_answers


@pytest.mark.browser
def test_a_manager_fills_in_with_autosave_and_submits(page, transactional_db):
    organisation = ClusterOrganisationFactory(name="Gamma Mobility Cluster")
    manager = MembershipFactory(organisation=organisation, user__email="gamma.manager@example.org").user
    assessment = services.assessment_start(user=manager, organisation=organisation, level="bronze")
    fill_answers(assessment, user=manager)
    Answer.objects.filter(assessment=assessment, indicator__dimension__number=2).update(
        value_number=None, value_bool=None, value_choice=""
    )
    staff = Answer.objects.get(assessment=assessment, indicator__code="2.2")
    turnover = Answer.objects.get(assessment=assessment, indicator__code="2.6")

    browser_login(page, manager.email)
    page.goto(f"/assessments/{assessment.pk}/dimensions/2/")
    card = page.locator(f"#answer-{staff.pk}")
    value = card.locator("input[name=value]")

    value.fill("two")
    expect(card.locator(f"#answer-{staff.pk}-value-error")).to_contain_text("Enter a number")
    expect(card.get_by_text("Not saved: please correct the marked field.")).to_be_visible()

    value.fill("1.5")
    expect(card.get_by_text(re.compile(r"saved at \d\d:\d\d:\d\d"))).to_be_visible()
    expect(card.locator(f"#answer-{staff.pk}-colour")).to_contain_text("yellow")
    value.fill("3")
    expect(card.locator(f"#answer-{staff.pk}-colour")).to_contain_text("green")

    # "Not applicable" asks for a justification, then saves.
    other = page.locator(f"#answer-{turnover.pk}")
    other.get_by_label("Not applicable to our cluster").check()
    expect(other.locator(f"#answer-{turnover.pk}-justification-error")).to_contain_text("Say why")
    other.get_by_label("Why does it not apply? (required)").fill("Our staff is seconded by the region.")
    expect(other.get_by_text(re.compile(r"saved at"))).to_be_visible()

    # Evidence: upload a file to the answer (htmx, multipart); a renamed program is refused.
    card.locator("input[type=file]").set_input_files(
        {"name": "staff-list.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}
    )
    card.get_by_role("button", name="Upload", exact=True).click()
    expect(card.get_by_text("staff-list.pdf uploaded.")).to_be_visible()
    card.locator("input[type=file]").set_input_files(
        {"name": "tool.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" + b"\x00" * 64}
    )
    card.get_by_role("button", name="Upload", exact=True).click()
    expect(card.get_by_text("This file is not a PDF")).to_be_visible()

    # Nothing lost on navigation.
    page.goto(f"/assessments/{assessment.pk}/")
    page.goto(f"/assessments/{assessment.pk}/dimensions/2/")
    expect(page.locator(f"#answer-{staff.pk} input[name=value]")).to_have_value("3")
    expect(page.locator(f"#answer-{turnover.pk}").get_by_label("Not applicable to our cluster")).to_be_checked()

    # The rest of dimension 2 is filled by a colleague; submit lists nothing missing any more.
    Answer.objects.filter(assessment=assessment, indicator__code__in=["2.1", "2.3", "2.4", "2.5"]).update(
        value_number=5
    )
    Answer.objects.filter(assessment=assessment, indicator__code="2.7").update(value_choice="deciding")
    Answer.objects.filter(assessment=assessment, indicator__code="2.8").update(value_bool=True)
    page.goto(f"/assessments/{assessment.pk}/")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Submitted. A coordinator will now assign an assessor")).to_be_visible()
    assert Assessment.objects.get(pk=assessment.pk).status == Assessment.Status.SUBMITTED

    # Frozen: the dimension page shows values, no fields.
    page.goto(f"/assessments/{assessment.pk}/dimensions/2/")
    expect(page.locator("form[data-autosave]")).to_have_count(0)
