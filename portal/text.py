"""Text that must stay on one line: titles, names and subjects, wherever they end up (an e-mail subject or header, an
iCalendar property, a page heading).

A browser's one-line input cannot produce a line break or a control character; a value that has one was pasted
from elsewhere or crafted. `single_line` turns line breaks (CR, LF, CRLF, vertical tab, form feed, NEL, the Unicode
line and paragraph separators) and tabs into spaces and drops the other control characters (escape, bell...), so
"Summer\r\nmeeting" reads "Summer meeting". `install_single_line_inputs` makes every form field the portal renders
as a one-line input (its own forms, the admin's, allauth's) clean its value that way; the sinks (portal/mail.py,
club/ics.py) clean again, for text that came in another way.
"""

from __future__ import annotations

import re
import unicodedata

from django import forms

_CRLF = re.compile(r"\r\n")
_SPACES = re.compile(r" {2,}")


def _is_control(character: str) -> bool:
    return unicodedata.category(character) in ("Cc", "Zl", "Zp")


def single_line(value: str) -> str:
    """`value` on one line: every line break or tab becomes a space, other control characters (escape, bell, NUL...)
    go; runs of spaces this makes collapse into one. Text without control characters is left as it is."""
    if not value or not any(_is_control(character) for character in value):
        return value
    cleaned = "".join(
        (" " if character.isspace() else "") if _is_control(character) else character
        for character in _CRLF.sub(" ", str(value))
    )
    return _SPACES.sub(" ", cleaned).strip()


def collapsed(value: str) -> str:
    """One line with single spaces: what an e-mail subject or a one-line iCalendar property carries."""
    return " ".join(single_line(str(value)).split())


def multi_line(value: str) -> str:
    """Text that may span lines (a description): line breaks become LF, tabs stay, other control characters go."""
    if not value:
        return value
    value = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        character
        for character in value
        if character in "\n\t" or unicodedata.category(character) not in ("Cc", "Zl", "Zp")
    )


def _renders_one_line(widget) -> bool:
    return isinstance(widget, forms.widgets.Input) and not isinstance(
        widget, (forms.PasswordInput, forms.HiddenInput, forms.FileInput)
    )


def install_single_line_inputs() -> None:
    """Make every CharField shown as a one-line input (text, e-mail, URL, search...) clean its value with
    `single_line`. Passwords and hidden fields are left exactly as typed. Called once from PortalConfig.ready()."""
    if getattr(forms.CharField.to_python, "single_line", False):
        return
    original = forms.CharField.to_python

    def to_python(self, value):
        value = original(self, value)
        if isinstance(value, str) and value and _renders_one_line(self.widget):
            value = single_line(value)
            if self.strip:
                value = value.strip()
            if value in self.empty_values:
                return self.empty_value
        return value

    to_python.single_line = True
    forms.CharField.to_python = to_python
