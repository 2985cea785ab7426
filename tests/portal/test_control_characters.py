"""Line breaks and other control characters in user text (titles, names, subjects) never break an e-mail or a
calendar file, never inject a header, and read as one clean line (issue 13).

Before: an event titled "A\\r\\nB" gave a 500 on its .ics and on registration (its confirmation carries the .ics), a
survey or programme title with a line break raised BadHeaderError when its e-mail went out, and a one-line form field
kept whatever control characters it was sent.
"""

from __future__ import annotations

import ast
import datetime
import unicodedata
from pathlib import Path

import icalendar
import pytest
from django import forms
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from club import notifications, services
from club.models import ContactMessage, Event, Registration
from portal.mail import EmailMessage, subject_line
from portal.mail import mail as portal_mail
from portal.text import collapsed, multi_line, single_line
from tests.club.factories import ApplicantFactory, EventFactory, MemberFactory, RegistrationFactory
from tests.factories import CoordinatorFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]

# What a probe sends, and the one line every one of them must read as
NASTY = {
    "CR": "Summer\rmeeting",
    "LF": "Summer\nmeeting",
    "CRLF": "Summer\r\nmeeting",
    "trailing CRLF": "Summer meeting\r\n",
    "tab, vertical tab, form feed": "Summer\t\x0b\x0cmeeting",
    "escape and bell": "Summer \x1b[31m\x07meeting",
    "NEL and line separator": "Summer\x85\u2028meeting",
    "header injection": "Summer meeting\r\nBcc: victim@example.org\r\n\r\nbody",
}
READABLE = {
    "header injection": "Summer meeting Bcc: victim@example.org body",
    "escape and bell": "Summer [31mmeeting",
}


def readable(case: str) -> str:
    return READABLE.get(case, "Summer meeting")


def assert_clean(message, case: str) -> None:
    """One line, no control character, the words kept, no header added, the recipients unchanged."""
    recipients = sorted(message.recipients())
    raw = message.message()  # BadHeaderError here is the 500 the probe saw
    assert not any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in message.subject), repr(message.subject)
    assert readable(case) in message.subject, (case, message.subject)
    assert raw.get_all("Bcc") is None
    assert "victim@example.org" not in message.recipients()
    assert sorted(message.recipients()) == recipients


# --- The cleaning functions -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", NASTY)
def test_single_line_text_reads_as_one_clean_line(case):
    assert collapsed(NASTY[case]) == readable(case)
    assert single_line(NASTY[case]).strip() == readable(case)
    assert single_line("Plain  title, untouched") == "Plain  title, untouched"


def test_multi_line_text_keeps_its_lines_and_loses_other_control_characters():
    assert multi_line("One\r\nTwo\rThree\n\tFour\x07\x1b\x00") == "One\nTwo\nThree\n\tFour"


@pytest.mark.parametrize("case", NASTY)
def test_every_one_line_form_input_cleans_its_value_and_passwords_stay_as_typed(case):
    class Probe(forms.Form):
        title = forms.CharField()
        email = forms.EmailField(required=False)
        website = forms.URLField(required=False)
        password = forms.CharField(widget=forms.PasswordInput)
        body = forms.CharField(widget=forms.Textarea)

    form = Probe({"title": NASTY[case], "password": "pa\tss\x07", "body": "Line one\r\nLine two"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == readable(case)
    assert form.cleaned_data["password"] == "pa\tss\x07"
    assert form.cleaned_data["body"] == "Line one\r\nLine two"


def test_a_one_line_input_of_nothing_but_line_breaks_is_empty():
    class Probe(forms.Form):
        title = forms.CharField()

    form = Probe({"title": "\r\n\x07\r\n"})
    assert not form.is_valid() and "title" in form.errors


# --- The e-mail sink ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("case", NASTY)
def test_the_portal_s_e_mails_never_carry_a_line_break_in_a_subject_or_header(
    case, mailoutbox, django_capture_on_commit_callbacks
):
    message = EmailMessage(subject=NASTY[case], body="Hello", to=["someone@example.org"], headers={"X-Note": "a\nb"})
    assert_clean(message, case)
    assert message.message()["X-Note"] == "a b"
    with django_capture_on_commit_callbacks(execute=True):
        portal_mail(to=["someone@example.org"], subject=NASTY[case], body="Hello", headers={"X-Note": "a\nb"})
        portal_mail(to=["other@example.org"], subject=lambda: NASTY[case], body="Hello")  # a subject made per recipient
    assert len(mailoutbox) == 2
    for sent in mailoutbox:
        assert_clean(sent, case)
    assert subject_line(None) == ""


def _mail_imports(path: Path) -> list[str]:
    """Names imported from django.core.mail (or the module itself) by one source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.core.mail":
            found += [alias.name for alias in node.names if alias.name != "get_connection"]
        elif isinstance(node, ast.ImportFrom) and node.module == "django.core":
            found += [alias.name for alias in node.names if alias.name == "mail"]
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name == "django.core.mail"]
    return found


def test_no_module_builds_e_mail_without_portal_mail():
    """Every e-mail goes through portal/mail.py, so no subject escapes the cleaning."""
    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in (".venv", "tests", "bench", "node_modules") or relative == Path("portal/mail.py"):
            continue
        if names := _mail_imports(path):
            offenders.append(f"{relative}: {', '.join(names)}")
    assert not offenders, "build e-mails with portal.mail instead:\n" + "\n".join(offenders)


# --- The club: the event's pages, files and e-mails -------------------------------------------------------------


def _calendar(content: bytes | str):
    content = content.encode() if isinstance(content, str) else content  # e-mail attachments are decoded text
    calendar = icalendar.Calendar.from_ical(content)
    for line in content.split(b"\r\n"):
        assert not any(byte < 0x20 and byte != 0x09 for byte in line), line  # RFC 5545: no control character
    return calendar


@pytest.mark.django_db
@pytest.mark.parametrize("case", NASTY)
def test_an_event_with_control_characters_in_its_title_opens_downloads_and_registers(
    case, mailoutbox, django_capture_on_commit_callbacks
):
    """Stored as sent (an old row, the admin, a script): every page, file and e-mail still works and reads well."""
    event = EventFactory(title=NASTY[case], venue=f"Hall {NASTY[case]}", description=f"About\r\n{NASTY[case]}")
    client = Client()
    client.force_login(UserFactory())

    assert client.get(reverse("club:event_detail", args=[event.pk])).status_code == 200
    ics = client.get(reverse("club:event_ics", args=[event.pk]))
    assert ics.status_code == 200
    (entry,) = _calendar(ics.content).walk("VEVENT")
    assert str(entry["summary"]) == readable(case)
    assert str(entry["location"]) == f"Hall {readable(case)}"
    feed = client.get(reverse("club:event_feed"))
    assert feed.status_code == 200 and readable(case) in feed.content.decode()

    with django_capture_on_commit_callbacks(execute=True):  # the confirmation goes out once the place is taken
        response = client.post(reverse("club:event_register", args=[event.pk]))
    assert response.status_code == 302
    (message,) = mailoutbox
    assert_clean(message, case)
    assert message.subject.endswith(f"You are registered: {readable(case)}")
    assert message.body.lstrip().startswith("Dear ")  # nothing of the title spilled out of the subject
    (attachment,) = message.attachments
    (attached,) = _calendar(attachment[1]).walk("VEVENT")
    assert str(attached["summary"]) == readable(case)


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["CRLF", "header injection", "escape and bell"])
def test_every_club_e_mail_about_an_event_or_a_person_keeps_its_subject_whole(
    case, mailoutbox, django_capture_on_commit_callbacks
):
    title = NASTY[case]
    event = EventFactory(title=title, capacity=1)
    registered = RegistrationFactory(event=event, user=UserFactory(display_name=f"Ann\r\nLee {title}"))
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITING)
    applicant = ApplicantFactory(user__display_name=title)
    CoordinatorFactory()
    sender, recipient = MemberFactory(user__display_name=title), MemberFactory()
    contact = ContactMessage.objects.create(
        sender=sender.user, recipient=recipient.user, subject=title, body="Hello", share_email=False
    )
    with django_capture_on_commit_callbacks(execute=True):  # each is queued, and sent on commit
        messages = [
            notifications.registration(registered),
            notifications.registration(waiting),
            notifications.promotion(registered),
            notifications.event_reminders([registered])[0],
            notifications.event_cancelled(event, [registered])[0],
            notifications.application_received(applicant),
            notifications.contact_message(contact, sender),
        ]
    for message in messages:
        assert_clean(message, case)
        # nothing of a title spilled out of the subject line into the body
        assert not message.body.lstrip().startswith(("meeting", "Bcc", "body", "[31m")), message.body[:80]
    assert len(mailoutbox) == len(messages)
    for sent in mailoutbox:
        assert_clean(sent, case)


@pytest.mark.django_db
def test_the_event_and_contact_forms_store_a_pasted_line_break_as_a_space(client, django_capture_on_commit_callbacks):
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    start = (timezone.now() + datetime.timedelta(days=20)).replace(second=0, microsecond=0)
    data = {
        "title": "Summer\r\nmeeting",
        "description": "Line one\r\nLine two",
        "time_zone": "Europe/Brussels",
        "starts_local": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_local": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "venue": "Hall\x07 A",
        "capacity": 10,
        "audience": "public",
    }
    response = client.post(reverse("club:event_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get()
    assert (event.title, event.venue) == ("Summer meeting", "Hall A")

    member, other = MemberFactory(), MemberFactory()
    client.force_login(member.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("club:member_contact", args=[other.pk]),
            {"subject": "Hello\r\nBcc: victim@example.org", "body": "Hi"},
        )
    assert response.status_code == 302
    assert ContactMessage.objects.get().subject == "Hello Bcc: victim@example.org"
    (message,) = mail.outbox
    assert message.recipients() == [other.user.email]


# --- The other areas' e-mails -------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["CRLF", "header injection"])
def test_a_survey_invitation_goes_out_whatever_the_survey_s_title(case, mailoutbox, django_capture_on_commit_callbacks):
    from survey.models import Invitation
    from survey.services import invitations_send_batch
    from tests.survey.factories import SurveyFactory

    survey = SurveyFactory(title=NASTY[case])
    Invitation.objects.create(survey=survey, email="invitee@example.org", created_by=CoordinatorFactory())
    with django_capture_on_commit_callbacks(execute=True):  # mailed once the batch commits
        assert invitations_send_batch(survey_id=survey.pk, batch_size=10) == 1
    (message,) = mailoutbox
    assert_clean(message, case)


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["CRLF", "header injection"])
def test_a_programme_decision_goes_out_whatever_the_programme_s_title(
    case, mailoutbox, django_capture_on_commit_callbacks
):
    from knowledge.models import TrainingProgramme
    from knowledge.services import programme_approve
    from tests.knowledge.factories import TrainingProgrammeFactory

    programme = TrainingProgrammeFactory(
        title=NASTY[case], state=TrainingProgramme.State.PROPOSED, proposed_by=UserFactory()
    )
    with django_capture_on_commit_callbacks(execute=True):
        programme_approve(programme=programme, by=CoordinatorFactory())
    (message,) = mailoutbox
    assert_clean(message, case)


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["CRLF", "header injection"])
def test_labelling_and_directory_e_mails_go_out_whatever_the_organisation_s_name(
    case, mailoutbox, django_capture_on_commit_callbacks
):
    from platform_directory.services import invitation_create
    from tests.factories import ClusterOrganisationFactory, MembershipFactory
    from tests.labelling.review_support import assessor_from, start_review, submitted_assessment

    organisation = ClusterOrganisationFactory(name=NASTY[case])
    manager = MembershipFactory(organisation=organisation, user__display_name=NASTY[case]).user
    with django_capture_on_commit_callbacks(execute=True):
        start_review(submitted_assessment(organisation), assessors=[assessor_from("FR")])
        invitation_create(user=manager, organisation=organisation, email="new.person@example.org")
    assert len(mailoutbox) >= 2
    for message in mailoutbox:
        assert_clean(message, case)


@pytest.mark.django_db
def test_the_club_s_periodic_e_mails_go_out_for_events_with_control_characters(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(title=NASTY["header injection"], starts_at=timezone.now() + datetime.timedelta(hours=20))
    event.ends_at = event.starts_at + datetime.timedelta(hours=1)
    event.registration_deadline = event.starts_at - datetime.timedelta(hours=1)
    event.save()
    RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):  # mailed once the claims commit
        assert services.event_send_reminders() == 1
    (message,) = mailoutbox
    assert_clean(message, "header injection")
