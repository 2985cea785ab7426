"""A member registers for an event in a real browser; the last place goes, the next person joins the waiting list."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from club.models import Event, Registration
from tests.club.factories import EventFactory, MemberFactory
from tests.conftest import browser_login


@pytest.mark.browser
def test_a_member_registers_for_an_event_and_cancels(page, transactional_db):
    member = MemberFactory(user__email="browser.member@example.org", user__display_name="Bruno Browser").user
    event = EventFactory(title="Peer lab on cluster services", audience=Event.Audience.MEMBERS, capacity=1)

    browser_login(page, member.email)
    page.goto("/club/")
    page.get_by_role("link", name="Events", exact=True).click()
    page.get_by_role("link", name="Peer lab on cluster services").click()
    expect(page.get_by_text("1 place left.")).to_be_visible()
    page.get_by_role("button", name="Register").click()

    expect(page.get_by_role("alert").filter(has_text="You are registered")).to_be_visible()
    expect(page.get_by_text("You are registered.", exact=True)).to_be_visible()
    assert Registration.objects.get(event=event, user=member).status == Registration.Status.REGISTERED

    # The calendar file is offered on the page.
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Add to my calendar")).click()
    assert download_info.value.suggested_filename.endswith(".ics")

    # The event is now full: a second member lands on the waiting list.
    page.context.clear_cookies()
    second = MemberFactory(user__email="second.member@example.org").user
    browser_login(page, second.email)
    page.goto(f"/club/events/{event.pk}/")
    page.get_by_role("button", name="Join the waiting list").click()
    expect(page.get_by_text("You are number 1 on the waiting list")).to_be_visible()

    # The first member cancels; the second moves up.
    page.context.clear_cookies()
    browser_login(page, member.email)
    page.goto(f"/club/events/{event.pk}/")
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.get_by_role("alert").filter(has_text="Your registration is cancelled")).to_be_visible()
    assert Registration.objects.get(event=event, user=second).status == Registration.Status.REGISTERED
