"""Path converters of the labelling URLs, pages and API alike. A value outside these shapes (a NUL character, which
PostgreSQL cannot even compare, included) matches no URL: 404 without a query."""

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
    """Verification tokens of certificates."""

    regex = "[A-Za-z0-9_-]{1,64}"


class CodeConverter(_Converter):
    """Framework and indicator codes (ECEI-2026, 2.2)."""

    regex = r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}"


register_converter(LabelNumberConverter, "label_number")
register_converter(TokenConverter, "verify_token")
register_converter(CodeConverter, "code")
