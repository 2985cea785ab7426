"""The account page (name, sign-in and security, your data) and the public privacy notice."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from portal.models import AuditEvent
from privacy.registry import HOLDINGS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_account_page_shows_the_name_the_addresses_and_the_way_to_ones_data():
    user = UserFactory(email="anna@example.org", display_name="Anna Example")
    text = signed_in(user).get(reverse("privacy:account")).content.decode()
    assert 'value="Anna Example"' in text
    assert "anna@example.org" in text
    for name in ("account_email", "account_change_password", "mfa_index", "privacy:export", "privacy:delete"):
        assert f'href="{reverse(name)}"' in text, name


def test_a_person_changes_their_name():
    user = UserFactory(display_name="Old Name")
    response = signed_in(user).post(reverse("privacy:account"), {"display_name": "  New   Name "})
    assert response.status_code == 302 and response["Location"] == reverse("privacy:account")
    user.refresh_from_db()
    assert user.display_name == "New Name"
    event = AuditEvent.objects.get(action="privacy.account.name_changed")
    assert event.actor == user and "New Name" not in str(event.data) and "Old Name" not in str(event.data)


@pytest.mark.parametrize("value", ["", "   ", "x" * 151])
def test_a_blank_or_too_long_name_is_refused_with_a_message(value):
    user = UserFactory(display_name="Kept Name")
    response = signed_in(user).post(reverse("privacy:account"), {"display_name": value})
    assert response.status_code == 200
    assert 'class="invalid-feedback d-block"' in response.content.decode()
    user.refresh_from_db()
    assert user.display_name == "Kept Name"


def test_the_account_page_is_for_signed_in_people(client):
    response = client.get(reverse("privacy:account"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_the_user_menu_links_to_the_account_page():
    text = signed_in(UserFactory()).get(reverse("portal:dashboard")).content.decode()
    assert f'href="{reverse("privacy:account")}"' in text


def test_areas_can_add_sections_to_the_account_page():
    """Preferences (language, time zone, notifications) come as sections an app registers for the account page."""
    from portal.registry import AccountSection, account_sections

    def notifications(request):
        return [AccountSection("notifications", "Notification choices", "privacy/_section_data.html", order=50)]

    account_sections.add(notifications, key="tests.notifications")
    try:
        text = signed_in(UserFactory()).get(reverse("privacy:account")).content.decode()
    finally:
        account_sections.remove("tests.notifications")
    assert text.index("Sign-in and security") < text.index("Notification choices") < text.index("Your data</h2>")


# --- The privacy notice ------------------------------------------------------------------------------------------------


def test_the_notice_is_public_and_names_the_controller_from_the_settings(client, settings):
    settings.PRIVACY_CONTROLLER_NAME = "European Cluster Label Association"
    settings.PRIVACY_CONTROLLER_ADDRESS = "Rue Exemple 1\n1000 Brussels"
    settings.PRIVACY_CONTACT_EMAIL = "dpo@label.example.eu"
    settings.PRIVACY_SUPERVISORY_AUTHORITY = "the Belgian Data Protection Authority"
    response = client.get(reverse("privacy:notice"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "European Cluster Label Association" in text and "1000 Brussels" in text
    assert 'href="mailto:dpo@label.example.eu"' in text
    assert "the Belgian Data Protection Authority" in text


@pytest.mark.parametrize(
    "kind",
    [
        "Your account",
        "Organisation profiles and your role in them",
        "Self-assessments, answers, evidence, questions and replies",
        "Label decisions, appeals, labels and certificates",
        "Audit log",
        "Club membership",
        "Event registrations",
        "Survey responses",
        "Collaboration requests",
        "Server logs and rate limits",
    ],
)
def test_the_notice_gives_purpose_basis_and_retention_of_each_kind_of_data(client, kind):
    text = client.get(reverse("privacy:notice")).content.decode()
    assert f'<th scope="row">{kind}</th>' in text


def test_the_notice_states_the_configured_retention_periods(client, settings):
    settings.PRIVACY_LOG_RETENTION_DAYS = 14
    settings.PRIVACY_EXPORT_KEEP_DAYS = 3
    text = client.get(reverse("privacy:notice")).content.decode()
    assert "Logs: 14 days." in text and "3 days, then deleted." in text


def test_the_notice_names_every_right_and_links_the_self_service_pages(client):
    text = client.get(reverse("privacy:notice")).content.decode()
    for right in ("Access and portability", "Rectification", "Erasure", "objection", "Complaint"):
        assert right in text
    for name in ("privacy:export", "privacy:account", "privacy:delete"):
        assert f'href="{reverse(name)}"' in text


@pytest.mark.parametrize("path", ["/", "/directory/", "/accounts/login/", "/labels/"])
def test_every_page_links_the_notice_in_its_footer(client, path):
    assert f'<a href="{reverse("privacy:notice")}">Privacy</a>' in client.get(path).content.decode()


def test_the_sign_up_form_points_to_the_notice(client):
    text = client.get(reverse("account_signup")).content.decode()
    form = text[text.index("<form") : text.index("</form>")]
    assert f'href="{reverse("privacy:notice")}"' in form


def test_the_notice_describes_a_kind_of_data_for_every_app_that_holds_some(client):
    """A new area that keeps personal data gets a row in the notice (the registry lists where)."""
    text = client.get(reverse("privacy:notice")).content.decode()
    rows_for_app = {
        "account": "Your account",
        "mfa": "Your account",
        "authtoken": "Your account",
        "admin": "Audit log",
        "portal": "Audit log",
        "privacy": "Data exports",
        "platform_directory": "Organisation profiles",
        "labelling": "Label decisions",
        "benchmarking": "Benchmarking",
        "knowledge": "Learning progress",
        "club": "Club membership",
        "survey": "Survey responses",
    }
    apps_with_data = {h.app_label for h in HOLDINGS}
    assert apps_with_data <= set(rows_for_app), apps_with_data - set(rows_for_app)
    assert all(f'<th scope="row">{rows_for_app[app]}' in text for app in apps_with_data)
