"""A club member registers for a members-only event: the confirmation on the page and by e-mail, the calendar file,
and the event in the member's own list."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from club.models import Event
from tests.club.factories import EventFactory, MemberFactory
from tests.conftest import browser_login
from tests.e2e.steps import step

pytestmark = [pytest.mark.browser]

TITLE = "Peer lab: financing the cluster management"


def test_a_member_registers_for_an_event_and_finds_it_in_the_calendar_and_their_list(page, transactional_db):
    # Arranged: the member's club membership and an event the coordinators published.
    member = MemberFactory(user__email="mira.member@example.org").user
    EventFactory(title=TITLE, audience=Event.Audience.MEMBERS, capacity=12, venue="Kulturbrauerei, Berlin")

    club_nav = page.get_by_role("navigation", name="Club")

    with step(page, "find the event"):
        browser_login(page, member.email)
        page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Club").click()
        club_nav.get_by_role("link", name="Events").click()
        row = page.get_by_role("listitem").filter(has_text=TITLE)
        expect(row).to_contain_text("0 of 12 places taken")
        row.get_by_role("link", name=TITLE).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)

    with step(page, "register"):
        page.get_by_role("button", name="Register").click()
        expect(page.get_by_role("alert").filter(has_text="You are registered")).to_be_visible()
        expect(page.get_by_text("You are registered.", exact=True)).to_be_visible()

    with step(page, "confirmation e-mail"):
        (confirmation,) = [m for m in mail.outbox if member.email in m.to]
        assert TITLE in confirmation.subject + confirmation.body
        calendar_files = [a for a in confirmation.attachments if a[0].endswith(".ics")]
        assert len(calendar_files) == 1
        content = calendar_files[0][1]
        assert "Peer lab" in (content.decode() if isinstance(content, bytes) else content)

    with step(page, "download the calendar file"):
        with page.expect_download() as download_info:
            page.get_by_role("link", name="Add to my calendar (.ics)").click()
        download = download_info.value
        assert download.suggested_filename.endswith(".ics")
        ics = Path(download.path()).read_text(encoding="utf-8")
        assert ics.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in ics
        assert "SUMMARY:" in ics and "Peer lab" in ics
        assert "Kulturbrauerei" in ics

    with step(page, "the event in the member's lists"):
        club_nav.get_by_role("link", name="Events").click()
        row = page.get_by_role("listitem").filter(has_text=TITLE)
        expect(row).to_contain_text("you are registered")
        expect(row).to_contain_text("1 of 12 places taken")
        club_nav.get_by_role("link", name="My membership").click()
        coming = page.locator("section", has=page.get_by_role("heading", name="My coming events"))
        expect(coming.get_by_role("link", name=TITLE)).to_be_visible()
        expect(coming).to_contain_text("registered")
