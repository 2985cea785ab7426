"""The one way the portal sends e-mail: `mail()`, as pretix has.

`mail()` renders each recipient's message in that recipient's language, then queues it on commit, in batches of
settings.EMAIL_BATCH_SIZE (one task per batch); the task (`mail_send`) retries transient SMTP errors. Without a
broker (CELERY_TASK_ALWAYS_EAGER) the task runs in-process once the transaction commits.

Every subject and extra header is one clean line: user text reaches subjects (an event's title, an organisation's
name, a survey's title, a member's subject line); Django refuses a header with a line break (BadHeaderError) and a
mail client shows control characters as garbage. tests/portal/test_control_characters.py checks that no other
module builds mail itself.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import mail as django_mail
from django.core.files.storage import storages
from django.core.mail import get_connection
from django.template.loader import render_to_string
from django.utils import translation

from portal.tasks import RetryRest, enqueue_on_commit, is_transient, portal_task
from portal.text import collapsed

logger = logging.getLogger(__name__)

__all__ = ["Attachment", "EmailMessage", "StoredAttachment", "mail", "recipient_language", "subject_line"]

# Attachments up to this size travel inside the queued message (base64 in JSON); bigger ones must be stored.
INLINE_ATTACHMENT_MAX_BYTES = 256 * 1024


def subject_line(text) -> str:
    """`text` as an e-mail subject: one line, single spaces, no control characters."""
    return collapsed("" if text is None else str(text))


class _CleanHeaders:
    @property
    def subject(self) -> str:
        return self._subject

    @subject.setter
    def subject(self, value) -> None:
        self._subject = subject_line(value)

    def message(self, *args, **kwargs):
        self.extra_headers = {name: subject_line(value) for name, value in self.extra_headers.items()}
        return super().message(*args, **kwargs)


class EmailMessage(_CleanHeaders, django_mail.EmailMessage):
    """django.core.mail.EmailMessage whose subject and extra headers are always one line."""


@dataclass(frozen=True)
class Attachment:
    """A small file sent as it is (an event's .ics): it travels inside the queued message."""

    filename: str
    content: bytes | str
    mimetype: str


@dataclass(frozen=True)
class StoredAttachment:
    """A file in a Django storage (a certificate PDF): the queue carries its name, the send task reads it."""

    name: str
    filename: str
    mimetype: str
    storage: str = "private"


Recipient = Any  # a User, a bare address, or a record that has .email (a survey invitation)


def recipient_language(recipient: Recipient) -> str:
    """The language `recipient`'s e-mails are written in. Today every one gets the site's; the languages issue
    reads the user's preference here."""
    return settings.LANGUAGE_CODE


def _address(recipient: Recipient) -> str:
    return recipient if isinstance(recipient, str) else recipient.email


def _attachment_data(attachment: Attachment | StoredAttachment) -> dict:
    if isinstance(attachment, StoredAttachment):
        return {"filename": attachment.filename, "mimetype": attachment.mimetype, "stored": attachment.name,
                "storage": attachment.storage}  # fmt: skip
    content = attachment.content.encode() if isinstance(attachment.content, str) else attachment.content
    if len(content) > INLINE_ATTACHMENT_MAX_BYTES:
        raise ValueError(f"{attachment.filename} is too big to queue: store it and pass a StoredAttachment")
    return {"filename": attachment.filename, "mimetype": attachment.mimetype,
            "content": base64.b64encode(content).decode("ascii")}  # fmt: skip


def mail(
    *,
    to: Iterable[Recipient],
    template: str | None = None,
    subject: str | Callable[[], str] | None = None,
    subject_template: str | None = None,
    body: str | None = None,
    context: Mapping[str, Any] | Callable[[Recipient], Mapping[str, Any]] | None = None,
    subject_prefix: str = "",
    from_email: str | None = None,
    reply_to: Sequence[str] | None = None,
    bcc: Sequence[str] | None = None,
    headers: Mapping[str, str] | Callable[[Recipient], Mapping[str, str]] | None = None,
    attachments: Sequence[Attachment | StoredAttachment] | None = None,
) -> list[EmailMessage]:
    """E-mail each of `to` (users, bare addresses or records with .email) their own message, sent after the transaction commits.

    The message of each recipient is rendered inside translation.override(recipient_language(recipient)):
    - the body is `body`, or the template `template` rendered with `context` (a mapping, or a function of the
      recipient returning one, for messages that differ per person);
    - the subject is `subject` (a string, a lazy translation or a function called in the recipient's language),
      else the template `subject_template`, else the first line of `template` (the rest is then the body).
    The subject is made one line after `subject_prefix`. `headers` may also be a function of the recipient (a
    personal List-Unsubscribe). Attachments: see Attachment and StoredAttachment.
    The messages go out in batches of settings.EMAIL_BATCH_SIZE, one task each. Returns them as queued (without
    their stored attachments), for the caller that wants to know what was said.
    """
    if (template is None) == (body is None):
        raise TypeError("mail() needs exactly one of template and body")
    extra = {
        "from_email": from_email or settings.DEFAULT_FROM_EMAIL,
        "reply_to": list(reply_to or []),
        "bcc": list(bcc or []),
        "attachments": [_attachment_data(a) for a in attachments or []],
    }
    messages = []
    for recipient in to:
        address = _address(recipient)
        if not address:
            continue
        values = dict(context(recipient) if callable(context) else context or {})
        with translation.override(recipient_language(recipient)):
            text = body if body is not None else render_to_string(template, values)
            if callable(subject):
                title = subject()
            elif subject is not None:
                title = str(subject)
            elif subject_template is not None:
                title = render_to_string(subject_template, values)
            else:
                title, _, text = text.strip().partition("\n")
                text = text.strip() + "\n"
        personal = dict(headers(recipient) if callable(headers) else headers or {})
        messages.append(
            {
                "subject": subject_line(subject_prefix + title),
                "body": text,
                "to": [address],
                "headers": personal,
                **extra,
            }
        )
    size = max(1, settings.EMAIL_BATCH_SIZE)
    for start in range(0, len(messages), size):
        enqueue_on_commit(mail_send, messages[start : start + size])
    return [_email(data, read_stored=False) for data in messages]


def _email(data: Mapping[str, Any], *, read_stored: bool = True) -> EmailMessage:
    message = EmailMessage(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        bcc=data["bcc"] or None,
        reply_to=data["reply_to"] or None,
        headers=data["headers"] or None,
    )
    for attachment in data["attachments"]:
        if "stored" in attachment:
            if not read_stored:
                continue
            with storages[attachment["storage"]].open(attachment["stored"], "rb") as file:
                content = file.read()
        else:
            content = base64.b64decode(attachment["content"])
        if attachment["mimetype"].startswith("text/"):
            content = content.decode("utf-8")  # as Django attaches text: decoded, so the mail carries it readable
        message.attach(attachment["filename"], content, attachment["mimetype"])
    return message


@portal_task()
def mail_send(messages: list[dict]) -> int:
    """Send one batch of messages rendered by mail(), over one connection.

    A transient error (the server went away, a 4xx answer) retries with the messages not yet sent, so nobody gets
    one twice; any other error fails the batch (logged by Celery)."""
    sent = 0
    with get_connection() as connection:
        for data in messages:
            try:
                connection.send_messages([_email(data)])
            except Exception as error:
                if sent and is_transient(error):
                    raise RetryRest(error, messages[sent:]) from error
                raise
            sent += 1
    return sent
