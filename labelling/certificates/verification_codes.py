"""The verification code printed on a certificate, and reading back whatever a person types or pastes for it.

A code is 12 characters of Crockford's base32 (digits and upper-case letters without I, L, O and U, so nothing
reads as something else), printed in groups of four: `7K3M-Q9XD-2HNT`. The last character is a check (Luhn
mod 32), so a mistyped character or two swapped neighbours are caught before any lookup. On input, case does not
matter, O reads as 0 and I/L as 1, and hyphens, spaces and line breaks are ignored.

Certificates issued before codes existed carry a token of 32 URL-safe characters (mixed case, with - and _); they
stay valid, looked up as printed and, failing that, whatever the case. A label number (CME-G-DE-2026-00042) is
accepted too: it names the label, whose status is what a verification tells.

Reading input never touches the database: `verification_code_parse` says what kind of value it is, or raises
`InvalidCode` with the reason, which the page and the API show after "This is not a valid code:".
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
GROUP_SIZE = 4
# Longest value worth reading: a whole printed address fits in a few hundred characters.
MAX_INPUT_LENGTH = 300
_MAX_VALUE_LENGTH = 64
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_EDGE_PUNCTUATION = "\"'<>()[]{}.,;:«»“”‘’"
_LEGACY_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
_LABEL_NUMBER = re.compile(r"[A-Z0-9][A-Z0-9-]{2,39}")
_OFFICIAL_LABEL_NUMBER = re.compile(r"CME-[A-Z]-[A-Z]{2}-\d{4}-\d+")


class InvalidCode(ValueError):
    """The value cannot be a verification code, a former token or a label number; the message says why."""


@dataclass(frozen=True)
class CodeQuery:
    """What a typed value asks for: `kind` is "code" (canonical, 12 characters without hyphens), "legacy" (a
    former token as typed) or "number" (a label number, upper case). `if_unknown` is the reason to give when
    nothing matches a value that was meant as a code but is not one (a code with a character too few)."""

    kind: str
    value: str
    if_unknown: str = ""

    @property
    def display(self) -> str:
        """The value as the verification address carries it."""
        return verification_code_format(self.value) if self.kind == "code" else self.value


def _check_sum(characters: str, *, double_first: bool) -> int:
    total = 0
    double = double_first
    for character in reversed(characters):
        addend = ALPHABET.index(character) * (2 if double else 1)
        total += addend // len(ALPHABET) + addend % len(ALPHABET)
        double = not double
    return total % len(ALPHABET)


def _check_character(payload: str) -> str:
    return ALPHABET[(len(ALPHABET) - _check_sum(payload, double_first=True)) % len(ALPHABET)]


def verification_code_is_consistent(code: str) -> bool:
    """True when the last character of a canonical code is the check of the others."""
    return len(code) == CODE_LENGTH and all(c in ALPHABET for c in code) and _check_sum(code, double_first=False) == 0


def verification_code_new(payload: str | None = None) -> str:
    """A new canonical code: 11 random characters (55 bits) and the check character. `payload` fixes the 11
    characters (tests)."""
    if payload is None:
        payload = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH - 1))
    if len(payload) != CODE_LENGTH - 1 or any(c not in ALPHABET for c in payload):
        raise ValueError(f"a code payload is {CODE_LENGTH - 1} characters of {ALPHABET}")
    return payload + _check_character(payload)


def verification_code_format(code: str) -> str:
    """A canonical code grouped for reading (7K3M-Q9XD-2HNT); anything else (a former token) unchanged."""
    if len(code) == CODE_LENGTH and all(c in ALPHABET for c in code):
        return "-".join(code[i : i + GROUP_SIZE] for i in range(0, CODE_LENGTH, GROUP_SIZE))
    return code


def _clean(raw: str) -> str:
    """Undo what copying from a PDF or typing adds: compatibility forms (full-width letters), typographic
    dashes, white space of any kind (line breaks, no-break spaces) and invisible format characters (soft
    hyphens, zero-width spaces)."""
    text = unicodedata.normalize("NFKC", raw).translate(_DASHES)
    text = "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")
    lowered = text.lower()
    marker = lowered.find("/verify/")
    if marker >= 0:
        text = re.split(r"[/?#]", text[marker + len("/verify/") :], maxsplit=1)[0]
    elif "/" in text or lowered.startswith(("http:", "https:", "www.")):
        raise InvalidCode(_("this address is not a verification address (those contain /labels/verify/)"))
    return text.strip(_EDGE_PUNCTUATION)


def _never_in_a_code(characters: list[str]) -> str:
    shown = ", ".join(f"“{c}”" if c.isprintable() else f"U+{ord(c):04X}" for c in characters)
    return ngettext(
        "it contains %(characters)s, which never appears in a code",
        "it contains %(characters)s, which never appear in a code",
        len(characters),
    ) % {"characters": shown}


def verification_code_parse(raw: str) -> CodeQuery:
    """Read a typed or pasted code, address, former token or label number; raise InvalidCode if it is none."""
    if len(raw or "") > MAX_INPUT_LENGTH:
        raise InvalidCode(_("it is far too long (a code has 12 characters, like XXXX-XXXX-XXXX)"))
    text = _clean(raw or "")
    if not text:
        raise InvalidCode(_("it is empty: type the 12 characters printed on the certificate (XXXX-XXXX-XXXX)"))
    if len(text) > _MAX_VALUE_LENGTH:
        raise InvalidCode(_("it is too long (a code has 12 characters, like XXXX-XXXX-XXXX)"))
    strange = sorted({c for c in text if not (c.isascii() and (c.isalnum() or c in "-_"))})
    if strange:
        raise InvalidCode(_never_in_a_code(strange))
    compact = text.replace("-", "").upper().translate(_LOOKALIKES)
    if "_" not in text and len(compact) == CODE_LENGTH and all(c in ALPHABET for c in compact):
        if not verification_code_is_consistent(compact):
            raise InvalidCode(
                _(
                    "a character is mistyped (its last character, a check, does not match the others); compare it "
                    "with the certificate again"
                )
            )
        return CodeQuery("code", compact)
    if _LEGACY_TOKEN.fullmatch(text):
        return CodeQuery("legacy", text)
    number = text.upper()
    if _LABEL_NUMBER.fullmatch(number):
        return CodeQuery("number", number, if_unknown=_near_miss(compact, number))
    if "_" in text:
        raise InvalidCode(
            _("“_” appears only in the 32-character codes of older certificates; this one has %(n)s") % {"n": len(text)}
        )
    if len(compact) < CODE_LENGTH:
        raise InvalidCode(_("it is too short (a code has 12 characters, like XXXX-XXXX-XXXX)"))
    raise InvalidCode(_("it is not written like a code (12 characters in groups of four, like XXXX-XXXX-XXXX)"))


def _near_miss(compact: str, number: str) -> str:
    """Why a value that found no label number was not a code either, when it looks like one attempted."""
    if _OFFICIAL_LABEL_NUMBER.fullmatch(number) or not 8 <= len(compact) <= 16 or not compact.isalnum():
        return ""
    unknown = sorted({c for c in compact if c not in ALPHABET})
    if len(compact) == CODE_LENGTH and unknown:
        return _never_in_a_code(unknown)
    return _("a code has 12 characters (XXXX-XXXX-XXXX); this one has %(n)s") % {"n": len(compact)}
