"""A person takes a copy of their data and deletes their account in a real browser, confirming with their password
each time (allauth's reauthentication)."""

from __future__ import annotations

import json
import re
import zipfile

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.conftest import browser_login
from tests.factories import PASSWORD, MembershipFactory
from tests.privacy.conftest import PERSON_EMAIL, build_person_with_everything

pytestmark = pytest.mark.browser


def person():
    """Petra with every kind of record, but without her two-factor authenticator (its secret is a stand-in, so
    the browser could not pass the code step)."""
    from allauth.mfa.models import Authenticator

    world = build_person_with_everything()
    Authenticator.objects.filter(user=world.person).delete()
    return world


def confirm_password(page) -> None:
    expect(page.get_by_role("heading", name="Confirm Access")).to_be_visible()
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()


def open_account_page(page) -> None:
    page.locator(".navbar .dropdown-toggle").click()
    page.get_by_role("link", name="Your account").click()
    expect(page.get_by_role("heading", name="Your account", level=1)).to_be_visible()


def test_a_person_downloads_their_data(page, transactional_db, tmp_path):
    person()
    browser_login(page, PERSON_EMAIL)
    open_account_page(page)
    page.get_by_role("link", name="Download your data").click()
    expect(page.get_by_role("cell", name="Your event registrations and places on waiting lists.")).to_be_visible()
    page.get_by_role("button", name="Download my data").click()

    # The password step, then the download starts at once (a small export is streamed).
    with page.expect_download() as download_info:
        confirm_password(page)
    download = download_info.value
    assert re.fullmatch(r"cluster-excellence-my-data-\d{4}-\d{2}-\d{2}\.zip", download.suggested_filename)
    path = tmp_path / "export.zip"
    download.save_as(path)
    with zipfile.ZipFile(path) as archive:
        account = json.loads(archive.read("account/account.json"))["records"][0]
        assert account["email"] == PERSON_EMAIL
        assert any(name.startswith("files/labelling/evidence_you_uploaded/") for name in archive.namelist())


def test_a_large_export_is_prepared_in_the_background_and_downloaded_from_the_page(
    page, transactional_db, settings, tmp_path
):
    settings.PRIVACY_EXPORT_STREAM_MAX_BYTES = 10
    person()
    browser_login(page, PERSON_EMAIL)
    page.goto("/account/export/")
    page.get_by_role("button", name="Prepare my download").click()
    confirm_password(page)
    expect(page.get_by_role("alert").filter(has_text="Your export is being prepared")).to_be_visible()
    link = page.get_by_role("link", name=re.compile(r"Download \(")).first  # the newest (the world has an older one)
    expect(link).to_be_visible()
    with page.expect_download() as download_info:
        link.click()  # the password was confirmed a moment ago: no second prompt
    path = tmp_path / "export.zip"
    download_info.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        assert "manifest.json" in archive.namelist()


def test_a_person_deletes_their_account(page, transactional_db):
    person()
    browser_login(page, PERSON_EMAIL)
    open_account_page(page)
    page.get_by_role("link", name="Delete your account").click()
    expect(page.get_by_role("heading", name="What stays, without your name")).to_be_visible()

    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("Tick the box to confirm")).to_be_visible()
    page.get_by_label("I understand that my account").check()
    page.get_by_role("button", name="Delete my account").click()
    confirm_password(page)

    expect(page.get_by_role("alert").filter(has_text="Your account is deleted")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Log in")).to_be_visible()
    assert not get_user_model().objects.filter(email=PERSON_EMAIL).exists()

    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(PERSON_EMAIL)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_text("The email address and/or password you specified are not correct.")).to_be_visible()


def test_the_last_manager_is_told_to_hand_over_first(page, transactional_db):
    membership = MembershipFactory(user__email="last.manager@example.org", organisation__name="Lonely Cluster")
    browser_login(page, membership.user.email)
    page.goto("/account/delete/")
    expect(page.get_by_text("You are the only manager of Lonely Cluster")).to_be_visible()
    expect(page.get_by_role("button", name="Delete my account")).to_be_disabled()
    page.get_by_role("link", name="Managers of Lonely Cluster").click()
    expect(page.get_by_role("heading", name="Managers of Lonely Cluster")).to_be_visible()
