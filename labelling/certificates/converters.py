"""Path converters of the labelling URLs, pages and API alike. A label number or framework code outside these
shapes (a NUL character, which PostgreSQL cannot even compare, included) matches no URL: 404 without a query. A
verification code is taken as typed (any segment) so that the verification page can answer a malformed one itself;
`labelling.certificates.verification_codes` reads it before any query."""

from django.urls import register_converter


class _Converter:
    regex = ""

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class LabelNumberConverter(_Converter):
    """Label numbers like CME-G-DE-2026-00042: upper-case letters, digits and hyphens."""

    regex = "[A-Z0-9][A-Z0-9-]{2,39}"


class TokenConverter(_Converter):
    """What was typed for a certificate's verification code: one path segment, up to the longest input read."""

    regex = "[^/]{1,300}"


class CodeConverter(_Converter):
    """Framework and indicator codes (ECEI-2026, 2.2)."""

    regex = r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}"


register_converter(LabelNumberConverter, "label_number")
register_converter(TokenConverter, "verify_token")
register_converter(CodeConverter, "code")
