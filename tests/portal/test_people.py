"""People are named to others by their name, never by their e-mail address; sign-up asks for the name; addresses are
shown only where portal/privacy.py says (issue 13: new club members were listed as their addresses).

The permission matrix (tests/security/test_permission_matrix.py with tests/security/email_leaks.py) walks every page
as every persona with people who have no name; here: the naming itself, the account creation paths, the rules, and
the e-mails that name one person to another.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from club import notifications
from club.models import ContactMessage, Registration
from platform_directory.models import CollaborationRequest, OrganisationMembership
from portal import privacy
from portal.models import User
from tests.club.factories import ApplicantFactory, EventFactory, MemberFactory, RegistrationFactory
from tests.factories import ClusterOrganisationFactory, CoordinatorFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts sign-ups and confirmation mails in the cache; other tests start from zero."""
    yield
    cache.clear()


SIGN_UP = {"email": "nova.signup@example.org", "password1": "a-long-enough-pass", "password2": "a-long-enough-pass"}


# --- How a person is named ------------------------------------------------------------------------------------------


def test_a_person_without_a_name_is_an_unnamed_user_with_a_number_never_their_address():
    person = UserFactory(email="jane.doe@example.org", display_name="")
    for text in (str(person), person.public_name, person.get_short_name(), person.get_full_name()):
        assert text == f"Unnamed user {person.pk}"
        assert "jane" not in text.lower() and "@" not in text
    assert User(email="x@example.org").public_name == "Unnamed user"


def test_a_named_person_is_their_name_with_single_spaces():
    person = UserFactory(display_name="  Jane \t Doe ")
    assert str(person) == person.public_name == person.get_short_name() == "Jane Doe"


# --- Sign-up and the other ways an account is made --------------------------------------------------------------


def test_sign_up_asks_for_a_name_first_and_stores_it(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert page.index('name="display_name"') < page.index('name="email"')
    assert "Your e-mail address stays private" in page
    response = client.post(reverse("account_signup"), {**SIGN_UP, "display_name": "  Nova\r\n Person "})
    assert response.status_code == 302
    assert User.objects.get(email="nova.signup@example.org").display_name == "Nova Person"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "This field is required"),
        ("   ", "This field is required"),
        ("\r\n\x07", "This field is required"),
        ("nova.signup@example.org", "not an e-mail address"),
        ("x" * 151, "at most 150 characters"),
    ],
)
def test_sign_up_refuses_a_missing_name_or_an_address_typed_as_one(client, name, message):
    response = client.post(reverse("account_signup"), {**SIGN_UP, "display_name": name})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(email="nova.signup@example.org").exists()


def test_an_account_made_in_the_admin_needs_a_name(client):
    client.force_login(User.objects.create_superuser(email="root@example.org", password="x", display_name="Root"))
    url = reverse("admin:portal_user_add")
    data = {"email": "made@example.org", "password1": "a-long-enough-pass", "password2": "a-long-enough-pass"}
    assert "display_name" in client.get(url).content.decode()
    refused = client.post(url, {**data, "usable_password": "true"})
    assert refused.status_code == 200 and not User.objects.filter(email="made@example.org").exists()
    client.post(url, {**data, "usable_password": "true", "display_name": "Made Person"})
    assert User.objects.get(email="made@example.org").display_name == "Made Person"


def test_createsuperuser_asks_for_a_name(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-enough-pass")
    with pytest.raises(Exception, match="display_name"):
        call_command("createsuperuser", "--noinput", "--email", "boss@example.org", verbosity=0)
    call_command(
        "createsuperuser", "--noinput", "--email", "boss@example.org", "--display_name", "The Boss", verbosity=0
    )
    assert User.objects.get(email="boss@example.org").display_name == "The Boss"


# --- Who sees whose address ----------------------------------------------------------------------------------------


@pytest.fixture
def crowd():
    org_a, org_b = ClusterOrganisationFactory(), ClusterOrganisationFactory()
    people = {
        "manager_a": MembershipFactory(organisation=org_a).user,
        "viewer_a": MembershipFactory(organisation=org_a, role=OrganisationMembership.Role.VIEWER).user,
        "manager_b": MembershipFactory(organisation=org_b).user,
        "viewer_b": MembershipFactory(organisation=org_b, role=OrganisationMembership.Role.VIEWER).user,
        "organiser": MemberFactory().user,
        "attendee": MemberFactory().user,
        "member": MemberFactory().user,
        "coordinator": CoordinatorFactory(),
        "stranger": UserFactory(),
    }
    RegistrationFactory(event=EventFactory(organiser=people["organiser"]), user=people["attendee"])
    people["request"] = CollaborationRequest.objects.create(
        sender_organisation=org_b, recipient_organisation=org_a, sender=people["manager_b"], subject="Hi", message="."
    )
    return people


def _may(crowd, viewer, person) -> bool:
    return privacy.may_see_email(crowd[viewer], crowd[person])


def test_a_person_sees_their_own_address_and_coordinators_see_everyone_s(crowd):
    assert all(_may(crowd, name, name) for name in crowd if name != "request")
    assert all(_may(crowd, "coordinator", name) for name in crowd if name != "request")
    assert not privacy.may_see_email(AnonymousUser(), crowd["member"])


def test_managers_see_the_addresses_of_the_people_with_access_to_their_organisation(crowd):
    assert _may(crowd, "manager_a", "viewer_a")
    assert not _may(crowd, "viewer_a", "manager_a")  # viewers do not manage access
    assert not _may(crowd, "manager_a", "manager_b")


def test_an_organiser_sees_the_addresses_of_the_people_at_their_event(crowd):
    assert _may(crowd, "organiser", "attendee")
    assert not _may(crowd, "organiser", "member")
    assert not _may(crowd, "attendee", "organiser") and not _may(crowd, "member", "attendee")


def test_an_accepted_collaboration_request_shows_the_sender_and_the_person_who_accepted(crowd):
    assert not _may(crowd, "manager_a", "manager_b")  # pending: names only
    request = crowd["request"]
    request.status, request.responded_by = CollaborationRequest.Status.ACCEPTED, crowd["manager_a"]
    request.save()
    assert _may(crowd, "manager_a", "manager_b") and _may(crowd, "viewer_a", "manager_b")
    assert _may(crowd, "manager_b", "manager_a") and _may(crowd, "viewer_b", "manager_a")
    assert not _may(crowd, "manager_b", "viewer_a") and not _may(crowd, "stranger", "manager_a")


def test_the_request_page_shows_contact_addresses_only_once_accepted(crowd):
    request = crowd["request"]
    client = Client()
    client.force_login(crowd["manager_a"])
    url = reverse("platform_directory:request_detail", args=[request.pk])
    assert crowd["manager_b"].email not in client.get(url).content.decode()
    request.status, request.responded_by = CollaborationRequest.Status.ACCEPTED, crowd["manager_a"]
    request.save()
    assert crowd["manager_b"].email in client.get(url).content.decode()


# --- E-mails that name one person to another ---------------------------------------------------------------------


ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def _addresses(message) -> set[str]:
    """Addresses in what the recipient reads (subject, body, headers but To and Reply-To, attachments)."""
    raw = message.message()
    headers = " ".join(str(value) for name, value in raw.items() if name not in ("To", "Reply-To", "From", "Bcc"))
    attachments = " ".join(str(part[1]) for part in message.attachments if isinstance(part, tuple))
    return set(ADDRESS.findall(" ".join((message.subject, message.body, headers, attachments))))


def _assert_no_one_else_s_address(message) -> None:
    recipients = set(message.recipients())
    viewers = User.objects.filter(email__in=recipients)
    for address in _addresses(message) - recipients:
        person = User.objects.filter(email=address).first()
        if person is None:
            continue  # a public address: an organisation's contact, the portal's own
        assert all(privacy.may_see_email(viewer, person) for viewer in viewers), (message.subject, address)


def test_club_e_mails_name_unnamed_people_without_their_addresses():
    sender = MemberFactory(user__display_name="", user__email="sender.secret@example.org")
    recipient = MemberFactory(user__display_name="")
    message = ContactMessage.objects.create(
        sender=sender.user, recipient=recipient.user, subject="Hello", body="Hi", share_email=False
    )
    contact = notifications.contact_message(message, sender)
    assert "sender.secret" not in contact.subject + contact.body
    assert f"Unnamed user {sender.user.pk}" in contact.subject
    assert contact.reply_to == []
    message.share_email = True
    assert notifications.contact_message(message, sender).reply_to == ["sender.secret@example.org"]  # they agreed

    event = EventFactory(organiser=UserFactory(display_name="", email="organiser.secret@example.org"))
    registration = RegistrationFactory(event=event, user=recipient.user)
    waiting = RegistrationFactory(event=event, user=sender.user, status=Registration.Status.WAITING)
    CoordinatorFactory(display_name="")
    for built in (
        contact,
        notifications.registration(registration),
        notifications.registration(waiting),
        notifications.promotion(registration),
        notifications.event_reminders([registration])[0],
        notifications.event_cancelled(event, [registration])[0],
        notifications.application_received(ApplicantFactory(user__display_name="")),
        notifications.decision(sender),
        notifications.lapsed(sender),
        notifications.renewal_reminders([sender])[0],
    ):
        assert built is not None
        _assert_no_one_else_s_address(built)
        assert not re.search(r"Dear [\w.+-]+@", built.body)


def test_an_invitation_to_co_manage_names_the_inviter_without_their_address(django_capture_on_commit_callbacks):
    from platform_directory.services import invitation_create

    organisation = ClusterOrganisationFactory()
    inviter = MembershipFactory(organisation=organisation, user__display_name="", user__email="boss.secret@a.org").user
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(user=inviter, organisation=organisation, email="new.person@example.org")
    (message,) = mail.outbox
    assert "boss.secret" not in message.body and f"Unnamed user {inviter.pk}" in message.body
    _assert_no_one_else_s_address(message)
