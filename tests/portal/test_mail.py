"""mail(): one message per recipient in their language, queued on commit, batched, retried on a passing SMTP error."""

from __future__ import annotations

import smtplib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction
from django.utils import translation

from portal import mail as portal_mail
from portal.mail import Attachment, StoredAttachment, mail, mail_send, recipient_language
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class FlakyBackend(EmailBackend):
    """The locmem outbox behind an SMTP server that lets `fail_after` messages through, then drops the connection
    `failures` times."""

    fail_after = 0
    failures = 0
    attempts = 0
    error: Exception = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    def send_messages(self, messages):
        FlakyBackend.attempts += 1
        if FlakyBackend.failures and FlakyBackend.attempts > FlakyBackend.fail_after:
            FlakyBackend.failures -= 1
            raise FlakyBackend.error
        return super().send_messages(messages)


@pytest.fixture
def flaky_smtp(settings):
    settings.EMAIL_BACKEND = "tests.portal.test_mail.FlakyBackend"
    FlakyBackend.fail_after, FlakyBackend.failures, FlakyBackend.attempts = 0, 0, 0
    FlakyBackend.error = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    return FlakyBackend


def test_every_recipient_gets_the_site_s_language_until_users_choose_one():
    assert recipient_language(UserFactory()) == "en-gb"
    assert recipient_language("someone@example.org") == "en-gb"


def test_each_message_is_written_in_its_recipient_s_language(
    monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    french = UserFactory(email="marie@example.org")
    monkeypatch.setattr(portal_mail, "recipient_language", lambda r: "fr" if r == french else "en-gb")
    with django_capture_on_commit_callbacks(execute=True):
        mail(to=[french, "bare@example.org"], subject=translation.get_language, body="Hello")
    assert {m.to[0]: m.subject for m in mailoutbox} == {"marie@example.org": "fr", "bare@example.org": "en-gb"}
    assert translation.get_language() == "en-gb"  # the caller's language is left as it was


def test_nothing_is_sent_when_the_transaction_rolls_back(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as queued, pytest.raises(RuntimeError), transaction.atomic():
        mail(to=["someone@example.org"], subject="Your label", body="Hello")
        raise RuntimeError("the decision failed")
    assert queued == [] and mailoutbox == []


def test_nothing_is_sent_before_the_transaction_commits(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail(to=["someone@example.org"], subject="Your label", body="Hello")
        assert mailoutbox == []
    assert len(mailoutbox) == 1


def test_a_large_sending_goes_out_in_batches_of_email_batch_size(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.EMAIL_BATCH_SIZE = 2
    recipients = [f"member{n}@example.org" for n in range(5)]
    with django_capture_on_commit_callbacks(execute=True) as queued:
        mail(to=recipients, subject="News", body="Hello")
    assert len(queued) == 3  # one send task per batch: 2 + 2 + 1
    assert [m.to for m in mailoutbox] == [[address] for address in recipients]  # one message each, nobody sees others


def test_a_dropped_smtp_connection_is_retried_and_nobody_gets_a_message_twice(
    flaky_smtp, settings, django_capture_on_commit_callbacks
):
    from django.core import mail as outbox

    settings.EMAIL_BATCH_SIZE = 3
    flaky_smtp.fail_after, flaky_smtp.failures = 1, 2  # "a" goes out, then the server drops twice on "b"
    with django_capture_on_commit_callbacks(execute=True):  # the real task, through the eager path
        mail(to=["a@example.org", "b@example.org", "c@example.org"], subject="News", body="Hello")
    assert [m.to[0] for m in outbox.outbox] == ["a@example.org", "b@example.org", "c@example.org"]
    assert flaky_smtp.attempts == 5  # a; b refused twice; b; c


def test_a_refused_address_is_not_retried(flaky_smtp):
    flaky_smtp.failures = 10
    flaky_smtp.error = smtplib.SMTPRecipientsRefused({"gone@example.org": (550, b"No such user")})
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        mail_send.delay(_queued(to=["gone@example.org"], subject="News", body="Hello"))
    assert flaky_smtp.attempts == 1


def test_a_server_that_stays_away_fails_the_task_after_the_last_retry(flaky_smtp):
    flaky_smtp.failures = 100
    with pytest.raises(smtplib.SMTPServerDisconnected):
        mail_send.delay(_queued(to=["a@example.org"], subject="News", body="Hello"))
    assert flaky_smtp.attempts == mail_send.max_retries + 1


def test_a_subject_is_one_line_whatever_came_in(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        (queued,) = mail(to=["a@example.org"], subject="Event:\r\nBcc: victim@example.org", body="Hello")
    assert queued.subject == mailoutbox[0].subject == "Event: Bcc: victim@example.org"
    assert mailoutbox[0].recipients() == ["a@example.org"]


def test_a_template_s_first_line_is_the_subject(mailoutbox, django_capture_on_commit_callbacks, settings):
    member = UserFactory(display_name="Ann Lee")
    with django_capture_on_commit_callbacks(execute=True):
        mail(
            to=[member],
            template="club/email/lapsed.txt",
            context={"membership": None, "url": "https://example.org/club/"},
            subject_prefix=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX,
        )
    (message,) = mailoutbox
    assert message.subject.startswith(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX.strip())
    assert "\n" not in message.subject and message.subject.strip() not in message.body


def test_attachments_survive_the_queue_small_ones_inline_stored_ones_by_name(
    mailoutbox, django_capture_on_commit_callbacks
):
    name = storages["private"].save("tests/certificate.pdf", ContentFile(b"%PDF-1.7 certificate"))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            mail(
                to=["a@example.org"],
                subject="Your certificate",
                body="Attached.",
                attachments=[
                    Attachment("event.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar"),
                    StoredAttachment(name=name, filename="certificate.pdf", mimetype="application/pdf"),
                ],
            )
    finally:
        storages["private"].delete(name)
    (message,) = mailoutbox
    assert message.attachments == [
        ("event.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar"),
        ("certificate.pdf", b"%PDF-1.7 certificate", "application/pdf"),
    ]


def test_a_big_file_must_be_stored_rather_than_queued():
    with pytest.raises(ValueError, match="StoredAttachment"):
        mail(
            to=["a@example.org"],
            subject="Big",
            body="Hello",
            attachments=[
                Attachment("big.pdf", b"x" * (portal_mail.INLINE_ATTACHMENT_MAX_BYTES + 1), "application/pdf")
            ],
        )


def _queued(**kwargs) -> list[dict]:
    """The messages mail() hands to its send task."""
    with pytest.MonkeyPatch.context() as patch:
        handed: list = []
        patch.setattr(portal_mail, "enqueue_on_commit", lambda task, messages: handed.extend(messages))
        mail(**kwargs)
    return handed
