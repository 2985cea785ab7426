"""The one way the portal builds e-mails: Django's, with every subject and extra header made one clean line.

User text reaches subjects (an event's title, an organisation's name, a survey's title, a member's subject line).
Django refuses a header with a line break (BadHeaderError: a 500 for whoever triggered the mail) and a mail client
shows control characters as garbage; here the subject is collapsed to one line first, whatever came in. Use these
instead of django.core.mail's (tests/portal/test_mail_safety.py checks that no other module builds mail itself).
"""

from __future__ import annotations

from django.core import mail as django_mail
from django.core.mail import get_connection

from portal.text import collapsed

__all__ = ["EmailMessage", "EmailMultiAlternatives", "get_connection", "send_mail", "send_mass_mail", "subject_line"]


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


class EmailMultiAlternatives(_CleanHeaders, django_mail.EmailMultiAlternatives):
    """django.core.mail.EmailMultiAlternatives whose subject and extra headers are always one line."""


def send_mail(subject, message, from_email, recipient_list, *, fail_silently=False, connection=None) -> int:
    """django.core.mail.send_mail, with a clean subject."""
    connection = connection or get_connection(fail_silently=fail_silently)
    return EmailMultiAlternatives(subject, message, from_email, recipient_list, connection=connection).send()


def send_mass_mail(datatuple, *, fail_silently=False, connection=None) -> int:
    """django.core.mail.send_mass_mail, with clean subjects."""
    connection = connection or get_connection(fail_silently=fail_silently)
    messages = [
        EmailMessage(subject, message, sender, recipient, connection=connection)
        for subject, message, sender, recipient in datatuple
    ]
    return connection.send_messages(messages)
